import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { FieldError } from '../../api/errors.js';
import {
  INDUSTRIES,
  LEGAL_FORMS,
  ORGANIZATION_PASSWORD_FIELDS,
  ORGANIZATION_REGISTRATION_FIELDS,
  mapOrganizationRegistrationServerErrors,
  validateOrganizationRegistration,
  type Industry,
  type LegalForm,
  type OrganizationRegistrationDraft,
  type OrganizationRegistrationField,
  type OrganizationRegistrationValues,
} from './organization-registration.schema.js';
import { isoDay, passwordRulesHint } from '../shared/rules.js';
import { countryOptions } from '../../localization/countries.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import {
  fieldStyles,
  inputField,
  passwordToggle,
  selectField,
  textareaField,
  type ChoiceOption,
  type InputConfig,
} from '../shared/form-fields.js';
import {
  StepAnnounceEvent,
  StepBackEvent,
  StepDraftEvent,
  StepSignInEvent,
  StepSubmitEvent,
} from '../shared/step-events.js';

type Field = OrganizationRegistrationField;
type Values = Record<Field, string>;

const emptyValues = (): Values =>
  Object.fromEntries(ORGANIZATION_REGISTRATION_FIELDS.map((field) => [field, ''])) as Values; // every key set above

const isPassword = (field: Field) => ORGANIZATION_PASSWORD_FIELDS.includes(field);

export const legalFormLabel = (form: LegalForm): string => {
  switch (form) {
    case 'LIMITED_LIABILITY_COMPANY':
      return msg('Limited liability company (Ltd, LLC)');
    case 'PUBLIC_LIMITED_COMPANY':
      return msg('Public limited company (PLC)');
    case 'SOLE_PROPRIETORSHIP':
      return msg('Sole proprietorship');
    case 'PARTNERSHIP':
      return msg('Partnership');
    case 'OTHER':
      return msg('Other');
  }
};

export const industryLabel = (industry: Industry): string => {
  switch (industry) {
    case 'TECHNOLOGY':
      return msg('Technology');
    case 'FINANCE':
      return msg('Finance');
    case 'RETAIL':
      return msg('Retail');
    case 'MANUFACTURING':
      return msg('Manufacturing');
    case 'SERVICES':
      return msg('Services');
    case 'OTHER':
      return msg('Other');
  }
};

/** Each field's visible label (also used to announce which fields need attention). */
export function organizationFieldLabel(field: OrganizationRegistrationField): string {
  switch (field) {
    case 'legalName':
      return msg('Legal name');
    case 'tradingName':
      return msg('Trading name');
    case 'registrationNumber':
      return msg('Registration number');
    case 'taxId':
      return msg('Tax ID');
    case 'incorporationDate':
      return msg('Date of incorporation');
    case 'legalForm':
      return msg('Legal form');
    case 'industry':
      return msg('Industry');
    case 'businessDescription':
      return msg('Business description');
    case 'website':
      return msg('Website');
    case 'companyEmail':
      return msg('Company email');
    case 'companyPhone':
      return msg('Company phone number');
    case 'street':
      return msg('Street address');
    case 'city':
      return msg('Town or city');
    case 'postalCode':
      return msg('Postal code');
    case 'country':
      return msg('Country');
    case 'email':
      return msg('Admin email');
    case 'password':
      return msg('Create a password');
    case 'matchingPassword':
      return msg('Repeat the password');
  }
}

/**
 * Organization registration (finhub-api.md §7.1): the company's details, registered address,
 * and the admin user's email and password. Presentational, like the individual registration
 * step: validates with its zod/mini schema, shows errors after a field is left or on submit, and
 * sends a `StepSubmitEvent<OrganizationRegistrationValues>` (turn it into the API request with
 * `toRegisterOrganizationRequest`). The shell passes FinHub's field errors (`serverErrors`), the
 * duplicate-email state and `busy` back in.
 *
 * @internal
 */
