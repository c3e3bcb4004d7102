/** `createOnboardingHandler` options checked and filled with their defaults (see types.ts). */
import type { OnboardingHandlerOptions } from './types.js';

export const DEFAULT_TTL_SECONDS = 900;
export const DEFAULT_MAX_ONBOARDING_SECONDS = 24 * 60 * 60;
/** See `maxBodyBytes` in types.ts: a 20 MB document as base64, plus its JSON. */
export const DEFAULT_MAX_BODY_BYTES = 28 * 1024 * 1024;
/** Bodies of every route but the document upload: forms and ids, never near this. */
export const SMALL_BODY_BYTES = 256 * 1024;
export const DEFAULT_MAX_BUFFERED_BYTES = 128 * 1024 * 1024;
export const DEFAULT_BODY_TIMEOUT_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_STORE_TIMEOUT_MS = 1000;
export const DEFAULT_MAX_SIGN_IN_ATTEMPTS = 10;
export const DEFAULT_TOKEN_RATE_LIMIT = { max: 30, windowSeconds: 60 };
export const DEFAULT_HANDOFF_TTL_SECONDS = 600;
export const DEFAULT_HANDOFF_EXCHANGE_RATE_LIMIT = { max: 10, windowSeconds: 60 };
export const DEFAULT_USER_ROLES = ['ADMIN_USER', 'COMPLIANCE_OFFICER'];

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`createOnboardingHandler: ${name} is required.`);
  }
  return value;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`createOnboardingHandler: ${name} must be a positive number.`);
  }
  return value;
}

/** A `{max, windowSeconds}` option: `false` turns the limit off, missing fields take the default. */
function rateLimit(
  option: { max?: number; windowSeconds?: number } | false | undefined,
  fallback: { max: number; windowSeconds: number },
  name: string,
) {
  if (option === false) return undefined;
  return {
    max: Math.floor(positive(option?.max, fallback.max, `${name}.max`)),
    windowSeconds: Math.ceil(
      positive(option?.windowSeconds, fallback.windowSeconds, `${name}.windowSeconds`),
    ),
  };
}

/** `handoffUrl`: an http(s) URL, or a path on the relay's origin (resolved per request). */
function handoffPage(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let ok = typeof value === 'string' && value.startsWith('/') && !value.startsWith('//');
  try {
    ok ||= /^https?:$/.test(new URL(value).protocol);
  } catch {
    // not absolute: a path, checked above
  }
  if (!ok) throw new Error('createOnboardingHandler: handoffUrl must be an http(s) URL or a path.');
  return value;
}

export function resolveOptions(options: OnboardingHandlerOptions) {
  const tenantId = requireString(options.tenantId, 'tenantId');
  const tenantKey = requireString(options.tenantKey, 'tenantKey');
  const tenantSecret = requireString(options.tenantSecret, 'tenantSecret');
  const admin = options.admin;
  for (const field of ['organizationId', 'userId', 'username', 'password'] as const) {
    requireString(admin?.[field], `admin.${field}`);
  }
  const baseUrl = new URL(requireString(options.finhubBaseUrl, 'finhubBaseUrl'));
  return {
    tenantId,
    tenantKey,
    tenantSecret,
    admin,
    finhubBaseUrl: `${baseUrl.origin}${baseUrl.pathname.replace(/\/+$/, '')}`,
    prefix: `/${(options.prefix ?? '/onboarding').replace(/^\/+|\/+$/g, '')}`,
    ttlSeconds: Math.floor(
      positive(options.tokenTtlSeconds, DEFAULT_TTL_SECONDS, 'tokenTtlSeconds'),
    ),
    maxOnboardingSeconds: Math.floor(
      positive(
        options.maxOnboardingSeconds,
        DEFAULT_MAX_ONBOARDING_SECONDS,
        'maxOnboardingSeconds',
      ),
    ),
    maxBodyBytes: positive(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes'),
    maxBufferedBytes: positive(
      options.maxBufferedBytes,
      DEFAULT_MAX_BUFFERED_BYTES,
      'maxBufferedBytes',
    ),
    bodyTimeoutMs: positive(options.bodyTimeoutMs, DEFAULT_BODY_TIMEOUT_MS, 'bodyTimeoutMs'),
    timeoutMs: positive(options.upstreamTimeoutMs, DEFAULT_TIMEOUT_MS, 'upstreamTimeoutMs'),
    storeTimeoutMs: positive(options.storeTimeoutMs, DEFAULT_STORE_TIMEOUT_MS, 'storeTimeoutMs'),
    maxSignInAttempts: positive(
      options.maxSignInAttempts,
      DEFAULT_MAX_SIGN_IN_ATTEMPTS,
      'maxSignInAttempts',
    ),
    tokenRateLimit: rateLimit(options.tokenRateLimit, DEFAULT_TOKEN_RATE_LIMIT, 'tokenRateLimit'),
    handoffTtlSeconds: Math.floor(
      positive(options.handoffTtlSeconds, DEFAULT_HANDOFF_TTL_SECONDS, 'handoffTtlSeconds'),
    ),
    handoffExchangeRateLimit: rateLimit(
      options.handoffExchangeRateLimit,
      DEFAULT_HANDOFF_EXCHANGE_RATE_LIMIT,
      'handoffExchangeRateLimit',
    ),
    handoffUrl: handoffPage(options.handoffUrl),
    tokenCategories: options.tokenCategories !== false,
    allowedOrigins: new Set(options.allowedOrigins ?? []),
    userRoles: new Set(options.userRoles ?? DEFAULT_USER_ROLES),
  };
}

export type ResolvedOptions = ReturnType<typeof resolveOptions>;
