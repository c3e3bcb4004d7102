/**
 * Public types of the relay (`finhub-onboarding/server`). The relay is a web-standard Fetch handler,
 * so it mounts in Node http/Express (see `./node.ts`), Hono, Next.js route handlers or any Fetch runtime.
 */

/** What the host knows about the TCP connection; the relay never trusts the browser for this. */
import type { CategoryOption } from '../flow/types.js';

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

/**
 * Shared state that must survive across relay instances (revoked tokens, sign-in attempt counters,
 * phone hand-offs).
 */
export interface RelayStore {
  /**
   * Marks a key as used until `ttlSeconds` from now, keeping `value` (default `'1'`) with it.
   * Returns false, changing nothing, when the key was already set.
   */
  setOnce(key: string, ttlSeconds: number, value?: string): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /** Increments a counter that expires `ttlSeconds` after its first increment; returns the new value. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  /** The value `setOnce` kept (a counter reads as its decimal digits); undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
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
   *
   * A re-issue or renewal does not revoke the token it replaces: that token carries the same
   * binding (or less of it), and requests already in flight with it must not fail. It simply
   * expires at its own `exp`. The exceptions are the unbound token after a registration or a
   * resuming sign-in binds the onboarding: it is revoked (through `store`), because an unbound
   * token may register or sign in to any account.
   */
  tokenTtlSeconds?: number;
  /** Longest one onboarding (first token to last re-issue) may last, seconds. Default 86 400. */
  maxOnboardingSeconds?: number;
  /**
   * Customer/org-user sign-in attempts (successful or not) allowed per onboarding before the relay
   * answers 429 `too_many_sign_in_attempts` without calling FinHub. Default 10. Counted in `store`
   * under the onboarding id, which every re-issued or renewed token keeps, until the onboarding's
   * `maxOnboardingSeconds` run out (that remainder is the `Retry-After`).
   */
  maxSignInAttempts?: number;
  /**
   * `POST {prefix}/token` requests allowed per client address (IPv6: per /64) in each fixed
   * window; beyond that the relay answers 429 `too_many_token_requests` with `Retry-After` (the
   * seconds left in the window). Counted in `store`. Every new onboarding brings a fresh sign-in
   * budget, so this also bounds sign-in guessing per client. Default `{ max: 30, windowSeconds: 60 }`;
   * `false` turns it off. Requests whose client address is unknown are not limited.
   */
  tokenRateLimit?: { max?: number; windowSeconds?: number } | false;
  /**
   * How long a phone hand-off code (`POST {prefix}/api/handoff`) may wait to be exchanged,
   * seconds. Default 600. The phone's token then lives `tokenTtlSeconds` (not renewable).
   */
  handoffTtlSeconds?: number;
  /**
   * `POST {prefix}/api/handoff/exchange` requests allowed per client address (IPv6: per /64) in
   * each fixed window, successful or not; beyond that 429 `too_many_handoff_exchanges` with
   * `Retry-After`. Counted in `store`. Default `{ max: 10, windowSeconds: 60 }`; `false` turns it
   * off. Requests whose client address is unknown are not limited.
   */
  handoffExchangeRateLimit?: { max?: number; windowSeconds?: number } | false;
  /**
   * The partner's hand-off page (an http(s) URL, or a path on the relay's origin). When set, a new
   * hand-off's answer carries `url`: this page with `#handoff=<code>` in its fragment.
   */
  handoffUrl?: string;
  /**
   * Whether a new onboarding's token answer carries `categories`: the tenant's categories per flow
   * kind, read from FinHub's categorization hierarchy and analysed as the element would (no host
   * overrides), so the element's first step needs no hierarchy request (README "Token endpoint").
   * One read serves every new onboarding for a minute; a token answer waits for it at most 2 s,
   * else goes without. Default `true`.
   */
  tokenCategories?: boolean;
  /** Origins allowed to call the relay cross-origin (exact match). Same-origin calls need no entry. */
  allowedOrigins?: string[];
  /** Mount path. Default `/onboarding`. */
  prefix?: string;
  /**
   * The real client IP for `X-Forwarded-For` and the token rate limit; default: the connection's
   * remote address. Behind a proxy or load balancer, return the address your proxy reports (only
   * from a header your proxy overwrites, never one a browser can set). Browser-sent
   * `X-Forwarded-For`, `Forwarded` and `X-Real-IP` are never forwarded.
   */
  clientIp?: (request: Request, connection?: ConnectionInfo) => string | undefined;
  /** Upstream fetch; the demo and tests pass the in-memory sandbox here. Default: global fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Default: `createMemoryStore()`, for one process only (capped at 100 000 keys); several
   * processes need a shared store, e.g. `await createRedisStore(client)`.
   */
  store?: RelayStore;
  /**
   * Longest wait for any one store call, ms. Default 1000 (the element gives a token request
   * 15 s). A store that does not answer in time, or fails, makes the relay answer 503
   * `store_unavailable` with `Retry-After` at once: no hang, and no check skipped.
   */
  storeTimeoutMs?: number;
  /** Default: none (silent). Entries never carry bodies, tokens, passwords, secrets or raw ids. */
  logger?: RelayLogger;
  /**
   * Largest request body accepted, bytes; larger ones get 413 `payload_too_large` without being
   * forwarded (checked on `Content-Length` and again while reading, so a chunked body cannot slip
   * past). Default 28 MiB (29 360 128): documents travel as base64 in JSON
   * (docs/finhub-contract.md#document-upload), the largest FinHub accepts is a 20 MB B2B financial
   * statement, and base64 makes 20 MiB (20 971 520 bytes) into 27 962 028 characters; the rest
   * leaves room for the JSON around it.
   */
  maxBodyBytes?: number;
  /**
   * Request body bytes one relay holds at once, across all requests; past that a body is refused
   * with 503 `relay_busy` and `Retry-After` (a declared `Content-Length` counts whole before
   * reading). Default 128 MiB (134 217 728): four of the largest documents at once.
   */
  maxBufferedBytes?: number;
  /**
   * Longest time a request body may take to arrive, ms, from when the relay starts reading it;
   * then 408 `body_timeout`. Default 60 000 (twice the element's own request timeout).
   */
  bodyTimeoutMs?: number;
  /**
   * Roles an organization's bound user may claim in `X-User-Roles` (sent with `X-User-ID` on
   * org `/verify` and `/activation`, docs/finhub-contract.md#user-context-headers); anything else
   * is 403 `role_not_allowed`. A person (individual flow) may claim none. Default
   * `['ADMIN_USER', 'COMPLIANCE_OFFICER']`.
   */
  userRoles?: string[];
  /** Timeout for each upstream call, ms. Default 30 000. */
  upstreamTimeoutMs?: number;
  /** Clock in epoch ms (tests). Default `Date.now`. */
  now?: () => number;
}

/** Body of `POST {prefix}/token`. */
/**
 * The token answer's `categories`: per flow kind, the list the element's first step shows
 * (docs/architecture.md#categories-with-the-token).
 */
export type TokenCategories = Record<'individual' | 'organization', CategoryOption[]>;

export interface OnboardingTokenResponse {
  accessToken: string;
  /** Seconds from now. */
  expiresIn: number;
  /** ISO-8601 UTC. */
  expiresAt: string;
  tenantId: string;
  /**
   * A new onboarding's categories per flow kind, as the element's first step shows them
   * (`tokenCategories`); absent on a renewal, when turned off, or when FinHub's hierarchy could not
   * be read in time.
   */
  categories?: TokenCategories;
}