@localized()
export class FinHubOrganizationRegistrationStep extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    fieldStyles,
    css`
      .section {
        display: grid;
        gap: var(--_spacing, 1rem);
      }

      .busy {
        display: grid;
        gap: 0.25rem;
        flex: 1 1 100%;
      }
    `,
  ];

  /** Details the host already knows (and the draft); passwords are never prefilled. */
  @property({ attribute: false }) prefill: OrganizationRegistrationDraft = {};

  /** FinHub's field errors from a 400 `validation_failed`, mapped onto the fields. */
  @property({ attribute: false }) serverErrors: readonly FieldError[] = [];

  /** FinHub refused the admin email as already registered (409). */
  @property({ type: Boolean, attribute: 'duplicate-email' }) duplicateEmail = false;

  /** A submit is in flight: the submit button does nothing and progress shows. */
  @property({ type: Boolean }) busy = false;

  @property({ type: Boolean, attribute: 'can-go-back' }) canGoBack = false;

  /** Locale for country names (`Intl`). */
  @property() locale = 'en';

  @state() private _values: Values = emptyValues();
  @state() private _touched = new Set<Field>();
  @state() private _submitted = false;
  @state() private _showPassword = false;
  @state() private _serverFieldErrors: Partial<Record<Field, string[]>> = {};
  @state() private _generalErrors: string[] = [];
  @state() private _duplicateShown = false;

  /** Fields the person changed: a later `prefill` leaves them alone. */
  #edited = new Set<Field>();
  #clientErrors: Partial<Record<Field, string[]>> = {};
  #focusAfterUpdate: Field | undefined;

  /** The values as typed (read-only copy). */
  get values(): Readonly<Values> {
    return { ...this._values };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('prefill')) this.#applyPrefill();
    if (changed.has('serverErrors')) {
      const mapped = mapOrganizationRegistrationServerErrors(this.serverErrors);
      this._serverFieldErrors = mapped.fields;
      this._generalErrors = mapped.general;
      const first = ORGANIZATION_REGISTRATION_FIELDS.find((f) => mapped.fields[f]?.length);
      if (first) {
        this.#focusAfterUpdate = first;
        this.#announceFields(mapped.fields);
      }
    }
    if (changed.has('duplicateEmail')) {
      this._duplicateShown = this.duplicateEmail;
      if (this.duplicateEmail) this.#focusAfterUpdate = 'email';
    }
    this.#clientErrors = validateOrganizationRegistration(this._values).errors;
  }

  protected override updated(): void {
    const field = this.#focusAfterUpdate;
    if (field) {
      this.#focusAfterUpdate = undefined;
      this.#control(field)?.focus();
    }
  }

  override render() {
    const countries: ChoiceOption[] = countryOptions(this.locale).map((c) => ({
      value: c.code,
      label: c.name,
    }));
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        ${
          this._generalErrors.length
            ? html`<div id="general-errors" part="field-error" class="field-error error-summary">
                ${this._generalErrors.map((message) => html`<span>${message}</span>`)}
              </div>`
            : nothing
        }
        <fieldset class="section">
          <legend>${msg('Company details')}</legend>
          ${this.#input('legalName', {
            autocomplete: 'organization',
            hint: msg('As shown in the company register.'),
          })}
          ${this.#input('tradingName', {
            optional: true,
            hint: msg('The name customers know the company by, if different.'),
          })}
          <div class="grid">
            ${this.#input('registrationNumber')}
            ${this.#input('taxId', {
              hint: msg('The company’s tax or VAT identification number.'),
            })}
          </div>
          <div class="grid">
            ${this.#input('incorporationDate', {
              type: 'date',
              max: isoDay(new Date()),
            })}
            ${this.#select(
              'legalForm',
              LEGAL_FORMS.map((form) => ({ value: form, label: legalFormLabel(form) })),
            )}
          </div>
          ${this.#select(
            'industry',
            INDUSTRIES.map((industry) => ({ value: industry, label: industryLabel(industry) })),
          )}
          ${textareaField({
            ...this.#common('businessDescription'),
            hint: msg('A sentence or two about what the company sells or does.'),
          })}
          ${this.#input('website', {
            optional: true,
            type: 'url',
            inputmode: 'url',
            autocomplete: 'url',
          })}
        </fieldset>
        <fieldset class="section">
          <legend>${msg('Company contact details')}</legend>
          <div class="grid">
            ${this.#input('companyEmail', {
              type: 'email',
              autocomplete: 'work email',
            })}
            ${this.#input('companyPhone', {
              type: 'tel',
              autocomplete: 'work tel',
              inputmode: 'tel',
              hint: msg('In international format with the country code, e.g. +37060012345.'),
            })}
          </div>
        </fieldset>
        <fieldset class="section">
          <legend>${msg('Registered address')}</legend>
          ${this.#input('street', { autocomplete: 'street-address' })}
          <div class="grid">
            ${this.#input('city', { autocomplete: 'address-level2' })}
            ${this.#input('postalCode', { autocomplete: 'postal-code' })}
          </div>
          ${this.#select('country', countries, 'country')}
        </fieldset>
        <fieldset class="section">
          <legend>${msg('Admin user')}</legend>
          <p class="muted">
            ${msg(
              'The admin user signs in with this email and password and manages the company’s account.',
            )}
          </p>
          ${this.#input('email', {
            type: 'email',
            autocomplete: 'email',
            after: this.#signInAction(),
          })}
          ${this.#input('password', {
            type: this._showPassword ? 'text' : 'password',
            autocomplete: 'new-password',
            hint: passwordRulesHint(),
          })}
          ${this.#input('matchingPassword', {
            type: this._showPassword ? 'text' : 'password',
            autocomplete: 'new-password',
          })}
          ${passwordToggle(this._showPassword, ORGANIZATION_PASSWORD_FIELDS, this.#togglePassword)}
        </fieldset>
        <div class="actions">
          ${
            this.busy
              ? html`<div class="busy">
                  <span id="busy-label" class="muted">${msg('Registering the company…')}</span>
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
            ${msg('Register company')}
          </button>
        </div>
      </form>
    `;
  }

  // ---- fields ----------------------------------------------------------------------------

  /** Messages to show for a field now: duplicate email, then the server's, then the schema's. */
  #errorsFor(field: Field): string[] {
    if (field === 'email' && this._duplicateShown) {
      return [msg('This email is already registered')];
    }
    const server = this._serverFieldErrors[field];
    if (server?.length) return server;
    if (!this._submitted && !this._touched.has(field)) return [];
    return this.#clientErrors[field] ?? [];
  }

  #common(field: Field) {
    return {
      id: field,
      label: organizationFieldLabel(field),
      value: this._values[field],
      errors: this.#errorsFor(field),
      onInput: this.#onInput,
      onBlur: this.#onBlur,
    };
  }

  #input(field: Field, options: Partial<InputConfig> = {}): TemplateResult {
    return inputField({ ...this.#common(field), ...options });
  }

  #select(field: Field, options: readonly ChoiceOption[], autocomplete?: string): TemplateResult {
    return selectField({
      ...this.#common(field),
      options,
      ...(autocomplete ? { autocomplete } : {}),
    });
  }

  #signInAction(): TemplateResult | typeof nothing {
    if (!this._duplicateShown) return nothing;
    return html`<button
      part="button button-secondary"
      class="button button-secondary"
      type="button"
      @click=${this.#onSignIn}
    >
      ${msg('Sign in instead')}
    </button>`;
  }

  #control(field: Field): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#${field}`);
  }

  // ---- events ----------------------------------------------------------------------------

  #applyPrefill(): void {
    const prefill = (this.prefill ?? {}) as Partial<Record<string, unknown>>; // hosts in plain JS may pass anything
    const values = { ...this._values };
    for (const field of ORGANIZATION_REGISTRATION_FIELDS) {
      if (isPassword(field) || this.#edited.has(field)) continue; // passwords are never prefilled
      const value = prefill[field];
      if (typeof value === 'string') values[field] = value;
    }
    this._values = values;
  }

  #onInput = (event: Event): void => {
    // Bound on inputs, selects and text areas only.
    const control = event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const field = control.name as Field;
    this.#edited.add(field);
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
    const field = (event.target as HTMLInputElement).name as Field; // bound on form controls only
    this.#touch(field);
  };

  #touch(field: Field): void {
    if (!this._touched.has(field)) this._touched = new Set(this._touched).add(field);
    this.dispatchEvent(new StepDraftEvent<OrganizationRegistrationDraft>(this.#draft()));
  }

  #draft(): OrganizationRegistrationDraft {
    const draft: OrganizationRegistrationDraft = {};
    for (const field of ORGANIZATION_REGISTRATION_FIELDS) {
      if (field !== 'password' && field !== 'matchingPassword' && this._values[field]) {
        draft[field] = this._values[field];
      }
    }
    return draft;
  }

  #togglePassword = (): void => {
    this._showPassword = !this._showPassword;
  };

  #onBack(): void {
    if (!this.busy) this.dispatchEvent(new StepBackEvent());
  }

  #onSignIn(): void {
    this.dispatchEvent(new StepSignInEvent());
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (this.busy) return;
    this._submitted = true;
    const result = validateOrganizationRegistration(this._values);
    if (!result.success) {
      this.#focusAfterUpdate = ORGANIZATION_REGISTRATION_FIELDS.find(
        (field) => result.errors[field]?.length,
      );
      this.#announceFields(result.errors);
      return;
    }
    this.dispatchEvent(new StepSubmitEvent<OrganizationRegistrationValues>(result.values));
    if (this.busy) this.dispatchEvent(new StepAnnounceEvent(msg('Registering the company…')));
  }

  /** Announces which fields need attention (labels read from the form, in form order). */
  #announceFields(errors: Partial<Record<Field, string[]>>): void {
    const labels = ORGANIZATION_REGISTRATION_FIELDS.filter((field) => errors[field]?.length).map(
      organizationFieldLabel,
    );
    if (!labels.length) return;
    const list = new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(labels);
    this.dispatchEvent(new StepAnnounceEvent(msg(str`Check these fields: ${list}.`)));
  }
}
