/**
 * HS256 JWTs with WebCrypto (docs/finhub-contract.md#customer-session: header
 * `{"typ":"JWT","alg":"HS256"}`, claims
 * iss/aud/sub/iat/exp/tenantId/customerId/userId/userType/roles/jti, exp − iat = 3600 s).
 */

export interface JwtClaims {
  iss: string;
  aud: string;
  sub: string;
  iat: number;
  exp: number;
  jti: string;
  tenantId: string;
  userId: string;
  /**
   * `ADMIN` for admins, `CONSUMER` for individual customers
   * (docs/finhub-contract.md#customer-session); `BUSINESS` for org users [INF].
   */
  userType: 'ADMIN' | 'CONSUMER' | 'BUSINESS';
  roles: string[];
  sessionId: string;
  customerId?: string;
  organizationId?: string;
}

export type VerifyResult =
  { ok: true; claims: JwtClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const HEADER = base64UrlEncode(encoder.encode(JSON.stringify({ typ: 'JWT', alg: 'HS256' })));

export class JwtSigner {
  private readonly key: Promise<CryptoKey>;

  constructor(secret: Uint8Array<ArrayBuffer>) {
    this.key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
  }

  async sign(claims: JwtClaims): Promise<string> {
    const payload = base64UrlEncode(encoder.encode(JSON.stringify(claims)));
    const input = `${HEADER}.${payload}`;
    const signature = await crypto.subtle.sign('HMAC', await this.key, encoder.encode(input));
    return `${input}.${base64UrlEncode(new Uint8Array(signature))}`;
  }

  /** Checks shape, algorithm, signature (constant-time via `subtle.verify`) and `exp`. */
  async verify(token: string, nowSeconds: number): Promise<VerifyResult> {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'malformed' };
    const [header, payload, signature] = parts as [string, string, string];
    let claims: JwtClaims;
    let signatureBytes: Uint8Array<ArrayBuffer>;
    try {
      const head: unknown = JSON.parse(decoder.decode(base64UrlDecode(header)));
      if (
        typeof head !== 'object' ||
        head === null ||
        (head as { alg?: unknown }).alg !== 'HS256'
      ) {
        return { ok: false, reason: 'malformed' };
      }
      claims = JSON.parse(decoder.decode(base64UrlDecode(payload))) as JwtClaims;
      signatureBytes = base64UrlDecode(signature);
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const valid = await crypto.subtle.verify(
      'HMAC',
      await this.key,
      signatureBytes,
      encoder.encode(`${header}.${payload}`),
    );
    if (!valid) return { ok: false, reason: 'signature' };
    if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, claims };
  }
}

/** Decodes claims without verifying (journal labels only). */
export function peekClaims(token: string): Partial<JwtClaims> | undefined {
  try {
    const payload = token.split('.')[1];
    if (!payload) return undefined;
    const claims: unknown = JSON.parse(decoder.decode(base64UrlDecode(payload)));
    return typeof claims === 'object' && claims !== null
      ? (claims as Partial<JwtClaims>)
      : undefined;
  } catch {
    return undefined;
  }
}
