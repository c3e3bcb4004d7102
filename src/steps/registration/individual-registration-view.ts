import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import {
  GENDERS,
  latestBirthDate,
  validateIndividualRegistration,
  type Gender,
  type IndividualRegistrationField,
  type IndividualRegistrationValues,
} from './individual-registration.schema.js';
import {
  PHONE_HINT,
  RegistrationForm,
  sharedFieldLabel,
  type SharedField,
} from './registration-form.js';
import { mapRegistrationServerErrors } from './individual-registration-fields.js';

type Field = IndividualRegistrationField;

function genderLabel(gender: Gender): string {
  switch (gender) {
    case 'MALE':
      return msg('Male');
    case 'FEMALE':
      return msg('Female');
    case 'OTHER':
      return msg('Other');
  }
}

/** Each field's visible label (also used to announce which fields need attention). */
export function individualFieldLabel(field: Field): string {
  switch (field) {
    case 'firstName':
      return msg('First name');
    case 'lastName':
      return msg('Last name');
    case 'phone':
      return msg('Phone number');
    case 'dateOfBirth':
      return msg('Date of birth');
    case 'gender':
      return msg('Gender');
    case 'nationality':
      return msg('Nationality');
    case 'placeOfBirth':
      return msg('Place of birth');
    default:
      return sharedFieldLabel(field satisfies SharedField);
  }
}

/**
 * Individual registration (docs/finhub-contract.md#individual-registration): the person's details,
 * address, then contact and password, one short page each. Presentational: validates with the
 * step's zod/mini schema, shows errors after a field is left or on Continue, and sends a
 * `StepSubmitEvent<IndividualRegistrationValues>`. The shell passes
 * FinHub's field errors (`serverErrors`) and the duplicate-email state back in.
 *
 * @internal
 */
export class FinHubIndividualRegistrationStep extends RegistrationForm<
  Field,
  IndividualRegistrationValues
> {
  constructor() {
    super({
      pages: [
        {
          title: () => msg('About you'),
          fields: ['firstName', 'lastName', 'dateOfBirth', 'gender', 'nationality', 'placeOfBirth'],
        },
        { title: () => msg('Home address'), fields: ['street', 'city', 'postalCode', 'country'] },
        {
          title: () => msg('Contact and password'),
          fields: ['email', 'phone', 'password', 'matchingPassword'],
        },
      ],
      validate: (values, locale) => validateIndividualRegistration(values, { locale }),
      label: individualFieldLabel,
      mapServerErrors: mapRegistrationServerErrors,
      submitLabel: () => msg('Create account'),
      busyText: () => msg('Creating your account…'),
    });
  }

  protected override renderPage(index: number): TemplateResult {
    switch (index) {
      case 0:
        return html`<div class="grid">
            ${this.input('firstName', { autocomplete: 'given-name' })}
            ${this.input('lastName', { autocomplete: 'family-name' })}
          </div>
          <div class="grid">
            ${this.input('dateOfBirth', {
              type: 'date',
              autocomplete: 'bday',
              hint: msg('You must be 18 or older.'),
              max: latestBirthDate(),
            })}
            ${this.select(
              'gender',
              GENDERS.map((gender) => ({ value: gender, label: genderLabel(gender) })),
            )}
          </div>
          <div class="grid">
            ${this.select('nationality', this.countries())}
            ${this.input('placeOfBirth', { hint: msg('Town or city.') })}
          </div>`;
      case 1:
        return this.renderAddress();
      default:
        return html`${this.renderEmail()}
        ${this.input('phone', {
          type: 'tel',
          autocomplete: 'tel',
          inputmode: 'tel',
          hint: PHONE_HINT(),
        })}
        ${this.renderPasswords()}`;
    }
  }
}
