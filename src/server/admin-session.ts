/**
 * The relay's FinHub admin session (docs/finhub-contract.md#admin-session): created on first need,
 * cached per instance, refreshed shortly before `expiresAt`, and never logged in twice at once
 * (single-flight).
 */
import * as z from 'zod/mini';
import { jwtExpiry, parseFinHubInstant } from './encoding.js';
import {
  callUpstream,
  isJsonObject,
  parseJson,
  type JsonValue,
  type UpstreamFetch,
  type UpstreamResult,
} from './forward.js';
import type { Log } from './log.js';
import type { AdminCredentials } from './types.js';

export interface AdminSessionOptions {
  finhubBaseUrl: string;
  tenantId: string;
  tenantKey: string;
  tenantSecret: string;
  admin: AdminCredentials;
  upstream: UpstreamFetch;
  timeoutMs: number;
  now: () => number;
  log: Log;
}

export interface AdminSession {
  /** A valid admin JWT: the cached one, or a fresh login (shared between concurrent callers). */
  getToken(): Promise<string>;
  /** Forgets `staleToken` (FinHub refused it) unless a newer token already replaced it. */
  invalidate(staleToken: string): void;
}

/** Thrown when FinHub refuses or does not answer the admin login; the handler answers 502/504. */
export class AdminSessionError extends Error {
  override readonly name = 'AdminSessionError';
  constructor(
    readonly reason: 'refused' | 'timeout' | 'network' | 'invalid_response',
    readonly upstreamStatus?: number,
  ) {
    super(`FinHub admin session failed: ${reason}`);
  }
}

// Both envelope generations (docs/finhub-contract.md#envelopes) put the session under `data`.
const LoginResponseSchema = z.looseObject({
  data: z.looseObject({
    token: z.string().check(z.minLength(1)),
    expiresAt: z.optional(z.nullable(z.string())),
    expiresIn: z.optional(z.nullable(z.number())),
  }),
});

/** Lifetime assumed when FinHub reports no expiry at all; short, so a wrong guess costs little. */
const FALLBACK_LIFETIME_MS = 5 * 60 * 1000;
const MAX_REFRESH_MARGIN_MS = 60 * 1000;

export function createAdminSession(options: AdminSessionOptions): AdminSession {
  const { admin } = options;
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const url =
    `${options.finhubBaseUrl}/api/v2.1/admin/organization/${encodeURIComponent(admin.organizationId)}` +
    `/users/${encodeURIComponent(admin.userId)}/sessions`;

  async function login(): Promise<string> {
    const started = options.now();
    const headers = new Headers({
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-Tenant-ID': options.tenantId,
      'User-Agent': 'finhub-onboarding-relay/0.1',
      // The runner lists these on every call (docs/finhub-contract.md#headers); this login is the
      // relay's own, not a browser's, so it reports the loopback address and the runner's
      // server-side defaults.
      'X-Forwarded-For': '127.0.0.1',
      'X-Forwarded-From': 'integration-client',
      platform: 'web',
      deviceId: 'finhub-onboarding-relay',
    });
    const body = new TextEncoder().encode(
      JSON.stringify({
        username: admin.username,
        password: admin.password,
        tenantKey: options.tenantKey,
        tenantSecret: options.tenantSecret,
      }),
    );
    const result = await callUpstream(
      options.upstream,
      url,
      { method: 'POST', headers, body },
      options.timeoutMs,
    );
    const duration = options.now() - started;
    if (result.kind !== 'response') {
      options.log('error', 'admin_session.failed', { reason: result.kind, durationMs: duration });
      throw new AdminSessionError(result.kind);
    }
    if (result.status < 200 || result.status >= 300) {
      options.log('error', 'admin_session.failed', {
        reason: 'refused',
        status: result.status,
        durationMs: duration,
      });
      throw new AdminSessionError('refused', result.status);
    }
    const parsed = LoginResponseSchema.safeParse(parseJson(result.body));
    if (!parsed.success) {
      options.log('error', 'admin_session.failed', {
        reason: 'invalid_response',
        durationMs: duration,
      });
      throw new AdminSessionError('invalid_response', result.status);
    }
    const { token, expiresAt, expiresIn } = parsed.data.data;
    const now = options.now();
    const jwtExp = jwtExpiry(token);
    const expiresAtMs =
      parseFinHubInstant(expiresAt) ??
      (typeof expiresIn === 'number' ? now + expiresIn * 1000 : undefined) ??
      (jwtExp !== undefined ? jwtExp * 1000 : undefined) ??
      now + FALLBACK_LIFETIME_MS;
    // Refresh a minute early, or at 80% of a short lifetime, so no request goes out with a token
    // that expires in flight.
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, Math.max(0, (expiresAtMs - now) / 5));
    cached = { token, refreshAt: expiresAtMs - margin };
    options.log('info', 'admin_session.created', {
      status: result.status,
      durationMs: duration,
      expiresInS: Math.round((expiresAtMs - now) / 1000),
    });
    return token;
  }

  return {
    getToken() {
      if (cached && options.now() < cached.refreshAt) return Promise.resolve(cached.token);
      pending ??= login().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(staleToken) {
      if (cached?.token === staleToken) cached = undefined;
    },
  };
}

/**
 * Whether a 401 from a sign-in call is FinHub refusing the *customer's* credentials
 * (docs/finhub-contract.md#customer-session error bodies carry `errorType`, `attempts`,
 * `lockoutTime`) rather than the admin token; re-sending those would burn one of the customer's 5
 * attempts before lockout.
 */
function isCredentialRefusal(body: JsonValue | undefined): boolean {
  const data = isJsonObject(body) ? body.data : undefined;
  if (!isJsonObject(data)) return false;
  return (
    data.errorType === 'AUTHENTICATION' ||
    data.errorType === 'NOT_FOUND' ||
    'attempts' in data ||
    'lockoutTime' in data
  );
}

/**
 * One forwarded call with FinHub credentials: the customer's own session when there is one, else
 * the admin token. Retried once on 401 only: a 401 means FinHub refused the credentials before
 * acting on the request, so even a registration cannot be created twice by re-sending it; a
 * timeout or a network error leaves the outcome unknown and is never retried
 * (docs/finhub-contract.md#retries-and-idempotency: no idempotency keys). A sign-in's 401 for the
 * customer's own credentials is not retried either.
 */
export async function sendWithCredentials(options: {
  send: (token: string) => Promise<UpstreamResult>;
  adminSession: AdminSession;
  customerToken: string | undefined;
  signIn: boolean;
}): Promise<{ result: UpstreamResult; auth: 'admin' | 'customer'; retried: boolean }> {
  const { send, adminSession, customerToken } = options;
  const token = customerToken ?? (await adminSession.getToken());
  const result = await send(token);
  const auth = customerToken ? 'customer' : 'admin';
  if (
    result.kind !== 'response' ||
    result.status !== 401 ||
    (options.signIn && isCredentialRefusal(parseJson(result.body)))
  ) {
    return { result, auth, retried: false };
  }
  // A refused customer session (revoked or expired early) falls back to the admin token; a
  // refused admin token is dropped for a fresh login.
  if (!customerToken) adminSession.invalidate(token);
  return { result: await send(await adminSession.getToken()), auth: 'admin', retried: true };
}
