/**
 * Maps FinHub's field paths from a 400 `validation_failed`
 * (docs/finhub-contract.md#individual-registration, #errors: `data.errors[] = {field, message}`)
 * onto the registration form's fields. FinHub reports the top-level name (`email`,
 * `matchingPassword`) or the nested one it was copied to
 * (docs/finhub-contract.md#registration-body: `individualCustomer.person.email`,
 * `individualCustomer.person.addresses[0].postalCode`, `individualCustomer.user.password`).
 */
import type { FieldError } from '../../api/errors.js';
import {
  INDIVIDUAL_REGISTRATION_FIELDS,
  type IndividualRegistrationField,
} from './individual-registration.schema.js';

/** Last-segment names FinHub uses that differ from the form's. */
const ALIASES: Record<string, IndividualRegistrationField> = {
  username: 'email',
  phonenumber: 'phone',
  telephonenumber: 'phone',
  mobile: 'phone',
  dob: 'dateOfBirth',
  birthdate: 'dateOfBirth',
  zip: 'postalCode',
  zipcode: 'postalCode',
  postcode: 'postalCode',
  pincode: 'postalCode',
  streetaddress: 'street',
  addressline1: 'street',
  confirmpassword: 'matchingPassword',
  passwordconfirmation: 'matchingPassword',
};

const byLowerName = new Map(
  INDIVIDUAL_REGISTRATION_FIELDS.map((field) => [field.toLowerCase(), field] as const),
);

/** A FinHub field path split into segments, without array indices (`a.b[0].c` → `a, b, c`). */
export function pathSegments(path: string): string[] {
  return path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .map((segment) => segment.trim())
    .filter(Boolean);
}

/** The form field a FinHub path refers to, or undefined when the form has no such field. */
export function registrationFieldFor(path: string): IndividualRegistrationField | undefined {
  const segments = pathSegments(path);
  const last = segments[segments.length - 1]?.toLowerCase();
  if (!last) return undefined;
  // `contacts[0].value` could be the email or the phone: too vague to pin on one field.
  if (segments.some((segment) => /^contacts$/i.test(segment))) return undefined;
  return byLowerName.get(last) ?? ALIASES[last];
}

export interface MappedServerErrors<TField extends string> {
  /** Messages per form field. */
  fields: Partial<Record<TField, string[]>>;
  /** Messages the form has no field for (shown above the form). */
  general: string[];
}

/** Groups FinHub's field errors by the form field `fieldFor` names (general when none). */
export function mapServerErrors<TField extends string>(
  errors: readonly FieldError[],
  fieldFor: (path: string) => TField | undefined,
): MappedServerErrors<TField> {
  const mapped: MappedServerErrors<TField> = { fields: {}, general: [] };
  for (const error of errors) {
    const field = fieldFor(error.field);
    if (field) {
      const list = (mapped.fields[field] ??= []);
      if (!list.includes(error.message)) list.push(error.message);
    } else if (!mapped.general.includes(error.message)) {
      mapped.general.push(error.message);
    }
  }
  return mapped;
}

export function mapRegistrationServerErrors(
  errors: readonly FieldError[],
): MappedServerErrors<IndividualRegistrationField> {
  return mapServerErrors(errors, registrationFieldFor);
}
