/**
 * Response schemas and normalisers: every FinHub response is parsed here, at the boundary, into a
 * small typed result. Schemas are `z.looseObject` so unknown fields pass through. Only the fields a
 * flow cannot continue without are required; every other field is "soft" (a wrong type or `null`
 * becomes `undefined`) so a cosmetic change on FinHub's side never breaks onboarding.
 *
 * Session tokens are never copied into results (DESIGN §1: the relay keeps customer tokens).
 */
import * as z from 'zod/mini';
import { errorFromResponse, invalidResponseError, type ErrorContext } from './errors.js';

// -- helpers -------------------------------------------------------------------------------------

/** Optional field that never fails the parse: absent, `null` or the wrong type → undefined. */
const soft = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

const softString = () => soft(z.string());
const softBoolean = () => soft(z.boolean());
const softNumber = () => soft(z.number());
const softStrings = () => soft(z.array(z.string()));
const id = () => z.string().check(z.minLength(1));
const softId = () => soft(id());

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// -- envelope (§2.1) -----------------------------------------------------------------------------

export interface Envelope {
  /** `data` of `{code,message,data}` / `{success,data}`, or the whole body when it is bare. */
  data: unknown;
  message: string | undefined;
  /** Registration puts `redirectUrl` at the top level (§5.1). */
  redirectUrl: string | undefined;
}

const ENVELOPE_KEYS = new Set(['code', 'message', 'success', 'timestamp', 'redirectUrl']);

/**
 * Unwraps either envelope generation (§2.1). A body with `data` is an envelope; a body holding
 * only envelope keys (e.g. consent `{"code":200,"message":"Success"}`, §7.7) is an envelope with
 * empty data; anything else is a bare payload (e.g. the [N] hierarchy, §4.1).
 *
 * [INF] BaseResponse carries its own `code`: a 2xx whose envelope says `code >= 400` or
 * `success: false` is treated as the error it reports rather than as success.
 */
export function unwrapEnvelope(
  body: unknown,
  status: number,
  headers: Headers,
  endpoint: string,
  context: ErrorContext = {},
): Envelope {
  if (!isObject(body)) return { data: body, message: undefined, redirectUrl: undefined };
  const keys = Object.keys(body);
  const isEnvelope = 'data' in body || (keys.length > 0 && keys.every((k) => ENVELOPE_KEYS.has(k)));
  if (!isEnvelope) return { data: body, message: undefined, redirectUrl: undefined };

  const code = body['code'];
  if (typeof code === 'number' && code >= 400 && code <= 599) {
    throw errorFromResponse(code, headers, body, endpoint, context);
  }
  if (body['success'] === false) {
    const reported = status >= 400 ? status : context.credentials ? 401 : 422;
    throw errorFromResponse(reported, headers, body, endpoint, context);
  }

  const message = typeof body['message'] === 'string' ? body['message'] : undefined;
  const redirectUrl = typeof body['redirectUrl'] === 'string' ? body['redirectUrl'] : undefined;
  return { data: 'data' in body ? (body['data'] ?? {}) : {}, message, redirectUrl };
}

/** Parses `data` or throws `invalid_response` (never a later crash on a missing field). */
export function parseData<T extends z.ZodMiniType>(
  schema: T,
  data: unknown,
  endpoint: string,
): z.output<T> {
  const result = schema.safeParse(data);
  if (!result.success) throw invalidResponseError(endpoint, undefined, result.error);
  return result.data;
}

// -- registration (§5.1, §7.1) -------------------------------------------------------------------

export const IndividualRegistrationDataSchema = z.looseObject({
  id: softId(),
  customerId: softId(),
  userId: softId(),
  user: soft(z.looseObject({ id: softId(), userId: softId(), status: softString() })),
  tenantId: softString(),
  customerType: softString(),
  customerStatus: softString(),
  redirectUrl: softString(),
});

export interface RegisterIndividualResult {
  customerId: string;
  /** `data.user.id`: the `{userId}` of the session path (§12.6). */
  userId: string;
  tenantId?: string;
  customerStatus?: string;
  userStatus?: string;
  redirectUrl?: string;
  message?: string;
}

export function toRegisterIndividualResult(
  env: Envelope,
  endpoint: string,
): RegisterIndividualResult {
  const data = parseData(IndividualRegistrationDataSchema, env.data, endpoint);
  const customerId = data.id ?? data.customerId;
  const userId = data.user?.id ?? data.user?.userId ?? data.userId;
  if (!customerId || !userId) throw invalidResponseError(endpoint);
  return {
    customerId,
    userId,
    tenantId: data.tenantId,
    customerStatus: data.customerStatus,
    userStatus: data.user?.status,
    redirectUrl: env.redirectUrl ?? data.redirectUrl,
    message: env.message,
  };
}

