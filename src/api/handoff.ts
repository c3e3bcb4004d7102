/**
 * The element's client for the relay's phone hand-off (wire format: ./handoff-protocol.ts;
 * protocol: docs/handoff.md#what-the-element-calls). Plain TypeScript, no Lit. Each call has a
 * timeout and takes an AbortSignal; every failure is a `FinHubHandoffError` (a `FinHubApiError`)
 * whose `relayCode` carries the relay's refusal (`handoff_expired`, `handoff_used`, …) for the
 * screens to word. Nothing is retried, except one token refresh after a 401 when the call goes
 * with a token source: an exchange whose answer was lost has spent its code, so the computer makes
 * a new one rather than the phone sending it twice.
 */
import * as z from 'zod/mini';
import {
  FinHubApiError,
  abortedError,
  errorFromResponse,
  invalidResponseError,
  networkError,
  timeoutError,
  type FinHubApiErrorInit,
} from './errors.js';
import {
  HANDOFF_PATH,
  type HandoffCreateBody,
  type HandoffCreated,
  type HandoffSession,
  type HandoffStatus,
} from './handoff-protocol.js';
import { REQUEST_HEADER as H } from './headers.js';
import { untilAborted } from './abort.js';
import type { TokenSource } from './types.js';

export {
  HANDOFF_CODE_PATTERN,
  HANDOFF_LINK_PARAM,
  handoffLink,
  readHandoffCode,
  type HandoffCreateBody,
  type HandoffCreated,
  type HandoffDocument,
  type HandoffReceived,
  type HandoffRefusalCode,
  type HandoffSession,
  type HandoffState,
  type HandoffStatus,
} from './handoff-protocol.js';

/** Each call's deadline unless the client or the call sets another. */
export const DEFAULT_HANDOFF_TIMEOUT_MS = 15_000;

export class FinHubHandoffError extends FinHubApiError {
  /** The relay's `data.error` when it refused (e.g. `handoff_expired`); undefined otherwise. */
  readonly relayCode: string | undefined;

  constructor(init: FinHubApiErrorInit & { relayCode?: string }) {
    super(init);
    this.relayCode = init.relayCode;
  }
}

/**
 * The onboarding token a call goes with: the phone's (the exchanged `accessToken`), or the
 * computer's token source (the element's token provider), which is refreshed once after a 401.
 */
export type HandoffAuth = string | Pick<TokenSource, 'getToken' | 'refresh'>;

export interface HandoffCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface HandoffClientOptions {
  /** The element's `api-base` (the relay's `{prefix}/api`); the hand-off is at `{apiBase}/handoff`. */
  apiBase: string;
  /** Default {@link DEFAULT_HANDOFF_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Default: the global fetch. Called with a Request only. */
  fetch?: (request: Request) => Promise<Response>;
}

export interface HandoffClient {
  /** Computer: a new code for `body.documents` (cancels the onboarding's previous hand-off). */
  create(
    auth: HandoffAuth,
    body: HandoffCreateBody,
    options?: HandoffCallOptions,
  ): Promise<HandoffCreated>;
  /** Phone: the code for a token limited to the hand-off. Single use: never sent twice. */
  exchange(code: string, options?: HandoffCallOptions): Promise<HandoffSession>;
  /** Either side: the state and what has arrived (a store read; poll after `pollAfter` s). */
  status(auth: HandoffAuth, options?: HandoffCallOptions): Promise<HandoffStatus>;
  /** Phone: finished; its token may upload no more. */
  complete(auth: HandoffAuth, options?: HandoffCallOptions): Promise<HandoffStatus>;
  /** Computer: cancels; the phone's token is refused from now on. */
  cancel(auth: HandoffAuth, options?: HandoffCallOptions): Promise<HandoffStatus>;
}

const DocumentSchema = z.object({ type: z.string(), label: z.optional(z.string()) });

const CreatedSchema = z.object({
  code: z.string().check(z.minLength(1)),
  expiresAt: z.string(),
  expiresIn: z.number(),
  url: z.optional(z.string()),
});

const SessionSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  expiresIn: z.number(),
  expiresAt: z.string(),
  tenantId: z.string(),
  flow: z.enum(['individual', 'organization']),
  verificationId: z.string(),
  customerId: z.optional(z.string()),
  organizationId: z.optional(z.string()),
  documents: z.array(DocumentSchema),
});

const StatusSchema = z.object({
  state: z.enum(['waiting', 'opened', 'complete', 'cancelled', 'expired']),
  received: z.array(z.object({ documentType: z.string(), fileName: z.string() })),
  total: z.number(),
  expiresAt: z.optional(z.string()),
  pollAfter: z.optional(z.number()),
});

