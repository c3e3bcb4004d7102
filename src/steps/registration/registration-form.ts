/**
 * What the person's and the company's registration forms share (docs/finhub-contract.md#individual-registration,
 * docs/finhub-contract.md#organization-registration): the
 * host's prefill (never over what the person typed, never a password), FinHub's field errors, the
 * duplicate-email state with its "Sign in instead", drafts without passwords, the address, email
 * and password fields, and the pages: each form is a few short pages, each checked on Continue,
 * the last one sending the registration (once). Each form adds its own fields and pages.
 */
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { msg, str } from '@lit/localize';
import type { FieldError } from '../../api/api-error.js';
import {
  countryOptions,
  countryOptionsReady,
  type CountryOption,
} from '../../localization/countries.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { inputStyles } from '../../styles/input-styles.js';
import { FormController } from '../common/form-controller.js';
import { summaryStyles } from '../common/error-summary.js';
import type { ValidationResult } from '../common/validate.js';
import {
  fieldStyles,
  inputField,
  passwordToggle,
  selectField,
  textareaField,
  type ChoiceOption,
  type InputConfig,
} from '../common/form-fields.js';
import { StepElement } from '../common/step-element.js';
import { StepDraftEvent, StepSignInEvent } from '../common/step-events.js';
import { passwordRulesHint } from '../common/rules.js';
import type { MappedServerErrors } from './server-fields.js';

/** The fields both forms have (the address, the sign-in email and the password). */
export type SharedField =
  'street' | 'city' | 'postalCode' | 'country' | 'email' | 'password' | 'matchingPassword';

const PASSWORDS: readonly string[] = ['password', 'matchingPassword'];

/** Each locale's country list as choices, made once (`countryOptions` keeps one list a locale). */
const CHOICES = new WeakMap<readonly CountryOption[], ChoiceOption[]>();

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

/** One short page of a registration form. */
export interface RegistrationPage<F extends string> {
  title: () => string;
  /** Its fields in the order shown (Continue checks these only). */
  fields: readonly F[];
}

/** What a registration form is: its pages, their checks and labels, FinHub's paths for them. */
export interface RegistrationFormConfig<F extends string, V> {
  /** Every field of the form, each on exactly one page. */
  pages: readonly RegistrationPage<F>[];
  validate: (values: Record<F, string>, locale: string) => ValidationResult<V, F>;
  label: (field: F) => string;
  mapServerErrors: (errors: readonly FieldError[]) => MappedServerErrors<F>;
  /** The last page's button, and what is said while it works. */
  submitLabel: () => string;
  busyText: () => string;
}

