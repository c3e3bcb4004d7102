/** Contracts shared inside `src/api/` (client ⇄ token provider ⇄ device hints). */

/** Where the client gets its bearer token. Implemented by `createTokenProvider()` in `token-provider.ts`. */
export interface TokenSource {
  /** A valid token: the cached one, or a fresh one when it is missing or near expiry (single-flight). */
  getToken(signal?: AbortSignal): Promise<string>;
  /** Forces a new token (after a 401), sharing one in-flight request between concurrent callers. */
  refresh(signal?: AbortSignal): Promise<string>;
  /**
   * Replaces the cached token with one the relay re-issued in a response (`X-Onboarding-Token`,
   * lifetime in `X-Onboarding-Token-Expires-In`), e.g. once registration binds the onboarding.
   */
  adopt(accessToken: string, expiresInSeconds?: number): void;
  /** Tenant id the token endpoint reported, if any (used when the host sets no `tenant-id`). */
  readonly tenantId: string | undefined;
  /**
   * The `categories` the token endpoint last sent, unchecked (the relay's read of the hierarchy,
   * docs/architecture.md#categories-with-the-token); undefined when it sent none.
   */
  readonly categories?: unknown;
}

/**
 * Headers FinHub wants on every call (docs/finhub-contract.md#headers), collected by `device.ts`.
 */
export interface DeviceHints {
  /** `deviceId` header: stable per browser, not PII. */
  deviceId: string;
  /** `platform` header: `web`. */
  platform: string;
  /** OS platform from User-Agent Client Hints (e.g. `Windows`), when the browser offers it. */
  osPlatform?: string;
  /** `X-Forwarded-From` header: `web-app`. */
  forwardedFrom: string;
}

/** Response headers by which the relay hands the element a re-issued onboarding token. */
export const REISSUED_TOKEN_HEADER = 'X-Onboarding-Token';
export const REISSUED_TOKEN_EXPIRES_HEADER = 'X-Onboarding-Token-Expires-In';
