/**
 * A bounded log of the FinHub calls the sandbox received, so tests can prove what the relay
 * forwarded (headers such as X-Forwarded-For, the tenant secret it injected, which token kind).
 * It is served at `/__sandbox/requests` on the dev server, so it keeps no secrets: document bytes
 * become their length, passwords `"<redacted>"`, bearer tokens `"Bearer <redacted:KIND>"`, and a
 * tenant secret only says whether it was the configured one.
 */

export type TokenKind = 'ADMIN' | 'CONSUMER' | 'BUSINESS' | 'invalid' | 'none';

export interface JournalEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  /** Query string including `?`, when there was one. */
  search?: string;
  /** Lower-case header names; `authorization` as `"Bearer <redacted:KIND>"` (KIND = `tokenKind`). */
  headers: Record<string, string>;
  /**
   * Parsed JSON, raw text, or null; `fileContent` as `"<base64: N chars>"`, password fields as
   * `"<redacted>"`, `tenantSecret` as `"<tenantSecret:matches>"` (the sandbox's configured secret)
   * or `"<tenantSecret:WRONG>"`.
   */
  body: unknown;
  /** What the bearer token verified as. */
  tokenKind: TokenKind;
  /** Status the sandbox answered with, once known. */
  status?: number;
  /** Id of the injected fault that handled the request, if any. */
  fault?: string;
}

const DEVICE_HEADERS = ['deviceid', 'x-device-id', 'device-id'];

export const deviceIdOf = (headers: Headers | Record<string, string>): string | undefined => {
  for (const name of DEVICE_HEADERS) {
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    if (value) return value;
  }
  return undefined;
};

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === 'fileContent' && typeof inner === 'string'
        ? `<base64: ${inner.length} chars>`
        : redact(inner),
    ]),
  );
}

/** The body as the journal keeps it. */
export function journalBody(raw: string): unknown {
  if (!raw) return null;
  try {
    return redact(JSON.parse(raw));
  } catch {
    return raw.length > 2000 ? `${raw.slice(0, 2000)}… (${raw.length} chars)` : raw;
  }
}

export const REDACTED = '<redacted>';
export const TENANT_SECRET_MATCHES = '<tenantSecret:matches>';
export const TENANT_SECRET_WRONG = '<tenantSecret:WRONG>';

const PASSWORD_KEY = /password/i;
/** Secrets inside a body that is not JSON (kept as text): `password=…`, `"tenantSecret":"…"`. */
const RAW_SECRET = /("?(?:\w*password|tenantSecret)"?\s*[:=]\s*"?)[^"&,}\s]*/gi;

function redactSecrets(value: unknown, tenantSecret: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, tenantSecret));
  if (typeof value === 'string') return value.replace(RAW_SECRET, `$1${REDACTED}`);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (key === 'tenantSecret') {
        return [key, inner === tenantSecret ? TENANT_SECRET_MATCHES : TENANT_SECRET_WRONG];
      }
      if (PASSWORD_KEY.test(key) && typeof inner === 'string') return [key, REDACTED];
      return [key, redactSecrets(inner, tenantSecret)];
    }),
  );
}

export interface JournalOptions {
  /** The sandbox's tenant secret, to tell a correctly injected one from a wrong one. */
  tenantSecret?: string;
}

export class Journal {
  private entries: JournalEntry[] = [];
  private seq = 0;

  constructor(
    private readonly limit: number,
    private readonly options: JournalOptions = {},
  ) {}

  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const headers = { ...entry.headers };
    if (headers.authorization !== undefined) {
      headers.authorization = `Bearer <redacted:${entry.tokenKind}>`;
    }
    const full: JournalEntry = {
      seq: ++this.seq,
      ...entry,
      headers,
      body: redactSecrets(entry.body, this.options.tenantSecret),
    };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return full;
  }

  /** Oldest first; only `deviceId`'s when given. */
  list(deviceId?: string): JournalEntry[] {
    return this.entries.filter((e) => deviceId === undefined || deviceIdOf(e.headers) === deviceId);
  }

  clear(deviceId?: string): number {
    const before = this.entries.length;
    this.entries =
      deviceId === undefined ? [] : this.entries.filter((e) => deviceIdOf(e.headers) !== deviceId);
    return before - this.entries.length;
  }
}
