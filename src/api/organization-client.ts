/**
 * The organization flow's client (docs/finhub-contract.md#organization-flow): the company's
 * registration, its people, the org-user session, KYB, consents, activation and the wallet on top
 * of what both flows call (`FlowClient`, client.ts). Only src/flows/organization-calls.ts loads
 * it, so a person's flow carries none of it (issue 17).
 */
import { FinHubApiError } from './errors.js';
import { ORG, seg } from './client-base.js';
import { ORGANIZATION_ENDPOINTS } from './organization-endpoints.js';
import { FlowClient, type CallOptions } from './client.js';
import {
  buildDirectorBody,
  buildOrganizationActivationBody,
  buildOrganizationRegistrationBody,
  buildOrganizationVerificationBody,
  type AddDirectorRequest,
  type AddEmployeeRequest,
  type AddShareholderRequest,
  type OrganizationActivationRequest,
  type OrganizationVerificationRequest,
  type RegisterOrganizationRequest,
} from './organization-requests.js';
import {
  toAddDirectorResult,
  toDirectorList,
  toEmployeeResult,
  toRegisterOrganizationResult,
  toShareholderResult,
  type DirectorResult,
  type EmployeeResult,
  type RegisterOrganizationResult,
  type ShareholderResult,
} from './organization-schemas.js';
import type { ConsentKind, ConsentRequest, SessionCredentials, UserContext } from './requests.js';
import { findText } from './response-shapes.js';
import {
  toActivationCheckResult,
  toActivationResult,
  toVerificationResult,
  type ActivationCheckResult,
  type ActivationResult,
  type ConsentResult,
  type SessionResult,
  type VerificationResult,
} from './schemas.js';

/**
 * Org `/verify` and `/activation` need the acting user
 * (docs/finhub-contract.md#user-context-headers).
 */
export type UserCallOptions = CallOptions & { userContext: UserContext };

export class OrganizationClient extends FlowClient {
  /**
   * docs/finhub-contract.md#organization-registration. Never retried automatically
   * (docs/finhub-contract.md#retries-and-idempotency).
   */
  async registerOrganization(
    input: RegisterOrganizationRequest,
    options?: CallOptions,
  ): Promise<RegisterOrganizationResult> {
    const endpoint = ORGANIZATION_ENDPOINTS.registerOrganization;
    const { envelope } = await this.post(
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
    const endpoint = ORGANIZATION_ENDPOINTS.addEmployee;
    const { envelope } = await this.post(
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
      const { envelope } = await this.post(
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
      () => add(ORGANIZATION_ENDPOINTS.addDirector, 'director'),
      () => add(ORGANIZATION_ENDPOINTS.addDirectorPlural, 'directors'),
    ]);
  }

  /** docs/finhub-contract.md#directors list: `{success, data: {directors: []}}`. */
  async listDirectors(organizationId: string, options?: CallOptions): Promise<DirectorResult[]> {
    const endpoint = ORGANIZATION_ENDPOINTS.listDirectors;
    const { envelope } = await this.get(
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
    const endpoint = ORGANIZATION_ENDPOINTS.addShareholder;
    const { envelope } = await this.post(
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
    return this.signIn(
      ORGANIZATION_ENDPOINTS.organizationSession,
      () => `${ORG}/${seg(organizationId)}/users/${seg(userId)}/sessions`,
      userId,
      credentials,
      options,
    );
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
    const endpoint = ORGANIZATION_ENDPOINTS.verifyOrganization;
    requireUserContext(options, endpoint);
    const { envelope } = await this.post(
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
    return this.consent(
      ORGANIZATION_ENDPOINTS.organizationConsent,
      () => `${ORG}/${seg(organizationId)}/consents/${seg(type)}`,
      input,
      options,
    );
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
    const endpoint = ORGANIZATION_ENDPOINTS.activateOrganization;
    requireUserContext(options, endpoint);
    const { envelope } = await this.post(
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
    const endpoint = ORGANIZATION_ENDPOINTS.organizationReadiness;
    const { envelope } = await this.get(
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
    const endpoint = ORGANIZATION_ENDPOINTS.walletStatus;
    const { envelope } = await this.get(
      endpoint,
      `${ORG}/${seg(organizationId)}/wallet-status`,
      options,
    );
    return toActivationResult(envelope);
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
  DirectorResult,
  EmployeeResult,
  RegisterOrganizationResult,
  ShareholderResult,
} from './organization-schemas.js';
export type {
  AddDirectorRequest,
  AddEmployeeRequest,
  AddShareholderRequest,
  OrganizationActivationRequest,
  OrganizationRepresentative,
  OrganizationVerificationRequest,
  RegisterOrganizationRequest,
} from './organization-requests.js';
