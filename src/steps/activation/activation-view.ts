import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import type { ActivationPhase } from './activation.step.js';
import type { FlowKind } from '../../flow/types.js';
import { validateActivationCode } from './activation-code.schema.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { StepAnnounceEvent, StepSubmitEvent } from '../shared/step-events.js';

/**
 * Activation (finhub-api.md §5.5, §5.6, §7.8): while FinHub reviews the documents, a pending state
 * the flow keeps checking; a rejection, plainly; once activation is allowed, the code from the
 * email. Sends a `StepSubmitEvent<string>` with the code. An organization then shows its wallet
 * being provisioned (`provisioning`, §7.8 `ACTIVATING`) until the flow finishes.
 *
 * @internal
 */
@localized()
export class FinHubActivationStep extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      .pending,
      .outcome {
        display: grid;
        gap: 0.5rem;
      }

      .outcome {
        border-inline-start: 4px solid var(--_color-error, #b91c1c);
        padding: 0.5rem 0.75rem;
      }

      .lead {
        font-weight: 600;
        margin: 0;
      }

      .busy {
        display: grid;
        gap: 0.25rem;
        flex: 1 1 100%;
      }
    `,
  ];

  @property() phase: ActivationPhase = 'checking';

  /** Where the code was sent. */
  @property() email = '';

  /** FinHub refused the last code. */
  @property({ type: Boolean, attribute: 'code-rejected' }) codeRejected = false;

  @property({ type: Boolean }) busy = false;

  /** Whose account: a person's or a company's (wording only). */
  @property() flow: FlowKind = 'individual';

  @state() private _code = '';
  @state() private _touched = false;
  @state() private _submitted = false;

  #focusCode = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('codeRejected') && this.codeRejected) this.#focusCode = true;
  }

  protected override updated(): void {
    if (this.#focusCode) {
      this.#focusCode = false;
      this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
    }
  }

  override render() {
    switch (this.phase) {
      case 'checking':
      case 'pending':
        return this.#pending();
      case 'provisioning':
        return html`<div class="pending" role="status">
          <p id="provisioning-label" class="lead">${msg('The company account is activated.')}</p>
          <p class="muted">
            ${msg(
              'We are setting up its wallet and IBAN. This usually takes a moment: keep this page open.',
            )}
          </p>
          <progress part="progress" aria-labelledby="provisioning-label"></progress>
        </div>`;
      case 'rejected':
        return html`<div class="outcome" role="alert">
          <p class="lead">
            ${
              this.flow === 'organization'
                ? msg('We could not verify the company')
                : msg('We could not verify your identity')
            }
          </p>
          <p>
            ${msg(
              'Your documents were not approved, so this account cannot be activated. Please contact support to find out what to do next.',
            )}
          </p>
        </div>`;
      case 'blocked':
        return html`<div class="outcome" role="alert">
          <p class="lead">${msg('This account cannot be activated here')}</p>
          <p>
            ${msg(
              'It may already be active, or something needs a manual check. Please contact support.',
            )}
          </p>
        </div>`;
      case 'ready':
        return this.#form();
    }
  }

  #pending() {
    return html`<div class="pending" role="status">
      <p id="pending-label" class="lead">${msg('We’re verifying your documents…')}</p>
      <p class="muted">
        ${msg(
          'This usually takes a few minutes. Keep this page open: we check automatically and ask for your activation code as soon as you are verified.',
        )}
      </p>
      <progress part="progress" aria-labelledby="pending-label"></progress>
    </div>`;
  }

  #errors(): string[] {
    if (this.codeRejected) {
      return [msg('This code is not correct. Check the email we sent you and try again.')];
    }
    if (!this._submitted && !this._touched) return [];
    return validateActivationCode({ code: this._code }).errors.code ?? [];
  }

  #form() {
    const errors = this.#errors();
    const email = this.email;
    return html`
      <p class="lead">${msg('Your documents are verified.')}</p>
      <form part="form" novalidate @submit=${this.#onSubmit}>
        <div part="field" class="field">
          <label part="label" for="code">${msg('Activation code')}</label>
          <p id="code-hint" class="hint">
            ${
              email
                ? msg(str`We emailed the code to ${email}.`)
                : msg('We emailed the code to the address you registered with.')
            }
          </p>
          <input
            part="input"
            id="code"
            name="code"
            type="text"
            autocomplete="one-time-code"
            autocapitalize="characters"
            spellcheck="false"
            required
            aria-invalid=${errors.length ? 'true' : 'false'}
            aria-describedby=${errors.length ? 'code-hint code-error' : 'code-hint'}
            .value=${live(this._code)}
            @input=${this.#onInput}
            @blur=${() => (this._touched = true)}
          />
          ${
            errors.length
              ? html`<p id="code-error" part="field-error" class="field-error">
                  ${errors.map((message) => html`<span>${message}</span>`)}
                </p>`
              : nothing
          }
        </div>
        <div class="actions">
          ${
            this.busy
              ? html`<div class="busy">
                  <span id="busy-label" class="muted">${msg('Activating your account…')}</span>
                  <progress part="progress" aria-labelledby="busy-label"></progress>
                </div>`
              : nothing
          }
          <button
            part="button button-primary"
            class="button button-primary"
            type="submit"
            aria-disabled=${this.busy ? 'true' : 'false'}
          >
            ${msg('Activate account')}
          </button>
        </div>
      </form>
    `;
  }

  #onInput = (event: Event): void => {
    this._code = (event.target as HTMLInputElement).value; // bound on the code input only
    // The person is correcting it: FinHub's verdict was about the previous code.
    if (this.codeRejected) this.codeRejected = false;
  };

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (this.busy) return;
    this._submitted = true;
    this.codeRejected = false;
    const result = validateActivationCode({ code: this._code });
    if (!result.success) {
      this.#focusCode = true;
      this.requestUpdate(); // focus after the render, even when nothing else changed
      this.dispatchEvent(new StepAnnounceEvent(result.errors.code?.[0] ?? ''));
      return;
    }
    this.dispatchEvent(new StepSubmitEvent<string>(result.values.code));
  }
}
