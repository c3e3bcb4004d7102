/**
 * The error summary every form shows at its top after a failed submit (the GOV.UK Design System
 * pattern, docs/architecture.md#steps): a box headed "There is a problem" with one link per field
 * to fix. The form controller focuses the box (it is an alert, so it is read out); a link moves
 * focus to its field after scrolling the field's label into view, as GOV.UK's script does (a
 * fragment link cannot reach into a shadow root by itself).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';

export interface SummaryItem {
  message: string;
  /** The id of the control the link moves focus to (none: a message about the whole form). */
  target?: string;
}

export function errorSummary(
  id: string,
  items: readonly SummaryItem[],
  onLink: (target: string) => void,
): TemplateResult | typeof nothing {
  if (!items.length) return nothing;
  const titleId = `${id}-title`;
  return html`<div
    id=${id}
    part="error-summary"
    class="error-summary-box"
    tabindex="-1"
    aria-labelledby=${titleId}
  >
    <div role="alert">
      <h3 id=${titleId} class="error-summary-title">${msg('There is a problem')}</h3>
      <ul class="error-summary-list">
        ${items.map(({ message, target }) =>
          target
            ? html`<li>
                <a
                  href=${`#${target}`}
                  @click=${(event: Event) => {
                    event.preventDefault();
                    onLink(target);
                  }}
                  >${message}</a
                >
              </li>`
            : html`<li>${message}</li>`,
        )}
      </ul>
    </div>
  </div>`;
}

/** Focuses a form control, its label (or a group's legend) scrolled into view first. */
export function focusControl(scope: ShadowRoot | Element, id: string): boolean {
  const root = scope instanceof ShadowRoot ? scope : (scope.getRootNode() as ShadowRoot);
  const control = root.getElementById(id);
  if (!control) return false;
  const label =
    root.querySelector(`label[for="${CSS.escape(id)}"]`) ??
    control.closest('fieldset')?.querySelector('legend');
  // The label first, so the person sees what the field is (GOV.UK does the same).
  (label ?? control).scrollIntoView({ block: 'nearest' });
  control.focus({ preventScroll: true });
  return true;
}

export const summaryStyles = css`
  .error-summary-box {
    display: grid;
    gap: 0.5rem;
    padding: 1rem;
    border: 3px solid var(--_color-error, #b91c1c);
    border-radius: var(--_radius, 0.375rem);
    overflow-wrap: anywhere;
  }

  .error-summary-box:focus {
    outline: 3px solid var(--_focus-ring, #1d4ed8);
    outline-offset: 2px;
  }

  .error-summary-title {
    margin: 0 0 0.5rem;
    font-size: 1.125rem;
  }

  .error-summary-list {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding-inline-start: 1.25rem;
  }

  .error-summary-list a {
    color: var(--_color-error, #b91c1c);
    font-weight: 600;
  }
`;
