/**
 * Typed client for the FinHub v2.1 endpoints the two onboarding flows use
 * (docs/finhub-contract.md#endpoints). Plain TypeScript, free of Lit. Every method throws only
 * FinHubApiError and returns a small parsed result; session tokens never reach callers
 * (docs/architecture.md#relay).
 */
import { FinHubApiError } from './errors.js';
import { FinHubClientBase, IND, ORG, seg } from './client-base.js';
import type { CallOptions, RequestSpec, UploadCallOptions } from './http.js';
import {
  buildConsentBody,
  buildCreateVerificationBody,
  buildDirectorBody,
  buildIndividualRegistrationBody,
  buildOrganizationActivationBody,
  buildOrganizationRegistrationBody,
  buildOrganizationVerificationBody,
  buildSessionBody,
  buildUploadDocumentBody,
  isIso2,
  type AddDirectorRequest,
  type AddEmployeeRequest,
  type AddShareholderRequest,
  type ConsentRequest,
  type ConsentKind,
  type CreateVerificationRequest,
  type IndividualActivationRequest,
  type IndividualVerificationRequest,
  type OrganizationActivationRequest,
  type OrganizationVerificationRequest,
  type RegisterIndividualRequest,
  type RegisterOrganizationRequest,
  type SessionCredentials,
  type UploadDocumentRequest,
  type UserContext,
} from './requests.js';
import { ENDPOINTS, findText } from './response-shapes.js';
import {
  toActivationCheckResult,
  toActivationResult,
  toAddDirectorResult,
  toConsentResult,
  toDirectorList,
  toDocumentList,
  toDocumentUploadResult,
  toEmployeeResult,
  toRegisterIndividualResult,
  toRegisterOrganizationResult,
  toSessionResult,
  toShareholderResult,
  toVerificationResult,
  type ActivationCheckResult,
  type ActivationResult,
  type ConsentResult,
  type DirectorResult,
  type DocumentUploadResult,
  type EmployeeResult,
  type ListedDocument,
  type RegisterIndividualResult,
  type RegisterOrganizationResult,
  type SessionResult,
  type ShareholderResult,
  type VerificationResult,
} from './schemas.js';

export type { FinHubClientOptions } from './client-base.js';
export type { CallOptions, UploadCallOptions } from './http.js';
/**
 * Org `/verify` and `/activation` need the acting user
 * (docs/finhub-contract.md#user-context-headers).
 */
export type UserCallOptions = CallOptions & { userContext: UserContext };

export class FinHubClient extends FinHubClientBase {
  // -- individual (docs/finhub-contract.md#individual-registration) -------------------------------

