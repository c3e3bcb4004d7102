/**
 * Onboarding token provider: the element's side of the partner's token endpoint (docs/architecture.md#relay,
 * docs/finhub-contract.md#browser-and-relay). The token lives in memory only, never in storage
 * (docs/finhub-contract.md#browser-and-relay: "tokens must not go in localStorage"), and is
 * refreshed proactively at a fraction of its lifetime (80 % by default, the rule
 * docs/finhub-contract.md#other-token-mechanisms gives for FinHub's own tokens).
 *
 * Decisions where the reference is open (docs/finhub-contract.md#logout-and-refresh: no refresh
 * format is documented; the token endpoint is ours, docs/finhub-contract.md#browser-and-relay):
 * - A response must carry `accessToken`. Its lifetime comes from `expiresIn` (seconds, preferred:
 *   it is immune to clock skew) or `expiresAt` (ISO-8601 or epoch ms). When neither is present we
 *   do not refuse the token, because a host's `fetchToken()` may only know the token itself; we
 *   assume {@link DEFAULT_TOKEN_LIFETIME_SECONDS} (60 s), short enough that a wrong guess costs
 *   one extra token request a minute, and the client's refresh-on-401 covers the rest.
 * - A caller whose signal aborts is rejected with `aborted` at once, but the shared request runs
 *   on for `orphanGraceMs` (250 ms) and its token is cached: the next caller within it (a
 *   re-mounted element, React StrictMode's second mount) joins it instead of sending a second
 *   request. Once no caller has waited for it that long (the element was removed), it is
 *   cancelled, so a removed element leaves no request running behind it.
 * - When a proactive refresh fails while the cached token has not expired yet, `getToken()` still
 *   returns the cached token; `refresh()` (called after a 401) never does.
 * - While a request is in flight, `getToken()` waits for it even if a cached token looks fresh:
 *   the request may be a `refresh()` after that very token was refused.
 * - `adopt()` wins over a request already in flight: callers waiting on that request receive the
 *   adopted (bound) token, and the fetched one is dropped.
 */
// From its own module, not the errors barrel: the barrel's response mapping would ride along into
// the first step's chunk (issue 17: 2.2 kB gz).
import { FinHubApiError } from './api-error.js';
import { REQUEST_HEADER as H } from './headers.js';
import { parseRetryAfter } from './retry-after.js';
import { ORPHAN_GRACE_MS, SharedRequest } from './shared-request.js';
import type { StartedTokenRequest } from './token-request.js';
import type { TokenSource } from './types.js';

/** What the token endpoint (or a host's `fetchToken()`) returns. */
export interface TokenResponse {
  accessToken: string;
  /** Lifetime in seconds. Preferred over `expiresAt` when both are given. */
  expiresIn?: number;
  /**
   * Expiry as ISO-8601 (a zone-less value is local time, like
   * docs/finhub-contract.md#admin-session's `expiresAt`) or epoch ms.
   */
  expiresAt?: string | number;
  tenantId?: string;
  /**
   * The tenant's categories per flow kind, read and analysed by the relay
   * (docs/architecture.md#categories-with-the-token): optional; checked where they are used, and
   * a shape the element does not know makes it read the hierarchy itself.
   */
  categories?: unknown;
}

export interface TokenProviderOptions {
  /** Partner endpoint that mints onboarding tokens (`POST`, same-origin credentials). */
  tokenUrl?: string;
  /** Host-supplied alternative to `tokenUrl`. Exactly one of the two must be given. */
  /** Host-supplied token source; `currentToken` is the token held now, for renewal. */
  fetchToken?: (signal: AbortSignal, context: { currentToken?: string }) => Promise<TokenResponse>;
  /** Fetch used for `tokenUrl` (tests, custom transports). Default: the global fetch. */
  fetch?: typeof fetch;
  /**
   * The first request to `tokenUrl`, already sent by the script-tag loader (src/api/token-request.ts):
   * used once, in place of sending one, when it went to the same URL.
   */
  started?: StartedTokenRequest;
  /** Fraction of the lifetime after which `getToken()` fetches a new token. Default 0.8. */
  refreshAt?: number;
  /** Abandon a token request after this many ms. Default 15000. */
  timeoutMs?: number;
  /**
   * The signal that fires when a request's time is up (default `AbortSignal.timeout`): the
   * element's clock, so a test moves time instead of waiting for it.
   */
  timeoutSignal?: (ms: number) => AbortSignal;
  /** Cancel a token request this many ms after its last caller gave up. Default 250. */
  orphanGraceMs?: number;
  /** Clock in epoch ms (tests). */
  now?: () => number;
}

