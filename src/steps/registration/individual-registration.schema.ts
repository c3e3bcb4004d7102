/**
 * The individual registration step's schema (zod/mini). Field names follow FinHub's top-level
 * registration fields (docs/finhub-contract.md#individual-registration) so server field errors map
 * onto them directly; the address becomes `individualCustomer.person.addresses[0]` when the body is
 * built (docs/finhub-contract.md#registration-body).
 *
 * Built by a factory so every message comes from `msg()` in the locale active at validation time.
 */
import * as z from 'zod/mini';
import { msg, str } from '@lit/localize';
import { isCountryCode } from '../../localization/countries.js';
import {
  completeInput,
  email,
  formatDate,
  isoDate,
  isRealDate,
  matchingPassword,
  password,
  PASSWORD_MIN_LENGTH,
  passwordsMatch,
  perLocale,
  phone,
  required,
  rule,
  text,
} from '../common/rules.js';
import { validateStep, type ValidationResult } from '../common/validate.js';

import { GENDERS, type Gender } from '../../api/vocabulary.js';

export { GENDERS, type Gender };

export interface IndividualRegistrationValues {
  firstName: string;
  lastName: string;
  email: string;
  /** International format, normalized to `+` and digits (E.164), e.g. `+37060012345`. */
  phone: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
  gender: Gender;
  /** ISO 3166-1 alpha-2 (docs/finhub-contract.md#nationality-and-formats). */
  nationality: string;
  placeOfBirth: string;
  street: string;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  password: string;
  matchingPassword: string;
}

export type IndividualRegistrationField = keyof IndividualRegistrationValues;

/** What may be prefilled or kept as a draft: everything but the passwords. */
export type IndividualRegistrationDraft = Partial<
  Omit<IndividualRegistrationValues, 'password' | 'matchingPassword'>
>;

/** Fields in form order (the first invalid one in this order gets focus). */
export const INDIVIDUAL_REGISTRATION_FIELDS: readonly IndividualRegistrationField[] = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'dateOfBirth',
  'gender',
  'nationality',
  'placeOfBirth',
  'street',
  'city',
  'postalCode',
  'country',
  'password',
  'matchingPassword',
];

export { PASSWORD_MIN_LENGTH };
export const MINIMUM_AGE = 18;

/** Latest birth date (`YYYY-MM-DD`) of someone who is `MINIMUM_AGE` on `today`. */
export function latestBirthDate(today: Date = new Date()): string {
  return isoDate(today.getFullYear() - MINIMUM_AGE, today.getMonth() + 1, today.getDate());
}

export interface IndividualRegistrationSchemaOptions {
  /** "Today" for the age rule (tests pin it). */
  today?: Date;
  /** Locale for the date in the age message. */
  locale?: string;
}

export function createIndividualRegistrationSchema(
  options: IndividualRegistrationSchemaOptions = {},
): z.ZodMiniType<IndividualRegistrationValues> {
  const today = options.today ?? new Date();
  const locale = options.locale ?? 'en';
  const latest = latestBirthDate(today);
  const todayIso = isoDate(today.getFullYear(), today.getMonth() + 1, today.getDate());
  const earliest = isoDate(today.getFullYear() - 120, today.getMonth() + 1, today.getDate());
  const latestText = formatDate(latest, locale);

  const dateOfBirthProblem = (value: string): string | undefined => {
    if (value === '') return undefined; // "required" already said it
    if (!isRealDate(value)) return msg('Enter a real date, for example 1990-05-15');
    if (value > todayIso) return msg('Your date of birth must be in the past');
    if (value > latest) return msg(str`You must be 18 or older (born on or before ${latestText})`);
    if (value < earliest) return msg('Check the year of your date of birth');
    return undefined;
  };

  return z
    .object({
      firstName: text(msg('Enter your first name')),
      lastName: text(msg('Enter your last name')),
      email: email(msg('Enter your email address')),
      phone: phone(msg('Enter your phone number')),
      dateOfBirth: z.string().check(
        z.trim(),
        required(msg('Enter your date of birth')),
        // One message at a time: a date that is not real is not also "too young".
        z.check<string>((payload) => {
          const problem = dateOfBirthProblem(payload.value);
          if (problem)
            payload.issues.push({ code: 'custom', message: problem, input: payload.value });
        }),
      ),
      gender: z.enum(GENDERS, { error: msg('Choose your gender') }),
      nationality: z
        .string()
        .check(
          required(msg('Choose your nationality')),
          rule(isCountryCode, msg('Choose your nationality from the list')),
        ),
      placeOfBirth: text(msg('Enter your place of birth')),
      street: text(msg('Enter your street address')),
      city: text(msg('Enter your town or city')),
      postalCode: text(msg('Enter your postal code')),
      country: z
        .string()
        .check(
          required(msg('Choose the country you live in')),
          rule(isCountryCode, msg('Choose the country you live in from the list')),
        ),
      password: password(),
      matchingPassword: matchingPassword(),
    })
    .check(passwordsMatch<IndividualRegistrationValues>());
}

const individualSchema = perLocale(createIndividualRegistrationSchema);

export function validateIndividualRegistration(
  input: Partial<Record<IndividualRegistrationField, string>>,
  options?: IndividualRegistrationSchemaOptions,
): ValidationResult<IndividualRegistrationValues, IndividualRegistrationField> {
  return validateStep<z.ZodMiniType<IndividualRegistrationValues>, IndividualRegistrationField>(
    individualSchema(options),
    completeInput(INDIVIDUAL_REGISTRATION_FIELDS, input),
  );
}
