/**
 * Transport: one request to `${apiBase}/v2.1/...` with FinHub's headers
 * (docs/finhub-contract.md#headers), a timeout combined with the caller's AbortSignal, one token
 * refresh on 401, adoption of tokens the relay re-issues, and every failure turned into a
 * FinHubApiError. No automatic retries beyond the single 401 refresh: registration must never be
 * sent twice (docs/finhub-contract.md#retries-and-idempotency).
 */
import {
  FinHubApiError,
  abortedError,
  errorFromResponse,
  invalidResponseError,
  missingTenantError,
  networkError,
  timeoutError,
  tokenUnavailableError,
} from './errors.js';
import { REQUEST_HEADER as H } from './headers.js';
import { resolveDeviceHints } from './device.js';
import { untilAborted } from './abort.js';
import type { UserContext } from './requests.js';
import { unwrapEnvelope, type Envelope } from './envelope.js';
import {
  REISSUED_TOKEN_EXPIRES_HEADER,
  REISSUED_TOKEN_HEADER,
  type DeviceHints,
  type TokenSource,
} from './types.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

export type FetchLike = (input: Request) => Promise<Response>;

export interface TransportOptions {
  /** e.g. `/onboarding/api` (relay) or `https://sandbox.finhub.cloud/api` (direct). */
  apiBase: string;
  /** Falls back to `tokens.tenantId` when empty. */
  tenantId: string | (() => string | undefined);
  tokens: TokenSource;
  /**
   * FinHub's device headers. Without them, this browser's (device.ts), with `deviceId` when given:
   * resolved here, with the first client, so device.ts stays out of the first step's chunk.
   */
  device?: DeviceHints;
  deviceId?: string;
  timeoutMs?: number;
  /**
   * The signal that fires when a call's time is up (default `AbortSignal.timeout`): the element's
   * clock, so a test moves time instead of waiting for it.
   */
  timeoutSignal?: (ms: number) => AbortSignal;
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * Sent as `X-User-ID` / `X-User-Roles` (required on org `/verify` and `/activation`,
   * docs/finhub-contract.md#user-context-headers).
   */
  userContext?: UserContext;
}

/**
 * Per-call options of the document upload (docs/finhub-contract.md#document-upload), the one call
 * with a large body.
 */
export interface UploadCallOptions extends CallOptions {
  /**
   * Upload progress, 0..1, never decreasing, ending at 1. Given this, the request goes through
   * XMLHttpRequest (fetch reports no upload progress over HTTP/1.1) with the same headers,
   * timeout, abort, 401 refresh and error mapping. With a custom `fetch` option, or where
   * XMLHttpRequest is missing, it goes through fetch and reports 1 when the response arrives.
   */
  onUploadProgress?: (fraction: number) => void;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  /** Path template for errors and logs, e.g. `POST /v2.1/customer/individual/{customerId}/activation`. */
  endpoint: string;
  /** Built once the tenant id is known (it may only arrive with the first token). */
  build(tenantId: string): { path: string; body?: unknown };
  /**
   * A sign-in (docs/finhub-contract.md#customer-session, #organization-user-session): a 401 is
   * wrong credentials, so no token refresh and retry.
   */
  credentials?: boolean;
}

export interface TransportResult {
  envelope: Envelope;
  status: number;
  headers: Headers;
}

type Phase = 'token' | 'fetch';

export class HttpTransport {
  readonly #options: TransportOptions;

  readonly #device: DeviceHints;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#device =
      options.device ?? resolveDeviceHints(options.deviceId ? { deviceId: options.deviceId } : {});
  }

