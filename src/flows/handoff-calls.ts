/**
 * The computer's hand-off calls (docs/handoff.md#what-the-element-calls) with the element's token
 * source (one refresh after a 401). The hand-off client loads on the first call, in a chunk of its
 * own: most people never press "Use my phone".
 */
import type { ApiSession } from '../api/api-session.js';
import type { HandoffClient } from '../api/handoff.js';
import type { HandoffBackend } from '../flow/backend.js';

export function handoffCalls(api: ApiSession): HandoffBackend {
  let loading: Promise<HandoffClient> | undefined;
  const client = () => {
    loading ??= import('../api/handoff.js').then(
      (module) => module.createHandoffClient({ apiBase: api.apiBase }),
      (error: unknown) => {
        loading = undefined; // tried again on the next call
        throw error;
      },
    );
    return loading;
  };
  return {
    create: async (body, context) =>
      (await client()).create(api.tokens, body, { signal: context.signal }),
    status: async (context) => (await client()).status(api.tokens, { signal: context.signal }),
    cancel: async (context) => (await client()).cancel(api.tokens, { signal: context.signal }),
  };
}
