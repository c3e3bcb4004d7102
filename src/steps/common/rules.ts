/**
 * Building blocks shared by the step schemas (zod/mini): "required, then checks on a filled value",
 * email and international phone, real calendar dates, and the password rules of the registration
 * steps (docs/finhub-contract.md#individual-registration guide: at least 12 characters, mixed case,
 * digits, symbols; docs/finhub-contract.md#organization-registration uses the same password for the
 * organization's admin user).
 *
 * Messages come from `msg()` when a schema is built, so a schema is built for the locale active
 * at validation time: once per locale (and day), through `perLocale`, not on every keystroke.
 */
import * as z from 'zod/mini';
import { msg } from '@lit/localize';
import { activeLocale } from '../../localization/localization.js';

export const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
// E.164: a plus, a country code that does not start with 0, at most 15 digits in all.
export const PHONE = /^\+[1-9]\d{6,14}$/;
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const pad = (value: number) => String(value).padStart(2, '0');

export const isoDate = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;

/** `today` as `YYYY-MM-DD` in local time (what a date input shows). */
export const isoDay = (today: Date): string =>
  isoDate(today.getFullYear(), today.getMonth() + 1, today.getDate());

export function isRealDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

// Building an Intl formatter is slow (the first `Intl.DateTimeFormat` took ~50 ms in issue 17's
// trace): one per locale.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A `YYYY-MM-DD` date written out for `locale` (unchanged when it is not such a date). */
export function formatDate(value: string, locale: string): string {
  const match = ISO_DATE.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

/**
 * `build` wrapped so a form's schema is built once per locale, day and options, not on every
 * keystroke (issue 17: 2–5 ms each): the messages' locale (`msg()` at build time), the day `today`
 * falls on (age and date rules) and the other options (a `locale` for dates, e-mail addresses
 * already taken) pick the cached copy.
 */
export function perLocale<O extends { today?: Date }, T>(
  build: (options: O) => T,
): (options?: O) => T {
  const built = new Map<string, T>();
  return (options = {} as O) => {
    const day = isoDay(options.today ?? new Date());
    const key = `${activeLocale()}|${JSON.stringify({ ...options, today: day })}`;
    let schema = built.get(key);
    if (!schema) {
      if (built.size >= 8) built.clear(); // a locale switch, a new day, other rows: start over
      schema = build(options);
      built.set(key, schema);
    }
    return schema;
  };
}

// No `abort: true` anywhere: an explicit abort would also stop object-level checks (password
// match). Checks after "required" run only on a filled value, so an empty field shows one message.
// A value that is not a string at all (a script filling the form) already has its type issue:
// running string checks on it could throw.
export const filled = {
  when: (payload: { value: unknown }) => typeof payload.value === 'string' && payload.value !== '',
};

export const required = (message: string) => z.minLength(1, { error: message });

/** A check on a filled string value. */
export const rule = (test: (value: string) => boolean, message: string) =>
  z.refine<string>(test, { error: message, ...filled });

/** A check that reports at most one problem (the first `problem` returns). */
export const oneProblem = (problem: (value: string) => string | undefined) =>
  z.check<string>((payload) => {
    if (typeof payload.value !== 'string') return; // its type issue says enough
    const message = problem(payload.value);
    if (message) payload.issues.push({ code: 'custom', message, input: payload.value });
  });

/** Trimmed text that must not be empty. */
export const text = (requiredMessage: string) =>
  z.string().check(z.trim(), required(requiredMessage));

/** Trimmed text that may be empty. */
export const optionalText = () => z.string().check(z.trim());

export const emailFormatMessage = () => msg('Enter an email address like name@example.com');

/** Trimmed email address. */
export const email = (requiredMessage: string) =>
  z.string().check(
    z.trim(),
    required(requiredMessage),
    rule((value) => EMAIL.test(value), emailFormatMessage()),
  );

/** Phone number in international format, normalized to `+` and digits (E.164). */
export const phone = (requiredMessage: string) =>
  z.string().check(
    z.overwrite((value) => value.replace(/[\s().-]/g, '')),
    required(requiredMessage),
    rule(
      (value) => PHONE.test(value),
      msg(
        'Enter the phone number in international format: + and the country code, for example +37060012345',
      ),
    ),
  );

/** A new password: one message per unmet rule, in the order the hint states them. */
export const password = () =>
  z.string().check(
    required(msg('Enter a password')),
    rule((value) => value.length >= PASSWORD_MIN_LENGTH, msg('Use at least 12 characters')),
    rule((value) => /\p{Lu}/u.test(value), msg('Add an uppercase letter')),
    rule((value) => /\p{Ll}/u.test(value), msg('Add a lowercase letter')),
    rule((value) => /\p{Nd}/u.test(value), msg('Add a digit')),
    rule((value) => /[^\p{L}\p{N}\s]/u.test(value), msg('Add a symbol, such as ! or #')),
    rule((value) => value.length <= PASSWORD_MAX_LENGTH, msg('Use 128 characters or fewer')),
  );

/** The password confirmation field (the match itself is `passwordsMatch`, on the object). */
export const matchingPassword = () => z.string().check(required(msg('Repeat your password')));

/** The password hint shown up front, before anything is typed. */
export const passwordRulesHint = () =>
  msg('At least 12 characters, with upper and lower case letters, a digit and a symbol.');

/** Object-level check: `matchingPassword` equals `password` (reported on `matchingPassword`). */
export const passwordsMatch = <T extends { password: string; matchingPassword: string }>() =>
  z.refine<T>((values) => values.password === values.matchingPassword, {
    error: msg('The passwords do not match'),
    path: ['matchingPassword'],
    // Run even when other fields failed, so the mismatch shows with the rest.
    when: (payload) => {
      const value = payload.value as Partial<Record<string, unknown>>; // the raw object under parse
      return typeof value.matchingPassword === 'string' && value.matchingPassword !== '';
    },
  });

/**
 * Fills every listed field missing from `input` with `''`, so each gets its own "required"
 * message rather than a type error.
 */
export const completeInput = <TField extends string>(
  fields: readonly TField[],
  input: Partial<Record<TField, string>>,
): Record<TField, string> =>
  Object.fromEntries(fields.map((field) => [field, input[field] ?? ''])) as Record<TField, string>; // every key set above
