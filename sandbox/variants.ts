/**
 * The readings of FinHub's documentation the sandbox can speak (docs/finhub-contract.md#variants).
 * The docs contradict themselves (docs/finhub-contract.md#contradictions): envelopes, id field
 * names, status spellings, paths. Each variant is one consistent reading, written as data: which
 * documented routes the tenant lacks, how success answers are wrapped, how each route's answer is
 * reshaped from the sandbox's own, which ids and tenant id it hands out, and its hierarchy.
 * A contradiction found later is one more entry in VARIANTS; the variant tests loop over them.
 *
 * Route keys are `METHOD pattern` as in `sandbox/routes/*` (patterns below `/api/v2.1`).
 */
import {
  CATEGORIES,
  FEATURES,
  type SandboxCategory,
  type SandboxFeature,
  type SandboxHierarchy,
} from './hierarchy-data.js';
import { isObject, isoTime, type JsonObject } from './http.js';
import type { RouteContext } from './router.js';
import type { VerificationStatus } from './store.js';
import { walletView } from './routes/views.js';

/**
 * How a success answer is wrapped (docs/finhub-contract.md#envelopes):
 * - `as-sent`: as the route answers it (the default variant: mostly `{code, message, data}`,
 *   `{success, data}` for directors and shareholders);
 * - `wrapped`: `{code, message, data}` (plus top-level extras such as registration's `redirectUrl`);
 * - `success`: `{success: true, data}`;
 * - `success-full`: `{success, code, timestamp, message, data}`;
 * - `bare`: the data itself;
 * - `message-only`: `{code, message}` with no data.
 */
export type EnvelopeStyle =
  'as-sent' | 'wrapped' | 'success' | 'success-full' | 'bare' | 'message-only';

export interface AnswerRule {
  envelope?: EnvelopeStyle;
  /** HTTP status of the success answer (an older page answers 201). */
  status?: number;
  /** The envelope message. */
  message?: string;
  /** Top-level extras beside `data` (e.g. `redirectUrl`) are kept unless false. */
  extras?: boolean;
  /** The answer's data from the sandbox's own (read-only `ctx`: the request and the store). */
  data?: (data: JsonObject, ctx: RouteContext) => unknown;
}

export interface SandboxVariant {
  name: string;
  /** One line: which documentation it follows. */
  summary: string;
  /** Default tenant id: a UUID (newer pages) or key-like (older examples). */
  tenantId: string;
  /** `uuid` everywhere, or short ids as in the older examples (`6r1k1hw6npq`, `ver_12345`). */
  ids: 'uuid' | 'short';
  /** How success answers are wrapped unless a route's rule says otherwise. */
  envelope: EnvelopeStyle;
  /** The envelope message of every success answer, unless a route's rule says otherwise. */
  message?: string;
  /** Documented routes this tenant does not serve (answered 404 like any unknown path). */
  missingRoutes: string[];
  /** Per route: how its success answer looks. */
  answers: Record<string, AnswerRule>;
  /** Verification statuses as this generation spells them (`INITIATED` → `PENDING`…). */
  verificationStatuses: Partial<Record<VerificationStatus, string>>;
  hierarchy: SandboxHierarchy;
  /** Overrides the sandbox's wallet provisioning delay (0: an organization is ACTIVE at once). */
  walletProvisioningDelayMs?: number;
  /** What the element does on this variant, for the tests and the docs. */
  expect: VariantExpectations;
}

export interface VariantExpectations {
  /** Whether the activation (or the wallet poll) hands over an IBAN the last screen shows. */
  iban: { individual: boolean; organization: boolean };
  /** Categories no documented rule can fill (category code, feature code, mandatory key). */
  unsatisfiable: { category: string; feature: string; key: string }[];
  /**
   * Set while the element cannot complete the flows on this variant: why, and what will fix it.
   * The variant tests mark their flows pending with this text.
   */
  pending?: string;
}

// -- helpers ------------------------------------------------------------------------------------

const pick =
  (...keys: string[]) =>
  (data: JsonObject): JsonObject =>
    Object.fromEntries(
      keys.filter((key) => data[key] !== undefined).map((key) => [key, data[key]]),
    );