const asHandoffError = (error: FinHubApiError, relayCode?: string): FinHubHandoffError =>
  error instanceof FinHubHandoffError
    ? error
    : new FinHubHandoffError({
        code: error.code,
        message: error.message,
        status: error.status,
        fieldErrors: error.fieldErrors,
        retryAfter: error.retryAfter,
        serverMessage: error.serverMessage,
        endpoint: error.endpoint,
        field: error.field,
        cause: error.cause,
        relayCode,
      });

/** `data.error` of a relay refusal (`{code, message, data: {error}}`). */
function relayCodeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('data' in body)) return undefined;
  const { data } = body;
  if (typeof data !== 'object' || data === null || !('error' in data)) return undefined;
  return typeof data.error === 'string' ? data.error : undefined;
}

function parseJson(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

interface Spec<T> {
  method: 'GET' | 'POST' | 'DELETE';
  sub: '' | '/exchange' | '/complete';
  schema: z.ZodMiniType<T>;
  auth?: HandoffAuth;
  body?: unknown;
}

export function createHandoffClient(options: HandoffClientOptions): HandoffClient {
  const base = `${options.apiBase.replace(/\/+$/, '')}${HANDOFF_PATH}`;

  async function send<T>(spec: Spec<T>, call: HandoffCallOptions = {}): Promise<T> {
    const endpoint = `${spec.method} ${HANDOFF_PATH}${spec.sub}`;
    const caller = call.signal;
    if (caller?.aborted) throw asHandoffError(abortedError(endpoint, caller.reason));
    const timeout = AbortSignal.timeout(
      call.timeoutMs ?? options.timeoutMs ?? DEFAULT_HANDOFF_TIMEOUT_MS,
    );
    const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
    const guarded = async <R>(work: () => Promise<R>): Promise<R> => {
      try {
        return await untilAborted(work(), signal);
      } catch (cause) {
        if (caller?.aborted) throw asHandoffError(abortedError(endpoint, cause));
        if (timeout.aborted) throw asHandoffError(timeoutError(endpoint, cause));
        if (cause instanceof FinHubApiError) throw asHandoffError(cause);
        throw asHandoffError(networkError(endpoint, cause));
      }
    };
    const { auth } = spec;
    const source = typeof auth === 'object' ? auth : undefined;
    let token = typeof auth === 'string' ? auth : '';
    if (source) token = await guarded(() => source.getToken(signal));
    const fetchImpl = options.fetch ?? ((request: Request) => globalThis.fetch(request));
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);

    for (let attempt = 0; ; attempt += 1) {
      const headers = new Headers({ [H.accept]: 'application/json' });
      if (token) headers.set(H.authorization, `Bearer ${token}`);
      if (body !== undefined) headers.set(H.contentType, 'application/json');
      const request = new Request(`${base}${spec.sub}`, {
        method: spec.method,
        headers,
        body,
        signal,
      });
      const response = await guarded(() => fetchImpl(request));
      const received = parseJson(await guarded(() => response.text()));
      if (response.status === 401 && source && attempt === 0) {
        token = await guarded(() => source.refresh(signal));
        continue;
      }
      if (!response.ok) {
        const error = errorFromResponse(response.status, response.headers, received, endpoint);
        throw asHandoffError(error, relayCodeOf(received));
      }
      const parsed = spec.schema.safeParse(received);
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path.join('.') || 'body';
        throw asHandoffError(invalidResponseError(endpoint, response.status, undefined, field));
      }
      return parsed.data;
    }
  }

  return {
    create: (auth, body, call) =>
      send({ method: 'POST', sub: '', schema: CreatedSchema, auth, body }, call),
    exchange: (code, call) =>
      send({ method: 'POST', sub: '/exchange', schema: SessionSchema, body: { code } }, call),
    status: (auth, call) => send({ method: 'GET', sub: '', schema: StatusSchema, auth }, call),
    complete: (auth, call) =>
      send({ method: 'POST', sub: '/complete', schema: StatusSchema, auth }, call),
    cancel: (auth, call) => send({ method: 'DELETE', sub: '', schema: StatusSchema, auth }, call),
  };
}

/**
 * A `TokenSource` for the phone's API client (uploads): the exchanged token, never renewed (the
 * relay refuses to renew a hand-off token). When it runs out, the refresh fails with `unauthorized`
 * and `relayCode` `onboarding_token_expired`: the phone asks for a new code from the computer.
 */
export function handoffTokenSource(session: HandoffSession): TokenSource {
  return {
    tenantId: session.tenantId,
    getToken: () => Promise.resolve(session.accessToken),
    refresh: () => {
      const body = { data: { error: 'onboarding_token_expired' } };
      const error = errorFromResponse(401, new Headers(), body, 'POST token');
      return Promise.reject(asHandoffError(error, 'onboarding_token_expired'));
    },
    // The relay re-issues no token to a phone (its uploads change no binding).
    adopt: () => undefined,
  };
}
