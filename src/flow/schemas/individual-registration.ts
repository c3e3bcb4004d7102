/**
 * The individual registration step's schema (zod/mini). Field names follow FinHub's top-level
 * registration fields (finhub-api.md §5.1) so server field errors map onto them directly; the
 * address becomes `individualCustomer.person.addresses[0]` when the body is built (errata E1).
 *
 * Built by a factory so every message comes from `msg()` in the locale active at validation time.
 */
import * as z from 'zod/mini';
import { msg, str } from '@lit/localize';
import { isCountryCode } from '../../localization/countries.js';
import { validateStep, type ValidationResult } from './validate.js';

export const GENDERS = ['MALE', 'FEMALE', 'OTHER'] as const;
export type Gender = (typeof GENDERS)[number];

export interface IndividualRegistrationValues {
  firstName: string;
  lastName: string;
  email: string;
  /** International format, normalized to `+` and digits (E.164), e.g. `+37060012345`. */
  phone: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
  gender: Gender;
  /** ISO 3166-1 alpha-2 (errata E5). */
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

export const PASSWORD_MIN_LENGTH = 12;
export const MINIMUM_AGE = 18;

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
// E.164: a plus, a country code that does not start with 0, at most 15 digits in all.
const PHONE = /^\+[1-9]\d{6,14}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (value: number) => String(value).padStart(2, '0');
const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;

/** Latest birth date (`YYYY-MM-DD`) of someone who is `MINIMUM_AGE` on `today`. */
export function latestBirthDate(today: Date = new Date()): string {
  return isoDate(today.getFullYear() - MINIMUM_AGE, today.getMonth() + 1, today.getDate());
}

function isRealDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function formatDate(value: string, locale: string): string {
  const match = ISO_DATE.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

// No `abort: true` anywhere: an explicit abort would also stop the object-level password match.
// Checks after "required" run only on a filled value, so an empty field shows one message.
const filled = { when: (payload: { value: unknown }) => payload.value !== '' };

const required = (message: string) => z.minLength(1, { error: message });

const rule = (test: (value: string) => boolean, message: string) =>
  z.refine<string>(test, { error: message, ...filled });

const text = (requiredMessage: string) => z.string().check(z.trim(), required(requiredMessage));

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
      email: z.string().check(
        z.trim(),
        required(msg('Enter your email address')),
        rule((value) => EMAIL.test(value), msg('Enter an email address like name@example.com')),
      ),
      phone: z.string().check(
        z.overwrite((value) => value.replace(/[\s().-]/g, '')),
        required(msg('Enter your phone number')),
        rule(
          (value) => PHONE.test(value),
          msg(
            'Enter the phone number in international format: + and the country code, for example +37060012345',
          ),
        ),
      ),
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
      password: z.string().check(
        required(msg('Enter a password')),
        rule((value) => value.length >= PASSWORD_MIN_LENGTH, msg('Use at least 12 characters')),
        rule((value) => /\p{Lu}/u.test(value), msg('Add an uppercase letter')),
        rule((value) => /\p{Ll}/u.test(value), msg('Add a lowercase letter')),
        rule((value) => /\p{Nd}/u.test(value), msg('Add a digit')),
        rule((value) => /[^\p{L}\p{N}\s]/u.test(value), msg('Add a symbol, such as ! or #')),
        rule((value) => value.length <= 128, msg('Use 128 characters or fewer')),
      ),
      matchingPassword: z.string().check(required(msg('Repeat your password'))),
    })
    .check(
      z.refine((values) => values.password === values.matchingPassword, {
        error: msg('The passwords do not match'),
        path: ['matchingPassword'],
        // Run even when other fields failed, so the mismatch shows with the rest.
        when: (payload) => {
          const value = payload.value as Partial<Record<string, unknown>>; // the raw object under parse
          return typeof value.matchingPassword === 'string' && value.matchingPassword !== '';
        },
      }),
    );
}

export function validateIndividualRegistration(
  input: Partial<Record<IndividualRegistrationField, string>>,
  options?: IndividualRegistrationSchemaOptions,
): ValidationResult<IndividualRegistrationValues, IndividualRegistrationField> {
  // Missing fields count as empty, so each gets its own "required" message.
  const complete = Object.fromEntries(
    INDIVIDUAL_REGISTRATION_FIELDS.map((field) => [field, input[field] ?? '']),
  );
  return validateStep<z.ZodMiniType<IndividualRegistrationValues>, IndividualRegistrationField>(
    createIndividualRegistrationSchema(options),
    complete,
  );
}