  /**
   * docs/finhub-contract.md#individual-registration, #registration-body, #nationality-and-formats.
   * Never retried automatically: a second send could register twice
   * (docs/finhub-contract.md#retries-and-idempotency).
   */
  async registerIndividual(
    input: RegisterIndividualRequest,
    options?: CallOptions,
  ): Promise<RegisterIndividualResult> {
    const endpoint = ENDPOINTS.registerIndividual;
    if (!isIso2(input.nationality)) {
      throw new FinHubApiError({
        code: 'validation_failed',
        endpoint,
        fieldErrors: [
          {
            field: 'nationality',
            message: 'Choose a country (two-letter code such as LT).',
          },
        ],
        message: 'Some details are not valid. Check the marked fields and try again.',
      });
    }
    const { envelope } = await this.#post(
      endpoint,
      (tenant) => ({
        path: `${IND}/registration`,
        body: buildIndividualRegistrationBody(input, tenant),
      }),
      options,
    );
    return toRegisterIndividualResult(envelope, endpoint);
  }

  /**
   * docs/finhub-contract.md#customer-session. The relay adds `tenantKey`/`tenantSecret`; a 401 here
   * means wrong credentials.
   */
  async createCustomerSession(
    customerId: string,
    userId: string,
    credentials: SessionCredentials,
    options?: CallOptions,
  ): Promise<SessionResult> {
    const endpoint = ENDPOINTS.customerSession;
    const { envelope, headers } = await this.http.send(
      {
        method: 'POST',
        endpoint,
        credentials: true,
        build: (tenant) => ({
          path: `${IND}/${seg(customerId)}/users/${seg(userId)}/sessions`,
          body: buildSessionBody(credentials, tenant),
        }),
      },
      options,
    );
    return toSessionResult(envelope, headers, endpoint, userId);
  }

  /**
   * docs/finhub-contract.md#individual-verification customer-scoped verification, or
   * docs/finhub-contract.md#individual-verification `/verification/initiate` where the tenant lacks
   * it (docs/finhub-contract.md#individual-verification).
   */
  async createIndividualVerification(
    customerId: string,
    input: IndividualVerificationRequest,
    options?: CallOptions,
  ): Promise<VerificationResult> {
    const create = async (endpoint: string, suffix: string) => {
      const { envelope } = await this.#post(
        endpoint,
        () => ({ path: `${IND}/${seg(customerId)}/verification${suffix}`, body: input }),
        options,
      );
      return toVerificationResult(envelope, endpoint);
    };
    return this.firstServed('individualVerification', [
      () => create(ENDPOINTS.individualVerification, ''),
      () => create(ENDPOINTS.individualVerificationInitiate, '/initiate'),
    ]);
  }

  /**
   * docs/finhub-contract.md#create-verification shared verification; its id is what document
   * uploads need.
   */
  async createVerification(
    input: CreateVerificationRequest,
    options?: CallOptions,
  ): Promise<VerificationResult> {
    const endpoint = ENDPOINTS.createVerification;
    const { envelope } = await this.#post(
      endpoint,
      (tenant) => ({
        path: '/v2.1/verifications',
        body: buildCreateVerificationBody(input, tenant),
      }),
      options,
    );
    return toVerificationResult(envelope, endpoint);
  }

  /**
   * docs/finhub-contract.md#document-upload JSON upload with base64 content; `onUploadProgress`
   * reports the bytes sent.
   */
  async uploadVerificationDocument(
    verificationId: string,
    input: UploadDocumentRequest,
    options?: UploadCallOptions,
  ): Promise<DocumentUploadResult> {
    const endpoint = ENDPOINTS.uploadDocument;
    const { envelope } = await this.http.send(
      {
        method: 'POST',
        endpoint,
        build: () => ({
          path: `/v2.1/verifications/${seg(verificationId)}/documents`,
          body: buildUploadDocumentBody(verificationId, input),
        }),
      },
      options,
    );
    return toDocumentUploadResult(envelope, endpoint, input.docId);
  }

  /**
   * docs/finhub-contract.md#document-list [N]: the individual's documents. Read before an upload
   * whose answer was lost is sent again (docs/finhub-contract.md#retries-and-idempotency documents
   * no idempotency key).
   */
  async listIndividualDocuments(
    customerId: string,
    options?: CallOptions,
  ): Promise<ListedDocument[]> {
    const endpoint = ENDPOINTS.listIndividualDocuments;
    const { envelope } = await this.#get(endpoint, `${IND}/${seg(customerId)}/documents`, options);
    return toDocumentList(envelope, endpoint);
  }

  /** docs/finhub-contract.md#consents: `{accepted: true, version}`. */
  async acceptIndividualConsent(
    customerId: string,
    type: ConsentKind,
    input: ConsentRequest,
    options?: CallOptions,
  ): Promise<ConsentResult> {
    const endpoint = ENDPOINTS.individualConsent;
    const { envelope } = await this.#post(
      endpoint,
      () => ({
        path: `${IND}/${seg(customerId)}/consents/${seg(type)}`,
        body: buildConsentBody(input),
      }),
      options,
    );
    return toConsentResult(envelope);
  }

  /** docs/finhub-contract.md#readiness-check, both generations normalised to one `allowed` flag. */
  async checkIndividualActivation(
    customerId: string,
    ownerTenantId: string,
    options?: CallOptions,
  ): Promise<ActivationCheckResult> {
    const endpoint = ENDPOINTS.individualReadiness;
    const { envelope } = await this.#get(
      endpoint,
      `${IND}/${seg(customerId)}/owner/${seg(ownerTenantId)}/activation/check`,
      options,
    );
    return toActivationCheckResult(envelope, endpoint);
  }

  /**
   * docs/finhub-contract.md#individual-activation. The [R] response has empty data; iban/wallet are
   * returned when FinHub sends them.
   */
  async activateIndividual(
    customerId: string,
    input: IndividualActivationRequest,
    options?: CallOptions,
  ): Promise<ActivationResult> {
    const endpoint = ENDPOINTS.activateIndividual;
    const { envelope } = await this.#post(
      endpoint,
      () => ({
        path: `${IND}/${seg(customerId)}/activation`,
        body: { userId: input.userId, code: input.code },
      }),
      options,
    );
    return toActivationResult(envelope);
  }

  // -- organization (docs/finhub-contract.md#organization-registration) ---------------------------

  /**
   * docs/finhub-contract.md#organization-registration. Never retried automatically
   * (docs/finhub-contract.md#retries-and-idempotency).
   */
  async registerOrganization(
    input: RegisterOrganizationRequest,
    options?: CallOptions,
  ): Promise<RegisterOrganizationResult> {
    const endpoint = ENDPOINTS.registerOrganization;
    const { envelope } = await this.#post(
      endpoint,
      (tenant) => ({
        path: `${ORG}/registration`,
        body: buildOrganizationRegistrationBody(input, tenant),
      }),
      options,
    );
    return toRegisterOrganizationResult(envelope, endpoint);
  }

  /** docs/finhub-contract.md#employees. The first employee must carry `ADMIN_USER`. */
  async addEmployee(
    organizationId: string,
    input: AddEmployeeRequest,
    options?: CallOptions,
  ): Promise<EmployeeResult> {
    const endpoint = ENDPOINTS.addEmployee;
    const { envelope } = await this.#post(
      endpoint,
      () => ({ path: `${ORG}/${seg(organizationId)}/employee`, body: input }),
      options,
    );
    return toEmployeeResult(envelope);
  }

  /**
   * docs/finhub-contract.md#directors add: singular `/director`, or the older page's `POST
   * /directors` where the tenant lacks it (docs/finhub-contract.md#directors).
   */
  async addDirector(
    organizationId: string,
    input: AddDirectorRequest,
    options?: CallOptions,
  ): Promise<DirectorResult> {
    const add = async (endpoint: string, segment: string) => {
      const { envelope } = await this.#post(
        endpoint,
        (tenant) => ({
          path: `${ORG}/${seg(organizationId)}/${segment}`,
          body: buildDirectorBody(organizationId, input, tenant),
        }),
        options,
      );
      return toAddDirectorResult(envelope);
    };
    return this.firstServed('addDirector', [
      () => add(ENDPOINTS.addDirector, 'director'),
      () => add(ENDPOINTS.addDirectorPlural, 'directors'),
    ]);
  }

  /** docs/finhub-contract.md#directors list: `{success, data: {directors: []}}`. */
  async listDirectors(organizationId: string, options?: CallOptions): Promise<DirectorResult[]> {
    const endpoint = ENDPOINTS.listDirectors;
    const { envelope } = await this.#get(
      endpoint,
      `${ORG}/${seg(organizationId)}/directors`,
      options,
    );
    return toDirectorList(envelope, endpoint);
  }

  /**
   * docs/finhub-contract.md#shareholders (`/shareholders`); ownership must total 100 % across all
   * shareholders.
   */
  async addShareholder(
    organizationId: string,
    input: AddShareholderRequest,
    options?: CallOptions,
  ): Promise<ShareholderResult> {
    const endpoint = ENDPOINTS.addShareholder;
    const { envelope } = await this.#post(
      endpoint,
      () => ({ path: `${ORG}/${seg(organizationId)}/shareholders`, body: input }),
      options,
    );
    return toShareholderResult(envelope);
  }

  /**
   * docs/finhub-contract.md#organization-user-session org-user sign-in; same body and result as
   * docs/finhub-contract.md#customer-session.
   */
  async createOrganizationUserSession(
    organizationId: string,
    userId: string,
    credentials: SessionCredentials,
    options?: CallOptions,
  ): Promise<SessionResult> {
    const endpoint = ENDPOINTS.organizationSession;
    const { envelope, headers } = await this.http.send(
      {
        method: 'POST',
        endpoint,
        credentials: true,
        build: (tenant) => ({
          path: `${ORG}/${seg(organizationId)}/users/${seg(userId)}/sessions`,
          body: buildSessionBody(credentials, tenant),
        }),
      },
      options,
    );
    return toSessionResult(envelope, headers, endpoint, userId);
  }

  /**
   * docs/finhub-contract.md#kyb-verification KYB (`/verify`); needs `userContext`
   * (docs/finhub-contract.md#user-context-headers).
   */
  async verifyOrganization(
    organizationId: string,
    input: OrganizationVerificationRequest,
    options: UserCallOptions,
  ): Promise<VerificationResult> {
    const endpoint = ENDPOINTS.verifyOrganization;
    requireUserContext(options, endpoint);
    const { envelope } = await this.#post(
      endpoint,
      (tenant) => ({
        path: `${ORG}/${seg(organizationId)}/verify`,
        body: buildOrganizationVerificationBody(organizationId, input, tenant),
      }),
      options,
    );
    return toVerificationResult(envelope, endpoint);
  }

  /** docs/finhub-contract.md#consents: `{accepted: true, version}`. */
  async acceptOrganizationConsent(
    organizationId: string,
    type: ConsentKind,
    input: ConsentRequest,
    options?: CallOptions,
  ): Promise<ConsentResult> {
    const endpoint = ENDPOINTS.organizationConsent;
    const { envelope } = await this.#post(
      endpoint,
      () => ({
        path: `${ORG}/${seg(organizationId)}/consents/${seg(type)}`,
        body: buildConsentBody(input),
      }),
      options,
    );
    return toConsentResult(envelope);
  }

  /**
   * docs/finhub-contract.md#organization-activation; status `ACTIVATING` (wallet async, [O]) or
   * `ACTIVE` (with iban/wallet, [N]).
   */
  async activateOrganization(
    organizationId: string,
    input: OrganizationActivationRequest,
    options: UserCallOptions,
  ): Promise<ActivationResult> {
    const endpoint = ENDPOINTS.activateOrganization;
    requireUserContext(options, endpoint);
    const { envelope } = await this.#post(
      endpoint,
      () => ({
        path: `${ORG}/${seg(organizationId)}/activation`,
        body: buildOrganizationActivationBody(input),
      }),
      options,
    );
    return toActivationResult(envelope);
  }

  /**
   * docs/finhub-contract.md#organization-activation readiness (`GET
   * /{organizationId}/activation/readiness`; shape not captured,
   * docs/finhub-contract.md#contradictions): read like the docs/finhub-contract.md#readiness-check
   * check, plus the organization's own `status` (`PENDING_ACTIVATION`, `ACTIVATING`, `ACTIVE`,
   * docs/finhub-contract.md#statuses) when FinHub sends it.
   */
  async checkOrganizationReadiness(
    organizationId: string,
    options?: CallOptions,
  ): Promise<ActivationCheckResult & { status?: string }> {
    const endpoint = ENDPOINTS.organizationReadiness;
    const { envelope } = await this.#get(
      endpoint,
      `${ORG}/${seg(organizationId)}/activation/readiness`,
      options,
    );
    const check = toActivationCheckResult(envelope, endpoint);
    const status = findText(envelope.data, ['status', 'organizationStatus'])?.value;
    return status ? { ...check, status } : check;
  }

  /**
   * The wallet poll docs/finhub-contract.md#wallet-status names in its `ACTIVATING` warning (`GET
   * /{id}/wallet-status`): status `ACTIVATING` until `ACTIVE`, then the wallet and IBAN.
   */
  async getOrganizationWalletStatus(
    organizationId: string,
    options?: CallOptions,
  ): Promise<ActivationResult> {
    const endpoint = ENDPOINTS.walletStatus;
    const { envelope } = await this.#get(
      endpoint,
      `${ORG}/${seg(organizationId)}/wallet-status`,
      options,
    );
    return toActivationResult(envelope);
  }

  #post(endpoint: string, build: RequestSpec['build'], options?: CallOptions) {
    return this.http.send({ method: 'POST', endpoint, build }, options);
  }

  #get(endpoint: string, path: string, options?: CallOptions) {
    return this.http.send({ method: 'GET', endpoint, build: () => ({ path }) }, options);
  }
}

