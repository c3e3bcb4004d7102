/**
 * Request bodies. Callers pass the small `*Request` inputs; the `build*Body` functions turn them
 * into the wire shapes FinHub documents (docs/finhub-contract.md), so rules such as
 * docs/finhub-contract.md#registration-body (top-level fields AND a populated `individualCustomer`)
 * hold in one place. `undefined` fields vanish in JSON.
 */

import type { Gender } from './vocabulary.js';

export { CONSENT_KINDS, GENDERS, type ConsentKind, type Gender } from './vocabulary.js';

/**
 * Acting user for privileged org calls: sent as `X-User-ID` / `X-User-Roles`
 * (docs/finhub-contract.md#headers, #user-context-headers).
 */
export interface UserContext {
  userId: string;
  roles: string[];
}

/**
 * `customerCategory` (docs/finhub-contract.md#individual-registration): the chosen category's
 * `databaseId` and `categoryName` (docs/finhub-contract.md#categorization-hierarchy).
 */
export interface CustomerCategoryRef {
  id: string;
  name: string;
}

/**
 * The detailed categorization object (docs/finhub-contract.md#categorization-at-registration);
 * every parametrization value is a string.
 */
export interface RegistrationCategorization {
  id: string;
  name?: string;
  description?: string;
  isActive?: boolean;
  categoryFeatureRelations?: {
    feature: { id: string; code?: string };
    enabled?: boolean;
    parametrization: { name: string; value: string }[];
  }[];
  parametrization?: { name: string; value: string }[];
}

