/**
 * What the person's and the company's registration forms share (docs/finhub-contract.md#individual-registration,
 * docs/finhub-contract.md#organization-registration): the
 * host's prefill (never over what the person typed, never a password), FinHub's field errors, the
 * duplicate-email state with its "Sign in instead", drafts without passwords, the address, email
 * and password fields, and the submit. Each form adds its own fields.
 */
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import type { FieldError } from '../../api/api-error.js';
import { countryOptions } from '../../localization/countries.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { FormController } from '../shared/form-controller.js';
import type { ValidationResult } from '../shared/validate.js';
import {
  fieldStyles,
  inputField,
  passwordToggle,
  selectField,
  textareaField,
  type ChoiceOption,
  type InputConfig,
} from '../shared/form-fields.js';
import { StepElement } from '../shared/step-element.js';
import { StepDraftEvent, StepSignInEvent } from '../shared/step-events.js';
import { passwordRulesHint } from '../shared/rules.js';
import type { MappedServerErrors } from './server-fields.js';

/** The fields both forms have (the address, the sign-in email and the password). */
export type SharedField =
  'street' | 'city' | 'postalCode' | 'country' | 'email' | 'password' | 'matchingPassword';

const PASSWORDS: readonly string[] = ['password', 'matchingPassword'];

export const PHONE_HINT = () =>
  msg('In international format with the country code, e.g. +37060012345.');

export function sharedFieldLabel(field: SharedField): string {
  switch (field) {
    case 'street':
      return msg('Street address');
    case 'city':
      return msg('Town or city');
    case 'postalCode':
      return msg('Postal code');
    case 'country':
      return msg('Country');
    case 'email':
      return msg('Email');
    case 'password':
      return msg('Create a password');
    case 'matchingPassword':
      return msg('Repeat the password');
  }
}

/** What a registration form is: its fields, their checks and labels, FinHub's paths for them. */
export interface RegistrationFormConfig<F extends string, V> {
  fields: readonly F[];
  validate: (values: Record<F, string>, locale: string) => ValidationResult<V, F>;
  /** A field's label (also what the announcement of fields to check says). */
  label: (field: F) => string;
  mapServerErrors: (errors: readonly FieldError[]) => MappedServerErrors<F>;
}

export abstract class RegistrationForm<F extends string, V> extends StepElement {
  static override styles = [
    baseStyles,
    formStyles,
    fieldStyles,
    css`
      .section {
        display: grid;
        gap: var(--_spacing, 1rem);
      }
    `,
  ];

  /** Details the host already knows (and the draft); passwords are never prefilled. */
  @property({ attribute: false }) prefill: object = {};

  /** FinHub's field errors from a 400 `validation_failed`, mapped onto the fields. */
  @property({ attribute: false }) serverErrors: readonly FieldError[] = [];

  /** FinHub refused the email as already registered (409). */
  @property({ type: Boolean, attribute: 'duplicate-email' }) duplicateEmail = false;

  /**
   * With `duplicate-email`: an earlier attempt's outcome was unknown, so the account was most
   * likely created by it (finhub-api.md §9: no idempotency).
   */
  @property({ type: Boolean, attribute: 'registered-earlier' }) registeredEarlier = false;

  /** Locale for country names and dates (`Intl`). */
  @property() locale = 'en';

  @state() protected _showPassword = false;
  @state() private _general: string[] = [];
  @state() private _duplicateShown = false;

  protected readonly form: FormController<F, V>;
  readonly #config: RegistrationFormConfig<F, V>;

  /** Fields the person changed: a later `prefill` leaves them alone. */
  #edited = new Set<string>();

  constructor(config: RegistrationFormConfig<F, V>) {
    super();
    this.#config = config;
    this.form = new FormController(this, {
      fields: config.fields,
      empty: () =>
        Object.fromEntries(config.fields.map((field) => [field, ''])) as Record<F, string>, // every field
      validate: (values) => config.validate(values, this.locale),
      label: config.label,
      locale: () => this.locale,
      onTouch: this.touched,
    });
  }

  /** The values as typed (read-only copy). */
  get values(): Readonly<Record<F, string>> {
    return { ...this.form.values };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('prefill')) {
      const prefill = (this.prefill ?? {}) as Partial<Record<F, unknown>>; // hosts in plain JS may pass anything
      const strings = Object.fromEntries(
        Object.entries(prefill).filter(([, value]) => typeof value === 'string'),
      ) as Partial<Record<F, string>>;
      this.form.fill(strings, (field) => PASSWORDS.includes(field) || this.#edited.has(field));
    }
    if (changed.has('serverErrors')) {
      const mapped = this.#config.mapServerErrors(this.serverErrors);
      this._general = mapped.general;
      this.form.showServer(mapped.fields);
    }
    if (changed.has('duplicateEmail')) {
      this._duplicateShown = this.duplicateEmail;
      if (this.duplicateEmail) this.focusAfterRender('email');
    }
  }

