import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { isoDay } from '../common/rules.js';
import {
  INDUSTRIES,
  LEGAL_FORMS,
  mapOrganizationRegistrationServerErrors,
  validateOrganizationRegistration,
  type Industry,
  type LegalForm,
  type OrganizationRegistrationField,
  type OrganizationRegistrationValues,
} from './organization-registration.schema.js';
import {
  PHONE_HINT,
  RegistrationForm,
  sharedFieldLabel,
  type SharedField,
} from './registration-form.js';

type Field = OrganizationRegistrationField;

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
    case 'email':
      return msg('Admin email');
    default:
      return sharedFieldLabel(field satisfies SharedField);
  }
}

/**
 * Organization registration (docs/finhub-contract.md#organization-registration): the company's
 * details, its business and contact details, its registered address, and the admin user's email and
 * password, one short page each. Presentational, like the individual registration
 * step: validates with its zod/mini schema, shows errors after a field is left or on submit, and
 * sends a `StepSubmitEvent<OrganizationRegistrationValues>` (turn it into the API request with
 * `toRegisterOrganizationRequest`). The shell passes FinHub's field errors (`serverErrors`), the
 * duplicate-email state and `busy` back in.
 *
 * @internal
 */
export class FinHubOrganizationRegistrationStep extends RegistrationForm<
  Field,
  OrganizationRegistrationValues
> {
  constructor() {
    super({
      pages: [
        {
          title: () => msg('About the company'),
          fields: [
            'legalName',
            'tradingName',
            'registrationNumber',
            'taxId',
            'incorporationDate',
            'legalForm',
          ],
        },
        {
          title: () => msg('Business and contact'),
          fields: ['industry', 'businessDescription', 'website', 'companyEmail', 'companyPhone'],
        },
        {
          title: () => msg('Registered address'),
          fields: ['street', 'city', 'postalCode', 'country'],
        },
        { title: () => msg('Admin user'), fields: ['email', 'password', 'matchingPassword'] },
      ],
      validate: (values) => validateOrganizationRegistration(values),
      label: organizationFieldLabel,
      mapServerErrors: mapOrganizationRegistrationServerErrors,
      submitLabel: () => msg('Register company'),
      busyText: () => msg('Registering the company…'),
    });
  }

  protected override renderPage(index: number): TemplateResult {
    switch (index) {
      case 0:
        return html`${this.input('legalName', {
            autocomplete: 'organization',
            hint: msg('As shown in the company register.'),
          })}
          ${this.input('tradingName', {
            optional: true,
            hint: msg('The name customers know the company by, if different.'),
          })}
          <div class="grid">
            ${this.input('registrationNumber')}
            ${this.input('taxId', {
              hint: msg('The company’s tax or VAT identification number.'),
            })}
          </div>
          <div class="grid">
            ${this.input('incorporationDate', { type: 'date', max: isoDay(new Date()) })}
            ${this.select(
              'legalForm',
              LEGAL_FORMS.map((form) => ({ value: form, label: legalFormLabel(form) })),
            )}
          </div>`;
      case 1:
        return html`${this.select(
            'industry',
            INDUSTRIES.map((industry) => ({ value: industry, label: industryLabel(industry) })),
          )}
          ${this.textarea(
            'businessDescription',
            msg('A sentence or two about what the company sells or does.'),
          )}
          ${this.input('website', {
            optional: true,
            type: 'url',
            inputmode: 'url',
            autocomplete: 'url',
          })}
          <div class="grid">
            ${this.input('companyEmail', { type: 'email', autocomplete: 'work email' })}
            ${this.input('companyPhone', {
              type: 'tel',
              autocomplete: 'work tel',
              inputmode: 'tel',
              hint: PHONE_HINT(),
            })}
          </div>`;
      case 2:
        return this.renderAddress();
      default:
        return html`<p class="muted">
            ${msg(
              'The admin user signs in with this email and password and manages the company’s account.',
            )}
          </p>
          ${this.renderEmail()} ${this.renderPasswords()}`;
    }
  }
}
