/**
 * A bounded log of the FinHub calls the sandbox received, so tests can prove what the relay
 * forwarded (headers such as X-Forwarded-For, the tenant secret it injected, which token kind).
 * Document bytes are replaced by their length.
 */

export type TokenKind = 'ADMIN' | 'CONSUMER' | 'BUSINESS' | 'invalid' | 'none';

export interface JournalEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  /** Query string including `?`, when there was one. */
  search?: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON (with `fileContent` replaced by `"<base64: N chars>"`), raw text, or null. */
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

export class Journal {
  private entries: JournalEntry[] = [];
  private seq = 0;

  constructor(private readonly limit: number) {}

  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const full: JournalEntry = { seq: ++this.seq, ...entry };
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