export interface PostalAddress {
  street: string;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2 preferred (docs/finhub-contract.md#nationality-and-formats). */
  country: string;
  state?: string;
  /** Individuals: `HOME` (default). Organizations: `REGISTERED` (default). */
  type?: string;
}

// -- sessions (docs/finhub-contract.md#customer-session, #organization-user-session) --------------

export interface SessionCredentials {
  username: string;
  password: string;
}

/** Never carries `tenantKey` / `tenantSecret`: the relay adds them (docs/architecture.md#relay). */
export interface SessionBody {
  username: string;
  password: string;
  credentialType: 'PASSWORD';
  value: string;
  tenantId: string;
}

export const buildSessionBody = (
  credentials: SessionCredentials,
  tenantId: string,
): SessionBody => ({
  username: credentials.username,
  password: credentials.password,
  credentialType: 'PASSWORD',
  value: credentials.username,
  tenantId,
});

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

/** ISO-2 codes are upper-cased; anything else (a country name) is passed on untouched. */
const normaliseCountry = (country: string) =>
  /^[a-z]{2}$/i.test(country.trim()) ? country.trim().toUpperCase() : country;

export const isIso2 = (value: string) => /^[A-Z]{2}$/.test(value.trim().toUpperCase());

// -- organization registration (docs/finhub-contract.md#organization-registration) ----------------

export interface OrganizationRepresentative {
  firstName: string;
  lastName: string;
  position: string;
  email?: string;
  phone?: string;
  dateOfBirth?: string;
  nationality?: string;
  isPrimaryOwner?: boolean;
  ownershipShare?: number;
}

export interface RegisterOrganizationRequest {
  /** The admin's login email. */
  email: string;
  password: string;
  matchingPassword?: string;
  customerCategory: CustomerCategoryRef;
  /** Display name; defaults to `legalName`. */
  customerName?: string;
  organization: {
    legalName: string;
    tradingName?: string;
    registrationNumber: string;
    taxId?: string;
    /** `YYYY-MM-DD`. */
    incorporationDate?: string;
    /** e.g. `LIMITED_LIABILITY_COMPANY`. */
    legalForm: string;
    industry?: string;
    businessDescription?: string;
    website?: string;
    /** Company email; defaults to the admin email. */
    email?: string;
    phone?: string;
    businessType?: string;
    address: PostalAddress;
    representatives?: OrganizationRepresentative[];
  };
  categorization?: RegistrationCategorization;
}

export const ORGANIZATION_ROLE_IDS = ['ACCOUNT_OWNER', 'ADMIN'] as const;

export function buildOrganizationRegistrationBody(
  input: RegisterOrganizationRequest,
  tenantId: string,
) {
  const org = input.organization;
  const roles = [...ORGANIZATION_ROLE_IDS];
  const companyEmail = org.email ?? input.email;
  const contacts: { type: 'EMAIL' | 'PHONE'; value: string; isPrimary: boolean }[] = [
    { type: 'EMAIL', value: companyEmail, isPrimary: true },
  ];
  if (org.phone) contacts.push({ type: 'PHONE', value: org.phone, isPrimary: false });
  return {
    email: input.email,
    password: input.password,
    matchingPassword: input.matchingPassword ?? input.password,
    roleIds: roles,
    customerCategory: { id: input.customerCategory.id, name: input.customerCategory.name },
    tenantId,
    organizationCustomer: {
      tenantId,
      customerName: input.customerName ?? org.legalName,
      organization: {
        legalName: org.legalName,
        tradingName: org.tradingName,
        registrationNumber: org.registrationNumber,
        taxId: org.taxId,
        incorporationDate: org.incorporationDate,
        legalForm: org.legalForm,
        industry: org.industry,
        businessDescription: org.businessDescription,
        website: org.website,
        email: companyEmail,
        phone: org.phone,
        businessType: org.businessType,
        addresses: [
          {
            type: org.address.type ?? 'REGISTERED',
            street: org.address.street,
            city: org.address.city,
            state: org.address.state,
            postalCode: org.address.postalCode,
            country: normaliseCountry(org.address.country),
            isPrimary: true,
          },
        ],
        contacts,
        representatives: org.representatives,
      },
      user: {
        username: input.email,
        email: input.email,
        password: input.password,
        status: 'PENDING_ACTIVATION',
        roles: [...roles],
      },
      categorization: input.categorization,
    },
  };
}

export type OrganizationRegistrationBody = ReturnType<typeof buildOrganizationRegistrationBody>;

// -- verification and documents -------------------------------------------------------------------
// (docs/finhub-contract.md#individual-verification, #create-verification, #document-upload, #kyb-verification)

/** docs/finhub-contract.md#individual-verification body. */
export interface IndividualVerificationRequest {
  /** `STANDARD`, `ENHANCED` or `SIMPLIFIED`. */
  verificationType: string;
  verificationData?: { documentType?: string; documentNumber?: string };
  notes?: string;
}

/**
 * docs/finhub-contract.md#create-verification body; `requestedLevel` defaults to `TENANT_VERIFIED`,
 * `requestedByTenantId` to the tenant.
 */
export interface CreateVerificationRequest {
  /** Individual id, or the organization id for B2B. */
  customerId: string;
  /** e.g. `IDENTITY_VERIFICATION` (B2C) or `BUSINESS_VERIFICATION` (B2B). */
  type: string;
  requestedByUserId: string;
  requestedLevel?: string;
  requestedByTenantId?: string;
  organizationId?: string;
  notes?: string;
  additionalData?: { verificationReason?: string; priority?: string };
}

export const buildCreateVerificationBody = (
  input: CreateVerificationRequest,
  tenantId: string,
) => ({
  ...input,
  requestedLevel: input.requestedLevel ?? 'TENANT_VERIFIED',
  requestedByTenantId: input.requestedByTenantId ?? tenantId,
});

/**
 * docs/finhub-contract.md#document-upload body (JSON with base64 content); `verificationId` is
 * added from the path.
 */
export interface UploadDocumentRequest {
  /**
   * B2C: `PASSPORT`, `NATIONAL_ID`, `PROOF_OF_ADDRESS`; B2B: see
   * docs/finhub-contract.md#document-upload.
   */
  documentType: string;
  /** `application/pdf`, `image/jpeg` or `image/png`. */
  mimeType: string;
  fileName: string;
  /**
   * Base64 file bytes (no `data:` prefix), or a Blob of that text: sent as the JSON string's
   * content by reference, never copied through a string on the page (src/api/http.ts).
   */
  fileContent: string | Blob;
  customerId?: string;
  organizationId?: string;
  documentCategory?: string;
  description?: string;
  /**
   * The client's id for the document (a UUID v4, docs/finhub-contract.md#document-upload): a
   * re-sent upload carries the same one.
   */
  docId?: string;
}

export const buildUploadDocumentBody = (verificationId: string, input: UploadDocumentRequest) => ({
  verificationId,
  ...input,
});

/**
 * docs/finhub-contract.md#kyb-verification body; `customerId` is the organization id from the path.
 */
export interface OrganizationVerificationRequest {
  requestedByUserId: string;
  /** Default `BUSINESS_VERIFICATION`. */
  type?: string;
  /** Default `TENANT_VERIFIED`. */
  requestedLevel?: string;
  requestedByTenantId?: string;
  /** Default `Business Verification`. */
  notes?: string;
  reason?: string;
}

export const buildOrganizationVerificationBody = (
  organizationId: string,
  input: OrganizationVerificationRequest,
  tenantId: string,
) => ({
  customerId: organizationId,
  type: input.type ?? 'BUSINESS_VERIFICATION',
  requestedLevel: input.requestedLevel ?? 'TENANT_VERIFIED',
  requestedByUserId: input.requestedByUserId,
  requestedByTenantId: input.requestedByTenantId ?? tenantId,
  notes: input.notes ?? 'Business Verification',
  reason: input.reason,
});

// -- consents (docs/finhub-contract.md#consents) --------------------------------------------------

export interface ConsentRequest {
  /** Version of the consent document, e.g. `1.0`. */
  version: string;
  /** ISO timestamp of the person's click ([G] only); sent when given. */
  acceptanceTimestamp?: string;
}

export const buildConsentBody = (input: ConsentRequest) => ({
  accepted: true as const,
  version: input.version,
  acceptanceTimestamp: input.acceptanceTimestamp,
});

// -- activation (docs/finhub-contract.md#individual-activation, #organization-activation) ---------

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

/**
 * docs/finhub-contract.md#organization-activation: sent as `{activationReason, additionalInfo:
 * {userId, activationCode}}`.
 */
export interface OrganizationActivationRequest {
  userId: string;
  activationCode: string;
  /** Default `Onboarding completed`. */
  activationReason?: string;
}

export const buildOrganizationActivationBody = (input: OrganizationActivationRequest) => ({
  activationReason: input.activationReason ?? 'Onboarding completed',
  additionalInfo: { userId: input.userId, activationCode: input.activationCode },
});

// -- personnel (docs/finhub-contract.md#employees, #directors, #shareholders) ---------------------

/**
 * docs/finhub-contract.md#employees body, sent as given. The first employee must have the
 * `ADMIN_USER` role.
 */
export interface AddEmployeeRequest {
  person: {
    firstName: string;
    lastName: string;
    email: string;
    middleName?: string;
    fullName?: string;
    phoneNumber?: string;
    countryCode?: string;
    dateOfBirth?: string;
    nationality?: string;
    gender?: string;
    contacts?: { type: string; value: string; isPrimary?: boolean }[];
    addresses?: {
      addressLine1: string;
      addressLine2?: string;
      city: string;
      state?: string;
      country: string;
      postalCode: string;
      addressType?: string;
    }[];
  };
  /** e.g. `COMPLIANCE_OFFICER`. */
  position: string;
  /** e.g. `['ADMIN_USER', 'COMPLIANCE_OFFICER']`. */
  roles: string[];
  department?: string;
  responsibility?: string;
  organizationRole?: string;
  status?: string;
  sharePercentage?: number;
  ultimatePercentage?: number;
}

export interface AddDirectorRequest {
  firstName: string;
  lastName: string;
  email: string;
  /** e.g. `MANAGING_DIRECTOR`, `EXECUTIVE_DIRECTOR`, `NON_EXECUTIVE_DIRECTOR`. */
  role: string;
  dateOfBirth?: string;
  /** ISO-2 (docs/finhub-contract.md#nationality-and-formats). */
  nationality?: string;
  phoneNumber?: string;
  directorType?: string;
  /** `YYYY-MM-DD`. */
  appointmentDate?: string;
}

/**
 * docs/finhub-contract.md#directors leaves the body open (docs/finhub-contract.md#contradictions):
 * [N] nests `person` + `role`, [G] is flat. Like docs/finhub-contract.md#registration-body for
 * registration, both layers are sent.
 */
export function buildDirectorBody(
  organizationId: string,
  input: AddDirectorRequest,
  tenantId: string,
) {
  const nationality =
    input.nationality === undefined ? undefined : normaliseCountry(input.nationality);
  const person = {
    firstName: input.firstName,
    lastName: input.lastName,
    fullName: `${input.firstName} ${input.lastName}`.trim(),
    email: input.email,
    dateOfBirth: input.dateOfBirth,
    nationality,
    phoneNumber: input.phoneNumber,
  };
  return {
    person,
    role: input.role,
    tenantId,
    organizationId,
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    dateOfBirth: input.dateOfBirth,
    nationality,
    phoneNumber: input.phoneNumber,
    position: input.role,
    directorType: input.directorType,
    appointmentDate: input.appointmentDate,
  };
}

/** docs/finhub-contract.md#shareholders body, sent as given. */
export interface AddShareholderRequest {
  type: 'INDIVIDUAL' | 'CORPORATE';
  /** 0–100; all shareholders must total exactly 100. */
  ownershipPercentage: number;
  firstName?: string;
  lastName?: string;
  companyName?: string;
  isBeneficialOwner?: boolean;
  isPEP?: boolean;
}