const NO_EXPECTED_GAPS = { unsatisfiable: [] };

const IND = 'customer/individual';
const ORG = 'customer/organization';

/** One rule for a route both flows have: `/{IND|ORG}/:id<tail>`. */
const bothFlows = (method: string, tail: string, rule: AnswerRule): Record<string, AnswerRule> => ({
  [`${method} /${IND}/:customerId${tail}`]: rule,
  [`${method} /${ORG}/:organizationId${tail}`]: rule,
});

// -- hierarchies ----------------------------------------------------------------------------------

/**
 * docs/finhub-contract.md#categorization-hierarchy's legacy `MEDIUM_RISK_PROFILE`: riskScore and
 * monthlyLimit are mandatory without allowedValues; riskLevel's values come as one bare string.
 */
const MEDIUM_RISK_PROFILE: SandboxFeature = {
  databaseId: '660e8400-e29b-41d4-a716-446655440010',
  featureCode: 'MEDIUM_RISK_PROFILE',
  featureName: 'Medium Risk Profile',
  description: 'Legacy risk profile',
  mandatoryKeys: ['riskLevel', 'riskScore', 'pep', 'sanctionsCheck', 'monthlyLimit'],
  allowedValues: {
    riskLevel: 'LOW,MEDIUM,HIGH',
    pep: ['true', 'false'],
    sanctionsCheck: ['STANDARD', 'ENHANCED'],
  },
  multiValueKeys: [],
};

const LEGACY_HIERARCHY: SandboxHierarchy = {
  categories: CATEGORIES.map((category): SandboxCategory => ({
    ...category,
    availableFeatures:
      category.customerType === 'BUSINESS'
        ? [
            MEDIUM_RISK_PROFILE,
            ...category.availableFeatures.filter((f) => f.featureCode === 'CUSTOMER_PROFILE'),
          ]
        : [MEDIUM_RISK_PROFILE],
  })),
  features: [...FEATURES, MEDIUM_RISK_PROFILE],
};

/**
 * A feature whose mandatory key has no allowedValues and no documented rule
 * (docs/finhub-contract.md#smart-categorization).
 */
const CRYPTO_CUSTODY: SandboxFeature = {
  databaseId: '660e8400-e29b-41d4-a716-446655440020',
  featureCode: 'CRYPTO_CUSTODY',
  featureName: 'Crypto Custody',
  description: 'Custody of crypto assets with a named provider',
  mandatoryKeys: ['custodyProviderReference'],
  allowedValues: {},
  multiValueKeys: [],
};

const UNSATISFIABLE_CATEGORIES: SandboxCategory[] = [
  {
    databaseId: '550e8400-e29b-41d4-a716-446655440021',
    categoryId: 'CRYPTO_INDIVIDUAL',
    categoryName: 'Crypto Investor Individual Customer',
    description: 'Individuals holding crypto assets in custody.',
    riskLevel: 'HIGH',
    approvalLevel: 'POWER_TENANT',
    customerType: 'INDIVIDUAL',
    availableFeatures: [CRYPTO_CUSTODY],
  },
  {
    databaseId: '550e8400-e29b-41d4-a716-446655440022',
    categoryId: 'CRYPTO_EXCHANGE_BUSINESS',
    categoryName: 'Crypto Exchange Business Customer',
    description: 'Crypto exchanges and custodians.',
    riskLevel: 'HIGH',
    approvalLevel: 'POWER_TENANT',
    customerType: 'BUSINESS',
    availableFeatures: [CRYPTO_CUSTODY],
  },
];

// -- the variants -----------------------------------------------------------------------------------

const DEFAULT_TENANT = '97e7ff29-15f3-49ef-9681-3bbfcce4f6cd';

/** What the sandbox answered before variants existed: [R] envelopes with [N] and [O] bodies. */
const DEFAULT: SandboxVariant = {
  name: 'default',
  summary:
    'Mixed: {code,message,data} envelopes, [N] registration, consent records and IBAN on activation, [O] async company wallet, both readiness flags',
  tenantId: DEFAULT_TENANT,
  ids: 'uuid',
  envelope: 'as-sent',
  missingRoutes: [],
  answers: {},
  verificationStatuses: {},
  hierarchy: { categories: CATEGORIES, features: FEATURES },
  expect: { iban: { individual: true, organization: true }, ...NO_EXPECTED_GAPS },
};

