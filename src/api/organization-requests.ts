/**
 * The organization flow's request bodies (docs/finhub-contract.md#organization-flow): the
 * company's registration, its people, KYB and activation. Only the company's client
 * (organization-client.ts) and the company's own steps load this, so a person's flow carries none
 * of it (issue 17); what both flows send is in requests.ts.
 */
import {
  normaliseCountry,
  type CustomerCategoryRef,
  type PostalAddress,
  type RegistrationCategorization,
} from './requests.js';

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

// -- KYB and activation (docs/finhub-contract.md#kyb-verification, #organization-activation)

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
