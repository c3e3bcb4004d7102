/** Layout of `<finhub-onboarding>` itself: container, header, stepper, banner. */
import { css } from 'lit';

export const shellStyles = css`
  :host {
    display: block;
    font-family: var(--_font-family);
    color: var(--_color-text);
    line-height: 1.5;
    overflow-wrap: anywhere; /* see baseStyles: reflow at 320 px */
  }

  .container > * {
    min-width: 0;
  }

  .container {
    display: grid;
    gap: calc(var(--_spacing) * 1.25);
    padding: calc(var(--_spacing) * 1.5);
    background: var(--_color-surface);
    color: var(--_color-text);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }

  .header {
    display: grid;
    gap: 0.25rem;
  }

  .title {
    margin: 0;
    font-size: 1.125em;
    font-weight: 700;
  }

  .stepper {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
    counter-reset: step;
  }

  .step {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    color: var(--_color-muted);
  }

  .marker {
    display: inline-grid;
    place-items: center;
    width: 1.75rem;
    height: 1.75rem;
    border-radius: 50%;
    border: 2px dashed var(--_color-border);
    font-size: 0.875em;
    font-weight: 700;
  }

  /* State shows by shape, weight and text, not only by colour. */
  .step.complete .marker {
    border-style: solid;
    border-color: var(--_color-success);
    color: var(--_color-success);
  }

  .step.current {
    color: var(--_color-text);
    font-weight: 700;
  }

  .step.current .label {
    text-decoration: underline;
    text-decoration-thickness: 2px;
    text-underline-offset: 0.3em;
  }

  .step.current .marker {
    border-style: solid;
    border-color: var(--_color-primary);
    background: var(--_color-primary);
    color: var(--_color-on-primary);
  }

  .heading {
    margin: 0;
    font-size: 1.375em;
    line-height: 1.3;
  }

  .heading:focus {
    outline: none;
  }

  .heading:focus-visible {
    outline: 3px solid var(--_focus-ring);
    outline-offset: 4px;
  }

  .banner {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
    padding: 0.75rem 1rem;
    border: 2px solid var(--_color-error);
    border-inline-start-width: 6px;
    border-radius: var(--_radius);
  }

  .banner-message {
    margin: 0;
    font-weight: 600;
  }

  .done {
    color: var(--_color-success);
    font-weight: 600;
  }

  .account {
    display: grid;
    gap: 0.5rem;
    margin: 0;
  }

  .account dt {
    color: var(--_color-muted);
  }

  .account dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .iban {
    font-family: ui-monospace, monospace;
    letter-spacing: 0.05em;
  }
`;
