import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import type { FieldError } from '../../api/errors.js';
import {
  GENDERS,
  INDIVIDUAL_REGISTRATION_FIELDS,
  latestBirthDate,
  validateIndividualRegistration,
  type Gender,
  type IndividualRegistrationDraft,
  type IndividualRegistrationField,
  type IndividualRegistrationValues,
} from './individual-registration.schema.js';
import { mapRegistrationServerErrors } from './server-fields.js';
import { countryOptions } from '../../localization/countries.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import {
  StepAnnounceEvent,
  StepBackEvent,
  StepDraftEvent,
  StepSignInEvent,
  StepSubmitEvent,
} from '../shared/step-events.js';

type Field = IndividualRegistrationField;
type Values = Record<Field, string>;

const PASSWORD_FIELDS: readonly Field[] = ['password', 'matchingPassword'];

const emptyValues = (): Values =>
  Object.fromEntries(INDIVIDUAL_REGISTRATION_FIELDS.map((field) => [field, ''])) as Values; // every key set above

interface InputOptions {
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  hint?: string;
  max?: string;
}

/**
 * Individual registration (finhub-api.md §5.1): the person's details, address and password.
 * Presentational: validates with the step's zod/mini schema, shows errors after a field is left
 * or on submit, and sends a `StepSubmitEvent<IndividualRegistrationValues>`. The shell passes
 * FinHub's field errors (`serverErrors`) and the duplicate-email state back in.
 *
 * @internal
 */
