/**
 * Request bodies. Callers pass the small `*Request` inputs; the `build*Body` functions turn them
 * into the wire shapes FinHub documents (docs/finhub-contract.md), so rules such as
 * docs/finhub-contract.md#registration-body (top-level fields AND a populated `individualCustomer`)
 * hold in one place. `undefined` fields vanish in JSON. This module holds what both flows send
 * (sessions, verification, documents, consents); each flow's own bodies are in
 * `individual-requests.ts` / `organization-requests.ts`, loaded only with that flow (issue 17).
 */

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

/** ISO-2 codes are upper-cased; anything else (a country name) is passed on untouched. */
export const normaliseCountry = (country: string) =>
  /^[a-z]{2}$/i.test(country.trim()) ? country.trim().toUpperCase() : country;

// -- verification and documents -------------------------------------------------------------------
// (docs/finhub-contract.md#create-verification, #document-upload)

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
