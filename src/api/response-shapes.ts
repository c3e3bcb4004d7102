/**
 * Where FinHub puts what the element reads, in every documented generation, as data: the
 * envelopes (docs/finhub-contract.md#envelopes), the id field names and the status spellings
 * (docs/finhub-contract.md#contradictions). `schemas.ts` reads responses with these tables and
 * `describeShape()` (shape-description.ts) reports which reading a response matched (the `doctor`
 * command), so the two cannot drift. No Lit, no zod, no localized text: this module loads in Node
 * as it is.
 */

/**
 * The endpoints both flows call (and the first step's hierarchy), as the path templates their
 * errors name. Each flow's own are in `individual-endpoints.ts` / `organization-endpoints.ts`,
 * loaded only with that flow (issue 17); `shape-description.ts` joins all three.
 */
export const SHARED_ENDPOINTS = {
  hierarchy: 'GET /v2.1/customer/individual/categorization/hierarchy/{tenantId}',
  hierarchyShared: 'GET /v2.1/customer/categorization/hierarchy',
  createVerification: 'POST /v2.1/verifications',
  uploadDocument: 'POST /v2.1/verifications/{verificationId}/documents',
} as const;

/**
 * Where each id the element keeps may sit inside `data`, in the order the generations document
 * them (dotted paths, a number is an array index): docs/finhub-contract.md#user-id,
 * #create-verification, #document-upload, #organization-registration, #employees.
 */
export const ID_PATHS = {
  customerId: ['id', 'customerId'],
  userId: ['user.id', 'userId'],
  organizationId: ['organizationId', 'id', 'organization.id'],
  adminUserId: [
    'adminUserId',
    'adminEmployees.0.userId',
    'adminEmployees.0.id',
    'user.id',
    'userId',
  ],
  sessionId: ['sessionId'],
  sessionUserId: ['userId', 'user.id'],
  verificationId: ['verificationId', 'id'],
  documentId: ['documentId', 'id'],
  consentId: ['consentId', 'id'],
  employeeUserId: ['individual.userId', 'userId', 'user.id'],
  employeeId: ['employeeId'],
  directorId: ['directorId', 'id'],
  shareholderId: ['shareholderId', 'id'],
} as const satisfies Record<string, readonly string[]>;

export type IdRole = keyof typeof ID_PATHS;

/** Where statuses sit (docs/finhub-contract.md#statuses). */
export const STATUS_PATHS = {
  verification: ['status', 'verificationStatus', 'verification.status'],
  /** [O] `activation.status`, [N] `activationStatus`, [L] `status`, then the wallet's. */
  activation: ['activation.status', 'activationStatus', 'status', 'walletStatus', 'wallet.status'],
  consent: ['status', 'consentStatus'],
  customer: ['customerStatus', 'status'],
} as const satisfies Record<string, readonly string[]>;

/** The two readiness flags of docs/finhub-contract.md#readiness-check ([R] first). */
export const READINESS_FLAGS = ['activationAllowed', 'canActivate'] as const;

// -- reading ----------------------------------------------------------------------------------

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a dotted path (`user.id`, `adminEmployees.0.userId`), or undefined. */
export function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isObject(current) && Object.hasOwn(current, part)) current = current[part];
    else return undefined;
  }
  return current;
}

/** A non-empty string, or a finite number as its string (some generations send numeric ids). */
export function idValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The first of `paths` where `read` finds a value, with the path it was found at. */
function findAt(
  data: unknown,
  paths: readonly string[],
  read: (value: unknown) => string | undefined,
): { value: string; path: string } | undefined {
  for (const path of paths) {
    const value = read(valueAt(data, path));
    if (value !== undefined) return { value, path };
  }
  return undefined;
}

/** The first path of `paths` holding an id, with the path it was found at. */
export const findId = (data: unknown, paths: readonly string[]) => findAt(data, paths, idValue);

/** The first path of `paths` holding a non-empty string (a status), as found. */
export const findText = (data: unknown, paths: readonly string[]) =>
  findAt(data, paths, (value) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined,
  );

/** `true`/`false`, also when sent as the strings `"true"`/`"false"`; otherwise undefined. */
export function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'TRUE') return true;
  if (value === 'false' || value === 'FALSE') return false;
  return undefined;
}

// -- envelopes (docs/finhub-contract.md#envelopes) ---------------------------------------------

/**
 * - `wrapped`: `BaseResponse` `{code, message, data}` ([R], [N], [G]).
 * - `success`: `{success, data}`, possibly with `code`, `timestamp`, `message` (older [N]).
 * - `bare`: the payload itself ([N] hierarchy example).
 * - `empty`: no body, `null`, or an envelope without `data` (e.g. `{"code":200,"message":"Success"}`).
 * - `unreadable`: a JSON string, number or boolean where an object or list belongs.
 */
export type EnvelopeKind = 'wrapped' | 'success' | 'bare' | 'empty' | 'unreadable';

const ENVELOPE_KEYS = new Set(['code', 'message', 'success', 'timestamp', 'redirectUrl', 'status']);

/** `200` or `"200"` → 200. */
export function numericCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{3}$/.test(value.trim())) return Number(value);
  return undefined;
}

export interface ClassifiedEnvelope {
  kind: EnvelopeKind;
  /** What the endpoint's own fields are read from. */
  data: unknown;
  /** Where `data` sits in the body: `data.` for an envelope, '' for a bare payload. */
  prefix: string;
}

/**
 * Which envelope `body` uses. A body with `data`, or with nothing but envelope keys (the
 * data-less consent answer of docs/finhub-contract.md#consents), is an envelope; any other object
 * is a bare payload. A numeric `status` counts as an envelope key only next to `data`.
 */
export function classifyEnvelope(body: unknown): ClassifiedEnvelope {
  if (body === undefined || body === null) return { kind: 'empty', data: {}, prefix: '' };
  if (Array.isArray(body)) return { kind: 'bare', data: body, prefix: '' };
  if (!isObject(body)) return { kind: 'unreadable', data: body, prefix: '' };
  const keys = Object.keys(body);
  if (keys.length === 0) return { kind: 'empty', data: {}, prefix: '' };
  const hasData = Object.hasOwn(body, 'data');
  const onlyEnvelopeKeys = keys.every(
    (key) => ENVELOPE_KEYS.has(key) && (key !== 'status' || typeof body[key] === 'number'),
  );
  if (!hasData && !onlyEnvelopeKeys) return { kind: 'bare', data: body, prefix: '' };
  const kind: EnvelopeKind = Object.hasOwn(body, 'success') ? 'success' : 'wrapped';
  const data = hasData ? body['data'] : undefined;
  if (data === undefined || data === null) return { kind: 'empty', data: {}, prefix: 'data.' };
  return { kind, data, prefix: 'data.' };
}
