/**
 * Theme tokens. Public `--finhub-*` custom properties (set by the host) feed private `--_*`
 * properties with defaults; everything inside the shadow roots reads only the `--_*` ones, which
 * inherit into the step elements.
 *
 * Default colours meet WCAG 2.2 AA on their surface: text and error/success text ≥ 4.5:1,
 * borders and the focus ring ≥ 3:1 (see test/components/theme.test.ts).
 */
import { css } from 'lit';

const light = css`
  --_color-primary: var(--finhub-color-primary, #1d4ed8);
  --_color-on-primary: var(--finhub-color-on-primary, #ffffff);
  --_color-text: var(--finhub-color-text, #1f2937);
  --_color-muted: var(--finhub-color-muted, #4b5563);
  --_color-surface: var(--finhub-color-surface, #ffffff);
  --_color-border: var(--finhub-color-border, #6b7280);
  --_color-error: var(--finhub-color-error, #b91c1c);
  --_color-success: var(--finhub-color-success, #15803d);
  --_focus-ring: var(--finhub-focus-ring, #1d4ed8);
  color-scheme: light;
`;

const dark = css`
  --_color-primary: var(--finhub-color-primary, #93c5fd);
  --_color-on-primary: var(--finhub-color-on-primary, #111827);
  --_color-text: var(--finhub-color-text, #f9fafb);
  --_color-muted: var(--finhub-color-muted, #d1d5db);
  --_color-surface: var(--finhub-color-surface, #111827);
  --_color-border: var(--finhub-color-border, #9ca3af);
  --_color-error: var(--finhub-color-error, #fca5a5);
  --_color-success: var(--finhub-color-success, #86efac);
  --_focus-ring: var(--finhub-focus-ring, #93c5fd);
  color-scheme: dark;
`;

export const themeStyles = css`
  :host {
    ${light}
    --_font-family: var(--finhub-font-family, inherit);
    --_radius: var(--finhub-radius, 0.375rem);
    --_spacing: var(--finhub-spacing, 1rem);
    --_control-height: var(--finhub-control-height, 2.75rem);
    /* Spacing scale: steps of a quarter of the base unit. */
    --_space-1: calc(var(--_spacing) * 0.25);
    --_space-2: calc(var(--_spacing) * 0.5);
    --_space-3: calc(var(--_spacing) * 0.75);
    --_space-4: var(--_spacing);
    --_space-5: calc(var(--_spacing) * 1.25);
    --_space-6: calc(var(--_spacing) * 1.5);
    --_space-8: calc(var(--_spacing) * 2);
    /* Type scale. */
    --_text-small: var(--finhub-font-size-small, 0.875rem);
    --_text-body: var(--finhub-font-size, 1rem);
    --_text-section: var(--finhub-font-size-section, 1.125rem);
    --_text-heading: var(--finhub-font-size-heading, 1.5rem);
    /* Tracks and quiet fills (the progress bar, a chosen option): the border, faded. */
    --_color-track: color-mix(in srgb, var(--_color-border) 30%, var(--_color-surface));
    --_color-tint: color-mix(in srgb, var(--_color-primary) 10%, var(--_color-surface));
    font-size: var(--_text-body);
  }

  :host([theme='dark']) {
    ${dark}
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
`;