const AdminEmployeeSchema = z.looseObject({ id: softId(), userId: softId() });

export const OrganizationRegistrationDataSchema = z.looseObject({
  id: softId(),
  organizationId: softId(),
  // [N] has `organization: false` (a flag); the [R] body starts `{"organi…` and may nest it.
  organization: soft(z.looseObject({ id: softId(), organizationId: softId() })),
  tenantId: softString(),
  customerStatus: softString(),
  userId: softId(),
  user: soft(z.looseObject({ id: softId() })),
  adminEmployees: soft(z.array(AdminEmployeeSchema)),
});

export interface RegisterOrganizationResult {
  organizationId: string;
  tenantId?: string;
  customerStatus?: string;
  /** The default admin's user id when FinHub already returns it (§7.1 says it is created async). */
  adminUserId?: string;
  message?: string;
}

export function toRegisterOrganizationResult(
  env: Envelope,
  endpoint: string,
): RegisterOrganizationResult {
  const data = parseData(OrganizationRegistrationDataSchema, env.data, endpoint);
  const organizationId =
    data.organizationId ?? data.id ?? data.organization?.organizationId ?? data.organization?.id;
  if (!organizationId) throw invalidResponseError(endpoint);
  const admin = data.adminEmployees?.[0];
  return {
    organizationId,
    tenantId: data.tenantId,
    customerStatus: data.customerStatus,
    adminUserId: admin?.userId ?? admin?.id ?? data.user?.id ?? data.userId,
    message: env.message,
  };
}

// -- sessions (§3.2, §3.3) -----------------------------------------------------------------------

export const SessionDataSchema = z.looseObject({
  sessionId: softId(),
  userId: softId(),
  customerId: softString(),
  tenantId: softString(),
  expiresAt: softString(),
  expiresIn: softNumber(),
  roles: softStrings(),
  success: softBoolean(),
  errorType: softString(),
  message: softString(),
});

/** A session, minus its token and refresh token (the relay keeps those, DESIGN §1). */
export interface SessionResult {
  sessionId: string;
  userId: string;
  customerId?: string;
  tenantId?: string;
  expiresAt?: string;
  expiresIn?: number;
  roles: string[];
}

export function toSessionResult(
  env: Envelope,
  headers: Headers,
  endpoint: string,
  fallbackUserId: string,
): SessionResult {
  const data = parseData(SessionDataSchema, env.data, endpoint);
  // §3.2: `data.success:false` + errorType is a failed sign-in even when the HTTP status is 2xx.
  if (data.success === false) {
    throw errorFromResponse(401, headers, { message: env.message, data: env.data }, endpoint, {
      credentials: true,
    });
  }
  if (!data.sessionId) throw invalidResponseError(endpoint);
  return {
    sessionId: data.sessionId,
    userId: data.userId ?? fallbackUserId,
    customerId: data.customerId,
    tenantId: data.tenantId,
    expiresAt: data.expiresAt,
    expiresIn: data.expiresIn,
    roles: data.roles ?? [],
  };
}

// -- verification (§5.3, §6.1, §7.6) -------------------------------------------------------------

export const VerificationDataSchema = z.looseObject({
  verificationId: softId(),
  id: softId(),
  status: softString(),
  verificationType: softString(),
  type: softString(),
  level: softString(),
  verificationLevel: softString(),
  requiredDocuments: softStrings(),
});

export interface VerificationResult {
  verificationId: string;
  /** `PENDING`, `INITIATED` or `IN_PROGRESS` depending on generation (§12.8). */
  status?: string;
  verificationType?: string;
  level?: string;
  requiredDocuments: string[];
}

export function toVerificationResult(env: Envelope, endpoint: string): VerificationResult {
  const data = parseData(VerificationDataSchema, env.data, endpoint);
  const verificationId = data.verificationId ?? data.id;
  if (!verificationId) throw invalidResponseError(endpoint);
  return {
    verificationId,
    status: data.status,
    verificationType: data.verificationType ?? data.type,
    level: data.level ?? data.verificationLevel,
    requiredDocuments: data.requiredDocuments ?? [],
  };
}

// -- documents (§6.2) ----------------------------------------------------------------------------

export const DocumentDataSchema = z.looseObject({
  documentId: softId(),
  id: softId(),
  documentType: softString(),
  fileName: softString(),
  status: softString(),
});

