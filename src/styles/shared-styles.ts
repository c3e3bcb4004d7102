/**
 * Styles shared by the shell and the step elements: controls, buttons, messages. They read the
 * private `--_*` tokens that `themeStyles` defines on `<finhub-onboarding>` (custom properties
 * inherit into the steps' shadow roots); the fallbacks keep a step legible on its own.
 */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--_font-family, inherit);
    color: var(--_color-text, #1f2937);
    /* Reflow at 320 px (WCAG 1.4.10): a long email, name or address breaks where it must instead
       of widening its grid track and pushing the controls off screen. */
    overflow-wrap: anywhere;
    min-width: 0;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  [hidden] {
    display: none !important;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  :focus-visible {
    outline: 3px solid var(--_focus-ring, #1d4ed8);
    outline-offset: 2px;
  }

  p {
    margin: 0 0 calc(var(--_spacing, 1rem) * 0.75);
  }

  .muted {
    color: var(--_color-muted, #4b5563);
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: var(--_control-height, 2.75rem);
    min-width: var(--_control-height, 2.75rem);
    padding: 0 calc(var(--_spacing, 1rem) * 1.25);
    border: 2px solid var(--_color-primary, #1d4ed8);
    border-radius: var(--_radius, 0.375rem);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  .button-primary {
    background: var(--_color-primary, #1d4ed8);
    color: var(--_color-on-primary, #ffffff);
  }

  /* Quieter than the one filled primary action per screen: a thin neutral outline. */
  .button-secondary {
    background: transparent;
    color: var(--_color-primary, #1d4ed8);
    border-width: 1px;
    border-color: var(--_color-border, #6b7280);
    font-weight: 500;
  }

  .button-secondary:hover {
    background: var(--_color-tint, transparent);
  }

  .button-primary:hover {
    filter: brightness(1.08);
  }

  .icon {
    flex: none;
    vertical-align: -0.125em;
  }

  /* Busy: dimmed only so far that its text keeps 4.5:1 (0.75 fell to 4:1 on the default blue). */
  .button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.85;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_spacing, 1rem) * 0.75);
    justify-content: space-between;
    align-items: center;
    margin-top: calc(var(--_spacing, 1rem) * 1.5);
  }

  .actions .button-primary {
    margin-inline-start: auto;
  }

  /* The actions bar's progress while a step is busy (StepElement). */
  .busy {
    display: grid;
    gap: 0.25rem;
    flex: 1 1 100%;
  }

  progress {
    accent-color: var(--_color-primary, #1d4ed8);
    width: 100%;
    height: 0.5rem;
  }
`;

/** A form's frame and messages: all the categorization step's choice needs (issue 17: the first step's chunk carries no more). */
export const formStyles = css`
  form {
    display: grid;
    gap: var(--_spacing, 1rem);
  }

  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }

  legend {
    padding: 0;
    margin-bottom: calc(var(--_spacing, 1rem) * 0.5);
    font-weight: 600;
  }

  label {
    font-weight: 600;
  }

  .hint {
    color: var(--_color-muted, #4b5563);
    font-size: 0.9375em;
    margin: 0;
  }

  .field-error {
    display: grid;
    gap: 0.125rem;
    margin: 0;
    color: var(--_color-error, #b91c1c);
    font-weight: 600;
  }

  /* Marks errors with a sign as well as colour (a circled "!", like the banner's icon). */
  .field-error > span::before {
    content: '!' / '';
    display: inline-grid;
    place-items: center;
    width: 1.125em;
    height: 1.125em;
    margin-inline-end: 0.375em;
    border: 2px solid currentColor;
    border-radius: 50%;
    font-size: 0.8em;
    font-weight: 700;
    line-height: 1;
    vertical-align: 0.1em;
  }
`;
