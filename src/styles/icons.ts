/**
 * Small inline icons (24×24 grid, drawn with `currentColor`, 1em square), for the steps' own
 * screens (the shell draws its marks in CSS, so the first render carries no icon). Decorative:
 * each is hidden from assistive technology, the text beside it says the same.
 */
import { html, svg, type TemplateResult } from 'lit';

const icon = (paths: ReturnType<typeof svg>, cls: string): TemplateResult =>
  html`<svg
    class=${`icon ${cls}`}
    viewBox="0 0 24 24"
    width="1em"
    height="1em"
    fill="none"
    stroke="currentColor"
    stroke-width="2.25"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    ${paths}
  </svg>`;

/** Done. */
export const checkIcon = () => icon(svg`<path d="M5 12.5l4.5 4.5L19 7.5" />`, 'icon-check');

/** Something needs attention. */
export const errorIcon = () =>
  icon(
    svg`<circle cx="12" cy="12" r="9.5" /><path d="M12 7v6" /><path d="M12 16.5v.5" />`,
    'icon-error',
  );

/** A document to provide. */
export const documentIcon = () =>
  icon(
    svg`<path d="M14 3H6.5A1.5 1.5 0 0 0 5 4.5v15A1.5 1.5 0 0 0 6.5 21h11a1.5 1.5 0 0 0 1.5-1.5V8z" /><path d="M14 3v5h5" /><path d="M9 13h6M9 17h6" />`,
    'icon-document',
  );

/** Private, kept safe. */
export const lockIcon = () =>
  icon(
    svg`<rect x="5" y="10.5" width="14" height="10" rx="1.5" /><path d="M8 10.5V7a4 4 0 0 1 8 0v3.5" />`,
    'icon-lock',
  );

/** Copy to the clipboard. */
export const copyIcon = () =>
  icon(
    svg`<rect x="9" y="9" width="11" height="11" rx="1.5" /><path d="M5 15H4.5A1.5 1.5 0 0 1 3 13.5v-9A1.5 1.5 0 0 1 4.5 3h9A1.5 1.5 0 0 1 15 4.5V5" />`,
    'icon-copy',
  );
