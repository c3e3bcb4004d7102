import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { msg } from '@lit/localize';
import type { SessionCredentials } from '../../flow/backend.js';
import { lockIcon } from '../../styles/icons.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { inputStyles } from '../../styles/input-styles.js';
import { FormController } from '../common/form-controller.js';
import { summaryStyles } from '../common/error-summary.js';
import { fieldStyles, inputField, passwordToggle } from '../common/form-fields.js';
import { StepElement } from '../common/step-element.js';
import {
  SIGN_IN_FIELDS,
  validateSignIn,
  type SignInField,
  type SignInValues,
} from './sign-in.schema.js';

/**
 * Resume sign-in (docs/finhub-contract.md#customer-session): a person who registered earlier signs
 * in with email and password, and the flow continues where they left off. Sends a
 * `StepSubmitEvent<SessionCredentials>`; the shell passes FinHub's refusal back as `error`.
 *
 * @internal
 */
export class FinHubSignInStep extends StepElement {
  static override styles = [baseStyles, formStyles, inputStyles, fieldStyles, summaryStyles];

  /** The email to start from (what the person registered with, when known). */
  @property() email = '';

  /** Why FinHub refused the last attempt (wrong password, locked account), shown on the form. */
  @property() error = '';

  /** Checking the readiness after signing in: progress instead of the form's button. */
  @property({ type: Boolean }) locating = false;

  @state() private _showPassword = false;

  readonly #form = new FormController<SignInField, SignInValues>(this, {
    fields: SIGN_IN_FIELDS,
    empty: () => ({ email: '', password: '' }),
    validate: validateSignIn,
  });

  #initialized = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.#initialized) {
      this.#initialized = true;
      this.#form.fill({ email: this.email });
    }
    // FinHub's refusal (wrong password, locked account) is said on the password, in the summary.
    if (changed.has('error')) this.#form.showServer(this.error ? { password: [this.error] } : {});
  }

  override render() {
    const form = this.#form;
    const input = (field: SignInField, label: string, type: string, autocomplete: string) =>
      inputField({
        id: field,
        label,
        type,
        autocomplete,
        value: form.values[field],
        errors: form.errorsFor(field),
        onInput: this.#onInput,
        onBlur: form.onBlur,
      });
    return html`
      <p class="with-icon">
        ${lockIcon()}
        <span
          >${msg(
            'Welcome back. Sign in with the email and password you registered with to continue where you left off.',
          )}</span
        >
      </p>
      <form part="form" novalidate @submit=${this.#onSubmit}>
        ${form.summary()} ${input('email', msg('Email'), 'email', 'username')}
        ${input(
          'password',
          msg('Password'),
          this._showPassword ? 'text' : 'password',
          'current-password',
        )}
        ${passwordToggle(
          this._showPassword,
          ['password'],
          () => (this._showPassword = !this._showPassword),
          msg('Show password'),
        )}
        ${this.renderActions({
          primary: msg('Sign in'),
          busyText: this.locating ? msg('Finding where you left off…') : msg('Signing you in…'),
          working: this.locating,
        })}
      </form>
    `;
  }

  #onInput = (event: Event): void => {
    this.#form.onInput(event);
    // The person is changing what FinHub refused: its verdict no longer applies.
    if (this.error) this.error = '';
  };

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (this.busy || this.locating) return;
    const values = this.#form.submit();
    if (values)
      this.submit<SessionCredentials>({ username: values.email, password: values.password });
  }
}
