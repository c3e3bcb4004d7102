/**
 * The organization flow's calls on the API client (docs/finhub-contract.md#organization-flow): the company's
 * registration, its people, the admin's org-user session, KYB, documents, consents, activation
 * and the wallet.
 */
import type { ApiSession } from '../api/api-session.js';
import type { UserCallOptions, VerificationResult } from '../api/client.js';
import type { CallContext, OrganizationBackend } from '../flow/backend.js';
import {
  call,
  handoffCalls,
  categoriesFor,
  need,
  registerWithCategory,
  shouldFallBack,
  toActivationCheck,
  toActivationOutcome,
} from './api-common.js';

/**
 * The acting user on org `/verify` and `/activation` (§2, errata E4): the admin user who registered
 * the company and signed in. §7.1 makes them the organization's default admin and §7.8 wants the
 * caller to be `ADMIN_USER` (or `COMPLIANCE_OFFICER`).
 */
export const ORGANIZATION_ADMIN_ROLES: readonly string[] = ['ADMIN_USER'];

export { createApiSession } from '../api/api-session.js';
export { unconfiguredCalls } from './api-common.js';

/** The organization flow's calls on the session. */
export function calls(api: ApiSession): OrganizationBackend {
  const { client } = api;
  const organizationOf = (context: CallContext) =>
    need(context.data.ids.organizationId, 'organization id');
  /** `X-User-ID` / `X-User-Roles` for the signed-in admin user (errata E4). */
  const asAdmin = (context: CallContext): UserCallOptions => ({
    signal: context.signal,
    userContext: {
      userId: need(context.data.ids.userId, 'user id'),
      roles: [...ORGANIZATION_ADMIN_ROLES],
    },
  });

  return {
    handoff: handoffCalls(api),
    loadCategories: (context) => categoriesFor(api, 'organization', context),

    async registerOrganization(values, context) {
      // §4.2 smart selection: every mandatory feature key filled with an allowed value.
      // With the company form's schema, which its step has loaded: not in the first screen.
      const { toRegisterOrganizationRequest } =
        await import('../steps/registration/organization-registration.schema.js');
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
        // §7.1: the admin user (the registrant) signs in as the org user (§3.3).
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
     * §7.6: KYB through `/verify` with the acting user; when that route is missing or fails (404,
     * 405, 5xx) the runner's fallback, `POST /verifications` with `BUSINESS_VERIFICATION` (§6.1,
     * which B2B flows also send `X-User-ID`/`X-User-Roles` to).
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
        // §6.2: `organizationId` for a company (B2B runner step 6).
        { ...upload, organizationId: organizationOf(context) },
        { signal, ...(options.onProgress ? { onUploadProgress: options.onProgress } : {}) },
      );
      return { documentId: result.documentId };
    },

    // §6.2(b) lists only an individual's documents; v2.1 has no list for an organization's, so a
    // lost upload's retry sends the same docId again and a 409 says it is held (documents.work.ts).
    findDocument: async () => undefined,

    async acceptConsent(kind, consent, context) {
      // §7.7: the same body as §5.4, on the organization.
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
        // §7.8 [R]/[O]: `additionalInfo: {userId, activationCode}`, the acting user's id.
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
