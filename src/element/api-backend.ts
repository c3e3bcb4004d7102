/**
 * The element's API calls per flow, built once per set of attributes (docs/architecture.md#loading-on-demand):
 * a promise while the API chunk loads (the client, its response schemas and the flow's calls), then
 * the calls themselves. A failed load is tried again on the next call.
 */
import type { ApiSession } from '../api/api-session.js';
import type { CategorizationOverrides } from '../api/categorization.js';
import type { FlowBackend } from '../flow/backend.js';
import type { Clock } from '../flow/clock.js';
import type { FlowDefinition } from '../flow/definitions.js';
import { takeStartedTokenRequest } from '../api/token-request.js';
import type { FinHubFetchToken } from './public-types.js';

/** What the calls read from the element (through it, so later changes are seen). */
export interface ApiHost {
  readonly tokenUrl: string;
  readonly apiBase: string;
  readonly deviceId: string;
  readonly tenantId: string;
  readonly fetchToken: FinHubFetchToken | undefined;
  readonly categorizationOverrides: CategorizationOverrides | undefined;
  /** The flow's clock (tests drive it): request timeouts run on it too. */
  readonly clock: Clock | undefined;
}

interface Made {
  key: string;
  /** One session per API module's maker (both flows share one; the phone's hand-off has its own). */
  sessions: Map<unknown, ApiSession | undefined>;
  calls: Map<FlowDefinition, FlowBackend | Promise<FlowBackend>>;
}

/** `backend(flow)` for the host's attributes as they are at each call. */
export function apiBackends(
  host: ApiHost,
): (flow: FlowDefinition) => FlowBackend | Promise<FlowBackend> {
  let api: Made | undefined;
  return (flow) => {
    const viaFunction = typeof host.fetchToken === 'function';
    const key = JSON.stringify([viaFunction, host.tokenUrl, host.apiBase, host.deviceId]);
    if (api?.key !== key) api = { key, sessions: new Map(), calls: new Map() };
    const current = api;
    let calls = current.calls.get(flow);
    if (calls) return calls;
    // The attributes as they are now (the session is made once the chunk is in).
    const { tokenUrl, apiBase, deviceId } = host;
    const loading = flow.api().then(
      (module) => {
        const maker = module.createApiSession;
        if (!current.sessions.has(maker)) {
          // The token request the script-tag loader sent for this element, if any, is the
          // session's first; with a host's fetchToken, or no session, nobody reads it.
          const started = viaFunction ? undefined : takeStartedTokenRequest(host);
          if (viaFunction) takeStartedTokenRequest(host)?.controller.abort();
          const made = maker({
            // Through the host so one that passes a new function each render (React) keeps the
            // same session and token.
            ...(viaFunction
              ? {
                  fetchToken: (signal: AbortSignal, context: { currentToken?: string }) =>
                    host.fetchToken!(signal, context),
                }
              : { tokenUrl, ...(started ? { startedTokenRequest: started } : {}) }),
            apiBase,
            tenantId: () => host.tenantId || undefined,
            deviceId,
            categorizationOverrides: () => host.categorizationOverrides,
            timeoutSignal: (ms: number) => host.clock?.timeout(ms) ?? AbortSignal.timeout(ms),
          });
          if (!made) started?.controller.abort();
          current.sessions.set(maker, made);
        }
        const made = current.sessions.get(maker);
        const backend = made ? module.calls(made) : module.unconfiguredCalls<FlowBackend>();
        current.calls.set(flow, backend);
        return backend;
      },
      (error: unknown) => {
        current.calls.delete(flow);
        throw error;
      },
    );
    loading.catch(() => undefined); // a run reports it
    current.calls.set(flow, (calls = loading));
    return calls;
  };
}