  async send(spec: RequestSpec, call: UploadCallOptions = {}): Promise<TransportResult> {
    const { endpoint } = spec;
    const caller = call.signal;
    if (caller?.aborted) throw abortedError(endpoint, caller.reason);

    const timeout = (this.#options.timeoutSignal ?? AbortSignal.timeout)(
      this.#timeoutMs(call.timeoutMs),
    );
    const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
    const fail = (phase: Phase, cause: unknown): FinHubApiError => {
      if (caller?.aborted) return abortedError(endpoint, cause);
      if (timeout.aborted) return timeoutError(endpoint, cause);
      if (cause instanceof FinHubApiError) return cause;
      return phase === 'token'
        ? tokenUnavailableError(endpoint, cause)
        : networkError(endpoint, cause);
    };
    const guarded = async <T>(phase: Phase, work: () => Promise<T>): Promise<T> => {
      try {
        return await untilAborted(work(), signal);
      } catch (cause) {
        throw fail(phase, cause);
      }
    };

    let token = await guarded('token', () => this.#options.tokens.getToken(signal));
    const tenantId = this.#tenantId();
    if (!tenantId) {
      throw missingTenantError(endpoint);
    }
    const { path, body } = spec.build(tenantId);
    const url = `${this.#options.apiBase.replace(/\/+$/, '')}${path}`;
    const payload = body === undefined ? undefined : jsonBody(body);
    const progress = call.onUploadProgress ? progressReporter(call.onUploadProgress) : undefined;
    const fetchImpl: FetchLike =
      this.#options.fetch ??
      (progress && typeof globalThis.XMLHttpRequest === 'function'
        ? (input) => xhrFetch(input, payload, progress)
        : (input) => globalThis.fetch(input));

    for (let attempt = 0; ; attempt += 1) {
      const request = new Request(url, {
        method: spec.method,
        headers: this.#headers(token, tenantId, payload !== undefined, call.userContext),
        body: payload,
        signal,
      });
      const response = await guarded('fetch', () => fetchImpl(request));
      progress?.(1); // the server answered, so it has the whole body
      this.#adoptReissuedToken(response.headers);

      const raw = await guarded('fetch', () => response.text());
      const parsed = parseJson(raw);
      const received = parsed.ok ? parsed.value : raw;
      // On a sign-in, a 401 is the person's credentials, unless the relay refused our token.
      const credentials = spec.credentials === true && !isRelayTokenRefusal(received);

      if (response.status === 401 && !credentials && attempt === 0) {
        // One refresh and one retry for an expired/unknown token; a second 401 is final.
        token = await guarded('token', () => this.#options.tokens.refresh(signal));
        continue;
      }
      if (!response.ok) {
        throw errorFromResponse(response.status, response.headers, received, endpoint, {
          credentials,
        });
      }
      if (!parsed.ok) throw invalidResponseError(endpoint, response.status, undefined, 'body');
      return {
        envelope: unwrapEnvelope(parsed.value, response.status, response.headers, endpoint, {
          credentials: spec.credentials,
        }),
        status: response.status,
        headers: response.headers,
      };
    }
  }

  #timeoutMs(perCall: number | undefined): number {
    for (const value of [perCall, this.#options.timeoutMs]) {
      if (value !== undefined && Number.isFinite(value) && value > 0) return value;
    }
    return DEFAULT_TIMEOUT_MS;
  }

  #tenantId(): string | undefined {
    const option = this.#options.tenantId;
    const value = typeof option === 'function' ? option() : option;
    return value?.trim() || this.#options.tokens.tenantId || undefined;
  }

  /**
   * docs/finhub-contract.md#headers headers. `User-Agent`, `X-Forwarded-For` and
   * `sec-ch-ua-platform` are left out on purpose: the browser sets the first and the last, the
   * relay sets `X-Forwarded-For` from the connection.
   */
  #headers(token: string, tenantId: string, hasBody: boolean, user?: UserContext): Headers {
    const device = this.#device;
    const headers = new Headers({
      [H.authorization]: `Bearer ${token}`,
      [H.tenantId]: tenantId,
      [H.accept]: 'application/json',
      [H.deviceId]: device.deviceId,
      [H.platform]: device.platform,
      [H.forwardedFrom]: device.forwardedFrom,
    });
    if (hasBody) headers.set(H.contentType, 'application/json');
    if (user) {
      headers.set(H.userId, user.userId);
      headers.set(H.userRoles, user.roles.join(','));
    }
    return headers;
  }