export abstract class RegistrationForm<F extends string, V> extends StepElement {
  static override styles = [
    baseStyles,
    formStyles,
    inputStyles,
    fieldStyles,
    summaryStyles,
    css`
      .section {
        display: grid;
        gap: var(--_spacing, 1rem);
      }

      .page-title {
        display: grid;
        gap: 0.125rem;
        margin: 0;
        font-size: 1.125rem;
      }

      .page-title:focus {
        outline: none; /* focused only to say where the person is; not something to act on */
      }

      .page-count {
        color: var(--_color-muted, #4b5563);
        font-size: 0.875rem;
        font-weight: 400;
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
   * likely created by it (docs/finhub-contract.md#retries-and-idempotency: no idempotency).
   */
  @property({ type: Boolean, attribute: 'registered-earlier' }) registeredEarlier = false;

  /** Locale for country names and dates (`Intl`). */
  @property() locale = 'en';

  @state() protected _showPassword = false;
  @state() private _duplicateShown = false;
  /** The page shown (an index into the config's pages). */
  @state() protected _page = 0;

  protected readonly form: FormController<F, V>;
  readonly #config: RegistrationFormConfig<F, V>;

  /** Fields the person changed: a later `prefill` leaves them alone. */
  #edited = new Set<string>();

  constructor(config: RegistrationFormConfig<F, V>) {
    super();
    this.#config = config;
    const fields = config.pages.flatMap((page) => page.fields);
    this.form = new FormController(this, {
      fields,
      empty: () => Object.fromEntries(fields.map((field) => [field, ''])) as Record<F, string>, // every field
      validate: (values) => config.validate(values, this.locale),
      reveal: (field) => this.#turnTo(field),
      onTouch: this.touched,
    });
  }

  /** The page that holds `field`. */
  #pageOf(field: F): number {
    return Math.max(
      0,
      this.#config.pages.findIndex((page) => page.fields.includes(field)),
    );
  }

  /** Shows the page holding `field` (a summary link, FinHub's errors). */
  #turnTo(field: F): void {
    this._page = this.#pageOf(field);
  }

  /** Shows page `index` and says so (focus on its heading), dropping the last page's summary. */
  #turn(index: number): void {
    this._page = index;
    this.form.dismiss();
    this.focusAfterRender('page-heading');
    this.touched(); // the draft as it stands, whichever way the person went
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
      this.form.showServer(mapped.fields, mapped.general);
    }
    if (changed.has('duplicateEmail')) {
      this._duplicateShown = this.duplicateEmail;
      if (this.duplicateEmail) {
        const email = 'email' as string as F; // both forms name it so
        this.form.showServer({
          [email]: [
            this.registeredEarlier
              ? msg(
                  'Your account was most likely created by your earlier attempt. Sign in to continue.',
                )
              : msg('This email is already registered'),
          ],
        } as Partial<Record<F, string[]>>);
      }
    }
    // FinHub's verdict takes the person to the page of the first field it refused.
    const first = this.form.firstInvalid;
    if ((changed.has('serverErrors') || changed.has('duplicateEmail')) && first !== undefined)
      this._page = this.#pageOf(first);
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

  #common(field: F) {
    return {
      id: field,
      label: this.#config.label(field),
      value: this.form.values[field],
      errors: this.form.errorsFor(field),
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

  /**
   * The country choices. Where the list was not prepared ahead (`prepare` in the step's lazy
   * module; a person who moves on at once), it is built in a task after the form's first render
   * rather than in it: naming and sorting 249 countries (the page's first `Intl` use) would make
   * arriving one long task. `updateComplete` waits for it.
   */
  protected countries(): ChoiceOption[] {
    const locale = this.locale;
    if (!countryOptionsReady(locale)) {
      this.#countriesBuilt ??= new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
        countryOptions(locale);
        this.#countriesBuilt = undefined;
        this.requestUpdate();
      });
      return [];
    }
    const countries = countryOptions(locale);
    let choices = CHOICES.get(countries);
    if (!choices) {
      choices = countries.map((c) => ({ value: c.code, label: c.name }));
      CHOICES.set(countries, choices); // the same array each render: the select skips its options
    }
    return choices;
  }

  #countriesBuilt: Promise<void> | undefined;

  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.#countriesBuilt) {
      await this.#countriesBuilt;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /** The street, town, postal code and country (a page of their own, under its heading). */
  protected renderAddress(): TemplateResult {
    const field = (name: SharedField) => name as string as F; // both forms name them alike
    return html`${this.input(field('street'), { autocomplete: 'street-address' })}
      <div class="grid">
        ${this.input(field('city'), { autocomplete: 'address-level2' })}
        ${this.input(field('postalCode'), { autocomplete: 'postal-code' })}
      </div>
      ${this.select(field('country'), this.countries(), 'country')}`;
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

  /** The fields of page `index` (the form's own layout: grids, fieldsets, hints). */
  protected abstract renderPage(index: number): TemplateResult;

  override render(): TemplateResult {
    const pages = this.#config.pages;
    const index = Math.min(this._page, pages.length - 1);
    const last = index === pages.length - 1;
    const count = pages.length;
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        ${this.form.summary()}
        <h3 id="page-heading" class="page-title" tabindex="-1">
          <span class="page-count">${msg(str`Part ${index + 1} of ${count}`)}</span>
          <span>${pages[index]!.title()}</span>
        </h3>
        ${this.renderPage(index)}
        ${this.renderActions({
          primary: last ? this.#config.submitLabel() : msg('Continue'),
          busyText: last ? this.#config.busyText() : undefined,
          onBack: index > 0 ? () => this.#turn(index - 1) : undefined,
        })}
      </form>
    `;
  }

  /**
   * Continue checks this page's fields and turns to the next; the last page validates the whole
   * form and sends it. Nothing is sent while busy, so a registration goes out once.
   */
  readonly #onSubmit = (event: Event): void => {
    event.preventDefault();
    if (this.busy) return;
    const pages = this.#config.pages;
    const index = Math.min(this._page, pages.length - 1);
    if (index < pages.length - 1) {
      if (this.form.check(pages[index]!.fields)) this.#turn(index + 1);
      return;
    }
    const values = this.form.submit();
    if (!values) {
      const first = this.form.firstInvalid;
      if (first !== undefined) this._page = this.#pageOf(first);
      return;
    }
    this.touched(); // the last page's draft too: kept if FinHub sends the person back
    this.submit(values);
    if (this.busy) this.announce(this.#config.busyText());
  };
}
