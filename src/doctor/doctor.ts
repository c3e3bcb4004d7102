/**
 * `finhub-onboarding doctor`: checks, read-only, whether onboarding would work against a partner's
 * FinHub tenant. It signs in as admin (docs/finhub-contract.md#admin-session), reads the
 * categorization hierarchy (docs/finhub-contract.md#categorization-hierarchy) and runs smart
 * categorization over every category of both flows (docs/finhub-contract.md#smart-categorization),
 * noting which documented variant each response matched and any field it could not read.
 * Every call has a timeout; nothing is written to FinHub beyond the admin session itself.
 */
import {
  analyzeHierarchy,
  type CategorizationOverrides,
  type CategoryAnalysis,
  type CustomerKind,
} from '../api/categorization.js';
import { FinHubApiError } from '../api/api-error.js';
import { readHierarchy, type CategorizationHierarchy } from '../api/hierarchy.js';
import { isObject as isRecord, valueAt as valueAtPath } from '../api/response-shapes.js';
import { callUpstream, parseJson, type UpstreamFetch } from '../server/forward.js';
import type { DoctorConfig } from './env.js';
import {
  describeShape as defaultDescribeShape,
  messageOf,
  payloadOf,
  payloadPrefix,
  refusedInBody,
  type DescribeShape,
} from './shape.js';

export interface DoctorOptions {
  /** Per call, ms. Default 10 000. */
  timeoutMs?: number;
  /** The host's `categorizationOverrides`, to check them too. */
  overrides?: CategorizationOverrides;
  /** Flows to check. Default both. */
  flows?: readonly CustomerKind[];
  fetch?: UpstreamFetch;
  /** Swappable for the API layer's own (see shape.ts). */
  describeShape?: DescribeShape;
}

export interface ResponseNote {
  /** `METHOD /path` template. */
  endpoint: string;
  status?: number;
  /** Which documented variant the body matched, in plain words. */
  variant?: string;
  notes: string[];
}

export interface UnreadableField {
  endpoint: string;
  /** Dotted path in the body, e.g. `data.categories.X.databaseId`. */
  field: string;
  problem: string;
}

export interface Finding {
  ok: boolean;
  /** One sentence, plain words. */
  text: string;
}

export interface FlowReport {
  flow: CustomerKind;
  categories: CategoryAnalysis[];
  /** At least one category can be opened, and every one can. */
  ok: boolean;
}

export interface DoctorReport {
  ok: boolean;
  target: { baseUrl: string; tenantId: string; tenantIdShape: string };
  findings: Finding[];
  responses: ResponseNote[];
  unreadable: UnreadableField[];
  flows: FlowReport[];
}

const SIGN_IN = 'POST /api/v2.1/admin/organization/{organizationId}/users/{userId}/sessions';
const HIERARCHY_PATHS = [
  'GET /api/v2.1/customer/individual/categorization/hierarchy/{tenantId}',
  'GET /api/v2.1/customer/categorization/hierarchy',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** docs/finhub-contract.md#contradictions: a tenant id may be a UUID or key-like. */
const tenantIdShape = (id: string) =>
  UUID.test(id) ? 'a UUID' : /^[\w-]+$/.test(id) ? 'key-like (not a UUID)' : 'unusual';

/** The runner headers every FinHub call carries (docs/finhub-contract.md#headers). */
function headersFor(config: DoctorConfig, token?: string): Headers {
  const headers = new Headers({
    Accept: 'application/json',
    'X-Tenant-ID': config.tenantId,
    'User-Agent': 'finhub-onboarding-doctor/0.1',
    'X-Forwarded-For': '127.0.0.1',
    'X-Forwarded-From': 'integration-client',
    platform: 'web',
    deviceId: 'finhub-onboarding-doctor',
  });
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return headers;
}

type CallResult =
  | { kind: 'answer'; status: number; body: unknown; json: boolean }
  | { kind: 'timeout' | 'network' };

async function call(
  options: Required<Pick<DoctorOptions, 'timeoutMs' | 'fetch'>>,
  url: string,
  init: { method: string; headers: Headers; body?: unknown },
): Promise<CallResult> {
  const body =
    init.body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(init.body));
  if (body) init.headers.set('Content-Type', 'application/json');
  const result = await callUpstream(
    options.fetch,
    url,
    { method: init.method, headers: init.headers, ...(body ? { body } : {}) },
    options.timeoutMs,
  );
  if (result.kind !== 'response') return { kind: result.kind };
  const parsed = parseJson(result.body);
  return { kind: 'answer', status: result.status, body: parsed, json: parsed !== undefined };
}