/** The newest runner-aligned pages ([R], 2026-03). */
const RUNNER: SandboxVariant = {
  ...DEFAULT,
  name: 'runner',
  summary:
    '[R] runner pages: {code,data,message:"Success"}, PENDING statuses, consent {status:PENDING}, activationAllowed only, individual activation data:{}, verification via POST /verifications',
  envelope: 'wrapped',
  message: 'Success',
  // The runner gets the verification id from the shared create
  // (docs/finhub-contract.md#individual-flow step 4,
  // docs/finhub-contract.md#individual-verification).
  missingRoutes: [
    `POST /${IND}/:customerId/verification`,
    `POST /${IND}/:customerId/verification/initiate`,
  ],
  answers: {
    // docs/finhub-contract.md#contradictions: the runner's registration answer lists redirectUrl
    // among the data fields.
    [`POST /${IND}/registration`]: {
      extras: false,
      data: (d) => ({
        id: d.id,
        userId: isObject(d.user) ? d.user.id : undefined,
        personId: isObject(d.person) ? d.person.id : undefined,
        status: 'PENDING_ACTIVATION',
        redirectUrl: d.redirectUrl,
      }),
    },
    // docs/finhub-contract.md#organization-registration [R]: `data: {"organi…` (organizationId
    // first, no `id`).
    [`POST /${ORG}/registration`]: {
      data: (d) => ({
        organizationId: d.organizationId,
        userId: isObject(d.user) ? d.user.id : undefined,
        tenantId: d.tenantId,
      }),
    },
    ...bothFlows('POST', '/users/:userId/sessions', {
      data: pick(
        'sessionId',
        'userId',
        'token',
        'refreshToken',
        'expiresAt',
        'success',
        'message',
        'errorType',
      ),
    }),
    // docs/finhub-contract.md#create-verification, #kyb-verification [R]: no requiredDocuments.
    'POST /verifications': { data: pick('verificationId', 'status', 'verificationType') },
    [`POST /${ORG}/:organizationId/verify`]: {
      data: pick('verificationId', 'status', 'verificationType'),
    },
    'POST /verifications/:verificationId/documents': {
      data: pick('documentId', 'documentType', 'fileName'),
    },
    [`POST /${IND}/:customerId/consents/:consentType`]: { data: () => ({ status: 'PENDING' }) },
    [`POST /${ORG}/:organizationId/consents/:consentType`]: { envelope: 'message-only' },
    [`GET /${IND}/:customerId/owner/:ownerTenantId/activation/check`]: {
      data: pick('activationAllowed', 'consentOk', 'verificationOk', 'riskLevel', 'message'),
    },
    [`GET /${ORG}/:organizationId/activation/readiness`]: {
      data: pick('activationAllowed', 'consentOk', 'verificationOk', 'status', 'message'),
    },
    [`POST /${IND}/:customerId/activation`]: { data: () => ({}) },
    [`POST /${ORG}/:organizationId/employee`]: {
      message: 'Employee added successfully with role validation',
      data: pick('individual'),
    },
    // docs/finhub-contract.md#directors: the list is documented in the older envelope in both
    // generations.
    [`GET /${ORG}/:organizationId/directors`]: { envelope: 'success' },
  },
  verificationStatuses: { INITIATED: 'PENDING', IN_PROGRESS: 'PENDING' },
  expect: { iban: { individual: false, organization: true }, ...NO_EXPECTED_GAPS },
};

