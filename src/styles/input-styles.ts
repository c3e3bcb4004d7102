/**
 * Text fields and selects in a grid, and the error summary: every form after the first step. A
 * module of its own, so the first step's chunk (the categorization step uses `formStyles` only)
 * does not carry them (issue 17); a `css` literal stays with its module's chunk.
 */
import { css } from 'lit';

export const inputStyles = css`
  .grid {
    display: grid;
    gap: var(--_spacing, 1rem);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
  }

  .field {
    display: grid;
    gap: 0.375rem;
    align-content: start;
  }

  input,
  select {
    width: 100%;
    min-height: var(--_control-height, 2.75rem);
    padding: 0 0.75rem;
    border: 1px solid var(--_color-border, #6b7280);
    border-radius: var(--_radius, 0.375rem);
    background: var(--_color-surface, #ffffff);
    color: var(--_color-text, #1f2937);
    font: inherit;
  }

  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border: 2px solid var(--_color-error, #b91c1c);
  }

  .error-summary {
    border-inline-start: 4px solid var(--_color-error, #b91c1c);
    padding: 0.5rem 0.75rem;
  }
`;
