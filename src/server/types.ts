/**
 * Public types of the relay (`finhub-onboarding/server`). The relay is a web-standard Fetch handler,
 * so it mounts in Node http/Express (see `./node.ts`), Hono, Next.js route handlers or any Fetch runtime.
 */

/** What the host knows about the TCP connection; the relay never trusts the browser for this. */
export interface ConnectionInfo {
  remoteAddress?: string;
}

export type OnboardingHandler = (
  request: Request,
  connection?: ConnectionInfo,
) => Promise<Response>;

export interface AdminCredentials {
  organizationId: string;
  userId: string;
  username: string;
  password: string;
}

/** Shared state that must survive across relay instances (revoked tokens, sign-in attempt counters). */
export interface RelayStore {
  /** Marks a key as used until `ttlSeconds` from now. Returns false when it was already set. */
  setOnce(key: string, ttlSeconds: number): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /** Increments a counter that expires `ttlSeconds` after its first increment; returns the new value. */
  increment(key: string, ttlSeconds: number): Promise<number>;
}

/** Structured log lines; never receives passwords, tokens or document bytes. */
export type RelayLogger = (entry: {
  level: 'info' | 'warn' | 'error';
  event: string;
  [field: string]: unknown;
}) => void;

export interface OnboardingHandlerOptions {
  /** FinHub origin, e.g. `https://sandbox.finhub.cloud` (paths `/api/v2.1/*` are appended). */
  finhubBaseUrl: string;
  tenantId: string;
  tenantKey: string;
  tenantSecret: string;
  admin: AdminCredentials;
  /** Secret used to sign (HMAC-SHA256) and seal onboarding tokens. At least 32 characters. */
  signingSecret: string;
  /**
   * Lifetime of an onboarding token, seconds. Default 900. Every re-issue (registration, sign-in,
   * new verification, new employee, or `POST {prefix}/token` with a valid bound token) starts a
   * fresh lifetime, capped by `maxOnboardingSeconds`.
   */
  tokenTtlSeconds?: number;
  /** Longest one onboarding (first token to last re-issue) may last, seconds. Default 86 400. */
  maxOnboardingSeconds?: number;
  /** Customer/org-user sign-in attempts allowed per onboarding before the relay answers 429. Default 10. */
  maxSignInAttempts?: number;
  /** Origins allowed to call the relay cross-origin (exact match). Same-origin calls need no entry. */
  allowedOrigins?: string[];
  /** Mount path. Default `/onboarding`. */
  prefix?: string;
  /** The real client IP for `X-Forwarded-For`; default: the connection's remote address. */
  clientIp?: (request: Request, connection?: ConnectionInfo) => string | undefined;
  /** Upstream fetch; the demo and tests pass the in-memory sandbox here. Default: global fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /** Default: `createMemoryStore()` (one instance only; use a shared store when scaling out). */
  store?: RelayStore;
  /** Default: none (silent). Entries never carry bodies, tokens, passwords, secrets or raw ids. */
  logger?: RelayLogger;
  /** Largest request body accepted, bytes. Default 15 MB (a 10 MB document as base64 plus JSON). */
  maxBodyBytes?: number;
  /** Timeout for each upstream call, ms. Default 30 000. */
  upstreamTimeoutMs?: number;
  /** Clock in epoch ms (tests). Default `Date.now`. */
  now?: () => number;
}

/** Body of `POST {prefix}/token`. */
export interface OnboardingTokenResponse {
  accessToken: string;
  /** Seconds from now. */
  expiresIn: number;
  /** ISO-8601 UTC. */
  expiresAt: string;
  tenantId: string;
}
