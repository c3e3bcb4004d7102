/**
 * Test doubles for the relay tests: a recording fake FinHub (answers like
 * docs/finhub-contract.md#endpoints with `{code, message, data}` envelopes), a fake clock, and
 * helpers that build browser-like requests.
 */
import { createOnboardingHandler } from '../../src/server/index.js';
import type { Sandbox } from '../../sandbox/index.js';
import type {
  ConnectionInfo,
  OnboardingHandler,
  OnboardingHandlerOptions,
} from '../../src/server/types.js';

export const TENANT_ID = '97e7ff29-15f3-49ef-9681-3bbfcce4f6cd';
export const TENANT_KEY = 'tk-test-key-0123456789abcdefg';
export const TENANT_SECRET = 'ts-TENANT-SECRET-do-not-leak-42';
export const ADMIN = {
  organizationId: '00000000-0000-4000-8000-0000000000aa',
  userId: '00000000-0000-4000-8000-0000000000bb',
  username: 'admin@partner.test',
  password: 'Adm1n-PASSWORD-do-not-leak',
};
export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const CUSTOMER_PASSWORD = 'Cust0mer-PASSWORD-do-not-leak';
export const RELAY = 'http://relay.test/onboarding';
export const START = Date.UTC(2026, 2, 1, 10, 0, 0);

export interface UpstreamCall {
  method: string;
  /** Path on FinHub, e.g. `/api/v2.1/customer/individual/registration`. */
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
}

type Responder = (call: UpstreamCall) => Response | Promise<Response>;

export const json = (body: unknown, status = 200, headers: HeadersInit = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...Object.fromEntries(new Headers(headers)) },
  });

const ok = (data: unknown, message = 'Success') => json({ code: 200, message, data });

/** FinHub's `expiresAt`: local time without a zone (docs/finhub-contract.md#admin-session). */
export const zoneless = (ms: number) => new Date(ms).toISOString().replace('Z', '1234');

const b64url = (text: string) =>
  btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A JWT-shaped token with the given claims (unsigned; the relay never verifies FinHub's JWTs). */
export const fakeJwt = (claims: Record<string, unknown>) =>
  `${b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }))}.${b64url(JSON.stringify(claims))}.c2ln`;

export function createClock(start = START) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => void (t += ms),
    set: (ms: number) => void (t = ms),
  };
}
export type Clock = ReturnType<typeof createClock>;