/** Lifetime assumed when a token response states no expiry (see the module comment). */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 60;

const ENDPOINT = 'POST token';

/** A token answer as it may arrive: the optional fields may also be `null`. */
type TokenAnswer = {
  [K in keyof TokenResponse]: K extends 'accessToken' ? string : TokenResponse[K] | null;
};

/**
 * The token endpoint's answer (`{accessToken, expiresIn?, expiresAt?, tenantId?}`), checked by
 * hand: it is the first request of every onboarding, and four fields do not warrant loading zod
 * before the first step (issue 17). Returns the paths that are wrong, or the parsed answer.
 */
function readTokenResponse(
  body: unknown,
): { ok: true; data: TokenAnswer } | { ok: false; paths: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, paths: ['(root)'] };
  }
  const { accessToken, expiresIn, expiresAt, tenantId } = body as Record<string, unknown>;
  const absent = (value: unknown) => value === undefined || value === null;
  const paths = [
    !(typeof accessToken === 'string' && accessToken.length > 0) && 'accessToken',
    !(absent(expiresIn) || (typeof expiresIn === 'number' && expiresIn > 0)) && 'expiresIn',
    !(absent(expiresAt) || typeof expiresAt === 'string' || typeof expiresAt === 'number') &&
      'expiresAt',
    !(absent(tenantId) || typeof tenantId === 'string') && 'tenantId',
  ].filter((path): path is string => path !== false);
  return paths.length ? { ok: false, paths } : { ok: true, data: body as TokenAnswer };
}

interface CachedToken {
  token: string;
  /** Epoch ms after which `getToken()` fetches a new one. */
  staleAt: number;
  /** Epoch ms after which the token must not be used at all. */
  expiresAt: number;
}

interface Fetched {
  token: string;
  lifetimeMs: number;
  tenantId: string | undefined;
  categories: unknown;
}

type Failure = 'transient' | 'rejected' | 'invalid';

function unavailable(
  kind: Failure,
  detail: string,
  init: { status?: number; retryAfter?: number; cause?: unknown } = {},
): FinHubApiError {
  // For the host's developer (the person reads src/localization/error-messages.ts's wording for
  // `token_unavailable`): what went wrong and whether trying again can help. Never the token.
  return new FinHubApiError({
    code: 'token_unavailable',
    endpoint: ENDPOINT,
    message:
      kind === 'rejected' ? `${detail} (refused: check the endpoint and the session)` : detail,
    status: init.status,
    retryAfter: init.retryAfter,
    cause: init.cause,
  });
}

const aborted = (reason: unknown) =>
  new FinHubApiError({
    code: 'aborted',
    endpoint: ENDPOINT,
    cause: reason,
    message: 'The request was cancelled.',
  });

/** Lifetime in ms from a parsed response, or a string describing why it is unusable. */
function lifetimeOf(
  expiresIn: number | null | undefined,
  expiresAt: string | number | null | undefined,
  now: number,
): number | string {
  if (typeof expiresIn === 'number') return expiresIn * 1000;
  if (expiresAt !== undefined && expiresAt !== null) {
    const at =
      typeof expiresAt === 'number'
        ? expiresAt
        : /^\d+$/.test(expiresAt.trim())
          ? Number(expiresAt.trim())
          : Date.parse(expiresAt);
    if (!Number.isFinite(at)) return 'expiresAt is not a date';
    // An expiry already past by our clock (skew) still lets this caller use the token once; the
    // next getToken() fetches again instead of trusting it.
    return Math.max(0, at - now);
  }
  return DEFAULT_TOKEN_LIFETIME_SECONDS * 1000;
}

