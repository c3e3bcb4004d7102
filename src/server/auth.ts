/**
 * Onboarding tokens on the way in and out: `authenticate` checks the bearer token of a request
 * (signature, shape, tenant, expiry, then revocation in the store), `issue` signs claims as a new
 * token whose lifetime never runs past the onboarding's end.
 */
import { randomId } from './encoding.js';
import { envelope } from './envelope.js';
import type { OnboardingClaims, TokenCodec } from './onboarding-token.js';
import type { RelayStore } from './types.js';

export type Authentication =
  { ok: true; claims: OnboardingClaims } | { ok: false; response: Response };

export interface IssuedToken {
  token: string;
  claims: OnboardingClaims;
  /** Seconds. */
  expiresIn: number;
}

export function createTokenService(options: {
  codec: TokenCodec;
  store: RelayStore;
  now: () => number;
  ttlSeconds: number;
  maxOnboardingSeconds: number;
}) {
  const { codec, store, ttlSeconds, maxOnboardingSeconds } = options;
  const nowSeconds = () => Math.floor(options.now() / 1000);

  /** Signs `claims` as a new token (new jti, fresh lifetime capped by the onboarding's maximum). */
  async function issue(claims: OnboardingClaims): Promise<IssuedToken> {
    const iat = nowSeconds();
    const exp = Math.min(iat + ttlSeconds, claims.oat + maxOnboardingSeconds);
    const next: OnboardingClaims = { ...claims, jti: randomId(), iat, exp };
    return { token: await codec.sign(next), claims: next, expiresIn: Math.max(0, exp - iat) };
  }

  async function authenticate(request: Request): Promise<Authentication> {
    const header = request.headers.get('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match?.[1]) {
      return {
        ok: false,
        response: envelope(401, 'onboarding_token_missing', 'An onboarding token is required.'),
      };
    }
    const result = await codec.verify(match[1], nowSeconds());
    if (!result.ok) {
      return {
        ok: false,
        response:
          result.reason === 'expired'
            ? envelope(401, 'onboarding_token_expired', 'The onboarding token has expired.')
            : envelope(401, 'onboarding_token_invalid', 'The onboarding token is not valid.'),
      };
    }
    if (await store.has(`revoked:${result.claims.jti}`)) {
      return {
        ok: false,
        response: envelope(401, 'onboarding_token_revoked', 'The onboarding token was replaced.'),
      };
    }
    return { ok: true, claims: result.claims };
  }

  return { issue, authenticate, nowSeconds };
}

export type TokenService = ReturnType<typeof createTokenService>;