export function createFakeFinHub(clock: Clock) {
  const calls: UpstreamCall[] = [];
  const overrides: { method: string; pattern: RegExp; respond: Responder }[] = [];
  let seq = 0;
  let adminTokens = 0;
  let customerTokens = 0;

  const defaults = (call: UpstreamCall): Response => {
    const { method, path } = call;
    const p = path.replace('/api/v2.1', '');
    if (method === 'POST' && /^\/admin\/organization\/[^/]+\/users\/[^/]+\/sessions$/.test(p)) {
      adminTokens += 1;
      return ok({
        sessionId: `admin-session-${adminTokens}`,
        userId: ADMIN.userId,
        token: `admin-token-${adminTokens}`,
        refreshToken: `admin-refresh-${adminTokens}`,
        expiresAt: zoneless(clock.now() + 3600_000),
        success: true,
        message: 'Session created successfully',
      });
    }
    if (method === 'GET' && p.startsWith('/customer/individual/categorization/hierarchy/')) {
      return ok({ tenantId: TENANT_ID, categories: {}, features: {} });
    }
    if (method === 'POST' && p === '/customer/individual/registration') {
      seq += 1;
      return json({
        code: 200,
        message: 'B2C individual account created successfully. Redirect to activate-account page',
        redirectUrl: '/auth/activate-account',
        data: {
          id: `cust-${seq}`,
          tenantId: TENANT_ID,
          customerType: 'CT_PERSON',
          customerStatus: 'CS_REGISTRATION_COMPLETED',
          individual: true,
          organization: false,
          user: { id: `user-${seq}`, username: 'marcus@example.com', status: 'PENDING_ACTIVATION' },
        },
      });
    }
    if (method === 'POST' && p === '/customer/organization/registration') {
      seq += 1;
      return ok(
        {
          individual: false,
          organization: true,
          id: `org-${seq}`,
          organizationId: `org-${seq}`,
          userId: `orguser-${seq}`,
        },
        'Organization registered successfully.',
      );
    }
    if (method === 'POST' && /\/users\/[^/]+\/sessions$/.test(p)) {
      customerTokens += 1;
      return ok({
        sessionId: `session-${customerTokens}`,
        userId: p.split('/')[5],
        token: `customer-token-${customerTokens}`,
        refreshToken: `customer-refresh-${customerTokens}`,
        expiresAt: zoneless(clock.now() + 3600_000),
        success: true,
        message: 'Session created successfully',
        errorType: 'NONE',
      });
    }
    if (method === 'POST' && (/\/verification$|\/verify$/.test(p) || p === '/verifications')) {
      seq += 1;
      return ok({ verificationId: `ver-${seq}`, status: 'PENDING', verificationType: 'KYC' });
    }
    if (method === 'POST' && /^\/customer\/organization\/[^/]+\/employee$/.test(p)) {
      seq += 1;
      return ok(
        { individual: { userId: `emp-${seq}`, email: `emp${seq}@acme.test` } },
        'Employee added successfully with role validation',
      );
    }
    return ok({});
  };

  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const call: UpstreamCall = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    calls.push(call);
    const override = overrides.find((o) => o.method === call.method && o.pattern.test(call.path));
    return override ? override.respond(call) : defaults(call);
  };

  return {
    fetch,
    calls,
    /** Upstream calls other than admin logins. */
    apiCalls: () => calls.filter((c) => !c.path.startsWith('/api/v2.1/admin/')),
    adminLogins: () => calls.filter((c) => c.path.startsWith('/api/v2.1/admin/')),
    /** Answers matching calls with `respond` instead of the default, until removed. */
    on(method: string, pattern: RegExp, respond: Responder) {
      const entry = { method, pattern, respond };
      overrides.unshift(entry);
      return () => overrides.splice(overrides.indexOf(entry), 1);
    },
  };
}
export type FakeFinHub = ReturnType<typeof createFakeFinHub>;

export interface LogEntry {
  level: string;
  event: string;
  [field: string]: unknown;
}

export function createTestRelay(overrides: Partial<OnboardingHandlerOptions> = {}) {
  const clock = createClock();
  const finhub = createFakeFinHub(clock);
  const logs: LogEntry[] = [];
  const relay = createOnboardingHandler({
    finhubBaseUrl: 'https://finhub.test',
    tenantId: TENANT_ID,
    tenantKey: TENANT_KEY,
    tenantSecret: TENANT_SECRET,
    admin: ADMIN,
    signingSecret: SIGNING_SECRET,
    fetch: finhub.fetch,
    now: clock.now,
    logger: (entry) => logs.push(entry),
    // These tests count what reaches FinHub per call; the categories handed along with a token
    // (a hierarchy read of the relay's own) are tested on their own (token-categories.test.ts).
    tokenCategories: false,
    ...overrides,
  });
  return { relay, finhub, clock, logs };
}

/**
 * Server runtimes hand the relay Requests with any header; a browser's `Request` silently drops
 * forbidden ones (`Origin`, `Cookie`, `Content-Length`, ...). This wraps a Request so its headers
 * are what a server would see.
 */
