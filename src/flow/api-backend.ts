/**
 * The FlowBackend on the real API client: every step's call to the relay (finhub-api.md §1.2), in
 * FinHub's order. Created once per element from its attributes; the flow controller hands each
 * call the element's AbortSignal.
 */
import { buildCategorization, listCategories, pickDefaultCategory } from '../api/categorization.js';
import {
  FinHubClient,
  type ActivationCheckResult,
  type ActivationResult,
  type CallOptions,
  type UserCallOptions,
  type VerificationResult,
} from '../api/client.js';
import { resolveDeviceHints } from '../api/device.js';
import { isFinHubApiError } from '../api/errors.js';
import type { CategorizationHierarchy } from '../api/hierarchy.js';
import { ORPHAN_GRACE_MS, SharedRequest } from '../api/shared-request.js';
import { createTokenProvider, type TokenProviderOptions } from '../api/token-provider.js';
import type { TokenSource } from '../api/types.js';
import {
  FlowError,
  abortedError,
  type ActivationCheck,
  type ActivationOutcome,
  type DocumentUploadOptions,
  type FlowBackend,
  type StepContext,
} from './backend.js';
import { consentKindOf } from './resume.js';
import type { ConsentKind, FlowKind } from './types.js';

export interface ApiBackendOptions {
  /** The host's token endpoint (POST), e.g. the relay's `/onboarding/token`. */
  tokenUrl?: string;
  /** Or a function returning `{accessToken, expiresIn}` (used when given). */
  fetchToken?: TokenProviderOptions['fetchToken'];
  /** `{api-base}/v2.1/...`, e.g. `/onboarding/api`. */
  apiBase: string;
  /** `X-Tenant-ID`; read on every call, falling back to the token endpoint's `tenantId`. */
  tenantId?: () => string | undefined;
  /** Overrides the generated per-browser device id. */
  deviceId?: string;
  /** Test seam: the fetch both the token provider and the client use. */
  fetch?: typeof fetch;
}

/**
 * The acting user on org `/verify` and `/activation` (§2, errata E4): the admin user who registered
 * the company and signed in. §7.1 makes them the organization's default admin and §7.8 wants the
 * caller to be `ADMIN_USER` (or `COMPLIANCE_OFFICER`).
 */
export const ORGANIZATION_ADMIN_ROLES: readonly string[] = ['ADMIN_USER'];

function toActivationCheck(check: ActivationCheckResult & { status?: string }): ActivationCheck {
  return {
    allowed: check.allowed,
    ...(check.consentOk !== undefined ? { consentOk: check.consentOk } : {}),
    ...(check.verificationOk !== undefined ? { verificationOk: check.verificationOk } : {}),
    ...(check.verificationStatus ? { verificationStatus: check.verificationStatus } : {}),
    ...(check.status ? { status: check.status } : {}),
    missingConsents: check.missingConsents
      .map(consentKindOf)
      .filter((kind): kind is ConsentKind => kind !== undefined),
  };
}

function toActivationOutcome(result: ActivationResult): ActivationOutcome {
  return {
    ...(result.status ? { status: result.status } : {}),
    ...(result.iban ? { iban: result.iban } : {}),
    ...(result.wallet ? { wallet: result.wallet } : {}),
  };
}

const need = (value: string | undefined, what: string): string => {
  if (value) return value;
  // The flow only calls a step when the ids it needs exist; this guards a misuse of the seam.
  throw new FlowError('not_found', `missing ${what}`);
};

/**
 * §5.3c / §12.8: a customer-scoped verification route this tenant lacks, or one that failed; the
 * same for the organization's `/verify`, which the runner backs with `POST /verifications` (§7.6).
 */
const shouldFallBack = (error: unknown): boolean =>
  isFinHubApiError(error) &&
  error.code !== 'aborted' &&
  (error.status === 404 || error.status === 405 || (error.status ?? 0) >= 500);

