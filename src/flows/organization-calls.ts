/**
 * The organization flow's calls on the API client (docs/finhub-contract.md#organization-flow): the company's
 * registration, its people, the admin's org-user session, KYB, documents, consents, activation
 * and the wallet.
 */
import type { ApiSession } from '../api/api-session.js';
import type { VerificationResult } from '../api/client.js';
import { OrganizationClient, type UserCallOptions } from '../api/organization-client.js';
import type { CallContext, OrganizationBackend } from '../flow/backend.js';
// With the company form's schema, which its step loads too (these calls load after the first step).
import { toRegisterOrganizationRequest } from '../steps/registration/organization-registration.schema.js';
import {
  call,
  need,
  registerWithCategory,
  shouldFallBack,
  toActivationCheck,
  toActivationOutcome,
} from './api-common.js';

/**
 * The acting user on org `/verify` and `/activation`
 * (docs/finhub-contract.md#headers, #user-context-headers): the admin user who registered the
 * company and signed in. docs/finhub-contract.md#organization-registration makes them the
 * organization's default admin and docs/finhub-contract.md#organization-activation wants the caller
 * to be `ADMIN_USER` (or `COMPLIANCE_OFFICER`).
 */
export const ORGANIZATION_ADMIN_ROLES: readonly string[] = ['ADMIN_USER'];

/** The organization flow's calls on the session after its first step (loaded behind `organization-api.ts`). */
export function calls(api: ApiSession): Omit<OrganizationBackend, 'loadCategories'> {
  const client = new OrganizationClient(api.clientOptions);
  const organizationOf = (context: CallContext) =>
    need(context.data.ids.organizationId, 'organization id');
  /**
   * `X-User-ID` / `X-User-Roles` for the signed-in admin user
   * (docs/finhub-contract.md#user-context-headers).
   */
  const asAdmin = (context: CallContext): UserCallOptions => ({
    signal: context.signal,
    userContext: {
      userId: need(context.data.ids.userId, 'user id'),
      roles: [...ORGANIZATION_ADMIN_ROLES],
    },
  });

  return {
    async registerOrganization(values, context) {
      // docs/finhub-contract.md#smart-categorization smart selection: every mandatory feature key
      // filled with an allowed value.
      const result = await registerWithCategory(
        api,
        context,
        ({ customerCategory, categorization }) =>
          client.registerOrganization(
            toRegisterOrganizationRequest(values, customerCategory, categorization),
            call(context),
          ),
      );
      return {
        // docs/finhub-contract.md#organization-registration: the admin user (the registrant) signs
        // in as the org user (docs/finhub-contract.md#organization-user-session).
        ids: {
          organizationId: result.organizationId,
          ...(result.adminUserId ? { userId: result.adminUserId } : {}),
        },
        ...(result.customerStatus ? { status: result.customerStatus } : {}),
      };
    },

    async addEmployee(request, context) {
      const result = await client.addEmployee(organizationOf(context), request, call(context));
      return {
        userId: result.userId,
        ...(result.employeeId ? { employeeId: result.employeeId } : {}),
      };
    },

    async addDirector(request, context) {
      const result = await client.addDirector(organizationOf(context), request, call(context));
      return result.directorId ? { directorId: result.directorId } : {};
    },

    async addShareholder(request, context) {
      const result = await client.addShareholder(organizationOf(context), request, call(context));
      return {
        ...(result.shareholderId ? { shareholderId: result.shareholderId } : {}),
        ...(result.status ? { status: result.status } : {}),
      };
    },

    async listDirectors(context) {
      const list = await client.listDirectors(organizationOf(context), call(context));
      return list.map((director) => ({
        ...(director.directorId ? { directorId: director.directorId } : {}),
        firstName: director.firstName ?? '',
        lastName: director.lastName ?? '',
        ...(director.email ? { email: director.email } : {}),
        ...(director.role ? { role: director.role } : {}),
        ...(director.appointedDate ? { appointedDate: director.appointedDate } : {}),
        ...(director.status ? { status: director.status } : {}),
      }));
    },

    async openSession(credentials, context) {
      const organizationId = organizationOf(context);
      const userId = need(context.data.ids.userId, 'user id');
      const session = await client.createOrganizationUserSession(
        organizationId,
        userId,
        credentials,
        call(context),
      );
      return { ids: { organizationId, userId: session.userId || userId } };
    },

    /**
     * docs/finhub-contract.md#kyb-verification: KYB through `/verify` with the acting user; when
     * that route is missing or fails (404, 405, 5xx) the runner's fallback, `POST /verifications`
     * with `BUSINESS_VERIFICATION` (docs/finhub-contract.md#create-verification, which B2B flows
     * also send `X-User-ID`/`X-User-Roles` to).
     */
    async startVerification(context) {
      const organizationId = organizationOf(context);
      const options = asAdmin(context);
      const requestedByUserId = options.userContext.userId;
      let result: VerificationResult;
      try {
        result = await client.verifyOrganization(organizationId, { requestedByUserId }, options);
      } catch (error) {
        if (!shouldFallBack(error)) throw error;
        result = await client.createVerification(
          {
            customerId: organizationId,
            organizationId,
            type: 'BUSINESS_VERIFICATION',
            requestedByUserId,
            notes: 'Business Verification',
          },
          options,
        );
      }
      return {
        verificationId: result.verificationId,
        requiredDocuments: result.requiredDocuments,
        ...(result.status ? { status: result.status } : {}),
      };
    },

    async uploadDocument(upload, options, context) {
      const signal = options.signal
        ? AbortSignal.any([options.signal, context.signal])
        : context.signal;
      const result = await client.uploadVerificationDocument(
        need(context.data.ids.verificationId, 'verification id'),
        // docs/finhub-contract.md#document-upload: `organizationId` for a company (B2B runner step
        // 6).
        { ...upload, organizationId: organizationOf(context) },
        { signal, ...(options.onProgress ? { onUploadProgress: options.onProgress } : {}) },
      );
      return { documentId: result.documentId };
    },

    // docs/finhub-contract.md#document-list lists only an individual's documents; v2.1 has no list
    // for an organization's, so a lost upload's retry sends the same docId again and a 409 says it
    // is held (documents.work.ts).
    findDocument: async () => undefined,

    async acceptConsent(kind, consent, context) {
      // docs/finhub-contract.md#consents: the individual's body, on the organization.
      await client.acceptOrganizationConsent(
        organizationOf(context),
        kind,
        { version: consent.version, acceptanceTimestamp: consent.acceptedAt },
        call(context),
      );
    },

    async checkActivation(context) {
      return toActivationCheck(
        await client.checkOrganizationReadiness(organizationOf(context), call(context)),
      );
    },

    async activate(code, context) {
      const options = asAdmin(context);
      const result = await client.activateOrganization(
        organizationOf(context),
        // docs/finhub-contract.md#organization-activation [R]/[O]: `additionalInfo: {userId,
        // activationCode}`, the acting user's id.
        { userId: options.userContext.userId, activationCode: code },
        options,
      );
      return toActivationOutcome(result);
    },

    async checkWallet(context) {
      return toActivationOutcome(
        await client.getOrganizationWalletStatus(organizationOf(context), call(context)),
      );
    },
  };
}
