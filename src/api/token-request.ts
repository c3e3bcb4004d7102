/**
 * A token request the script-tag loader started for an element already in the page, beside the
 * core chunk rather than after it (issue 17: the first step in one round trip; scripts/build-cdn.mjs
 * writes the loader). The element hands it to its token provider, which uses it once, for the same
 * `token-url`, instead of sending its own first request.
 */
export interface StartedTokenRequest {
  /** The `token-url` attribute it was sent to, trimmed. */
  readonly url: string;
  readonly response: Promise<Response>;
  /** Cancels it: the provider's caller gave up or its time is up, or no provider will use it. */
  readonly controller: AbortController;
}

/** Where the loader leaves the request on the element: a key no page script collides with. */
export const STARTED_TOKEN_REQUEST = Symbol.for('finhub-onboarding.token-request');

/** The request the loader started for `element`, taken (so it is used at most once). */
export function takeStartedTokenRequest(element: object): StartedTokenRequest | undefined {
  const holder = element as { [STARTED_TOKEN_REQUEST]?: StartedTokenRequest };
  const started = holder[STARTED_TOKEN_REQUEST];
  delete holder[STARTED_TOKEN_REQUEST];
  return started;
}
