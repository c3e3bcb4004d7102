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
    gap: var(--_space-5);
    padding: var(--_space-6);
    background: var(--_color-surface);
    color: var(--_color-text);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }

  /* Narrow (a phone): no box around the whole thing, so the width goes to the content. */
  :host {
    container-type: inline-size;
  }

  @container (max-width: 30rem) {
    .container {
      padding: var(--_space-4) var(--_space-3);
      border-color: transparent;
    }
  }

  .header {
    display: grid;
    gap: var(--_space-1);
  }

  .title {
    margin: 0;
    font-size: var(--_text-section);
    font-weight: 700;
  }

  .progress {
    display: grid;
    gap: var(--_space-2);
  }

  .progress-summary {
    margin: 0;
    color: var(--_color-muted);
    font-size: var(--_text-small);
    font-weight: 600;
  }

  .progress-bar {
    appearance: none;
    display: block;
    width: 100%;
    height: 0.25rem;
    border: 0;
    border-radius: 0.25rem;
    background: var(--_color-track);
    overflow: hidden;
  }

  .progress-bar::-webkit-progress-bar {
    background: var(--_color-track);
  }

  .progress-bar::-webkit-progress-value {
    background: var(--_color-primary);
  }

  .progress-bar::-moz-progress-bar {
    background: var(--_color-primary);
  }

  .progress-steps summary {
    justify-self: start;
    width: max-content;
    max-width: 100%;
    color: var(--_color-primary);
    font-size: var(--_text-small);
    font-weight: 600;
    cursor: pointer;
  }

  .stepper {
    display: grid;
    gap: var(--_space-2);
    margin: var(--_space-3) 0 0;
    padding: 0;
    list-style: none;
  }

  .step {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    color: var(--_color-muted);
  }

  .marker {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 1.5rem;
    height: 1.5rem;
    border-radius: 50%;
    border: 2px dashed var(--_color-border);
    font-size: var(--_text-small);
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

  .step.current .marker {
    border-style: solid;
    border-color: var(--_color-primary);
    background: var(--_color-primary);
    color: var(--_color-on-primary);
  }

  .heading {
    justify-self: start;
    margin: 0;
    font-size: var(--_text-heading);
    line-height: 1.3;
  }

  /* Focus lands here when the person moves on (so a screen reader starts at the new step): a
     visible cue under the words, not a box around the whole row. */
  .heading:focus,
  .heading:focus-visible {
    outline: none;
  }

  .heading:focus-visible {
    text-decoration: underline 3px var(--_focus-ring);
    text-underline-offset: 0.3em;
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

  /* A sign as well as colour: a circled "!" like the fields' errors. */
  .banner-message::before {
    content: '!' / '';
    display: inline-grid;
    place-items: center;
    width: 1.25em;
    height: 1.25em;
    margin-inline-end: 0.5em;
    border: 2px solid var(--_color-error);
    border-radius: 50%;
    color: var(--_color-error);
    font-size: 0.85em;
    line-height: 1;
  }
`;
