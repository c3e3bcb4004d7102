/**
 * The individual flow's request bodies (docs/finhub-contract.md#individual-flow): a person's
 * registration, verification and activation. Only the person's client (individual-client.ts)
 * loads this, so a company's flow carries none of it (issue 17); what both flows send is in
 * requests.ts.
 */
import type { Gender } from './vocabulary.js';
import {
  normaliseCountry,
  type CustomerCategoryRef,
  type PostalAddress,
  type RegistrationCategorization,
} from './requests.js';

// -- individual registration ----------------------------------------------------------------------
// (docs/finhub-contract.md#individual-registration, #registration-body, #nationality-and-formats)

export interface RegisterIndividualRequest {
  firstName: string;
  lastName: string;
  email: string;
  /** International format, e.g. `+37062767557`. */
  phone: string;
  password: string;
  /** Defaults to `password` (the form checks the confirmation). */
  matchingPassword?: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
  gender: Gender;
  /** ISO 3166-1 alpha-2 (docs/finhub-contract.md#nationality-and-formats), e.g. `LT`. */
  nationality: string;
  placeOfBirth?: string;
  pincode?: string;
  address: PostalAddress;
  customerCategory: CustomerCategoryRef;
  categorization?: RegistrationCategorization;
}

export const INDIVIDUAL_ROLE_IDS = ['ACCOUNT_OWNER', 'USER'] as const;

export function buildIndividualRegistrationBody(
  input: RegisterIndividualRequest,
  tenantId: string,
) {
  const roles = [...INDIVIDUAL_ROLE_IDS];
  const nationality = input.nationality.trim().toUpperCase();
  const fullName = `${input.firstName} ${input.lastName}`.trim();
  const person = {
    firstName: input.firstName,
    lastName: input.lastName,
    fullName,
    email: input.email,
    dateOfBirth: input.dateOfBirth,
    gender: input.gender,
    nationality,
    placeOfBirth: input.placeOfBirth,
    pincode: input.pincode,
    addresses: [
      {
        type: input.address.type ?? 'HOME',
        street: input.address.street,
        city: input.address.city,
        state: input.address.state,
        postalCode: input.address.postalCode,
        country: normaliseCountry(input.address.country),
        isPrimary: true,
      },
    ],
    contacts: [
      { type: 'EMAIL', value: input.email, isPrimary: true },
      { type: 'PHONE', value: input.phone, isPrimary: false },
    ],
  };
  return {
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    phone: input.phone,
    password: input.password,
    matchingPassword: input.matchingPassword ?? input.password,
    dateOfBirth: input.dateOfBirth,
    gender: input.gender,
    nationality,
    placeOfBirth: input.placeOfBirth,
    pincode: input.pincode,
    roleIds: roles,
    customerCategory: { id: input.customerCategory.id, name: input.customerCategory.name },
    tenantId,
    individualCustomer: {
      tenantId,
      customerName: fullName,
      person,
      user: {
        username: input.email,
        email: input.email,
        password: input.password,
        status: 'PENDING_ACTIVATION',
        roles: [...roles],
        isActive: false,
      },
      categorization: input.categorization,
    },
  };
}

export type IndividualRegistrationBody = ReturnType<typeof buildIndividualRegistrationBody>;

export const isIso2 = (value: string) => /^[A-Z]{2}$/.test(value.trim().toUpperCase());

// -- verification and activation (docs/finhub-contract.md#individual-verification, #individual-activation)

/** docs/finhub-contract.md#individual-verification body. */
export interface IndividualVerificationRequest {
  /** `STANDARD`, `ENHANCED` or `SIMPLIFIED`. */
  verificationType: string;
  verificationData?: { documentType?: string; documentNumber?: string };
  notes?: string;
}

/** docs/finhub-contract.md#individual-activation body. */
export interface IndividualActivationRequest {
  /**
   * The runner sends the customer's email here; legacy a user id
   * (docs/finhub-contract.md#individual-activation).
   */
  userId: string;
  /** The activation code the person received. */
  code: string;
}