function requireUserContext(options: CallOptions | undefined, endpoint: string): void {
  const user = options?.userContext;
  if (user?.userId && user.roles.length > 0) return;
  throw new FinHubApiError({
    code: 'bad_request',
    endpoint,
    message: 'This step needs a signed-in company user. Start the company onboarding again.',
  });
}

export type {
  ActivationCheckResult,
  ActivationResult,
  ConsentResult,
  DirectorResult,
  DocumentUploadResult,
  EmployeeResult,
  ListedDocument,
  RegisterIndividualResult,
  RegisterOrganizationResult,
  SessionResult,
  ShareholderResult,
  VerificationResult,
  WalletSummary,
} from './schemas.js';
export type {
  AddDirectorRequest,
  AddEmployeeRequest,
  AddShareholderRequest,
  ConsentRequest,
  ConsentKind,
  CreateVerificationRequest,
  CustomerCategoryRef,
  Gender,
  IndividualActivationRequest,
  IndividualVerificationRequest,
  OrganizationActivationRequest,
  OrganizationRepresentative,
  OrganizationVerificationRequest,
  PostalAddress,
  RegisterIndividualRequest,
  RegisterOrganizationRequest,
  RegistrationCategorization,
  SessionCredentials,
  UploadDocumentRequest,
  UserContext,
} from './requests.js';
