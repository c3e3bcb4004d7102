/**
 * The organization registration step's schema (zod/mini), FinHub's server field paths mapped onto
 * its fields, and the pure mapping of its values onto `RegisterOrganizationRequest`
 * (docs/finhub-contract.md#organization-registration; the wire body is built by
 * `buildOrganizationRegistrationBody`).
 *
 * The form is flat: the company's own email and phone are `companyEmail` / `companyPhone`
 * (`organizationCustomer.organization.email|phone`), while `email` is the admin user's login
 * (top-level `email`, docs/finhub-contract.md#organization-registration), so FinHub's top-level
 * field errors land on the right control.
 */
import * as z from 'zod/mini';
import { msg } from '@lit/localize';
import type { FieldError } from '../../api/errors.js';
import type { RegisterOrganizationRequest } from '../../api/organization-requests.js';
import type { CustomerCategoryRef, RegistrationCategorization } from '../../api/requests.js';
import { isCountryCode } from '../../localization/countries.js';
import {
  completeInput,
  email,
  isoDay,
  isRealDate,
  matchingPassword,
  oneProblem,
  optionalText,
  password,
  passwordsMatch,
  perLocale,
  phone,
  required,
  rule,
  text,
} from '../common/rules.js';
import { mapServerErrors, pathSegments, type MappedServerErrors } from './server-fields.js';
import { validateStep, type ValidationResult } from '../common/validate.js';

/**
 * docs/finhub-contract.md#organization-registration runner default is `LIMITED_LIABILITY_COMPANY`;
 * the rest are the common EU forms.
 */
