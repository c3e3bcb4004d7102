/**
 * The relay's FinHub admin session (finhub-api.md §3.1): created on first need, cached per instance,
 * refreshed shortly before `expiresAt`, and never logged in twice at once (single-flight).
 */
import * as z from 'zod/mini';
import { jwtExpiry, parseFinHubInstant } from './encoding.js';
import { callUpstream, parseJson, type UpstreamFetch } from './forward.js';
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

// Both envelope generations (finhub-api.md §2.1) put the session under `data`.
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
      // The runner lists these on every call (§2); this login is the relay's own, not a browser's,
      // so it reports the loopback address and the runner's server-side defaults.
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
