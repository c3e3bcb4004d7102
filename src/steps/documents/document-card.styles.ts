/**
 * The document card's styles (document-card.ts). The card renders into the documents step's
 * shadow root, so the step adopts these with its own.
 */
import { css } from 'lit';

export const documentCardStyles = css`
  .card {
    display: grid;
    gap: calc(var(--_spacing, 1rem) * 0.75);
    padding: var(--_spacing, 1rem);
    border: 1px solid var(--_color-border, #6b7280);
    border-radius: var(--_radius, 0.375rem);
  }

  .card.done {
    border: 2px solid var(--_color-success, #15803d);
  }

  .card.failed {
    border: 2px solid var(--_color-error, #b91c1c);
  }

  h3 {
    margin: 0;
    font-size: 1.0625em;
  }

  .card .hint {
    margin: 0;
  }

  .limits {
    font-weight: 600;
  }

  .types {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
  }

  .type {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }

  .type input {
    width: 1.25rem;
    height: 1.25rem;
    min-height: 0;
    margin: 0;
    accent-color: var(--_color-primary, #1d4ed8);
  }

  .type label {
    font-weight: 400;
  }

  .pickers {
    display: grid;
    gap: 0.5rem;
  }

  .dropzone {
    position: relative;
    display: grid;
    justify-items: center;
    gap: 0.25rem;
    padding: calc(var(--_spacing, 1rem) * 1.25) var(--_spacing, 1rem);
    border: 2px dashed var(--_color-border, #6b7280);
    border-radius: var(--_radius, 0.375rem);
    text-align: center;
    font-weight: 400;
    cursor: pointer;
  }

  .dropzone .action {
    color: var(--_color-primary, #1d4ed8);
    font-weight: 600;
    text-decoration: underline;
  }

  .dropzone.drag-over {
    border-style: solid;
    border-color: var(--_color-primary, #1d4ed8);
    background: color-mix(in srgb, var(--_color-primary, #1d4ed8) 8%, transparent);
  }

  .dropzone:has(input:focus-visible),
  .camera:has(input:focus-visible) {
    outline: 3px solid var(--_focus-ring, #1d4ed8);
    outline-offset: 2px;
  }

  /* "Take a photo" is for phones and tablets; a mouse-only device has the file picker. */
  @media not (any-pointer: coarse) {
    .camera {
      display: none;
    }
  }

  .file {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    gap: 0.75rem;
  }

  .thumb {
    width: 4rem;
    height: 4rem;
    object-fit: cover;
    border: 1px solid var(--_color-border, #6b7280);
    border-radius: var(--_radius, 0.375rem);
  }

  .file-icon {
    color: var(--_color-muted, #4b5563);
  }

  .file-meta {
    display: grid;
    min-width: 0;
  }

  .file-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .status {
    margin: 0;
  }

  .uploaded {
    margin: 0;
    color: var(--_color-success, #15803d);
    font-weight: 600;
  }

  .uploaded::before {
    content: '✓ ' / '';
  }

  .card-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
`;