export const LEGAL_FORMS = [
  'LIMITED_LIABILITY_COMPANY',
  'PUBLIC_LIMITED_COMPANY',
  'SOLE_PROPRIETORSHIP',
  'PARTNERSHIP',
  'OTHER',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/**
 * docs/finhub-contract.md#organization-registration runner default is `TECHNOLOGY`; FinHub
 * documents no list (docs/finhub-contract.md#contradictions), so a short one.
 */
export const INDUSTRIES = [
  'TECHNOLOGY',
  'FINANCE',
  'RETAIL',
  'MANUFACTURING',
  'SERVICES',
  'OTHER',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export interface OrganizationRegistrationValues {
  legalName: string;
  /** Empty when not given. */
  tradingName: string;
  registrationNumber: string;
  taxId: string;
  /** `YYYY-MM-DD`, not in the future. */
  incorporationDate: string;
  legalForm: LegalForm;
  industry: Industry;
  businessDescription: string;
  /** `http(s)://…`; a bare domain gets `https://`. Empty when not given. */
  website: string;
  companyEmail: string;
  /** International format, normalized to `+` and digits (E.164). */
  companyPhone: string;
  street: string;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2 (docs/finhub-contract.md#nationality-and-formats). */
  country: string;
  /**
   * The admin user's login email (docs/finhub-contract.md#organization-registration top-level
   * `email`).
   */
  email: string;
  password: string;
  matchingPassword: string;
}

export type OrganizationRegistrationField = keyof OrganizationRegistrationValues;

/** What may be prefilled or kept as a draft: everything but the passwords, as typed. */
export type OrganizationRegistrationDraft = Partial<
  Record<Exclude<OrganizationRegistrationField, 'password' | 'matchingPassword'>, string>
>;

/** Fields in form order (the first invalid one in this order gets focus). */
export const ORGANIZATION_REGISTRATION_FIELDS: readonly OrganizationRegistrationField[] = [
  'legalName',
  'tradingName',
  'registrationNumber',
  'taxId',
  'incorporationDate',
  'legalForm',
  'industry',
  'businessDescription',
  'website',
  'companyEmail',
  'companyPhone',
  'street',
  'city',
  'postalCode',
  'country',
  'email',
  'password',
  'matchingPassword',
];

export const ORGANIZATION_PASSWORD_FIELDS: readonly OrganizationRegistrationField[] = [
  'password',
  'matchingPassword',
];

export const BUSINESS_DESCRIPTION_MAX_LENGTH = 1000;

// The sandbox's rule for registration numbers; tax ids follow the same shape.
const IDENTIFIER = /^[\p{L}\p{N}][\p{L}\p{N} ./-]{1,39}$/u;
const URL_LIKE = /^https?:\/\/[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i;

/** A bare domain (`acme.example`) becomes `https://acme.example`. */
export const normalizeWebsite = (value: string): string => {
  const trimmed = value.trim();
  if (trimmed === '' || /^[a-z][a-z\d+.-]*:/i.test(trimmed)) return trimmed;
  return `https://${trimmed}`;
};

export interface OrganizationRegistrationSchemaOptions {
  /** "Today" for the incorporation date (tests pin it). */
  today?: Date;
}

export function createOrganizationRegistrationSchema(
  options: OrganizationRegistrationSchemaOptions = {},
): z.ZodMiniType<OrganizationRegistrationValues> {
  const today = isoDay(options.today ?? new Date());

  const incorporationProblem = (value: string): string | undefined => {
    if (value === '') return undefined; // "required" already said it
    if (!isRealDate(value)) return msg('Enter a real date, for example 2015-03-20');
    if (value > today) return msg('The date of incorporation cannot be in the future');
    if (value < '1800-01-01') return msg('Check the year of incorporation');
    return undefined;
  };

  const identifierMessage = msg('Use 2 to 40 letters, digits, spaces or . / -');

  return z
    .object({
      legalName: z.string().check(
        z.trim(),
        required(msg('Enter the company’s legal name')),
        rule((value) => value.length >= 2, msg('Enter at least 2 characters')),
      ),
      tradingName: optionalText(),
      registrationNumber: z.string().check(
        z.trim(),
        required(msg('Enter the company registration number')),
        rule((value) => IDENTIFIER.test(value), identifierMessage),
      ),
      taxId: z.string().check(
        z.trim(),
        required(msg('Enter the company’s tax ID')),
        rule((value) => IDENTIFIER.test(value), identifierMessage),
      ),
      incorporationDate: z
        .string()
        .check(
          z.trim(),
          required(msg('Enter the date of incorporation')),
          oneProblem(incorporationProblem),
        ),
      legalForm: z.enum(LEGAL_FORMS, { error: msg('Choose the legal form') }),
      industry: z.enum(INDUSTRIES, { error: msg('Choose the industry') }),
      businessDescription: z.string().check(
        z.trim(),
        required(msg('Describe what the business does')),
        rule(
          (value) => value.length <= BUSINESS_DESCRIPTION_MAX_LENGTH,
          msg('Use 1000 characters or fewer'),
        ),
      ),
      website: z.string().check(
        z.overwrite(normalizeWebsite),
        rule((value) => URL_LIKE.test(value), msg('Enter a web address like https://example.com')),
      ),
      companyEmail: email(msg('Enter the company’s email address')),
      companyPhone: phone(msg('Enter the company’s phone number')),
      street: text(msg('Enter the street address')),
      city: text(msg('Enter the town or city')),
      postalCode: text(msg('Enter the postal code')),
      country: z
        .string()
        .check(
          required(msg('Choose the country')),
          rule(isCountryCode, msg('Choose the country from the list')),
        ),
      email: email(msg('Enter the admin user’s email address')),
      password: password(),
      matchingPassword: matchingPassword(),
    })
    .check(passwordsMatch<OrganizationRegistrationValues>());
}

const organizationSchema = perLocale(createOrganizationRegistrationSchema);

export function validateOrganizationRegistration(
  input: Partial<Record<OrganizationRegistrationField, string>>,
  options?: OrganizationRegistrationSchemaOptions,
): ValidationResult<OrganizationRegistrationValues, OrganizationRegistrationField> {
  return validateStep<z.ZodMiniType<OrganizationRegistrationValues>, OrganizationRegistrationField>(
    organizationSchema(options),
    completeInput(ORGANIZATION_REGISTRATION_FIELDS, input),
  );
}

// ---- FinHub's field paths (docs/finhub-contract.md#organization-registration, #errors
// `data.errors[] = {field, message}`) ---------------------

/** Last segments under `organizationCustomer.organization` (and its address). */
const ORGANIZATION_NAMES: Record<string, OrganizationRegistrationField> = {
  legalname: 'legalName',
  tradingname: 'tradingName',
  registrationnumber: 'registrationNumber',
  taxid: 'taxId',
  incorporationdate: 'incorporationDate',
  legalform: 'legalForm',
  industry: 'industry',
  businessdescription: 'businessDescription',
  description: 'businessDescription',
  website: 'website',
  email: 'companyEmail',
  phone: 'companyPhone',
  phonenumber: 'companyPhone',
};

const ADDRESS_NAMES: Record<string, OrganizationRegistrationField> = {
  street: 'street',
  addressline1: 'street',
  streetaddress: 'street',
  city: 'city',
  postalcode: 'postalCode',
  postcode: 'postalCode',
  zip: 'postalCode',
  zipcode: 'postalCode',
  country: 'country',
};

/** Top level and `organizationCustomer.user`: the admin user's login. */
const USER_NAMES: Record<string, OrganizationRegistrationField> = {
  email: 'email',
  username: 'email',
  password: 'password',
  matchingpassword: 'matchingPassword',
  confirmpassword: 'matchingPassword',
  passwordconfirmation: 'matchingPassword',
};

/** The form field a FinHub path refers to, or undefined when the form has no such field. */
export function organizationRegistrationFieldFor(
  path: string,
): OrganizationRegistrationField | undefined {
  const segments = pathSegments(path).map((segment) => segment.toLowerCase());
  const last = segments[segments.length - 1];
  if (!last) return undefined;
  // `contacts[0].value` could be the email or the phone: too vague to pin on one field.
  if (segments.includes('contacts')) return undefined;
  if (segments.includes('addresses') || segments.includes('address')) return ADDRESS_NAMES[last];
  if (segments.includes('organization')) return ORGANIZATION_NAMES[last];
  // `customerName` defaults to the legal name (see `toRegisterOrganizationRequest`).
  if (last === 'customername') return 'legalName';
  return USER_NAMES[last];
}

export function mapOrganizationRegistrationServerErrors(
  errors: readonly FieldError[],
): MappedServerErrors<OrganizationRegistrationField> {
  return mapServerErrors(errors, organizationRegistrationFieldFor);
}

// ---- request ------------------------------------------------------------------------------

/**
 * The step's validated values as the API client's `RegisterOrganizationRequest`
 * (docs/finhub-contract.md#organization-registration). Empty optional fields are left out; the
 * display name (`customerName`) is the trading name when given, else the legal name (the
 * docs/finhub-contract.md#organization-registration example pairs `My Company` with `My Company
 * Ltd.`).
 */
export function toRegisterOrganizationRequest(
  values: OrganizationRegistrationValues,
  customerCategory: CustomerCategoryRef,
  categorization?: RegistrationCategorization,
): RegisterOrganizationRequest {
  const request: RegisterOrganizationRequest = {
    email: values.email,
    password: values.password,
    matchingPassword: values.matchingPassword,
    customerCategory: { id: customerCategory.id, name: customerCategory.name },
    customerName: values.tradingName || values.legalName,
    organization: {
      legalName: values.legalName,
      ...(values.tradingName ? { tradingName: values.tradingName } : {}),
      registrationNumber: values.registrationNumber,
      taxId: values.taxId,
      incorporationDate: values.incorporationDate,
      legalForm: values.legalForm,
      industry: values.industry,
      businessDescription: values.businessDescription,
      ...(values.website ? { website: values.website } : {}),
      email: values.companyEmail,
      phone: values.companyPhone,
      address: {
        type: 'REGISTERED',
        street: values.street,
        city: values.city,
        postalCode: values.postalCode,
        country: values.country,
      },
    },
  };
  if (categorization) request.categorization = categorization;
  return request;
}