export function createApiBackend(options: ApiBackendOptions): FlowBackend {
  const apiBase = options.apiBase.trim();
  const tokenUrl = options.tokenUrl?.trim();
  if (!apiBase || (!tokenUrl && !options.fetchToken)) return unconfiguredBackend();

  const tokens: TokenSource = createTokenProvider(
    options.fetchToken
      ? { fetchToken: options.fetchToken }
      : { tokenUrl: tokenUrl!, ...(options.fetch ? { fetch: options.fetch } : {}) },
  );
  const tenantId = () => options.tenantId?.() || tokens.tenantId;
  const client = new FinHubClient({
    apiBase,
    tenantId,
    tokens,
    device: resolveDeviceHints(options.deviceId ? { deviceId: options.deviceId } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  // One hierarchy request per element (§4.1): categories and registration read the same copy, and
  // a re-mounted element joins the request already in flight instead of sending another. Once no
  // caller has waited for it for ORPHAN_GRACE_MS (the element was removed), it is cancelled.
  let hierarchy: SharedRequest<CategorizationHierarchy> | undefined;
  const loadHierarchy = (signal: AbortSignal) => {
    if (!hierarchy) {
      const shared = new SharedRequest(
        (cancelled) => client.getCategorizationHierarchy(undefined, { signal: cancelled }),
        {
          graceMs: ORPHAN_GRACE_MS,
          abandoned: () => abortedError(),
          onCancel: () => {
            if (hierarchy === shared) hierarchy = undefined; // the next caller asks again
          },
        },
      );
      shared.promise.catch(() => {
        if (hierarchy === shared) hierarchy = undefined; // a retry asks again
      });
      hierarchy = shared;
    }
    return hierarchy.follow(signal);
  };

  const call = (context: StepContext): CallOptions => ({ signal: context.signal });
  const organizationOf = (context: StepContext) =>
    need(context.data.ids.organizationId, 'organization id');
  /** `X-User-ID` / `X-User-Roles` for the signed-in admin user (errata E4). */
  const asAdmin = (context: StepContext): UserCallOptions => ({
    signal: context.signal,
    userContext: {
      userId: need(context.data.ids.userId, 'user id'),
      roles: [...ORGANIZATION_ADMIN_ROLES],
    },
  });

  return {
    async loadCategories(context) {
      const kind: FlowKind = context.data.flow;
      const loaded = await loadHierarchy(context.signal);
      const preferred = pickDefaultCategory(loaded, kind)?.key;
      return listCategories(loaded, kind).map((option) => ({
        key: option.key,
        name: option.name,
        ...(option.description ? { description: option.description } : {}),
        ...(option.key === preferred ? { isDefault: true } : {}),
        aliases: [option.code, option.id],
      }));
    },

    async registerIndividual(values, context) {
      const loaded = await loadHierarchy(context.signal);
      const key = need(context.data.categoryKey, 'category');
      // §4.2 smart selection: every mandatory feature key filled with an allowed value.
      const { customerCategory, categorization } = buildCategorization(loaded, key);
      const result = await client.registerIndividual(
        {
          firstName: values.firstName,
          lastName: values.lastName,
          email: values.email,
          phone: values.phone,
          password: values.password,
          matchingPassword: values.matchingPassword,
          dateOfBirth: values.dateOfBirth,
          gender: values.gender,
          nationality: values.nationality,
          placeOfBirth: values.placeOfBirth,
          address: {
            street: values.street,
            city: values.city,
            postalCode: values.postalCode,
            country: values.country,
          },
          customerCategory,
          categorization,
        },
        call(context),
      );
      return {
        ids: { customerId: result.customerId, userId: result.userId },
        ...(result.customerStatus ? { status: result.customerStatus } : {}),
      };
    },

    async registerOrganization(values, context) {
      const loaded = await loadHierarchy(context.signal);
      const key = need(context.data.categoryKey, 'category');
      const { customerCategory, categorization } = buildCategorization(loaded, key);
      // With the company form's schema, which its step has loaded: not in the first screen.
      const { toRegisterOrganizationRequest } =
        await import('../steps/registration/organization-registration.schema.js');
      const result = await client.registerOrganization(
        toRegisterOrganizationRequest(values, customerCategory, categorization),
        call(context),
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
      if (context.data.flow === 'organization') {
        const organizationId = organizationOf(context);
        const userId = need(context.data.ids.userId, 'user id');
        const session = await client.createOrganizationUserSession(
          organizationId,
          userId,
          credentials,
          call(context),
        );
        return { ids: { organizationId, userId: session.userId || userId } };
      }
      const { customerId, userId } = context.data.ids;
      const session = await client.createCustomerSession(
        need(customerId, 'customer id'),
        need(userId, 'user id'),
        credentials,
        call(context),
      );
      return { ids: { customerId: customerId!, userId: session.userId || userId! } };
    },

    async startVerification(context) {
      if (context.data.flow === 'organization') return startKyb(context);
      const { customerId, userId } = context.data.ids;
      const customer = need(customerId, 'customer id');
      let result: VerificationResult;
      try {
        result = await client.createIndividualVerification(
          customer,
          { verificationType: 'STANDARD' },
          call(context),
        );
      } catch (error) {
        if (!shouldFallBack(error)) throw error;
        // §6.1: the runner's shared create. `requestedByUserId` is the customer's own user: the
        // browser never knows an admin's id (§12.8 leaves the caller open).
        result = await client.createVerification(
          {
            customerId: customer,
            type: 'IDENTITY_VERIFICATION',
            requestedByUserId: need(userId, 'user id'),
            notes: 'Identity Verification',
          },
          call(context),
        );
      }
      return {
        verificationId: result.verificationId,
        // The [R] response names none (§6.1): the documents step then asks for its defaults.
        requiredDocuments: result.requiredDocuments,
        ...(result.status ? { status: result.status } : {}),
      };
    },

    async uploadDocument(upload, uploadOptions: DocumentUploadOptions, context) {
      const { customerId, verificationId } = context.data.ids;
      const signal = uploadOptions.signal
        ? AbortSignal.any([uploadOptions.signal, context.signal])
        : context.signal;
      // `onUploadProgress` is the client's progress hook (a variable, so this compiles whether
      // or not the client's CallOptions declare it yet).
      const callOptions: CallOptions & { onUploadProgress?: (fraction: number) => void } = {
        signal,
        ...(uploadOptions.onProgress ? { onUploadProgress: uploadOptions.onProgress } : {}),
      };
      // §6.2: `customerId` for a person, `organizationId` for a company (B2B runner step 6).
      const owner =
        context.data.flow === 'organization'
          ? { organizationId: organizationOf(context) }
          : { customerId: need(customerId, 'customer id') };
      const result = await client.uploadVerificationDocument(
        need(verificationId, 'verification id'),
        { ...upload, ...owner },
        callOptions,
      );
      return { documentId: result.documentId };
    },

    async findDocument(document, context) {
      // §6.2(b) lists only an individual's documents; v2.1 has no list for an organization's.
      if (context.data.flow === 'organization') return undefined;
      let listed;
      try {
        listed = await client.listIndividualDocuments(
          need(context.data.ids.customerId, 'customer id'),
          call(context),
        );
      } catch (error) {
        // The older endpoint may be gone from this tenant: as for an organization, the same
        // docId then goes again.
        if (isFinHubApiError(error) && (error.status === 404 || error.status === 405)) {
          return undefined;
        }
        throw error;
      }
      // Our docId when FinHub echoes it; otherwise the same type (returned prefixed, `DT_PASSPORT`)
      // and file name (the [N] generation prefixes stored names: `628dd82a-passport.pdf`).
      const type = (t?: string) => t?.replace(/^DT_/, '');
      const match =
        listed.find((d) => d.docId === document.docId) ??
        listed.find(
          (d) =>
            !d.docId &&
            type(d.documentType) === type(document.documentType) &&
            !!d.fileName?.endsWith(document.fileName),
        );
      return match ? { documentId: match.documentId } : undefined;
    },

    async acceptConsent(kind, consent, context) {
      if (context.data.flow === 'organization') {
        // §7.7: the same body as §5.4, on the organization.
        await client.acceptOrganizationConsent(
          organizationOf(context),
          kind,
          { version: consent.version, acceptanceTimestamp: consent.acceptedAt },
          call(context),
        );
        return;
      }
      await client.acceptIndividualConsent(
        need(context.data.ids.customerId, 'customer id'),
        kind,
        { version: consent.version, acceptanceTimestamp: consent.acceptedAt },
        call(context),
      );
    },

    async checkActivation(context): Promise<ActivationCheck> {
      if (context.data.flow === 'organization') {
        return toActivationCheck(
          await client.checkOrganizationReadiness(organizationOf(context), call(context)),
        );
      }
      await tokens.getToken(context.signal);
      const owner = tenantId();
      const check = await client.checkIndividualActivation(
        need(context.data.ids.customerId, 'customer id'),
        need(owner, 'tenant id'),
        call(context),
      );
      return toActivationCheck(check);
    },

    async activate(code, context) {
      if (context.data.flow === 'organization') {
        const options = asAdmin(context);
        const result = await client.activateOrganization(
          organizationOf(context),
          // §7.8 [R]/[O]: `additionalInfo: {userId, activationCode}`, the acting user's id.
          { userId: options.userContext.userId, activationCode: code },
          options,
        );
        return toActivationOutcome(result);
      }
      const result = await client.activateIndividual(
        need(context.data.ids.customerId, 'customer id'),
        // §5.6: the runner sends the customer's email as `userId`.
        { userId: need(context.data.email, 'email'), code },
        call(context),
      );
      return toActivationOutcome(result);
    },

    async checkWallet(context) {
      return toActivationOutcome(
        await client.getOrganizationWalletStatus(organizationOf(context), call(context)),
      );
    },
  };

  /**
   * §7.6: KYB through `/verify` with the acting user; when that route is missing or fails (404,
   * 405, 5xx) the runner's fallback, `POST /verifications` with `BUSINESS_VERIFICATION` (§6.1,
   * which B2B flows also send `X-User-ID`/`X-User-Roles` to).
   */
  async function startKyb(context: StepContext) {
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
  }
}

/** Without a token source and an API base nothing can work: every call says so. */
function unconfiguredBackend(): FlowBackend {
  const fail = async (): Promise<never> => {
    throw new FlowError(
      'not_configured',
      'Set token-url (or the fetchToken property) and api-base on <finhub-onboarding>.',
    );
  };
  return {
    loadCategories: fail,
    registerIndividual: fail,
    registerOrganization: fail,
    addEmployee: fail,
    addDirector: fail,
    addShareholder: fail,
    listDirectors: fail,
    openSession: fail,
    startVerification: fail,
    uploadDocument: fail,
    acceptConsent: fail,
    checkActivation: fail,
    activate: fail,
    checkWallet: fail,
  };
}
