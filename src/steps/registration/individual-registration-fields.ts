/**
 * The individual registration's form fields for FinHub's field paths from a 400
 * `validation_failed` (docs/finhub-contract.md#registration-body: `individualCustomer.person.email`,
 * `individualCustomer.person.addresses[0].postalCode`, `individualCustomer.user.password`): in the
 * individual flow's chunk, as the company's form has its own (organization-registration.schema.ts).
 */
import type { FieldError } from '../../api/errors.js';
import {
  INDIVIDUAL_REGISTRATION_FIELDS,
  type IndividualRegistrationField,
} from './individual-registration.schema.js';

import { mapServerErrors, pathSegments, type MappedServerErrors } from './server-fields.js';

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

/** The form field a FinHub path refers to, or undefined when the form has no such field. */
export function registrationFieldFor(path: string): IndividualRegistrationField | undefined {
  const segments = pathSegments(path);
  const last = segments[segments.length - 1]?.toLowerCase();
  if (!last) return undefined;
  // `contacts[0].value` could be the email or the phone: too vague to pin on one field.
  if (segments.some((segment) => /^contacts$/i.test(segment))) return undefined;
  return byLowerName.get(last) ?? ALIASES[last];
}

export function mapRegistrationServerErrors(
  errors: readonly FieldError[],
): MappedServerErrors<IndividualRegistrationField> {
  return mapServerErrors(errors, registrationFieldFor);
}
