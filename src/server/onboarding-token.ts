/**
 * Onboarding tokens (docs/architecture.md#relay): `<base64url(JSON
 * claims)>.<base64url(HMAC-SHA256)>`, signed with a key derived from `signingSecret`. The binding
 * (customer/organization id, user ids, verification ids) travels inside the signed claims, so any
 * relay instance can check it without shared state. A customer's FinHub session JWT rides along
 * sealed with AES-GCM (`ses`): the browser carries it but cannot read it, and the relay uses it for
 * customer-scoped calls upstream.
 */
import * as z from 'zod/mini';
import { base64UrlDecode, base64UrlEncode, fromUtf8, randomId, utf8 } from './encoding.js';

export const MIN_SIGNING_SECRET_LENGTH = 32;

export type OnboardingKind = 'individual' | 'organization';

const ClaimsSchema = z.object({
  v: z.literal(1),
  /** Token id; revocation is by jti. New on every (re-)issue. */
  jti: z.string().check(z.minLength(8), z.maxLength(64)),
  /** Onboarding id: stable across re-issues (sign-in attempt counter, logs). */
  oid: z.string().check(z.minLength(8), z.maxLength(64)),
  /** When this onboarding started (s); caps the total lifetime across re-issues. */
  oat: z.number(),
  iat: z.number(),
  exp: z.number(),
  tid: z.string(),
  kind: z.optional(z.enum(['individual', 'organization'])),
  cid: z.optional(z.string()),
  uids: z.optional(z.array(z.string())),
  vids: z.optional(z.array(z.string())),
  /** Sealed FinHub session (AES-GCM), see `SealedSession`. */
  ses: z.optional(z.string()),
  /**
   * Phone hand-off id: the token was exchanged for a hand-off code and may only upload that
   * verification's documents (src/server/handoff.ts).
   */
  hof: z.optional(z.string().check(z.maxLength(128))),
});

export type OnboardingClaims = z.infer<typeof ClaimsSchema>;

/** A customer's or org user's FinHub session, as carried inside `ses`. */
export interface SealedSession {
  /** FinHub session JWT. */
  token: string;
  /** Expiry, epoch seconds. */
  exp: number;
  /** The user the session belongs to. */
  uid: string;
}

const SealedSessionSchema = z.object({ token: z.string(), exp: z.number(), uid: z.string() });

export type TokenFailure = 'malformed' | 'signature' | 'expired' | 'tenant';

export type VerifyResult =
  { ok: true; claims: OnboardingClaims } | { ok: false; reason: TokenFailure };

export interface TokenCodec {
  sign(claims: OnboardingClaims): Promise<string>;
  /** Checks signature, shape, tenant and expiry (`nowSeconds`); revocation is the caller's job. */
  verify(token: string, nowSeconds: number): Promise<VerifyResult>;
  /** Seals a session; `context` (the onboarding id) is bound as additional data. */
  seal(session: SealedSession, context: string): Promise<string>;
  unseal(sealed: string, context: string): Promise<SealedSession | undefined>;
  /** HMAC-SHA256 of `text` under a key of its own (hand-off codes and records), base64url. */
  mac(text: string): Promise<string>;
  /** Whether `mac` is `text`'s MAC; compared in constant time. */
  checkMac(text: string, mac: string): Promise<boolean>;
}

const HKDF_SALT = utf8('finhub-onboarding-relay');

async function deriveKeys(secret: string) {
  const base = await crypto.subtle.importKey('raw', utf8(secret), 'HKDF', false, ['deriveKey']);
  const hkdf = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: HKDF_SALT,
    info: utf8(info),
  });
  const [hmac, aes, handoff] = await Promise.all([
    crypto.subtle.deriveKey(
      hkdf('finhub-onboarding/token-signing/v1'),
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign', 'verify'],
    ),
    crypto.subtle.deriveKey(
      hkdf('finhub-onboarding/session-seal/v1'),
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    ),
    crypto.subtle.deriveKey(
      hkdf('finhub-onboarding/handoff/v1'),
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign', 'verify'],
    ),
  ]);
  return { hmac, aes, handoff };
}

export function createTokenCodec(signingSecret: string, tenantId: string): TokenCodec {
  if (typeof signingSecret !== 'string' || signingSecret.length < MIN_SIGNING_SECRET_LENGTH) {
    throw new Error(
      `signingSecret must be at least ${MIN_SIGNING_SECRET_LENGTH} characters (use a random value).`,
    );
  }
  let keys: ReturnType<typeof deriveKeys> | undefined;
  const getKeys = () => (keys ??= deriveKeys(signingSecret));

  return {
    async sign(claims) {
      const payload = base64UrlEncode(utf8(JSON.stringify(claims)));
      const signature = await crypto.subtle.sign('HMAC', (await getKeys()).hmac, utf8(payload));
      return `${payload}.${base64UrlEncode(new Uint8Array(signature))}`;
    },

    async verify(token, nowSeconds) {
      const parts = token.split('.');
      if (parts.length !== 2 || token.length > 8192) return { ok: false, reason: 'malformed' };
      const [payload = '', signatureText = ''] = parts;
      const signature = base64UrlDecode(signatureText);
      if (!signature || signature.length !== 32) return { ok: false, reason: 'malformed' };
      // crypto.subtle.verify compares in constant time.
      const valid = await crypto.subtle.verify(
        'HMAC',
        (await getKeys()).hmac,
        signature,
        utf8(payload),
      );
      if (!valid) return { ok: false, reason: 'signature' };
      let parsed: unknown;
      try {
        const bytes = base64UrlDecode(payload);
        if (!bytes) return { ok: false, reason: 'malformed' };
        parsed = JSON.parse(fromUtf8(bytes));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      const result = ClaimsSchema.safeParse(parsed);
      if (!result.success) return { ok: false, reason: 'malformed' };
      const claims = result.data;
      if (claims.tid !== tenantId) return { ok: false, reason: 'tenant' };
      if (claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
      return { ok: true, claims };
    },

    async seal(session, context) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ciphertext = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: utf8(context) },
        (await getKeys()).aes,
        utf8(JSON.stringify(session)),
      );
      const out = new Uint8Array(iv.length + ciphertext.byteLength);
      out.set(iv);
      out.set(new Uint8Array(ciphertext), iv.length);
      return base64UrlEncode(out);
    },

    async unseal(sealed, context) {
      const bytes = base64UrlDecode(sealed);
      if (!bytes || bytes.length < 12 + 16) return undefined;
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: utf8(context) },
          (await getKeys()).aes,
          bytes.subarray(12),
        );
        const result = SealedSessionSchema.safeParse(JSON.parse(fromUtf8(new Uint8Array(plain))));
        return result.success ? result.data : undefined;
      } catch {
        return undefined;
      }
    },

    async mac(text) {
      const signature = await crypto.subtle.sign('HMAC', (await getKeys()).handoff, utf8(text));
      return base64UrlEncode(new Uint8Array(signature));
    },

    async checkMac(text, mac) {
      const signature = base64UrlDecode(mac);
      if (!signature || signature.length !== 32) return false;
      // crypto.subtle.verify compares in constant time.
      return crypto.subtle.verify('HMAC', (await getKeys()).handoff, signature, utf8(text));
    },
  };
}

/** Claims for a fresh, unbound onboarding. */
export function newClaims(tenantId: string, nowSeconds: number, ttlSeconds: number) {
  const claims: OnboardingClaims = {
    v: 1,
    jti: randomId(),
    oid: randomId(),
    oat: nowSeconds,
    iat: nowSeconds,
    exp: nowSeconds + ttlSeconds,
    tid: tenantId,
  };
  return claims;
}
