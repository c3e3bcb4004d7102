/**
 * The individual flow's client (docs/finhub-contract.md#individual-flow): a person's
 * registration, customer session, verification, documents, consents and activation on top of
 * what both flows call (`FlowClient`, client.ts). Only src/flows/individual-calls.ts loads it, so
 * a company's flow carries none of it (issue 17).
 */
import { FinHubApiError } from './errors.js';
import { IND, seg } from './client-base.js';
import { INDIVIDUAL_ENDPOINTS } from './individual-endpoints.js';
import { FlowClient, type CallOptions } from './client.js';
import {
  buildIndividualRegistrationBody,
  isIso2,
  type IndividualActivationRequest,
  type IndividualVerificationRequest,
  type RegisterIndividualRequest,
} from './individual-requests.js';
import {
  toDocumentList,
  toRegisterIndividualResult,
  type ListedDocument,
  type RegisterIndividualResult,
} from './individual-schemas.js';
import type { ConsentKind, ConsentRequest, SessionCredentials } from './requests.js';
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

export class IndividualClient extends FlowClient {
  /**
   * docs/finhub-contract.md#individual-registration, #registration-body, #nationality-and-formats.
   * Never retried automatically: a second send could register twice
   * (docs/finhub-contract.md#retries-and-idempotency).
   */
  async registerIndividual(
    input: RegisterIndividualRequest,
    options?: CallOptions,
  ): Promise<RegisterIndividualResult> {
    const endpoint = INDIVIDUAL_ENDPOINTS.registerIndividual;
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
        message: 'invalid fields: nationality',
      });
    }
    const { envelope } = await this.post(
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
    return this.signIn(
      INDIVIDUAL_ENDPOINTS.customerSession,
      () => `${IND}/${seg(customerId)}/users/${seg(userId)}/sessions`,
      userId,
      credentials,
      options,
    );
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
      const { envelope } = await this.post(
        endpoint,
        () => ({ path: `${IND}/${seg(customerId)}/verification${suffix}`, body: input }),
        options,
      );
      return toVerificationResult(envelope, endpoint);
    };
    return this.firstServed('individualVerification', [
      () => create(INDIVIDUAL_ENDPOINTS.individualVerification, ''),
      () => create(INDIVIDUAL_ENDPOINTS.individualVerificationInitiate, '/initiate'),
    ]);
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
    const endpoint = INDIVIDUAL_ENDPOINTS.listIndividualDocuments;
    const { envelope } = await this.get(endpoint, `${IND}/${seg(customerId)}/documents`, options);
    return toDocumentList(envelope, endpoint);
  }

  /** docs/finhub-contract.md#consents: `{accepted: true, version}`. */
  async acceptIndividualConsent(
    customerId: string,
    type: ConsentKind,
    input: ConsentRequest,
    options?: CallOptions,
  ): Promise<ConsentResult> {
    return this.consent(
      INDIVIDUAL_ENDPOINTS.individualConsent,
      () => `${IND}/${seg(customerId)}/consents/${seg(type)}`,
      input,
      options,
    );
  }

  /** docs/finhub-contract.md#readiness-check, both generations normalised to one `allowed` flag. */
  async checkIndividualActivation(
    customerId: string,
    ownerTenantId: string,
    options?: CallOptions,
  ): Promise<ActivationCheckResult> {
    const endpoint = INDIVIDUAL_ENDPOINTS.individualReadiness;
    const { envelope } = await this.get(
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
    const endpoint = INDIVIDUAL_ENDPOINTS.activateIndividual;
    const { envelope } = await this.post(
      endpoint,
      () => ({
        path: `${IND}/${seg(customerId)}/activation`,
        body: { userId: input.userId, code: input.code },
      }),
      options,
    );
    return toActivationResult(envelope);
  }
}

export type { ListedDocument, RegisterIndividualResult } from './individual-schemas.js';
export type {
  IndividualActivationRequest,
  IndividualVerificationRequest,
  RegisterIndividualRequest,
} from './individual-requests.js';