export function withServerHeaders(request: Request, extra: Record<string, string>): Request {
  const headers = new Headers(request.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Proxy(request, {
    get(target, prop) {
      if (prop === 'headers') return headers;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Headers a browser cannot set on a Request (Origin, Cookie, Content-Length). */
  serverHeaders?: Record<string, string>;
  connection?: ConnectionInfo;
}

export function buildRequest(method: string, url: string, options: CallOptions = {}): Request {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  }
  const request = new Request(url, { method, headers, body });
  return options.serverHeaders ? withServerHeaders(request, options.serverHeaders) : request;
}

export const api = (
  relay: OnboardingHandler,
  method: string,
  path: string,
  options: CallOptions = {},
) =>
  relay(
    buildRequest(method, `${RELAY}/api/v2.1${path}`, options),
    options.connection ?? { remoteAddress: '203.0.113.7' },
  );

export async function mint(relay: OnboardingHandler, options: CallOptions = {}) {
  const response = await relay(buildRequest('POST', `${RELAY}/token`, options));
  if (response.status !== 200) throw new Error(`mint failed: ${response.status}`);
  return (await response.json()) as {
    accessToken: string;
    expiresIn: number;
    expiresAt: string;
    tenantId: string;
  };
}

export const REGISTRATION_BODY = {
  firstName: 'Marcus',
  lastName: 'Jensen',
  email: 'marcus@example.com',
  phone: '+37062767557',
  password: CUSTOMER_PASSWORD,
  matchingPassword: CUSTOMER_PASSWORD,
  roleIds: ['ACCOUNT_OWNER', 'USER'],
  customerCategory: { id: 'fs-cat-b2c-low-001', name: 'Individual Standard' },
  individualCustomer: { tenantId: TENANT_ID, customerName: 'Marcus Jensen' },
};

/** Mints a token and registers an individual; returns the re-issued (bound) token and ids. */
export async function registerIndividual(relay: OnboardingHandler) {
  const { accessToken: unbound } = await mint(relay);
  const response = await api(relay, 'POST', '/customer/individual/registration', {
    token: unbound,
    body: REGISTRATION_BODY,
  });
  if (response.status !== 200) throw new Error(`registration failed: ${response.status}`);
  const body = (await response.json()) as { data: { id: string; user: { id: string } } };
  const token = response.headers.get('X-Onboarding-Token');
  if (!token) throw new Error('no re-issued token');
  return { unbound, token, customerId: body.data.id, userId: body.data.user.id, response };
}

/** Registers and signs in; returns the token that carries the sealed customer session. */
export async function signInIndividual(relay: OnboardingHandler) {
  const registered = await registerIndividual(relay);
  const response = await api(
    relay,
    'POST',
    `/customer/individual/${registered.customerId}/users/${registered.userId}/sessions`,
    {
      token: registered.token,
      body: {
        username: 'marcus@example.com',
        password: CUSTOMER_PASSWORD,
        credentialType: 'PASSWORD',
      },
    },
  );
  const token = response.headers.get('X-Onboarding-Token');
  if (response.status !== 200 || !token) throw new Error(`sign-in failed: ${response.status}`);
  return { ...registered, token, signInResponse: response };
}

/** The claims an onboarding token carries (readable by design; SECURITY.md, known limits). */
export const claimsOf = (token: string): Record<string, unknown> => {
  const payload = token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload + '='.repeat((4 - (payload.length % 4)) % 4))) as Record<
    string,
    unknown
  >;
};

/** The relay's refusal code (`data.error`) of a response. */
export const errorOf = async (response: Response): Promise<string> =>
  ((await response.json()) as { data: { error: string } }).data.error;

/** A refused response's status and code, to compare in one assertion. */
export const refusal = async (response: Response) => ({
  status: response.status,
  error: await errorOf(response),
});

/**
 * The relay in front of an in-memory sandbox, called in this page (no network): the sandbox's
 * tenant credentials and admin, a test signing secret, the /onboarding prefix; `overrides` win.
 */
export function relayOnSandbox(
  sandbox: Sandbox,
  overrides: Partial<OnboardingHandlerOptions> = {},
): OnboardingHandler {
  const { tenantId, tenantKey, tenantSecret, admin } = sandbox.credentials;
  return createOnboardingHandler({
    finhubBaseUrl: 'http://finhub.sandbox.invalid',
    tenantId,
    tenantKey,
    tenantSecret,
    admin,
    signingSecret: 'in-page-signing-secret-0123456789abcdef',
    prefix: '/onboarding',
    fetch: (request) => sandbox.fetch(request),
    ...overrides,
  });
}