@localized()
export class FinHubIndividualRegistrationStep extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      .section {
        display: grid;
        gap: var(--_spacing, 1rem);
      }

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

  /** Values to start from (the host's `prefill` and the draft); passwords are ignored. */
  @property({ attribute: false }) initialValues: IndividualRegistrationDraft = {};

  /** FinHub's field errors from a 400 `validation_failed`, mapped onto the fields. */
  @property({ attribute: false }) serverErrors: readonly FieldError[] = [];

  /** FinHub refused the email as already registered (409). */
  @property({ type: Boolean, attribute: 'duplicate-email' }) duplicateEmail = false;

  /**
   * With `duplicate-email`: an earlier attempt's outcome was unknown, so the account was most
   * likely created by it (finhub-api.md §9: no idempotency).
   */
  @property({ type: Boolean, attribute: 'registered-earlier' }) registeredEarlier = false;

  /** A submit is in flight: the submit button does nothing and progress shows. */
  @property({ type: Boolean }) busy = false;

  @property({ type: Boolean, attribute: 'can-go-back' }) canGoBack = false;

  /** Locale for country names and dates (`Intl`). */
  @property() locale = 'en';

  @state() private _values: Values = emptyValues();
  @state() private _touched = new Set<Field>();
  @state() private _submitted = false;
  @state() private _showPassword = false;
  @state() private _serverFieldErrors: Partial<Record<Field, string[]>> = {};
  @state() private _generalErrors: string[] = [];
  @state() private _duplicateShown = false;

  #initialized = false;
  #clientErrors: Partial<Record<Field, string[]>> = {};
  #focusAfterUpdate: Field | undefined;

  /** The values as typed (read-only copy). */
  get values(): Readonly<Values> {
    return { ...this._values };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.#initialized) {
      this.#initialized = true;
      const values = emptyValues();
      for (const field of INDIVIDUAL_REGISTRATION_FIELDS) {
        if (PASSWORD_FIELDS.includes(field)) continue; // never prefilled
        const value = (this.initialValues as Partial<Values>)[field];
        if (typeof value === 'string') values[field] = value;
      }
      this._values = values;
    }
    if (changed.has('serverErrors')) {
      const mapped = mapRegistrationServerErrors(this.serverErrors);
      this._serverFieldErrors = mapped.fields;
      this._generalErrors = mapped.general;
      const first = INDIVIDUAL_REGISTRATION_FIELDS.find((f) => mapped.fields[f]?.length);
      if (first) {
        this.#focusAfterUpdate = first;
        this.#announceFields();
      }
    }
    if (changed.has('duplicateEmail')) {
      this._duplicateShown = this.duplicateEmail;
      if (this.duplicateEmail) this.#focusAfterUpdate = 'email';
    }
    this.#clientErrors = validateIndividualRegistration(this._values, {
      locale: this.locale,
    }).errors;
  }

  protected override updated(): void {
    const field = this.#focusAfterUpdate;
    if (field) {
      this.#focusAfterUpdate = undefined;
      this.#control(field)?.focus();
    }
  }

  override render() {
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        ${
          this._generalErrors.length
            ? html`<div id="general-errors" part="field-error" class="field-error error-summary">
                ${this._generalErrors.map((message) => html`<span>${message}</span>`)}
              </div>`
            : nothing
        }
        <div class="grid">
          ${this.#input('firstName', msg('First name'), { autocomplete: 'given-name' })}
          ${this.#input('lastName', msg('Last name'), { autocomplete: 'family-name' })}
        </div>
        ${this.#input('email', msg('Email'), { type: 'email', autocomplete: 'email' })}
        ${this.#input('phone', msg('Phone number'), {
          type: 'tel',
          autocomplete: 'tel',
          inputmode: 'tel',
          hint: msg('In international format with the country code, e.g. +37060012345.'),
        })}
        <div class="grid">
          ${this.#input('dateOfBirth', msg('Date of birth'), {
            type: 'date',
            autocomplete: 'bday',
            hint: msg('You must be 18 or older.'),
            max: latestBirthDate(),
          })}
          ${this.#select(
            'gender',
            msg('Gender'),
            GENDERS.map((gender) => ({ value: gender, label: this.#genderLabel(gender) })),
          )}
        </div>
        <div class="grid">
          ${this.#select('nationality', msg('Nationality'), this.#countries())}
          ${this.#input('placeOfBirth', msg('Place of birth'), {
            hint: msg('Town or city.'),
          })}
        </div>
        <fieldset class="section">
          <legend>${msg('Home address')}</legend>
          ${this.#input('street', msg('Street address'), { autocomplete: 'street-address' })}
          <div class="grid">
            ${this.#input('city', msg('Town or city'), { autocomplete: 'address-level2' })}
            ${this.#input('postalCode', msg('Postal code'), { autocomplete: 'postal-code' })}
          </div>
          ${this.#select('country', msg('Country'), this.#countries(), 'country')}
        </fieldset>
        <fieldset class="section">
          <legend>${msg('Password')}</legend>
          ${this.#input('password', msg('Create a password'), {
            type: this._showPassword ? 'text' : 'password',
            autocomplete: 'new-password',
            hint: msg(
              'At least 12 characters, with upper and lower case letters, a digit and a symbol.',
            ),
          })}
          ${this.#input('matchingPassword', msg('Repeat the password'), {
            type: this._showPassword ? 'text' : 'password',
            autocomplete: 'new-password',
          })}
          <button
            part="button button-secondary"
            class="button button-secondary password-toggle"
            type="button"
            aria-pressed=${this._showPassword ? 'true' : 'false'}
            aria-controls="password matchingPassword"
            @click=${this.#togglePassword}
          >
            ${msg('Show passwords')}
          </button>
        </fieldset>
        <div class="actions">
          ${
            this.busy
              ? html`<div class="busy">
                  <span id="busy-label" class="muted">${msg('Creating your account…')}</span>
                  <progress part="progress" aria-labelledby="busy-label"></progress>
                </div>`
              : nothing
          }
          ${
            this.canGoBack
              ? html`<button
                  part="button button-secondary"
                  class="button button-secondary"
                  type="button"
                  @click=${this.#onBack}
                >
                  ${msg('Back')}
                </button>`
              : nothing
          }
          <button
            part="button button-primary"
            class="button button-primary"
            type="submit"
            aria-disabled=${this.busy ? 'true' : 'false'}
          >
            ${msg('Create account')}
          </button>
        </div>
      </form>
    `;
  }

  // ---- fields ----------------------------------------------------------------------------

  /** Messages to show for a field now: duplicate email, then the server's, then the schema's. */
  #errorsFor(field: Field): string[] {
    if (field === 'email' && this._duplicateShown) {
      return [
        this.registeredEarlier
          ? msg(
              'Your account was most likely created by your earlier attempt. Sign in to continue.',
            )
          : msg('This email is already registered'),
      ];
    }
    const server = this._serverFieldErrors[field];
    if (server?.length) return server;
    if (!this._submitted && !this._touched.has(field)) return [];
    return this.#clientErrors[field] ?? [];
  }

  #describedBy(field: Field, hint: boolean, errors: readonly string[]): string | typeof nothing {
    const ids = [hint ? `${field}-hint` : '', errors.length ? `${field}-error` : ''].filter(
      Boolean,
    );
    return ids.length ? ids.join(' ') : nothing;
  }

  #errorBlock(field: Field, errors: readonly string[]): TemplateResult | typeof nothing {
    if (!errors.length) return nothing;
    return html`<p id=${`${field}-error`} part="field-error" class="field-error">
        ${errors.map((message) => html`<span>${message}</span>`)}
      </p>
      ${
        field === 'email' && this._duplicateShown
          ? html`<button
              part="button button-secondary"
              class="button button-secondary"
              type="button"
              @click=${this.#onSignIn}
            >
              ${msg('Sign in instead')}
            </button>`
          : nothing
      }`;
  }

  #input(field: Field, label: string, options: InputOptions = {}): TemplateResult {
    const errors = this.#errorsFor(field);
    return html`<div part="field" class="field">
      <label part="label" for=${field}>${label}</label>
      ${options.hint ? html`<p id=${`${field}-hint`} class="hint">${options.hint}</p>` : nothing}
      <input
        part="input"
        id=${field}
        name=${field}
        type=${options.type ?? 'text'}
        autocomplete=${options.autocomplete ?? 'off'}
        inputmode=${options.inputmode ?? nothing}
        max=${options.max ?? nothing}
        required
        aria-invalid=${errors.length ? 'true' : 'false'}
        aria-describedby=${this.#describedBy(field, Boolean(options.hint), errors)}
        .value=${live(this._values[field])}
        @input=${this.#onInput}
        @blur=${this.#onBlur}
      />
      ${this.#errorBlock(field, errors)}
    </div>`;
  }

  #select(
    field: Field,
    label: string,
    options: readonly { value: string; label: string }[],
    autocomplete?: string,
  ): TemplateResult {
    const errors = this.#errorsFor(field);
    const value = this._values[field];
    return html`<div part="field" class="field">
      <label part="label" for=${field}>${label}</label>
      <select
        part="input"
        id=${field}
        name=${field}
        autocomplete=${autocomplete ?? 'off'}
        required
        aria-invalid=${errors.length ? 'true' : 'false'}
        aria-describedby=${this.#describedBy(field, false, errors)}
        @change=${this.#onInput}
        @blur=${this.#onBlur}
      >
        <option value="" ?selected=${value === ''}>${msg('Choose…')}</option>
        ${options.map(
          (option) =>
            html`<option value=${option.value} ?selected=${option.value === value}>
              ${option.label}
            </option>`,
        )}
      </select>
      ${this.#errorBlock(field, errors)}
    </div>`;
  }

  #genderLabel(gender: Gender): string {
    switch (gender) {
      case 'MALE':
        return msg('Male');
      case 'FEMALE':
        return msg('Female');
      case 'OTHER':
        return msg('Other');
    }
  }

  #countries(): { value: string; label: string }[] {
    return countryOptions(this.locale).map((c) => ({ value: c.code, label: c.name }));
  }

  #control(field: Field): HTMLInputElement | HTMLSelectElement | null {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`#${field}`);
  }

  // ---- events ----------------------------------------------------------------------------

  #onInput = (event: Event): void => {
    const control = event.target as HTMLInputElement | HTMLSelectElement; // bound on inputs/selects only
    const field = control.name as Field;
    this._values = { ...this._values, [field]: control.value };
    if (this._serverFieldErrors[field]) {
      // The person is fixing it: the server's verdict no longer applies.
      const rest = { ...this._serverFieldErrors };
      delete rest[field];
      this._serverFieldErrors = rest;
    }
    if (field === 'email') this._duplicateShown = false;
    if (control instanceof HTMLSelectElement) this.#touch(field);
  };

  #onBlur = (event: Event): void => {
    const field = (event.target as HTMLInputElement).name as Field; // bound on inputs/selects only
    this.#touch(field);
  };

  #touch(field: Field): void {
    if (!this._touched.has(field)) this._touched = new Set(this._touched).add(field);
    this.dispatchEvent(new StepDraftEvent(this.#draft()));
  }

  #draft(): IndividualRegistrationDraft {
    const draft: Partial<Values> = {};
    for (const field of INDIVIDUAL_REGISTRATION_FIELDS) {
      if (!PASSWORD_FIELDS.includes(field) && this._values[field]) {
        draft[field] = this._values[field];
      }
    }
    return draft as IndividualRegistrationDraft; // gender is only ever set from the select
  }

  #togglePassword(): void {
    this._showPassword = !this._showPassword;
  }

  #onBack(): void {
    if (!this.busy) this.dispatchEvent(new StepBackEvent());
  }

  #onSignIn(): void {
    this.dispatchEvent(new StepSignInEvent());
  }

  async #onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this._submitted = true;
    const result = validateIndividualRegistration(this._values, { locale: this.locale });
    if (!result.success) {
      const first = INDIVIDUAL_REGISTRATION_FIELDS.find((field) => result.errors[field]?.length);
      this.#focusAfterUpdate = first;
      this.#announceFields(result.errors);
      return;
    }
    this.dispatchEvent(new StepSubmitEvent<IndividualRegistrationValues>(result.values));
    if (this.busy) this.dispatchEvent(new StepAnnounceEvent(msg('Creating your account…')));
  }

  /** Announces which fields need attention (labels read from the form, in form order). */
  #announceFields(errors: Partial<Record<Field, string[]>> = this._serverFieldErrors): void {
    const labels = INDIVIDUAL_REGISTRATION_FIELDS.filter((field) => errors[field]?.length).map(
      (field) => this.#labelText(field),
    );
    if (!labels.length) return;
    const list = new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(labels);
    this.dispatchEvent(new StepAnnounceEvent(msg(str`Check these fields: ${list}.`)));
  }

  #labelText(field: Field): string {
    return this.renderRoot.querySelector(`label[for="${field}"]`)?.textContent?.trim() ?? field;
  }
}
