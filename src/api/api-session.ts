/**
 * The API client for one element: token provider, device hints, the client's options and the one
 * categorization hierarchy request they share. Each flow's calls (src/flows/*-api.ts) run on it
 * (docs/architecture.md#api-client).
 */
import type { CategorizationOverrides } from './categorization.js';
import type { CategorizationHierarchy } from './hierarchy.js';
import { abortedError } from './abort.js';
import type { FinHubClientBase, FinHubClientOptions } from './client-base.js';
import { ORPHAN_GRACE_MS, SharedRequest } from './shared-request.js';
import { createTokenProvider, type TokenProviderOptions } from './token-provider.js';
import type { StartedTokenRequest } from './token-request.js';
import type { TokenSource } from './types.js';

export interface ApiSessionOptions {
  /** The host's token endpoint (POST), e.g. the relay's `/onboarding/token`. */
  tokenUrl?: string;
  /** Or a function returning `{accessToken, expiresIn}` (used when given). */
  fetchToken?: TokenProviderOptions['fetchToken'];
  /** `{api-base}/v2.1/...`, e.g. `/onboarding/api`. */
  apiBase: string;
  /** `X-Tenant-ID`; read on every call, falling back to the token endpoint's `tenantId`. */
  tenantId?: () => string | undefined;
  /** Overrides the generated per-browser device id. */
  deviceId?: string;
  /** The host's `categorizationOverrides`, read when categories load and at registration. */
  categorizationOverrides?: () => CategorizationOverrides | undefined;
  /** A token source of the caller's instead of `tokenUrl`/`fetchToken` (the phone's hand-off). */
  tokens?: TokenSource;
  /** The first token request, already sent by the script-tag loader (src/api/token-request.ts). */
  startedTokenRequest?: StartedTokenRequest;
  /** Test seam: the fetch both the token provider and the client use. */
  fetch?: typeof fetch;
  /** When a request's time is up (default `AbortSignal.timeout`): the element's clock. */
  timeoutSignal?: (ms: number) => AbortSignal;
}

export interface ApiSession {
  /**
   * What each flow's client (`new IndividualClient(clientOptions)` or `OrganizationClient`,
   * individual-client.ts / organization-client.ts) is built from: the flows' later calls load it,
   * the first step needs only the hierarchy below.
   */
  readonly clientOptions: FinHubClientOptions;
  /** The relay's API base (`{api-base}`): the hand-off lives at `{api-base}/handoff`. */
  readonly apiBase: string;
  readonly tokens: TokenSource;
  /** `X-Tenant-ID` as the host set it, else as the token endpoint reported it. */
  tenantId(): string | undefined;
  /**
   * The categorization hierarchy (docs/finhub-contract.md#categorization-hierarchy), fetched once per element: categories and
   * registration read the same copy, and a re-mounted element joins the request in flight.
   */
  hierarchy(signal: AbortSignal): Promise<CategorizationHierarchy>;
  /** The host's categorization overrides as they are now. */
  categorizationOverrides(): CategorizationOverrides | undefined;
}

/** The session for these options, or undefined when a token source or the API base is missing. */
export function createApiSession(options: ApiSessionOptions): ApiSession | undefined {
  const apiBase = options.apiBase.trim();
  const tokenUrl = options.tokenUrl?.trim();
  if (!apiBase || (!tokenUrl && !options.fetchToken && !options.tokens)) return undefined;

  const tokens: TokenSource =
    options.tokens ??
    createTokenProvider({
      ...(options.fetchToken
        ? { fetchToken: options.fetchToken }
        : {
            tokenUrl: tokenUrl!,
            ...(options.fetch ? { fetch: options.fetch } : {}),
            ...(options.startedTokenRequest ? { started: options.startedTokenRequest } : {}),
          }),
      ...(options.timeoutSignal ? { timeoutSignal: options.timeoutSignal } : {}),
    });
  const tenantId = () => options.tenantId?.() || tokens.tenantId;
  const clientOptions: FinHubClientOptions = {
    apiBase,
    tenantId,
    tokens,
    // The device hints are resolved by the client (src/api/http.ts), not before the first step.
    ...(options.deviceId ? { deviceId: options.deviceId } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutSignal ? { timeoutSignal: options.timeoutSignal } : {}),
  };
  // The hierarchy's reader loads with the analysis (src/flows/category-options.ts), only when the
  // token came without the categories (docs/architecture.md#categories-with-the-token).
  let client: FinHubClientBase | undefined;
  const readHierarchy = async (signal: AbortSignal) => {
    client ??= new (await import('./client-base.js')).FinHubClientBase(clientOptions);
    return client.getCategorizationHierarchy(undefined, { signal });
  };

  // Once no caller has waited for the hierarchy for ORPHAN_GRACE_MS (the element was removed), it
  // is cancelled.
  let hierarchy: SharedRequest<CategorizationHierarchy> | undefined;
  const loadHierarchy = (signal: AbortSignal) => {
    if (!hierarchy) {
      const shared = new SharedRequest(readHierarchy, {
        graceMs: ORPHAN_GRACE_MS,
        abandoned: () => abortedError(),
        onCancel: () => {
          if (hierarchy === shared) hierarchy = undefined; // the next caller asks again
        },
      });
      shared.promise.catch(() => {
        if (hierarchy === shared) hierarchy = undefined; // a retry asks again
      });
      hierarchy = shared;
    }
    return hierarchy.follow(signal);
  };

  return {
    clientOptions,
    apiBase,
    tokens,
    tenantId,
    hierarchy: loadHierarchy,
    categorizationOverrides: () => options.categorizationOverrides?.(),
  };
}
