/**
 * Where FinHub puts what the element reads, in every documented generation, as data: the
 * envelopes (docs/finhub-contract.md#envelopes), the id field names and the status spellings
 * (docs/finhub-contract.md#contradictions). `schemas.ts` reads responses with these tables and
 * `describeShape()` reports which reading a response matched (the `doctor` command), so the two
 * cannot drift. No Lit, no zod, no localized text: this module loads in Node as it is.
 */

/** Every endpoint the client calls, as the path templates its errors name. */
export const ENDPOINTS = {
  hierarchy: 'GET /v2.1/customer/individual/categorization/hierarchy/{tenantId}',
  hierarchyShared: 'GET /v2.1/customer/categorization/hierarchy',
  registerIndividual: 'POST /v2.1/customer/individual/registration',
  customerSession: 'POST /v2.1/customer/individual/{customerId}/users/{userId}/sessions',
  individualVerification: 'POST /v2.1/customer/individual/{customerId}/verification',
  individualVerificationInitiate:
    'POST /v2.1/customer/individual/{customerId}/verification/initiate',
  createVerification: 'POST /v2.1/verifications',
  uploadDocument: 'POST /v2.1/verifications/{verificationId}/documents',
  listIndividualDocuments: 'GET /v2.1/customer/individual/{customerId}/documents',
  individualConsent: 'POST /v2.1/customer/individual/{customerId}/consents/{consentType}',
  individualReadiness:
    'GET /v2.1/customer/individual/{customerId}/owner/{ownerTenantId}/activation/check',
  activateIndividual: 'POST /v2.1/customer/individual/{customerId}/activation',
  registerOrganization: 'POST /v2.1/customer/organization/registration',
  addEmployee: 'POST /v2.1/customer/organization/{organizationId}/employee',
  addDirector: 'POST /v2.1/customer/organization/{organizationId}/director',
  addDirectorPlural: 'POST /v2.1/customer/organization/{organizationId}/directors',
  listDirectors: 'GET /v2.1/customer/organization/{organizationId}/directors',
  addShareholder: 'POST /v2.1/customer/organization/{organizationId}/shareholders',
  organizationSession: 'POST /v2.1/customer/organization/{organizationId}/users/{userId}/sessions',
  verifyOrganization: 'POST /v2.1/customer/organization/{organizationId}/verify',
  organizationConsent: 'POST /v2.1/customer/organization/{organizationId}/consents/{consentType}',
  organizationReadiness: 'GET /v2.1/customer/organization/{organizationId}/activation/readiness',
  activateOrganization: 'POST /v2.1/customer/organization/{organizationId}/activation',
  walletStatus: 'GET /v2.1/customer/organization/{organizationId}/wallet-status',
} as const;

export type EndpointKey = keyof typeof ENDPOINTS;

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

/** What each endpoint's answer must carry for the element to go on (beyond a readable body). */
export const REQUIRED: Partial<Record<EndpointKey, readonly IdRole[]>> = {
  registerIndividual: ['customerId', 'userId'],
  registerOrganization: ['organizationId'],
  individualVerification: ['verificationId'],
  individualVerificationInitiate: ['verificationId'],
  createVerification: ['verificationId'],
  verifyOrganization: ['verificationId'],
};

/** Which ids each endpoint's answer is read for. */
export const READS: Partial<Record<EndpointKey, readonly IdRole[]>> = {
  registerIndividual: ['customerId', 'userId'],
  registerOrganization: ['organizationId', 'adminUserId'],
  customerSession: ['sessionId', 'sessionUserId'],
  organizationSession: ['sessionId', 'sessionUserId'],
  individualVerification: ['verificationId'],
  individualVerificationInitiate: ['verificationId'],
  createVerification: ['verificationId'],
  verifyOrganization: ['verificationId'],
  uploadDocument: ['documentId'],
  individualConsent: ['consentId'],
  organizationConsent: ['consentId'],
  addEmployee: ['employeeUserId', 'employeeId'],
  addDirector: ['directorId'],
  addDirectorPlural: ['directorId'],
  addShareholder: ['shareholderId'],
};

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

// -- describing a response (for the doctor command) --------------------------------------------

export type IdStyle = 'uuid' | 'short';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID, or anything else (`6r1k1hw6npq`, `ver_12345`, `fh_api_finsei_ltd_7f957f77`). */
export const idStyle = (id: string): IdStyle => (UUID.test(id) ? 'uuid' : 'short');

