/**
 * Response readers: every FinHub response is read here, at the boundary, into a small typed
 * result. Where an id or status may sit comes from the tables in `response-shapes.ts`, one list
 * per field covering every documented generation (docs/finhub-contract.md#contradictions).
 * Unknown fields are ignored; only the fields a flow cannot continue without are required, every
 * other field is read softly (a wrong type or `null` becomes `undefined`) so a change on FinHub's
 * side that the element does not depend on never breaks onboarding. A required field that is
 * missing or unreadable is an `invalid_response` naming the endpoint and the field's path in the
 * body (never its value). This module reads what both flows' calls answer; each flow's own answers
 * are read in `individual-schemas.ts` / `organization-schemas.ts`, loaded only with that flow
 * (issue 17).
 *
 * Session tokens are never copied into results (docs/architecture.md#relay: the relay keeps
 * customer tokens).
 */
import type { Envelope } from './envelope.js';
import { errorFromResponse, invalidResponseError } from './errors.js';
import {
  ID_PATHS,
  READINESS_FLAGS,
  STATUS_PATHS,
  findId,
  findText,
  flag,
  isObject,
  valueAt,
  type IdRole,
} from './response-shapes.js';

export { unwrapEnvelope, type Envelope } from './envelope.js';

/** The id for `role` in the answer's data, or `invalid_response` naming its documented path. */
export function requireId(env: Envelope, role: IdRole, endpoint: string): string {
  const found = findId(env.data, ID_PATHS[role]);
  if (found) return found.value;
  const field = env.kind === 'unreadable' ? 'body' : `${env.prefix}${ID_PATHS[role][0]}`;
  throw invalidResponseError(endpoint, undefined, undefined, field);
}

