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
