/**
 * Request/response plumbing between the browser and FinHub: which headers cross
 * (docs/finhub-contract.md#headers), which JSON fields never cross, body size limits, and upstream
 * calls with a timeout.
 */

/**
 * Browser headers passed on to FinHub (docs/finhub-contract.md#headers); everything else is
 * dropped.
 */
export const PASS_THROUGH_HEADERS = [
  'deviceId',
  'platform',
  'X-Forwarded-From',
  'User-Agent',
  'Accept',
  'Content-Type',
  'X-User-ID',
  'X-User-Roles',
  'sec-ch-ua-platform',
  'Accept-Language',
] as const;

const MAX_HEADER_VALUE_LENGTH = 1024;

/** Copies only the allow-listed headers; over-long values are dropped rather than forwarded. */
export function passThroughHeaders(from: Headers): Headers {
  const out = new Headers();
  for (const name of PASS_THROUGH_HEADERS) {
    const value = from.get(name);
    if (value !== null && value.length <= MAX_HEADER_VALUE_LENGTH) out.set(name, value);
  }
  return out;
}

/** `::ffff:203.0.113.7` (Node's IPv4-mapped form) → `203.0.113.7`. */
export function normalizeIp(ip: string | undefined): string | undefined {
  const trimmed = ip?.trim();
  if (!trimmed) return undefined;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

/**
 * The key a per-client rate limit counts under: the address itself for IPv4, the /64 network for
 * IPv6 (one subscriber usually holds a whole /64, so counting single addresses limits nothing).
 */
export function clientRateKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  const bare = ip
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  const [head = '', tail] = bare.split('::');
  const first = head ? head.split(':') : [];
  const last = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? first
      : [
          ...first,
          ...Array<string>(Math.max(0, 8 - first.length - last.length)).fill('0'),
          ...last,
        ];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The non-empty string at `path` in a JSON value. */
export const stringAt = (value: JsonValue | undefined, ...path: string[]): string | undefined => {
  let current = value;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return typeof current === 'string' && current !== '' ? current : undefined;
};

/** The finite number at `path` in a JSON value. */
export const numberAt = (value: JsonValue | undefined, ...path: string[]): number | undefined => {
  let current = value;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return typeof current === 'number' && Number.isFinite(current) ? current : undefined;
};

/** The distinct non-empty strings, in order. */
export const unique = (values: (string | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => typeof v === 'string' && v !== '')),
];

/** Body fields a browser must never supply (the relay owns tenant credentials and tokens). */
const SECRET_REQUEST_KEY = /secret|tenant_?key|api_?key|admin_?token|access_?token|refresh_?token/i;
/** Response fields that must never reach the browser (session tokens, tenant credentials). */
const SECRET_RESPONSE_KEY =
  /^(token|refresh_?token|access_?token|id_?token|session_?token|tenant_?key|tenant_?secret|client_?secret)$/i;
/**
 * Password-like strings in a response (an echoed password, a hash, the generated password
 * docs/finhub-contract.md#employees says FinHub returns for a new employee): the browser has no use
 * for them and must not keep them.
 */
const PASSWORD_KEY = /pass(word|phrase)|pwd/i;

function stripKeys(value: JsonValue, drop: (key: string, child: JsonValue) => boolean): JsonValue {
  if (Array.isArray(value)) return value.map((item) => stripKeys(item, drop));
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (!drop(key, child)) out[key] = stripKeys(child, drop);
  }
  return out;
}

export const stripRequestSecrets = (value: JsonValue) =>
  stripKeys(value, (key) => SECRET_REQUEST_KEY.test(key));
export const stripResponseSecrets = (value: JsonValue) =>
  stripKeys(
    value,
    (key, child) =>
      SECRET_RESPONSE_KEY.test(key) || (PASSWORD_KEY.test(key) && typeof child === 'string'),
  );

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * Reads a body, refusing it as soon as it exceeds `maxBytes`: first by Content-Length, then by
 * counting while reading (the header may be absent or wrong), so an oversized upload is never
 * buffered whole.
 */
export async function readBodyLimited(
  body: ReadableStream<Uint8Array> | null,
  contentLength: string | null,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  if (contentLength !== null && /^\d+$/.test(contentLength) && Number(contentLength) > maxBytes) {
    await body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError();
  }
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export type UpstreamFetch = (request: Request) => Promise<Response>;

export type UpstreamResult =
  | { kind: 'response'; status: number; headers: Headers; body: Uint8Array<ArrayBuffer> }
  | { kind: 'timeout' }
  | { kind: 'network' };

/** Largest upstream response the relay buffers; FinHub answers are small JSON documents. */
const MAX_UPSTREAM_RESPONSE_BYTES = 20 * 1024 * 1024;

/**
 * One upstream call, response body included, under one timeout. Races the timer as well as aborting,
 * so a fetch implementation that ignores the signal still cannot hang the relay.
 */
export async function callUpstream(
  upstream: UpstreamFetch,
  url: string,
  init: { method: string; headers: Headers; body?: Uint8Array<ArrayBuffer> },
  timeoutMs: number,
): Promise<UpstreamResult> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<{ kind: 'timeout' }>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ kind: 'timeout' });
    }, timeoutMs);
  });
  const attempt = (async (): Promise<UpstreamResult> => {
    try {
      const request = new Request(url, {
        method: init.method,
        headers: init.headers,
        body: init.body && init.body.byteLength > 0 ? init.body : undefined,
        signal: controller.signal,
      });
      const response = await upstream(request);
      const body = await readBodyLimited(
        response.body,
        response.headers.get('Content-Length'),
        MAX_UPSTREAM_RESPONSE_BYTES,
      );
      return { kind: 'response', status: response.status, headers: response.headers, body };
    } catch {
      return controller.signal.aborted ? { kind: 'timeout' } : { kind: 'network' };
    }
  })();
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Parses a JSON body; undefined when it is empty or not JSON. */
export function parseJson(bytes: Uint8Array): JsonValue | undefined {
  if (bytes.byteLength === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as JsonValue; // JSON.parse only yields JSON values
  } catch {
    return undefined;
  }
}