/** The older narrative pages ([N], 2026-01) and the older index's quick start. */
const NARRATIVE: SandboxVariant = {
  ...DEFAULT,
  name: 'narrative',
  summary:
    '[N] narrative pages: {success,data} envelopes, bare hierarchy at /customer/categorization/hierarchy, INITIATED/IN_PROGRESS, consents ACCEPTED, canActivate, IBAN in both activation answers, POST /directors, short ids, key-like tenant id',
  tenantId: 'fh_api_sandbox_bank_7f957f77',
  ids: 'short',
  envelope: 'success',
  missingRoutes: [
    `GET /${IND}/categorization/hierarchy/:tenantId`,
    `POST /${ORG}/:organizationId/director`,
    `POST /${ORG}/:organizationId/verify`,
  ],
  answers: {
    'GET /customer/categorization/hierarchy': { envelope: 'bare' },
    // docs/finhub-contract.md#individual-registration [N]: {code, message, redirectUrl,
    // data:{organization:false, individual:true, …}}.
    [`POST /${IND}/registration`]: { envelope: 'wrapped' },
    // docs/finhub-contract.md#organization-registration [N]: no user in the answer; the admin's id
    // comes with the first employee.
    [`POST /${ORG}/registration`]: {
      envelope: 'wrapped',
      data: pick(
        'individual',
        'organization',
        'adminEmployees',
        'id',
        'organizationId',
        'tenantId',
        'email',
      ),
    },
    ...bothFlows('POST', '/users/:userId/sessions', {
      data: (d) => ({
        ...pick('sessionId', 'userId', 'token', 'refreshToken', 'success', 'message')(d),
        expiresIn: 3600,
        tokenType: 'Bearer',
      }),
    }),
    // docs/finhub-contract.md#individual-verification [N].
    [`POST /${IND}/:customerId/verification`]: {
      data: pick('verificationId', 'status', 'requiredDocuments', 'createdAt'),
    },
    // docs/finhub-contract.md#create-verification [N]: `data.id`, IN_PROGRESS at once.
    'POST /verifications': {
      envelope: 'success-full',
      message: 'Verification process started',
      data: (d) => ({
        id: d.verificationId,
        customerId: d.customerId,
        type: d.type,
        status: d.status,
        performedBy: 'TENANT',
        verificationLevel: d.requestedLevel,
        appliesToSubtenants: false,
        requiredDocuments: d.requiredDocuments,
        startedAt: d.createdAt,
        verified: false,
      }),
    },
    // docs/finhub-contract.md#document-upload [N]: the stored record, `id`, a prefixed file name,
    // epoch upload date.
    'POST /verifications/:verificationId/documents': {
      envelope: 'wrapped',
      message: 'Verification document uploaded successfully',
      data: (d, ctx) => {
        const v = ctx.store.verifications.get(ctx.params.verificationId ?? '');
        const stored = v?.documents.find((doc) => doc.documentId === d.documentId);
        return {
          id: d.documentId,
          tenantId: ctx.store.credentials.tenantId,
          customerId: v?.customerId,
          fileName: `${String(d.documentId).slice(-8)}-${String(d.fileName)}`,
          fileType: d.documentType,
          status: 'UPLOADED',
          contentType: stored?.mimeType,
          uploadDate: stored?.uploadedAt,
          uploadedBy: 'system',
          verified: false,
        };
      },
    },
    // docs/finhub-contract.md#consents older [N].
    ...bothFlows('POST', '/consents/:consentType', {
      data: (d) => ({
        consentId: d.id,
        type: String(d.consentType).replace('_AND_CONDITIONS', '').replace('_POLICY', ''),
        status: 'ACCEPTED',
        acceptedAt: d.grantedAt,
      }),
    }),
    // docs/finhub-contract.md#readiness-check [N].
    [`GET /${IND}/:customerId/owner/:ownerTenantId/activation/check`]: {
      data: pick(
        'canActivate',
        'verificationOk',
        'consentOk',
        'missingConsents',
        'verificationStatus',
        'verificationLevel',
      ),
    },
    [`GET /${ORG}/:organizationId/activation/readiness`]: {
      data: (d) => ({
        canActivate: d.activationAllowed,
        ...pick(
          'verificationOk',
          'consentOk',
          'missingConsents',
          'verificationStatus',
          'status',
        )(d),
      }),
    },
    // docs/finhub-contract.md#individual-activation [N].
    [`POST /${IND}/:customerId/activation`]: { data: pick('wallet', 'iban', 'activationStatus') },
    // docs/finhub-contract.md#organization-activation [N]: ACTIVE at once, with the wallet and
    // IBAN.
    [`POST /${ORG}/:organizationId/activation`]: {
      data: (d, ctx) => {
        const org = ctx.store.organizations.get(ctx.params.organizationId ?? '');
        const status = org ? ctx.store.organizationStatus(org) : undefined;
        const activation = isObject(d.activation) ? d.activation : {};
        return {
          wallet: org?.wallet ? { ...walletView(org.wallet), balance: '0.00' } : undefined,
          iban: org?.wallet?.iban,
          activation: { ...activation, status, warnings: [] },
        };
      },
    },
    // The older employees page answers 201 (docs/finhub-contract.md#employees); the body names the
    // user flat [INF].
    [`POST /${ORG}/:organizationId/employee`]: {
      status: 201,
      data: (d) => ({
        userId: isObject(d.individual) ? d.individual.userId : undefined,
        ...pick('employeeId', 'organizationId', 'roles', 'status')(d),
      }),
    },
    [`POST /${ORG}/:organizationId/directors`]: { status: 201 },
  },
  verificationStatuses: { PENDING: 'IN_PROGRESS' },
  walletProvisioningDelayMs: 0,
  expect: { iban: { individual: true, organization: true }, ...NO_EXPECTED_GAPS },
};