  #adoptReissuedToken(headers: Headers): void {
    const token = headers.get(REISSUED_TOKEN_HEADER)?.trim();
    if (!token) return;
    const expires = Number(headers.get(REISSUED_TOKEN_EXPIRES_HEADER));
    this.#options.tokens.adopt(
      token,
      Number.isFinite(expires) && expires > 0 ? expires : undefined,
    );
  }
}

/**
 * The relay answers a missing/expired/invalid onboarding token with 401 and `data.error`
 * `onboarding_token_*` (src/server/envelope.ts); FinHub's own 401s never use that prefix.
 */
function isRelayTokenRefusal(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('data' in body)) return false;
  const data = body.data;
  if (typeof data !== 'object' || data === null || !('error' in data)) return false;
  return typeof data.error === 'string' && data.error.startsWith('onboarding_token_');
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (raw.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Calls `report` with clamped, increasing fractions only; a throwing callback cannot fail a call. */
function progressReporter(report: (fraction: number) => void): (fraction: number) => void {
  let last = 0;
  let started = false;
  return (fraction) => {
    const value = Math.min(1, Math.max(0, fraction));
    if (!Number.isFinite(value) || (started && value <= last)) return;
    started = true;
    last = value;
    try {
      report(value);
    } catch {
      // The callback only drives a progress bar; the upload goes on.
    }
  };
}

/**
 * One request over XMLHttpRequest, answered as a fetch Response, so the transport's handling stays
 * the same: the Request's method, URL, headers and signal are used as they are, the body is the
 * same string or Blob. Only upload progress is added.
 */
function xhrFetch(
  request: Request,
  body: string | Blob | undefined,
  onProgress: (fraction: number) => void,
): Promise<Response> {
  const { signal } = request;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<Response>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const settle = () => signal.removeEventListener('abort', onAbort);
    xhr.open(request.method, request.url);
    request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.withCredentials = request.credentials === 'include';
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.upload.addEventListener('load', () => onProgress(1));
    xhr.addEventListener('load', () => {
      settle();
      const status = xhr.status;
      if (status < 200 || status > 599) {
        reject(new TypeError(`Unexpected status ${status}`));
        return;
      }
      const nullBody = status === 204 || status === 205 || status === 304;
      resolve(
        new Response(nullBody ? null : xhr.responseText, {
          status,
          statusText: xhr.statusText,
          headers: parseResponseHeaders(xhr.getAllResponseHeaders()),
        }),
      );
    });
    xhr.addEventListener('error', () => {
      settle();
      reject(new TypeError('Network request failed'));
    });
    xhr.addEventListener('abort', () => {
      settle();
      reject(signal.reason ?? new DOMException('The request was aborted.', 'AbortError'));
    });
    signal.addEventListener('abort', onAbort, { once: true });
    xhr.send(body ?? null);
  });
}

/**
 * `JSON.stringify(body)` (the same field order, `toJSON` and errors), where a Blob value stands for
 * a JSON string whose characters are the Blob's bytes: ASCII that needs no escaping, a document's
 * base64 (docs/finhub-contract.md#document-upload, src/steps/documents/encode.ts). Such a body goes
 * as a Blob of the JSON around it and the Blob itself, by reference: the same 13 MB as a string
 * cost the page a task of 100-300 ms to become request bytes (`new Request`, XHR `send`).
 */
function jsonBody(body: unknown): string | Blob {
  const blobs: Blob[] = [];
  // NUL is written `\u0000` in JSON, and no field value can guess the random part.
  const tag = `\u0000blob-${Math.random().toString(36).slice(2)}`;
  const text = JSON.stringify(body, (_key, value: unknown) =>
    value instanceof Blob ? (blobs.push(value), tag) : value,
  );
  if (blobs.length === 0) return text;
  // In the order written, each marker between the quotes its Blob's text goes in.
  const pieces = text.split(JSON.stringify(tag).slice(1, -1));
  return new Blob(pieces.flatMap((piece, i) => (i === 0 ? [piece] : [blobs[i - 1]!, piece])));
}

function parseResponseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    } catch {
      // A header the Headers class refuses is not one the transport reads.
    }
  }
  return headers;
}