export interface ShapeDescription {
  /** The endpoint as recognised (a key of ENDPOINTS), or undefined for one the element never calls. */
  endpoint: EndpointKey | undefined;
  envelope: EnvelopeKind;
  /** Each id the element reads: the field it was found at (a body path) and its style. */
  ids: Partial<Record<IdRole, { field: string; style: IdStyle }>>;
  /** Statuses read: the field, the value as spelled, and which generation spells it so. */
  statuses: { field: string; value: string; reading: string }[];
  /** The documented readings this response matched, in plain words (one per line of a report). */
  matched: string[];
  /** Fields the element needs and did not find, as body paths: what `invalid_response` names. */
  missing: string[];
}

const SPELLINGS: Record<string, string> = {
  // docs/finhub-contract.md#statuses
  PENDING: '[R] PENDING',
  INITIATED: '[N] INITIATED (customer-scoped verification)',
  IN_PROGRESS: '[N]/[G] IN_PROGRESS',
  PENDING_DOCUMENTS: 'legacy PENDING_DOCUMENTS',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
  ACCEPTED: '[N] ACCEPTED',
  ACTIVATED: '[N]/legacy ACTIVATED',
  ACTIVE: '[N] ACTIVE',
  ACTIVATING: '[O] ACTIVATING (wallet provisioned later)',
};

const ENVELOPE_WORDS: Record<EnvelopeKind, string> = {
  wrapped: 'envelope {code, message, data}',
  success: 'envelope {success, data}',
  bare: 'no envelope (the payload itself)',
  empty: 'no data',
  unreadable: 'not a JSON object',
};

/** `GET /api/v2.1/customer/…/abc/activation` or a template → the ENDPOINTS key it is. */
export function endpointOf(endpoint: string): EndpointKey | undefined {
  if (Object.hasOwn(ENDPOINTS, endpoint)) return endpoint as EndpointKey;
  const [method = '', rawPath = ''] = endpoint.trim().split(/\s+/, 2);
  const path = rawPath
    .split('?')[0]!
    .replace(/^(https?:\/\/[^/]+)?(\/api)?(?=\/v2\.1\/)/, '')
    .replace(/\/+$/, '');
  for (const [key, template] of Object.entries(ENDPOINTS)) {
    const [wantMethod, wantPath = ''] = template.split(' ');
    if (wantMethod !== method.toUpperCase()) continue;
    if (wantPath === path) return key as EndpointKey;
    const pattern = new RegExp(`^${wantPath.replace(/\{\w+\}/g, '[^/]+').replace(/\./g, '\\.')}$`);
    if (pattern.test(path)) return key as EndpointKey;
  }
  return undefined;
}

function describeHierarchy(data: unknown, prefix: string, out: ShapeDescription): void {
  if (!isObject(data)) {
    out.missing.push(`${prefix}categories`);
    return;
  }
  const tenant = idValue(data['tenantId']);
  if (tenant) out.matched.push(`tenant id ${idStyle(tenant) === 'uuid' ? 'a UUID' : 'key-like'}`);
  const categories = data['categories'];
  if (Array.isArray(categories)) out.matched.push('categories as a list');
  else if (isObject(categories)) out.matched.push('categories keyed by code');
  else out.missing.push(`${prefix}categories`);
  const list = Array.isArray(categories)
    ? categories
    : isObject(categories)
      ? Object.values(categories)
      : [];
  if (list.some((c) => isObject(c) && Array.isArray(c['features']) && !c['availableFeatures'])) {
    out.matched.push('legacy features[] on categories (not availableFeatures[])');
  }
  const entries = list.flatMap((c) =>
    isObject(c) && Array.isArray(c['availableFeatures']) ? c['availableFeatures'] : [],
  );
  if (entries.some((e) => typeof e === 'string')) out.matched.push('availableFeatures as codes');
  if (entries.some(isObject)) out.matched.push('availableFeatures as whole feature objects');
  const features = isObject(data['features'])
    ? Object.values(data['features'])
    : Array.isArray(data['features'])
      ? data['features']
      : [];
  const forms = new Set<string>();
  for (const feature of features) {
    if (!isObject(feature)) continue;
    const allowed = isObject(feature['allowedValues']) ? feature['allowedValues'] : {};
    for (const [name, entry] of Object.entries(allowed)) {
      if (isObject(entry)) {
        forms.add(
          `allowedValues of ${String(feature['featureCode'])}.${name} is neither a list nor text: read as absent`,
        );
      }
    }
    const keys = Array.isArray(feature['mandatoryKeys']) ? feature['mandatoryKeys'] : [];
    for (const key of keys) {
      const entry = typeof key === 'string' ? allowed[key] : undefined;
      forms.add(
        Array.isArray(entry)
          ? 'allowedValues as lists'
          : typeof entry === 'string'
            ? 'allowedValues as bare strings ("0-100", "A,B")'
            : 'mandatory keys without allowedValues',
      );
    }
  }
  out.matched.push(...[...forms].sort());
}

