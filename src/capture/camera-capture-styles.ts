/** Styles of `<finhub-camera-capture>`: the preview with its frame, the photo, the actions. */
import { css } from 'lit';
import { baseStyles } from '../styles/shared-styles.js';

export const cameraCaptureStyles = [
  baseStyles,
  css`
    :host {
      display: block;
    }

    .capture {
      display: grid;
      gap: calc(var(--_spacing, 1rem) * 0.75);
    }

    .title {
      margin: 0;
      font-weight: 600;
      font-size: 1.0625em;
    }

    .title:focus {
      outline: none;
    }

    .title:focus-visible {
      outline: 3px solid var(--_focus-ring, #1d4ed8);
    }

    .viewport {
      position: relative;
      overflow: hidden;
      aspect-ratio: 16 / 9;
      max-height: 70vh;
      border-radius: var(--_radius, 0.375rem);
      background: #111827;
    }

    .viewport.portrait {
      aspect-ratio: 9 / 16;
      margin-inline: auto;
    }

    video,
    .viewport img {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: contain;
    }

    /* The outline to line the document up with; everything around it is dimmed. */
    .frame {
      position: absolute;
      inset: 0;
      margin: auto;
      width: 84%;
      max-height: 84%;
      aspect-ratio: 85.6 / 54;
      border: 3px solid #ffffff;
      border-radius: calc(var(--_radius, 0.375rem) * 2);
      box-shadow: 0 0 0 100vmax rgb(0 0 0 / 0.45);
      pointer-events: none;
    }

    .frame.passport {
      aspect-ratio: 125 / 88;
    }

    .frame.page {
      width: auto;
      height: 84%;
      aspect-ratio: 210 / 297;
    }

    .photo {
      display: block;
      max-width: 100%;
      max-height: 60vh;
      margin-inline: auto;
      border-radius: var(--_radius, 0.375rem);
      border: 1px solid var(--_color-border, #6b7280);
    }

    .message {
      margin: 0;
    }

    .problem {
      margin: 0;
      padding: 0.5rem 0.75rem;
      border-inline-start: 4px solid var(--_color-error, #b91c1c);
      color: var(--_color-error, #b91c1c);
      font-weight: 600;
    }

    .problem::before {
      content: '! ' / '';
      font-weight: 700;
    }

    .actions {
      margin-top: 0;
    }

    /* The file input is visually hidden inside its label, which looks like a button. */
    .picker {
      position: relative;
    }

    .picker:focus-within {
      outline: 3px solid var(--_focus-ring, #1d4ed8);
      outline-offset: 2px;
    }
  `,
];