/** The integration-flow guides ([G]). */
const GUIDE: SandboxVariant = {
  ...DEFAULT,
  name: 'guide',
  summary:
    '[G] integration guides: verification through /verification/initiate, IN_PROGRESS from the start, consent records PENDING, sessions with expiresIn/tokenType instead of expiresAt',
  envelope: 'wrapped',
  // The guide's individual verification is the initiate call
  // (docs/finhub-contract.md#individual-verification).
  missingRoutes: [`POST /${IND}/:customerId/verification`, 'POST /verifications'],
  answers: {
    // docs/finhub-contract.md#individual-verification [G].
    [`POST /${IND}/:customerId/verification/initiate`]: {
      message: 'Verification initiated successfully',
      data: (d) => ({
        verificationId: d.verificationId,
        customerId: d.customerId,
        status: d.status,
        level: 'ENHANCED',
        requiredDocuments: d.requiredDocuments,
        verificationTypes: ['IDENTITY_VERIFICATION', 'DOCUMENT_VERIFICATION'],
        startedAt: d.createdAt,
      }),
    },
    // docs/finhub-contract.md#consents [G]: the consent record, PENDING.
    ...bothFlows('POST', '/consents/:consentType', {
      data: (d) => ({
        ...pick('id', 'consentType', 'version', 'grantedAt', 'expiresAt', 'ipAddress')(d),
        status: 'PENDING',
      }),
    }),
    [`POST /${IND}/:customerId/users/:userId/sessions`]: {
      data: pick(
        'sessionId',
        'userId',
        'token',
        'tokenType',
        'expiresIn',
        'customerId',
        'tenantId',
        'roles',
        'sessionMetadata',
        'success',
        'message',
      ),
    },
  },
  verificationStatuses: { INITIATED: 'IN_PROGRESS', PENDING: 'IN_PROGRESS' },
  expect: { iban: { individual: true, organization: true }, ...NO_EXPECTED_GAPS },
};

/**
 * The default answers with docs/finhub-contract.md#categorization-hierarchy's legacy hierarchy:
 * MEDIUM_RISK_PROFILE, `features[]`.
 */
const LEGACY_FEATURE: SandboxVariant = {
  ...DEFAULT,
  name: 'legacy-feature',
  summary:
    'Legacy generation: MEDIUM_RISK_PROFILE (riskScore and monthlyLimit without allowedValues, riskLevel as one bare string), categories list features[], PENDING_DOCUMENTS while documents are due',
  answers: {
    [`GET /${IND}/categorization/hierarchy/:tenantId`]: {
      data: (d) => ({
        ...d,
        // The legacy name of availableFeatures[]
        // (docs/finhub-contract.md#categorization-hierarchy), holding feature codes.
        categories: Object.fromEntries(
          Object.entries(isObject(d.categories) ? d.categories : {}).map(([key, c]) => {
            const { availableFeatures, ...rest } = c as JsonObject;
            const codes = Array.isArray(availableFeatures)
              ? availableFeatures.map((f) => (isObject(f) ? f.featureCode : f))
              : [];
            return [key, { ...rest, features: codes }];
          }),
        ),
      }),
    },
  },
  verificationStatuses: { INITIATED: 'PENDING_DOCUMENTS', PENDING: 'PENDING_DOCUMENTS' },
  hierarchy: LEGACY_HIERARCHY,
  expect: {
    iban: { individual: true, organization: true },
    ...NO_EXPECTED_GAPS,
  },
};

