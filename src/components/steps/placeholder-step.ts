import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { baseStyles } from '../../styles/shared-styles.js';
import { StepBackEvent, StepSubmitEvent } from './step-events.js';

/**
 * Stands in for steps whose screens come later (verification, documents, consents, activation,
 * organization details): lets the flow be walked end to end.
 *
 * @internal
 */
@localized()
export class FinHubPlaceholderStep extends LitElement {
  static override styles = [baseStyles];

  @property({ type: Boolean }) busy = false;

  @property({ type: Boolean, attribute: 'can-go-back' }) canGoBack = false;

  override render() {
    return html`
      <p class="muted">
        ${msg('This part of the onboarding is not available in this version yet.')}
      </p>
      <div class="actions">
        ${
          this.canGoBack
            ? html`<button
                part="button button-secondary"
                class="button button-secondary"
                type="button"
                @click=${() => !this.busy && this.dispatchEvent(new StepBackEvent())}
              >
                ${msg('Back')}
              </button>`
            : nothing
        }
        <button
          part="button button-primary"
          class="button button-primary"
          type="button"
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${() => !this.busy && this.dispatchEvent(new StepSubmitEvent<null>(null))}
        >
          ${msg('Continue')}
        </button>
      </div>
    `;
  }
}