export function createTokenProvider(options: TokenProviderOptions): TokenSource {
  const { tokenUrl, fetchToken } = options;
  const hasUrl = typeof tokenUrl === 'string' && tokenUrl.trim() !== '';
  const hasFn = typeof fetchToken === 'function';
  if (hasUrl === hasFn) {
    throw new TypeError('createTokenProvider: give exactly one of tokenUrl or fetchToken.');
  }
  const refreshAt = options.refreshAt ?? 0.8;
  if (!(refreshAt > 0 && refreshAt <= 1)) {
    throw new TypeError('createTokenProvider: refreshAt must be in (0, 1].');
  }
  const timeoutMs = options.timeoutMs ?? 15000;
  if (!(timeoutMs > 0)) throw new TypeError('createTokenProvider: timeoutMs must be positive.');
  const orphanGraceMs = options.orphanGraceMs ?? ORPHAN_GRACE_MS;
  const now = options.now ?? (() => Date.now());
  let started = options.started;

  let cache: CachedToken | undefined;
  let tenantId: string | undefined;
  let categories: unknown;
  let inflight: SharedRequest<string> | undefined;
  // Bumped by adopt(): a request started before it must not overwrite the adopted token.
  let epoch = 0;

  const store = (token: string, lifetimeMs: number) => {
    const at = now();
    cache = { token, staleAt: at + lifetimeMs * refreshAt, expiresAt: at + lifetimeMs };
  };

  async function requestFromUrl(
    url: string,
    signal: AbortSignal,
    currentToken: string | undefined,
  ): Promise<unknown> {
    const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const headers: Record<string, string> = {
      [H.accept]: 'application/json',
      [H.contentType]: 'application/json',
    };
    // Presenting the current token lets the relay renew a *bound* onboarding (one that already
    // registered a customer) instead of starting a new, unbound one.
    if (currentToken) headers[H.authorization] = `Bearer ${currentToken}`;
    // The loader's request carries the same method, headers and body, without a current token.
    const early = !currentToken && started?.url === url ? started : undefined;
    if (started && !early) started.controller.abort(); // sent elsewhere: nobody will read it
    started = undefined;
    if (early) {
      if (signal.aborted) early.controller.abort(signal.reason);
      else signal.addEventListener('abort', () => early.controller.abort(signal.reason));
    }
    let response: Response;
    try {
      response = await (early?.response ??
        doFetch(url, {
          method: 'POST',
          headers,
          credentials: 'same-origin',
          body: '{}',
          signal,
        }));
    } catch (error) {
      throw unavailable('transient', 'token request failed (network error or timeout)', {
        cause: error,
      });
    }
    if (!response.ok) {
      const { status } = response;
      const transient = status === 408 || status === 429 || status >= 500;
      const retryAfter =
        status === 429 || status === 503
          ? parseRetryAfter(response.headers.get('Retry-After'), now())
          : undefined;
      throw unavailable(transient ? 'transient' : 'rejected', `token endpoint answered ${status}`, {
        status,
        retryAfter,
      });
    }
    try {
      return await response.json();
    } catch (error) {
      if (signal.aborted)
        throw unavailable('transient', 'token request timed out', { cause: error });
      throw unavailable('invalid', 'token endpoint did not return JSON', {
        status: response.status,
        cause: error,
      });
    }
  }

  /** One token request; `cancelled` fires when no caller waits for it any more. */
  async function fetchOnce(cancelled: AbortSignal): Promise<Fetched> {
    const controller = new AbortController();
    const expired = (options.timeoutSignal ?? AbortSignal.timeout)(timeoutMs);
    let onExpired: (() => void) | undefined;
    const timeout = new Promise<never>((_, reject) => {
      onExpired = () => {
        const reason = new DOMException('Token request timed out', 'TimeoutError');
        controller.abort(reason);
        reject(
          unavailable('transient', `token request timed out after ${timeoutMs} ms`, {
            cause: reason,
          }),
        );
      };
      if (expired.aborted) onExpired();
      else expired.addEventListener('abort', onExpired, { once: true });
      // Cancelled: settle now even if a fetchToken() ignores its signal.
      cancelled.addEventListener(
        'abort',
        () => {
          controller.abort(cancelled.reason);
          reject(aborted(cancelled.reason));
        },
        { once: true },
      );
    });
    timeout.catch(() => undefined);
    try {
      const currentToken = cache?.token;
      const task = hasFn
        ? fetchToken!(controller.signal, { currentToken }).catch((error: unknown) => {
            if (error instanceof FinHubApiError && error.code === 'token_unavailable') throw error;
            throw unavailable('transient', 'fetchToken() threw', { cause: error });
          })
        : requestFromUrl(tokenUrl!, controller.signal, currentToken);
      // Racing matters for a fetchToken() that ignores its signal.
      const body = await Promise.race([task, timeout]);
      const parsed = readTokenResponse(body);
      if (!parsed.ok) {
        throw unavailable('invalid', `token response invalid at: ${parsed.paths.join(', ')}`);
      }
      const lifetimeMs = lifetimeOf(parsed.data.expiresIn, parsed.data.expiresAt, now());
      if (typeof lifetimeMs === 'string')
        throw unavailable('invalid', `token response: ${lifetimeMs}`);
      return {
        token: parsed.data.accessToken,
        lifetimeMs,
        tenantId: parsed.data.tenantId ?? undefined,
        categories: parsed.data.categories ?? undefined,
      };
    } finally {
      expired.removeEventListener('abort', onExpired!);
    }
  }

  function start(): SharedRequest<string> {
    if (inflight) return inflight;
    const startedIn = epoch;
    // Settled or cancelled, the next caller starts a new request.
    const clear = () => {
      if (inflight === request) inflight = undefined;
    };
    const request = new SharedRequest(
      (cancelled) =>
        fetchOnce(cancelled).then((fetched) => {
          if (fetched.tenantId) tenantId = fetched.tenantId;
          if (fetched.categories !== undefined) categories = fetched.categories;
          if (epoch !== startedIn && cache) return cache.token;
          store(fetched.token, fetched.lifetimeMs);
          return fetched.token;
        }),
      {
        graceMs: orphanGraceMs,
        abandoned: aborted,
        onCancel: clear,
      },
    );
    // Every caller may have aborted; the rejection is still observed here.
    request.promise.then(clear, clear);
    inflight = request;
    return request;
  }

  return {
    async getToken(signal?: AbortSignal): Promise<string> {
      if (signal?.aborted) throw aborted(signal.reason);
      // A request in flight (e.g. a refresh() after a 401) means the cached token may be the
      // rejected one: wait for the new token instead.
      const current = cache;
      if (!inflight && current && now() < current.staleAt) return current.token;
      try {
        return await start().follow(signal);
      } catch (error) {
        const still = cache;
        const isAbort = error instanceof FinHubApiError && error.code === 'aborted';
        if (!isAbort && still && now() < still.expiresAt) return still.token;
        throw error;
      }
    },

    refresh(signal?: AbortSignal): Promise<string> {
      if (signal?.aborted) return Promise.reject(aborted(signal.reason));
      return start().follow(signal);
    },

    adopt(accessToken: string, expiresInSeconds?: number): void {
      if (typeof accessToken !== 'string' || accessToken === '') {
        throw new TypeError('adopt: empty access token.');
      }
      const seconds =
        typeof expiresInSeconds === 'number' &&
        Number.isFinite(expiresInSeconds) &&
        expiresInSeconds > 0
          ? expiresInSeconds
          : DEFAULT_TOKEN_LIFETIME_SECONDS;
      epoch += 1;
      store(accessToken, seconds * 1000);
    },

    get tenantId(): string | undefined {
      return tenantId;
    },

    get categories(): unknown {
      return categories;
    },
  };
}
