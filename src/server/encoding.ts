/** Byte and text helpers on web APIs only (`btoa`/`atob`, `TextEncoder`), so the relay runs in any Fetch runtime. */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Returns undefined for anything that is not unpadded base64url. `strict` also refuses
 * non-canonical spellings (stray low bits), so a signed token has exactly one spelling.
 */
export function base64UrlDecode(text: string, strict = true): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return !strict || base64UrlEncode(bytes) === text ? bytes : undefined;
}

export function randomId(byteLength = 16): string {
  return base64UrlEncode(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** Reads the `exp` claim (seconds) of a JWT without verifying it; FinHub verifies its own tokens. */
export function jwtExpiry(jwt: string): number | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  const bytes = base64UrlDecode(payload.replace(/=+$/, ''), false);
  if (!bytes) return undefined;
  try {
    const claims: unknown = JSON.parse(fromUtf8(bytes));
    if (claims && typeof claims === 'object' && 'exp' in claims && typeof claims.exp === 'number') {
      return claims.exp;
    }
  } catch {
    // not JSON: no expiry known
  }
  return undefined;
}

/**
 * FinHub's `expiresAt` is ISO-8601 local time without a zone
 * (docs/finhub-contract.md#admin-session, e.g. `2026-01-13T22:21:48.9745432`); read zoneless values
 * as UTC. Returns epoch ms or undefined.
 */
export function parseFinHubInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    value.trim(),
  );
  if (!match) return undefined;
  // Date.parse wants at most milliseconds; FinHub sends up to 7 fractional digits.
  const fraction = match[2] ? match[2].slice(0, 4) : '';
  const ms = Date.parse(`${match[1]}${fraction}${match[3] ?? 'Z'}`);
  return Number.isNaN(ms) ? undefined : ms;
}