/** The default answers with one category per flow no documented rule can fill (for `doctor`). */
const UNSATISFIABLE: SandboxVariant = {
  ...DEFAULT,
  name: 'unsatisfiable',
  summary:
    'Default answers plus a category per flow whose CRYPTO_CUSTODY feature has a mandatory key (custodyProviderReference) with no allowedValues and no documented rule',
  hierarchy: {
    categories: [...CATEGORIES, ...UNSATISFIABLE_CATEGORIES],
    features: [...FEATURES, CRYPTO_CUSTODY],
  },
  expect: {
    iban: { individual: true, organization: true },
    unsatisfiable: UNSATISFIABLE_CATEGORIES.map((c) => ({
      category: c.categoryId,
      feature: CRYPTO_CUSTODY.featureCode,
      key: 'custodyProviderReference',
    })),
  },
};

export const VARIANTS: readonly SandboxVariant[] = [
  DEFAULT,
  RUNNER,
  NARRATIVE,
  GUIDE,
  LEGACY_FEATURE,
  UNSATISFIABLE,
];

export const DEFAULT_VARIANT = DEFAULT;

/** A variant by name; throws naming the known ones. */
export function variantNamed(name: string): SandboxVariant {
  const found = VARIANTS.find((variant) => variant.name === name);
  if (!found) {
    throw new Error(
      `Unknown sandbox variant "${name}". Known: ${VARIANTS.map((v) => v.name).join(', ')}.`,
    );
  }
  return found;
}

export const routeKey = (route: { method: string; pattern: string }) =>
  `${route.method} ${route.pattern}`;

/** The sandbox's own answer (its envelope, message, extras and data), split. */
function split(body: unknown): {
  data: unknown;
  message?: string;
  extras: JsonObject;
  envelope: EnvelopeStyle;
} {
  if (!isObject(body) || !('data' in body)) return { data: body, extras: {}, envelope: 'bare' };
  const { data, message, success, ...rest } = body;
  const extras = Object.fromEntries(Object.entries(rest).filter(([key]) => key !== 'code'));
  return {
    data,
    message: typeof message === 'string' ? message : undefined,
    extras,
    envelope: success === undefined ? 'wrapped' : 'success',
  };
}

/** The success answer of `route` reshaped the way `variant` answers it. */
export async function answerAs(
  variant: SandboxVariant,
  route: { method: string; pattern: string },
  ctx: RouteContext,
  response: Response,
): Promise<Response> {
  if (!response.ok) return response;
  const rule = variant.answers[routeKey(route)] ?? {};
  const wanted = rule.envelope ?? variant.envelope;
  if (wanted === 'as-sent' && !rule.data && rule.status === undefined) return response;
  const sent = split(await response.json());
  const envelope = wanted === 'as-sent' ? sent.envelope : wanted;
  const data = rule.data && isObject(sent.data) ? rule.data(sent.data, ctx) : sent.data;
  const message = rule.message ?? variant.message ?? sent.message ?? 'Success';
  const status = rule.status ?? response.status;
  const extras = rule.extras === false ? {} : sent.extras;
  const body =
    envelope === 'bare'
      ? data
      : envelope === 'success'
        ? { success: true, data }
        : envelope === 'success-full'
          ? { success: true, code: status, timestamp: isoTime(ctx.store.now()), message, data }
          : envelope === 'message-only'
            ? { code: status, message }
            : { code: status, message, ...extras, data };
  const headers = new Headers(response.headers);
  return new Response(JSON.stringify(body), { status, headers });
}