function unanswered(
  what: string,
  result: { kind: 'timeout' | 'network' },
  options: { timeoutMs: number },
  baseUrl: string,
): string {
  return result.kind === 'timeout'
    ? `FinHub did not answer the ${what} within ${options.timeoutMs} ms.`
    : `Could not reach FinHub at ${baseUrl} for the ${what} (connection failed).`;
}

function refusal(what: string, status: number, body: unknown): string {
  const said = messageOf(body);
  return `FinHub refused the ${what}: HTTP ${status}${said ? ` (${said})` : ''}.`;
}

/** Documented variants the hierarchy's own fields show (beyond the envelope). */

export async function runDoctor(
  config: DoctorConfig,
  options: DoctorOptions = {},
): Promise<DoctorReport> {
  const settings = {
    timeoutMs: options.timeoutMs ?? 10_000,
    fetch: options.fetch ?? ((request: Request) => fetch(request)),
  };
  const describe = options.describeShape ?? defaultDescribeShape;
  const report: DoctorReport = {
    ok: false,
    target: {
      baseUrl: config.baseUrl,
      tenantId: config.tenantId,
      tenantIdShape: tenantIdShape(config.tenantId),
    },
    findings: [],
    responses: [],
    unreadable: [],
    flows: [],
  };
  const fail = (text: string) => {
    report.findings.push({ ok: false, text });
    return report;
  };
  /** Which documented variant an answer matched (a body that is not JSON matches none). */
  const noteResponse = (
    endpoint: string,
    answer: { status: number; body: unknown; json: boolean },
    extra: string[] = [],
  ) => {
    // A refusal's body says nothing about which reading the tenant follows.
    const ok = answer.status >= 200 && answer.status < 300;
    const shape = !answer.json
      ? { label: 'not JSON (no documented variant)', notes: [] }
      : ok
        ? describe(endpoint, answer.body)
        : { label: describe(endpoint, answer.body).label, notes: [] };
    report.responses.push({
      endpoint,
      status: answer.status,
      variant: shape.label,
      notes: [...shape.notes, ...extra],
    });
  };
  const api = `${config.baseUrl}/api/v2.1`;
  const seg = encodeURIComponent;

  // 1. Admin session.
  const signIn = await call(
    settings,
    `${api}/admin/organization/${seg(config.admin.organizationId)}/users/${seg(config.admin.userId)}/sessions`,
    {
      method: 'POST',
      headers: headersFor(config),
      body: {
        username: config.admin.username,
        password: config.admin.password,
        tenantKey: config.tenantKey,
        tenantSecret: config.tenantSecret,
      },
    },
  );
  if (signIn.kind !== 'answer')
    return fail(unanswered('admin sign-in', signIn, settings, config.baseUrl));
  noteResponse(SIGN_IN, signIn);
  if (signIn.status < 200 || signIn.status >= 300 || refusedInBody(signIn.body)) {
    return fail(refusal('admin sign-in', signIn.status, signIn.body));
  }
  const session = payloadOf(signIn.body) as Record<string, unknown> | undefined;
  const token = typeof session?.['token'] === 'string' ? session['token'] : '';
  if (!token) {
    report.unreadable.push({
      endpoint: SIGN_IN,
      field: `${payloadPrefix(signIn.body)}token`,
      problem: signIn.json ? 'missing or not text' : 'the body is not JSON',
    });
    return fail("Could not read the admin session token from FinHub's answer.");
  }
  report.findings.push({
    ok: true,
    text: `Admin sign-in: FinHub accepted the relay's admin credentials (HTTP ${signIn.status}).`,
  });

  // 2. Categorization hierarchy.
  // The element's own order (docs/finhub-contract.md#categorization-hierarchy): the tenant's path,
  // then, where the tenant does not serve it (404/405), the older path without a tenant id.
  let hierarchyCall: Awaited<ReturnType<typeof call>> | undefined;
  let hierarchyPath: string = HIERARCHY_PATHS[0];
  for (const [index, template] of HIERARCHY_PATHS.entries()) {
    hierarchyPath = template;
    const path = template.replace('GET /api/v2.1', '').replace('{tenantId}', seg(config.tenantId));
    hierarchyCall = await call(settings, `${api}${path}`, {
      method: 'GET',
      headers: headersFor(config, token),
    });
    if (hierarchyCall.kind !== 'answer') break;
    noteResponse(template, hierarchyCall);
    const last = index === HIERARCHY_PATHS.length - 1;
    if (last || (hierarchyCall.status !== 404 && hierarchyCall.status !== 405)) break;
  }
  if (hierarchyCall?.kind !== 'answer')
    return fail(
      unanswered('categorization hierarchy request', hierarchyCall!, settings, config.baseUrl),
    );
  const payload = payloadOf(hierarchyCall.body);
  if (
    hierarchyCall.status < 200 ||
    hierarchyCall.status >= 300 ||
    refusedInBody(hierarchyCall.body)
  ) {
    return fail(
      refusal('categorization hierarchy request', hierarchyCall.status, hierarchyCall.body),
    );
  }
  // Read exactly as the element reads it, so the doctor flags only what would stop the element.
  let hierarchy: CategorizationHierarchy;
  try {
    hierarchy = readHierarchy(payload, hierarchyPath, payloadPrefix(hierarchyCall.body));
  } catch (error) {
    report.unreadable.push({
      endpoint: hierarchyPath,
      field: hierarchyCall.json
        ? (error instanceof FinHubApiError && error.field) || '(body)'
        : '(body)',
      problem: hierarchyCall.json
        ? 'no category the element can use (each needs an id to send at registration)'
        : 'the body is not JSON',
    });
    return fail(
      'Could not read the categorization hierarchy: the element would stop at its first step.',
    );
  }
  // A category without an id is left out by the element (nothing to send at registration).
  const rawCategories = valueAtPath(payload, 'categories');
  for (const key of Object.keys(isRecord(rawCategories) ? rawCategories : {})) {
    if (Object.hasOwn(hierarchy.categories, key)) continue;
    report.unreadable.push({
      endpoint: hierarchyPath,
      field: `${payloadPrefix(hierarchyCall.body)}categories.${key}.databaseId`,
      problem: 'missing: the element does not offer this category (no id to send at registration)',
    });
  }
  report.findings.push({
    ok: true,
    text: `Categorization hierarchy: read (HTTP ${hierarchyCall.status}), ${Object.keys(hierarchy.categories).length} categories, ${Object.keys(hierarchy.features ?? {}).length} features.`,
  });

  // 3. Smart categorization, per flow and category.
  for (const flow of options.flows ?? (['individual', 'organization'] as const)) {
    const categories = analyzeHierarchy(hierarchy, flow, options.overrides);
    const ok = categories.length > 0 && categories.every((c) => c.satisfiable);
    report.flows.push({ flow, categories, ok });
  }
  report.ok =
    report.findings.every((f) => f.ok) &&
    report.unreadable.length === 0 &&
    report.flows.every((f) => f.ok);
  return report;
}