export const optionalId = (env: Envelope, role: IdRole) => findId(env.data, ID_PATHS[role])?.value;
export const text = (data: unknown, path: string) => {
  const value = valueAt(data, path);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/** A list answer: `data` itself, or `data[key]` (docs/finhub-contract.md#document-list, #directors). */
export function listOf(env: Envelope, key: string, endpoint: string): unknown[] {
  const list = Array.isArray(env.data) ? env.data : valueAt(env.data, key);
  if (Array.isArray(list)) return list;
  throw invalidResponseError(endpoint, undefined, undefined, `${env.prefix}${key}`);
}

/** The answer's data must be an object (or absent) to be read field by field. */
export function objectData(env: Envelope, endpoint: string): Record<string, unknown> {
  if (isObject(env.data)) return env.data;
  throw invalidResponseError(endpoint, undefined, undefined, env.prefix ? 'data' : 'body');
}

/** Strings, or `{type|documentType|code}` objects, or one comma-separated string → codes. */
function codes(value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  return list.flatMap((item) => {
    const code = isObject(item)
      ? (text(item, 'documentType') ?? text(item, 'type') ?? text(item, 'code'))
      : typeof item === 'string'
        ? item
        : undefined;
    return code?.trim() ? [code.trim()] : [];
  });
}

// -- sessions (docs/finhub-contract.md#customer-session, #organization-user-session) --------------

/**
 * A session, minus its token and refresh token (the relay keeps those, docs/architecture.md#relay).
 */
export interface SessionResult {
  /** Absent when FinHub names none: nothing in the flow depends on it. */
  sessionId?: string;
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
  const data = isObject(env.data) ? env.data : {};
  // docs/finhub-contract.md#customer-session: `data.success:false` + errorType is a failed sign-in
  // even when the HTTP status is 2xx.
  if (flag(data['success']) === false) {
    throw errorFromResponse(401, headers, { message: env.message, data: env.data }, endpoint, {
      credentials: true,
    });
  }
  const expiresIn = valueAt(data, 'expiresIn');
  const roles = valueAt(data, 'roles');
  return {
    sessionId: optionalId(env, 'sessionId'),
    userId: optionalId(env, 'sessionUserId') ?? fallbackUserId,
    customerId: text(data, 'customerId'),
    tenantId: text(data, 'tenantId'),
    expiresAt: text(data, 'expiresAt'),
    expiresIn: typeof expiresIn === 'number' ? expiresIn : undefined,
    roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [],
  };
}

// -- verification ---------------------------------------------------------------------------------
// (docs/finhub-contract.md#individual-verification, #create-verification, #kyb-verification)

export interface VerificationResult {
  verificationId: string;
  /**
   * `PENDING`, `INITIATED` or `IN_PROGRESS` depending on generation
   * (docs/finhub-contract.md#individual-verification).
   */
  status?: string;
  verificationType?: string;
  level?: string;
  requiredDocuments: string[];
}

export function toVerificationResult(env: Envelope, endpoint: string): VerificationResult {
  const data = objectData(env, endpoint);
  const verificationId = requireId(env, 'verificationId', endpoint);
  return {
    verificationId,
    status: findText(data, STATUS_PATHS.verification)?.value,
    verificationType: text(data, 'verificationType') ?? text(data, 'type'),
    level: text(data, 'level') ?? text(data, 'verificationLevel'),
    requiredDocuments: codes(
      data['requiredDocuments'] ?? valueAt(data, 'verification.requiredDocuments'),
    ),
  };
}

// -- documents (docs/finhub-contract.md#document-upload) ------------------------------------------

export interface DocumentUploadResult {
  documentId: string;
  documentType?: string;
  fileName?: string;
  status?: string;
}

/**
 * docs/finhub-contract.md#document-upload [R] `documentId`, [N] `id`. `docId` is the element's own
 * id for the file (docs/finhub-contract.md#document-upload): when an accepted upload names no id of
 * FinHub's, the element keeps its own (nothing else needs one).
 */
export function toDocumentUploadResult(
  env: Envelope,
  endpoint: string,
  docId?: string,
): DocumentUploadResult {
  const data = isObject(env.data) ? env.data : {};
  const documentId = optionalId(env, 'documentId') ?? docId;
  if (!documentId) return { documentId: requireId(env, 'documentId', endpoint) };
  return {
    documentId,
    documentType: text(data, 'documentType') ?? text(data, 'fileType'),
    fileName: text(data, 'fileName'),
    status: text(data, 'status'),
  };
}

// -- consents (docs/finhub-contract.md#consents) --------------------------------------------------

export interface ConsentResult {
  consentId?: string;
  consentType?: string;
  /**
   * `PENDING` ([R]) or `ACCEPTED` ([N]) (docs/finhub-contract.md#consents); undefined when FinHub
   * sends no data.
   */
  status?: string;
  version?: string;
}

/** Nothing in a consent answer is needed: any 2xx, with or without a body, means recorded. */
export function toConsentResult(env: Envelope): ConsentResult {
  const data = isObject(env.data) ? env.data : {};
  return {
    consentId: optionalId(env, 'consentId'),
    consentType: text(data, 'consentType') ?? text(data, 'type'),
    status: findText(data, STATUS_PATHS.consent)?.value,
    version: text(data, 'version'),
  };
}

// -- activation check (docs/finhub-contract.md#readiness-check) -----------------------------------

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

/**
 * docs/finhub-contract.md#readiness-check: `activationAllowed` ([R]) or `canActivate` ([N]), as
 * booleans or `"true"`/`"false"`. With neither, `verificationOk && consentOk` when both are
 * given; otherwise the answer cannot say whether to activate (`invalid_response`).
 */
export function toActivationCheckResult(env: Envelope, endpoint: string): ActivationCheckResult {
  const data = objectData(env, endpoint);
  const consentOk = flag(data['consentOk']);
  const verificationOk = flag(data['verificationOk']);
  const stated = READINESS_FLAGS.map((name) => flag(data[name])).find((v) => v !== undefined);
  const allowed =
    stated ??
    (consentOk !== undefined && verificationOk !== undefined
      ? consentOk && verificationOk
      : undefined);
  if (allowed === undefined) {
    throw invalidResponseError(
      endpoint,
      undefined,
      undefined,
      `${env.prefix}${READINESS_FLAGS[0]}`,
    );
  }
  return {
    allowed,
    consentOk,
    verificationOk,
    verificationStatus: text(data, 'verificationStatus'),
    verificationLevel: text(data, 'verificationLevel'),
    riskLevel: text(data, 'riskLevel'),
    missingConsents: codes(data['missingConsents']),
    message: text(data, 'message') ?? env.message,
  };
}

// -- activation (docs/finhub-contract.md#individual-activation, #organization-activation) ---------

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

/** Nothing is required: the [R] answer is `data: {}` (docs/finhub-contract.md#individual-activation). */
export function toActivationResult(env: Envelope): ActivationResult {
  const data = isObject(env.data) ? env.data : {};
  const wallet = isObject(data['wallet']) ? data['wallet'] : undefined;
  const activatedAt = valueAt(data, 'activation.activatedAt') ?? data['activatedAt'];
  const warnings = valueAt(data, 'activation.warnings');
  return {
    status: findText(data, STATUS_PATHS.activation)?.value,
    iban: text(data, 'iban') ?? text(wallet, 'iban'),
    wallet: wallet
      ? {
          walletId: findId(wallet, ['walletId', 'id'])?.value,
          currency: text(wallet, 'currency'),
          status: text(wallet, 'status'),
        }
      : undefined,
    activatedAt:
      typeof activatedAt === 'string' || typeof activatedAt === 'number'
        ? String(activatedAt)
        : undefined,
    warnings: Array.isArray(warnings)
      ? warnings.filter((w): w is string => typeof w === 'string')
      : [],
    message: text(data, 'activation.message') ?? env.message,
  };
}
