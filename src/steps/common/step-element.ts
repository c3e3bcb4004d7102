/**
 * The base of every step's element (docs/architecture.md#steps): `busy` and `can-go-back` from
 * the shell, the actions bar (progress while busy, Back, the primary action), focus after a
 * render, and the events a step sends the shell (submit, back, announce).
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { localized, msg } from '@lit/localize';
import type { FormHost } from './form-controller.js';
import { StepAnnounceEvent, StepBackEvent, StepSubmitEvent } from './step-events.js';

export interface ActionsOptions {
  /** The primary action's label. */
  primary: string;
  /** What the progress says while `busy` (no progress when absent). */
  busyText?: string | undefined;
  /** Shows the progress (and makes the primary inert) although the shell is not busy. */
  working?: boolean | undefined;
  /** A click handler makes the primary a plain button; without one it submits the form. */
  onPrimary?: (() => void) | undefined;
  /** The primary action is not possible yet (`aria-disabled`), without being busy. */
  inert?: boolean | undefined;
  /** Extra content at the start of the bar (e.g. why Continue is not possible yet). */
  before?: TemplateResult | typeof nothing;
  /** Back within the step (a form's earlier page): Back shows even where the shell has none. */
  onBack?: (() => void) | undefined;
  /** `aria-describedby` of the primary action. */
  describedBy?: string | undefined;
  id?: string | undefined;
}

@localized()
export class StepElement extends LitElement implements FormHost {
  /** A submit is in flight: the primary action does nothing and progress shows. */
  @property({ type: Boolean }) busy = false;

  /** The shell allows going back (a Back button shows). */
  @property({ type: Boolean, attribute: 'can-go-back' }) canGoBack = false;

  #focus: string | undefined;

  /** Focuses the element with this id after the next render (requests one). */
  focusAfterRender(id: string | undefined): void {
    if (!id) return;
    this.#focus = id;
    this.requestUpdate();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const id = this.#focus;
    if (id) {
      this.#focus = undefined;
      this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus();
    }
  }

  /** A message for the shell's polite live region. */
  announce(message: string): void {
    this.dispatchEvent(new StepAnnounceEvent(message));
  }

  /** Sends the step's validated value to the shell (nothing while busy). */
  protected submit<T>(value: T): void {
    if (!this.busy) this.dispatchEvent(new StepSubmitEvent<T>(value));
  }

  protected back(): void {
    if (!this.busy) this.dispatchEvent(new StepBackEvent());
  }

  /** The actions bar: progress while busy, Back when allowed, the primary action. */
  protected renderActions(options: ActionsOptions): TemplateResult {
    const { busyText } = options;
    return html`<div class="actions">
      ${options.before ?? nothing}
      ${
        (this.busy || options.working) && busyText
          ? html`<div class="busy">
              <span id="busy-label" class="muted">${busyText}</span>
              <progress part="progress" aria-labelledby="busy-label"></progress>
            </div>`
          : nothing
      }
      ${
        this.canGoBack || options.onBack
          ? html`<button
              part="button button-secondary"
              class="button button-secondary"
              type="button"
              @click=${options.onBack ?? (() => this.back())}
            >
              ${msg('Back')}
            </button>`
          : nothing
      }
      <button
        id=${options.id ?? nothing}
        part="button button-primary"
        class="button button-primary"
        type=${options.onPrimary ? 'button' : 'submit'}
        aria-disabled=${this.busy || options.inert || options.working ? 'true' : 'false'}
        aria-describedby=${options.describedBy ?? nothing}
        @click=${options.onPrimary ?? nothing}
      >
        ${options.primary}
      </button>
    </div>`;
  }
}
