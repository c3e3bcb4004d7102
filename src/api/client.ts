/**
 * Typed client for the FinHub v2.1 endpoints the two onboarding flows use
 * (docs/finhub-contract.md#endpoints). Plain TypeScript, free of Lit. Every method throws only
 * FinHubApiError and returns a small parsed result; session tokens never reach callers
 * (docs/architecture.md#relay).
 *
 * `FlowClient` holds what both flows call after the first step (the shared verification and the
 * document upload) and the request shapes their own calls share (sign-in, consents). Each flow
 * loads only its own subclass: `IndividualClient` (individual-client.ts) or `OrganizationClient`
 * (organization-client.ts), so a person's flow carries none of a company's endpoints, request
 * builders or response readers, and the other way round (issue 17: a class cannot be tree-shaken).
 */
import { FinHubClientBase, seg } from './client-base.js';
import type { CallOptions, RequestSpec, UploadCallOptions } from './http.js';
import {
  buildConsentBody,
  buildCreateVerificationBody,
  buildSessionBody,
  buildUploadDocumentBody,
  type ConsentRequest,
  type CreateVerificationRequest,
  type SessionCredentials,
  type UploadDocumentRequest,
} from './requests.js';
import { SHARED_ENDPOINTS } from './response-shapes.js';
import {
  toConsentResult,
  toDocumentUploadResult,
  toSessionResult,
  toVerificationResult,
  type ConsentResult,
  type DocumentUploadResult,
  type SessionResult,
  type VerificationResult,
} from './schemas.js';

export type { FinHubClientOptions } from './client-base.js';
export type { CallOptions, UploadCallOptions } from './http.js';

export class FlowClient extends FinHubClientBase {
  /**
   * docs/finhub-contract.md#create-verification shared verification; its id is what document
   * uploads need.
   */
  async createVerification(
    input: CreateVerificationRequest,
    options?: CallOptions,
  ): Promise<VerificationResult> {
    const endpoint = SHARED_ENDPOINTS.createVerification;
    const { envelope } = await this.post(
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
    const endpoint = SHARED_ENDPOINTS.uploadDocument;
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
   * A sign-in at `path()` (docs/finhub-contract.md#customer-session,
   * #organization-user-session: the same body and result). The relay adds
   * `tenantKey`/`tenantSecret`; a 401 here means wrong credentials. Paths are built when the
   * request is, as every call's are (after the token).
   */
  protected async signIn(
    endpoint: string,
    path: () => string,
    userId: string,
    credentials: SessionCredentials,
    options?: CallOptions,
  ): Promise<SessionResult> {
    const { envelope, headers } = await this.http.send(
      {
        method: 'POST',
        endpoint,
        credentials: true,
        build: (tenant) => ({ path: path(), body: buildSessionBody(credentials, tenant) }),
      },
      options,
    );
    return toSessionResult(envelope, headers, endpoint, userId);
  }

  /** docs/finhub-contract.md#consents at `path()`: `{accepted: true, version}`. */
  protected async consent(
    endpoint: string,
    path: () => string,
    input: ConsentRequest,
    options?: CallOptions,
  ): Promise<ConsentResult> {
    const { envelope } = await this.post(
      endpoint,
      () => ({ path: path(), body: buildConsentBody(input) }),
      options,
    );
    return toConsentResult(envelope);
  }

  protected post(endpoint: string, build: RequestSpec['build'], options?: CallOptions) {
    return this.http.send({ method: 'POST', endpoint, build }, options);
  }

  protected get(endpoint: string, path: string, options?: CallOptions) {
    return this.http.send({ method: 'GET', endpoint, build: () => ({ path }) }, options);
  }
}

export type {
  ActivationCheckResult,
  ActivationResult,
  ConsentResult,
  DocumentUploadResult,
  SessionResult,
  VerificationResult,
  WalletSummary,
} from './schemas.js';
export type {
  ConsentRequest,
  ConsentKind,
  CreateVerificationRequest,
  CustomerCategoryRef,
  Gender,
  PostalAddress,
  RegistrationCategorization,
  SessionCredentials,
  UploadDocumentRequest,
  UserContext,
} from './requests.js';
