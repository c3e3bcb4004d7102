import { css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { msg, str } from '@lit/localize';
import type { FlowKind } from '../../flow/types.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { inputStyles } from '../../styles/input-styles.js';
import { FormController } from '../common/form-controller.js';
import { summaryStyles } from '../common/error-summary.js';
import { inputField } from '../common/form-fields.js';
import { StepElement } from '../common/step-element.js';
import type { ActivationPhase } from './activation.step.js';
import { validateActivationCode, type ActivationCodeValues } from './activation-code.schema.js';

/** Whose account could not be verified: a person's or a company's. */
const NOT_VERIFIED: Record<FlowKind, () => string> = {
  individual: () => msg('We could not verify your identity'),
  organization: () => msg('We could not verify the company'),
};

/**
 * Activation
 * (docs/finhub-contract.md#readiness-check, #individual-activation, #organization-activation):
 * while FinHub reviews the documents, a pending state the flow keeps checking; a rejection,
 * plainly; once activation is allowed, the code from the email. Sends a `StepSubmitEvent<string>`
 * with the code. An organization then shows its wallet being provisioned (`provisioning`,
 * docs/finhub-contract.md#organization-activation `ACTIVATING`) until the flow finishes.
 *
 * @internal
 */
export class FinHubActivationStep extends StepElement {
  static override styles = [
    baseStyles,
    formStyles,
    inputStyles,
    summaryStyles,
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
    `,
  ];

  @property() phase: ActivationPhase = 'checking';

  /** Where the code was sent. */
  @property() email = '';

  /** FinHub refused the last code. */
  @property({ type: Boolean, attribute: 'code-rejected' }) codeRejected = false;

  /** Whose account: a person's or a company's (wording only). */
  @property() flow: FlowKind = 'individual';

  readonly #form = new FormController<'code', ActivationCodeValues>(this, {
    fields: ['code'],
    empty: () => ({ code: '' }),
    validate: validateActivationCode,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('codeRejected') && this.codeRejected) {
      this.#form.showServer({
        code: [msg('This code is not correct. Check the email we sent you and try again.')],
      });
    }
  }

  override render() {
    switch (this.phase) {
      case 'checking':
      case 'pending':
        return this.#waiting(
          'pending-label',
          msg('We’re verifying your documents…'),
          msg(
            'This usually takes a few minutes. Keep this page open: we check automatically and ask for your activation code as soon as you are verified.',
          ),
        );
      case 'provisioning':
        return this.#waiting(
          'provisioning-label',
          msg('The company account is activated.'),
          msg(
            'We are setting up its wallet and IBAN. This usually takes a moment: keep this page open.',
          ),
        );
      case 'rejected':
        return this.#outcome(
          NOT_VERIFIED[this.flow](),
          msg(
            'Your documents were not approved, so this account cannot be activated. Please contact support to find out what to do next.',
          ),
        );
      case 'blocked':
        return this.#outcome(
          msg('This account cannot be activated here'),
          msg(
            'It may already be active, or something needs a manual check. Please contact support.',
          ),
        );
      case 'ready':
        return this.#renderForm();
    }
  }

  /** Waiting for FinHub (its review, a company's wallet): said politely, with progress. */
  #waiting(id: string, lead: string, text: string) {
    return html`<div class="pending" role="status">
      <p id=${id} class="lead">${lead}</p>
      <p class="muted">${text}</p>
      <progress part="progress" aria-labelledby=${id}></progress>
    </div>`;
  }

  /** A decision the person cannot change here: said at once (an alert). */
  #outcome(lead: string, text: string) {
    return html`<div class="outcome" role="alert">
      <p class="lead">${lead}</p>
      <p>${text}</p>
    </div>`;
  }

  #renderForm() {
    const email = this.email;
    return html`
      <p class="lead">${msg('Your documents are verified.')}</p>
      <form part="form" novalidate @submit=${this.#onSubmit}>
        ${this.#form.summary()}
        ${inputField({
          id: 'code',
          label: msg('Activation code'),
          hint: email
            ? msg(str`We emailed the code to ${email}.`)
            : msg('We emailed the code to the address you registered with.'),
          autocomplete: 'one-time-code',
          autocapitalize: 'characters',
          spellcheck: false,
          value: this.#form.values.code,
          errors: this.#form.errorsFor('code'),
          onInput: this.#onInput,
          onBlur: this.#form.onBlur,
        })}
        ${this.renderActions({
          primary: msg('Activate account'),
          busyText: msg('Activating your account…'),
        })}
      </form>
    `;
  }

  #onInput = (event: Event): void => {
    this.#form.onInput(event);
    // The person is correcting it: FinHub's verdict was about the previous code.
    if (this.codeRejected) this.codeRejected = false;
  };

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (this.busy) return;
    this.codeRejected = false;
    this.#form.showServer({}); // FinHub's verdict was about the code sent before
    const values = this.#form.submit();
    if (values) this.submit<string>(values.code);
  }
}
