/** The people step's styles: its sections, their lists and row forms. */
import { css } from 'lit';

export const personnelStyles = css`
  :host {
    display: block;
  }

  .content {
    display: grid;
    gap: calc(var(--_spacing, 1rem) * 2);
  }

  section {
    display: grid;
    gap: calc(var(--_spacing, 1rem) * 0.75);
  }

  h3,
  h4 {
    margin: 0;
    font-size: 1.125em;
  }

  h4 {
    font-size: 1em;
  }

  .rows {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    justify-content: space-between;
    align-items: center;
    padding: 0.75rem;
    border: 1px solid var(--_color-border, #6b7280);
    border-radius: var(--_radius, 0.375rem);
  }

  .row-main {
    display: grid;
    gap: 0.25rem;
  }

  .row-name {
    font-weight: 600;
  }

  .row-actions {
    display: flex;
    gap: 0.5rem;
  }

  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }

  .badge {
    display: inline-block;
    padding: 0.125rem 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_color-primary, #1d4ed8);
  }

  .row-form {
    display: grid;
    gap: var(--_spacing, 1rem);
    padding: var(--_spacing, 1rem);
    border: 2px solid var(--_color-border, #6b7280);
    border-radius: var(--_radius, 0.375rem);
  }

  .row-form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }

  .add {
    justify-self: start;
  }

  .total {
    font-weight: 600;
    margin: 0;
  }

  .owner-flag {
    margin: 0;
  }

  .problem:focus {
    outline: 3px solid var(--_focus-ring, #1d4ed8);
    outline-offset: 2px;
  }
`;