  /** The draft sent on every touch: what was typed, never the passwords. */
  protected draft(): Partial<Record<F, string>> {
    const draft: Partial<Record<F, string>> = {};
    for (const [field, value] of Object.entries(this.form.values) as [F, string][]) {
      if (!PASSWORDS.includes(field) && value) draft[field] = value;
    }
    return draft;
  }

  protected readonly touched = (): void => {
    this.dispatchEvent(new StepDraftEvent(this.draft()));
  };

  readonly #onInput = (event: Event): void => {
    const name = (event.target as HTMLInputElement).name; // bound on form controls only
    this.#edited.add(name);
    if (name === 'email') this._duplicateShown = false;
    this.form.onInput(event);
  };

  /** Messages for a field now: the duplicate email first, then FinHub's, then the schema's. */
  #errorsFor(field: F): readonly string[] {
    if (field === 'email' && this._duplicateShown) {
      return [
        this.registeredEarlier
          ? msg(
              'Your account was most likely created by your earlier attempt. Sign in to continue.',
            )
          : msg('This email is already registered'),
      ];
    }
    return this.form.errorsFor(field);
  }

  #common(field: F) {
    return {
      id: field,
      label: this.#config.label(field),
      value: this.form.values[field],
      errors: this.#errorsFor(field),
      onInput: this.#onInput,
      onBlur: this.form.onBlur,
    };
  }

  protected input(field: F, options: Partial<InputConfig> = {}): TemplateResult {
    return inputField({ ...this.#common(field), ...options });
  }

  protected textarea(field: F, hint: string): TemplateResult {
    return textareaField({ ...this.#common(field), hint });
  }

  protected select(field: F, options: readonly ChoiceOption[], autocomplete?: string) {
    return selectField({
      ...this.#common(field),
      options,
      ...(autocomplete ? { autocomplete } : {}),
    });
  }

  protected countries(): ChoiceOption[] {
    return countryOptions(this.locale).map((c) => ({ value: c.code, label: c.name }));
  }

  protected renderGeneral(): TemplateResult | typeof nothing {
    return this._general.length
      ? html`<div id="general-errors" part="field-error" class="field-error error-summary">
          ${this._general.map((message) => html`<span>${message}</span>`)}
        </div>`
      : nothing;
  }

  /** The street, town, postal code and country (the form's own legend above them). */
  protected renderAddress(legend: string): TemplateResult {
    const field = (name: SharedField) => name as string as F; // both forms name them alike
    return html`<fieldset class="section">
      <legend>${legend}</legend>
      ${this.input(field('street'), { autocomplete: 'street-address' })}
      <div class="grid">
        ${this.input(field('city'), { autocomplete: 'address-level2' })}
        ${this.input(field('postalCode'), { autocomplete: 'postal-code' })}
      </div>
      ${this.select(field('country'), this.countries(), 'country')}
    </fieldset>`;
  }

  /** The sign-in email, with "Sign in instead" while it is taken. */
  protected renderEmail(options: Partial<InputConfig> = {}): TemplateResult {
    return this.input('email' as string as F, {
      type: 'email',
      autocomplete: 'email',
      after: this._duplicateShown
        ? html`<button
            part="button button-secondary"
            class="button button-secondary"
            type="button"
            @click=${() => this.dispatchEvent(new StepSignInEvent())}
          >
            ${msg('Sign in instead')}
          </button>`
        : nothing,
      ...options,
    });
  }

  /** The password, its repeat and "Show passwords". */
  protected renderPasswords(): TemplateResult {
    const type = this._showPassword ? 'text' : 'password';
    return html`${this.input('password' as string as F, {
      type,
      autocomplete: 'new-password',
      hint: passwordRulesHint(),
    })}
    ${this.input('matchingPassword' as string as F, { type, autocomplete: 'new-password' })}
    ${passwordToggle(this._showPassword, PASSWORDS, () => (this._showPassword = !this._showPassword))}`;
  }

  /** Validates and sends; `busyText` is announced once the shell is busy with it. */
  protected onSubmit(event: Event, busyText: string): void {
    event.preventDefault();
    if (this.busy) return;
    const values = this.form.submit();
    if (!values) return;
    this.submit(values);
    if (this.busy) this.announce(busyText);
  }
}