export interface DocumentUploadResult {
  documentId: string;
  documentType?: string;
  fileName?: string;
  status?: string;
}

/** One item of §6.2(b)'s document list. */
export interface ListedDocument extends DocumentUploadResult {
  /** The client's id (§6.2 `docId`) when FinHub echoes it. */
  docId?: string;
}

const ListedDocumentSchema = z.looseObject({
  documentId: softId(),
  id: softId(),
  docId: softString(),
  documentType: softString(),
  fileName: softString(),
  status: softString(),
});

// §6.2(b) documents no response: the list may be `data` itself or under `data.documents`.
const DocumentListSchema = z.union([
  z.looseObject({ documents: z.array(ListedDocumentSchema) }),
  z.array(ListedDocumentSchema),
]);

export function toDocumentList(env: Envelope, endpoint: string): ListedDocument[] {
  const data = parseData(DocumentListSchema, env.data, endpoint);
  return (Array.isArray(data) ? data : data.documents).flatMap((d) => {
    const documentId = d.documentId ?? d.id;
    if (!documentId) return [];
    return [
      {
        documentId,
        ...(d.docId ? { docId: d.docId } : {}),
        ...(d.documentType ? { documentType: d.documentType } : {}),
        ...(d.fileName ? { fileName: d.fileName } : {}),
        ...(d.status ? { status: d.status } : {}),
      },
    ];
  });
}

export function toDocumentUploadResult(env: Envelope, endpoint: string): DocumentUploadResult {
  const data = parseData(DocumentDataSchema, env.data, endpoint);
  const documentId = data.documentId ?? data.id;
  if (!documentId) throw invalidResponseError(endpoint);
  return {
    documentId,
    documentType: data.documentType,
    fileName: data.fileName,
    status: data.status,
  };
}

// -- consents (§5.4, §7.7) -----------------------------------------------------------------------

export const ConsentDataSchema = z.looseObject({
  id: softString(),
  consentId: softString(),
  consentType: softString(),
  type: softString(),
  status: softString(),
  version: softString(),
});

export interface ConsentResult {
  consentId?: string;
  consentType?: string;
  /** `PENDING` ([R]) or `ACCEPTED` ([N]) (§12.12); undefined when FinHub sends no data. */
  status?: string;
  version?: string;
}

export function toConsentResult(env: Envelope, endpoint: string): ConsentResult {
  const data = parseData(soft(ConsentDataSchema), env.data, endpoint) ?? {};
  return {
    consentId: data.consentId ?? data.id,
    consentType: data.consentType ?? data.type,
    status: data.status,
    version: data.version,
  };
}

// -- activation check (§5.5) ---------------------------------------------------------------------

export const ActivationCheckDataSchema = z.looseObject({
  activationAllowed: softBoolean(),
  canActivate: softBoolean(),
  consentOk: softBoolean(),
  verificationOk: softBoolean(),
  verificationStatus: softString(),
  verificationLevel: softString(),
  riskLevel: softString(),
  missingConsents: softStrings(),
  message: softString(),
});

export interface ActivationCheckResult {
  /** `activationAllowed` ([R]) or `canActivate` ([N]). */
  allowed: boolean;
  consentOk?: boolean;
  verificationOk?: boolean;
  verificationStatus?: string;
  verificationLevel?: string;
  riskLevel?: string;
  missingConsents: string[];
  message?: string;
}

export function toActivationCheckResult(env: Envelope, endpoint: string): ActivationCheckResult {
  const data = parseData(ActivationCheckDataSchema, env.data, endpoint);
  const allowed = data.activationAllowed ?? data.canActivate;
  if (allowed === undefined) throw invalidResponseError(endpoint);
  return {
    allowed,
    consentOk: data.consentOk,
    verificationOk: data.verificationOk,
    verificationStatus: data.verificationStatus,
    verificationLevel: data.verificationLevel,
    riskLevel: data.riskLevel,
    missingConsents: data.missingConsents ?? [],
    message: data.message ?? env.message,
  };
}

// -- activation (§5.6, §7.8) ---------------------------------------------------------------------

const WalletSchema = z.looseObject({
  walletId: softString(),
  id: softString(),
  iban: softString(),
  currency: softString(),
  status: softString(),
});

export const ActivationDataSchema = z.looseObject({
  iban: softString(),
  accountNumber: softString(),
  activationStatus: softString(),
  status: softString(),
  activatedAt: soft(z.union([z.string(), z.number()])),
  wallet: soft(WalletSchema),
  activation: soft(
    z.looseObject({
      status: softString(),
      message: softString(),
      activatedAt: soft(z.union([z.string(), z.number()])),
      warnings: softStrings(),
    }),
  ),
});