/**
 * Which documented reading a response matched: its envelope, where each id the element reads was
 * found (and whether it is a UUID or a short id), the status spellings, and what is missing that
 * the element needs. `endpoint` is a key of ENDPOINTS, a template as in ENDPOINTS, or a request
 * line such as `POST /api/v2.1/verifications`; `body` is the parsed JSON (undefined for none).
 * Pure: it never throws and never includes a field's value except ids' styles and statuses.
 */
export function describeShape(endpoint: string, body: unknown): ShapeDescription {
  const key = endpointOf(endpoint);
  const envelope = classifyEnvelope(body);
  const out: ShapeDescription = {
    endpoint: key,
    envelope: envelope.kind,
    ids: {},
    statuses: [],
    matched: [ENVELOPE_WORDS[envelope.kind]],
    missing: [],
  };
  if (isObject(body) && typeof body['redirectUrl'] === 'string') {
    out.matched.push('redirectUrl at the top level ([N])');
  }
  if (key === undefined || envelope.kind === 'unreadable') return out;
  const { data, prefix } = envelope;
  if (key === 'hierarchy' || key === 'hierarchyShared') {
    describeHierarchy(data, prefix, out);
    return out;
  }
  for (const role of READS[key] ?? []) {
    const found = findId(data, ID_PATHS[role]);
    if (found) {
      out.ids[role] = { field: `${prefix}${found.path}`, style: idStyle(found.value) };
      out.matched.push(`${role} at ${prefix}${found.path} (${idStyle(found.value)})`);
    } else if (REQUIRED[key]?.includes(role)) {
      out.missing.push(`${prefix}${ID_PATHS[role][0]}`);
    }
  }
  const statusPaths =
    key === 'activateIndividual' || key === 'activateOrganization' || key === 'walletStatus'
      ? STATUS_PATHS.activation
      : key === 'individualConsent' || key === 'organizationConsent'
        ? STATUS_PATHS.consent
        : READS[key]?.includes('verificationId')
          ? STATUS_PATHS.verification
          : key === 'registerIndividual' || key === 'registerOrganization'
            ? STATUS_PATHS.customer
            : [];
  const status = findText(data, statusPaths);
  if (status) {
    const reading = SPELLINGS[status.value.toUpperCase()] ?? 'undocumented spelling';
    out.statuses.push({ field: `${prefix}${status.path}`, value: status.value, reading });
    out.matched.push(`status ${status.value} at ${prefix}${status.path} (${reading})`);
  }
  if (key === 'individualReadiness' || key === 'organizationReadiness') {
    const found = READINESS_FLAGS.find((name) => flag(valueAt(data, name)) !== undefined);
    if (found) out.matched.push(`${found} (${found === 'canActivate' ? '[N]' : '[R]'})`);
    else if (
      flag(valueAt(data, 'verificationOk')) === undefined ||
      flag(valueAt(data, 'consentOk')) === undefined
    ) {
      out.missing.push(`${prefix}${READINESS_FLAGS[0]}`);
    } else out.matched.push('no activation flag: read from verificationOk and consentOk');
  }
  if (
    (key === 'activateIndividual' || key === 'activateOrganization') &&
    isObject(data) &&
    Object.keys(data).length === 0
  ) {
    out.matched.push('empty data ([R]): no IBAN in the answer');
  }
  if (
    key === 'listDirectors' &&
    !Array.isArray(data) &&
    !Array.isArray(valueAt(data, 'directors'))
  ) {
    out.missing.push(`${prefix}directors`);
  }
  return out;
}
