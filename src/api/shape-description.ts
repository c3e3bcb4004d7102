/**
 * What a FinHub response looked like, in plain words (the `doctor` command, src/doctor/): which
 * documented reading it matched, read with the same tables the element reads responses with
 * (response-shapes.ts), so the two cannot drift. Every endpoint the element calls is known here;
 * the element itself loads only its flow's (issue 17). No Lit, no zod: this module loads in Node.
 */
import { INDIVIDUAL_ENDPOINTS } from './individual-endpoints.js';
import { ORGANIZATION_ENDPOINTS } from './organization-endpoints.js';
import {
  SHARED_ENDPOINTS,
  ID_PATHS,
  STATUS_PATHS,
  READINESS_FLAGS,
  isObject,
  valueAt,
  idValue,
  findId,
  findText,
  flag,
  classifyEnvelope,
  type EnvelopeKind,
  type IdRole,
} from './response-shapes.js';

/** Every endpoint the client calls, as the path templates its errors name. */
export const ENDPOINTS = {
  ...SHARED_ENDPOINTS,
  ...INDIVIDUAL_ENDPOINTS,
  ...ORGANIZATION_ENDPOINTS,
} as const;

export type EndpointKey = keyof typeof ENDPOINTS;

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