export interface WalletSummary {
  walletId?: string;
  currency?: string;
  status?: string;
}

export interface ActivationResult {
  /** `ACTIVATED` / `ACTIVE` / `ACTIVATING` when FinHub says; undefined for the empty [R] body. */
  status?: string;
  iban?: string;
  wallet?: WalletSummary;
  activatedAt?: string;
  warnings: string[];
  message?: string;
}

export function toActivationResult(env: Envelope, endpoint: string): ActivationResult {
  const data = parseData(soft(ActivationDataSchema), env.data, endpoint) ?? {};
  const wallet = data.wallet;
  const activatedAt = data.activation?.activatedAt ?? data.activatedAt;
  return {
    status: data.activation?.status ?? data.activationStatus ?? data.status,
    iban: data.iban ?? wallet?.iban,
    wallet: wallet
      ? { walletId: wallet.walletId ?? wallet.id, currency: wallet.currency, status: wallet.status }
      : undefined,
    activatedAt: activatedAt === undefined ? undefined : String(activatedAt),
    warnings: data.activation?.warnings ?? [],
    message: data.activation?.message ?? env.message,
  };
}

// -- personnel (§7.2 – §7.4) ---------------------------------------------------------------------

export const EmployeeDataSchema = z.looseObject({
  individual: soft(
    z.looseObject({ userId: softId(), id: softId(), email: softString(), username: softString() }),
  ),
  userId: softId(),
  user: soft(z.looseObject({ id: softId() })),
  employeeId: softId(),
  email: softString(),
  username: softString(),
});

/** The generated password FinHub may return for the new person is deliberately not copied. */
export interface EmployeeResult {
  /** The employee's user id: the `{userId}` of the org-user session (§3.3). */
  userId: string;
  email?: string;
  username?: string;
  employeeId?: string;
}

export function toEmployeeResult(env: Envelope, endpoint: string): EmployeeResult {
  const data = parseData(EmployeeDataSchema, env.data, endpoint);
  const userId = data.individual?.userId ?? data.userId ?? data.user?.id ?? data.individual?.id;
  if (!userId) throw invalidResponseError(endpoint);
  return {
    userId,
    email: data.individual?.email ?? data.email,
    username: data.individual?.username ?? data.username,
    employeeId: data.employeeId,
  };
}

export const DirectorSchema = z.looseObject({
  directorId: softString(),
  id: softString(),
  userId: softString(),
  firstName: softString(),
  lastName: softString(),
  email: softString(),
  role: softString(),
  appointedDate: softString(),
  status: softString(),
  individual: soft(z.looseObject({ userId: softString() })),
});

export interface DirectorResult {
  directorId?: string;
  userId?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  role?: string;
  appointedDate?: string;
  status?: string;
}

const toDirector = (d: z.output<typeof DirectorSchema>): DirectorResult => ({
  directorId: d.directorId ?? d.id,
  userId: d.userId ?? d.individual?.userId,
  firstName: d.firstName,
  lastName: d.lastName,
  email: d.email,
  role: d.role,
  appointedDate: d.appointedDate,
  status: d.status,
});

/** The add-director response is not documented (§12.14): whatever ids it carries, if any. */
export function toAddDirectorResult(env: Envelope, endpoint: string): DirectorResult {
  const data = parseData(soft(DirectorSchema), env.data, endpoint);
  return data ? toDirector(data) : {};
}

const DirectorListSchema = z.union([
  z.looseObject({ directors: z.array(DirectorSchema) }),
  z.array(DirectorSchema),
]);

export function toDirectorList(env: Envelope, endpoint: string): DirectorResult[] {
  const data = parseData(DirectorListSchema, env.data, endpoint);
  return (Array.isArray(data) ? data : data.directors).map(toDirector);
}

export const ShareholderDataSchema = z.looseObject({
  shareholderId: softString(),
  id: softString(),
  status: softString(),
  createdAt: softString(),
});

export interface ShareholderResult {
  shareholderId?: string;
  status?: string;
  createdAt?: string;
}

export function toShareholderResult(env: Envelope, endpoint: string): ShareholderResult {
  const data = parseData(soft(ShareholderDataSchema), env.data, endpoint) ?? {};
  return {
    shareholderId: data.shareholderId ?? data.id,
    status: data.status,
    createdAt: data.createdAt,
  };
}
