import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg } from '@lit/localize';
import {
  SIGN_IN_FIELDS,
  validateSignIn,
  type SignInField,
  type SignInValues,
} from './sign-in.schema.js';
import type { SessionCredentials } from '../../flow/backend.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { StepAnnounceEvent, StepSubmitEvent } from '../shared/step-events.js';

/**
 * Resume sign-in (finhub-api.md §3.2): a person who registered earlier signs in with email and
 * password, and the flow continues where they left off. Sends a
 * `StepSubmitEvent<SessionCredentials>`; the shell passes FinHub's refusal back as `error`.
 *
 * @internal
 */
@localized()
export class FinHubSignInStep extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      .password-toggle {
        justify-self: start;
      }

      .busy {
        display: grid;
        gap: 0.25rem;
        flex: 1 1 100%;
      }
    `,
  ];

  /** The email to start from (what the person registered with, when known). */
  @property() email = '';

  /** Why FinHub refused the last attempt (wrong password, locked account), shown on the form. */
  @property() error = '';

  /** Checking the readiness after signing in: progress instead of the form's button. */
  @property({ type: Boolean }) locating = false;

  @property({ type: Boolean }) busy = false;

  @state() private _values: SignInValues = { email: '', password: '' };
  @state() private _touched = new Set<SignInField>();
  @state() private _submitted = false;
  @state() private _showPassword = false;

  #initialized = false;
  #focus: SignInField | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.#initialized) {
      this.#initialized = true;
      this._values = { email: this.email, password: '' };
    }
    if (changed.has('error') && this.error) this.#focus = 'password';
  }

  protected override updated(): void {
    const field = this.#focus;
    if (field) {
      this.#focus = undefined;
      this.renderRoot.querySelector<HTMLInputElement>(`#${field}`)?.focus();
    }
  }

  override render() {
    const errors = this.#errors();
    return html`
      <p>
        ${msg(
          'Welcome back. Sign in with the email and password you registered with to continue where you left off.',
        )}
      </p>
      <form part="form" novalidate @submit=${this.#onSubmit}>
        ${this.#input('email', msg('Email'), 'email', 'username', errors.email ?? [])}
        ${this.#input(
          'password',
          msg('Password'),
          this._showPassword ? 'text' : 'password',
          'current-password',
          this.error ? [this.error] : (errors.password ?? []),
        )}
        <button
          part="button button-secondary"
          class="button button-secondary password-toggle"
          type="button"
          aria-pressed=${this._showPassword ? 'true' : 'false'}
          aria-controls="password"
          @click=${() => (this._showPassword = !this._showPassword)}
        >
          ${msg('Show password')}
        </button>
        <div class="actions">
          ${
            this.busy || this.locating
              ? html`<div class="busy">
                  <span id="busy-label" class="muted"
                    >${this.locating ? msg('Finding where you left off…') : msg('Signing you in…')}</span
                  >
                  <progress part="progress" aria-labelledby="busy-label"></progress>
                </div>`
              : nothing
          }
          <button
            part="button button-primary"
            class="button button-primary"
            type="submit"
            aria-disabled=${this.busy || this.locating ? 'true' : 'false'}
          >
            ${msg('Sign in')}
          </button>
        </div>
      </form>
    `;
  }

  #errors(): Partial<Record<SignInField, string[]>> {
    const result = validateSignIn(this._values);
    const shown: Partial<Record<SignInField, string[]>> = {};
    for (const field of SIGN_IN_FIELDS) {
      if (this._submitted || this._touched.has(field)) {
        const list = result.errors[field];
        if (list?.length) shown[field] = list;
      }
    }
    return shown;
  }

  #input(
    field: SignInField,
    label: string,
    type: string,
    autocomplete: string,
    errors: readonly string[],
  ): TemplateResult {
    return html`<div part="field" class="field">
      <label part="label" for=${field}>${label}</label>
      <input
        part="input"
        id=${field}
        name=${field}
        type=${type}
        autocomplete=${autocomplete}
        required
        aria-invalid=${errors.length ? 'true' : 'false'}
        aria-describedby=${errors.length ? `${field}-error` : nothing}
        .value=${live(this._values[field])}
        @input=${this.#onInput}
        @blur=${this.#onBlur}
      />
      ${
        errors.length
          ? html`<p id=${`${field}-error`} part="field-error" class="field-error">
              ${errors.map((message) => html`<span>${message}</span>`)}
            </p>`
          : nothing
      }
    </div>`;
  }

  #onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement; // bound on this step's inputs only
    this._values = { ...this._values, [input.name]: input.value };
    // The person is changing what FinHub refused: its verdict no longer applies.
    if (this.error) this.error = '';
  };

  #onBlur = (event: Event): void => {
    const field = (event.target as HTMLInputElement).name as SignInField; // our inputs only
    if (!this._touched.has(field)) this._touched = new Set(this._touched).add(field);
  };

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (this.busy || this.locating) return;
    this._submitted = true;
    const result = validateSignIn(this._values);
    if (!result.success) {
      const first = SIGN_IN_FIELDS.find((field) => result.errors[field]?.length);
      this.#focus = first;
      this.requestUpdate(); // focus after the render, even when nothing else changed
      this.dispatchEvent(
        new StepAnnounceEvent(msg('Check the email and password, then sign in again.')),
      );
      return;
    }
    this.dispatchEvent(
      new StepSubmitEvent<SessionCredentials>({
        username: result.values.email,
        password: result.values.password,
      }),
    );
  }
}
