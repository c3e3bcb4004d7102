/**
 * The organization flow's API module (the flow's `api()`): the session, its first step's call, and every
 * later call loaded from `organization-calls.ts` once the first step is on screen
 * (docs/architecture.md#loading-on-demand).
 */
import type { ApiSession } from '../api/api-session.js';
import type { OrganizationBackend } from '../flow/backend.js';
import { categoriesFor, laterCalls } from './api-first.js';
import { handoffCalls } from './handoff-calls.js';

export { createApiSession } from '../api/api-session.js';
export { unconfiguredCalls } from './api-first.js';

/** The organization flow's calls on the session. */
export function calls(api: ApiSession): OrganizationBackend {
  const backend = laterCalls<OrganizationBackend, 'loadCategories' | 'handoff'>(
    {
      handoff: handoffCalls(api),
      async loadCategories(context) {
        const categories = await categoriesFor(api, 'organization', context);
        // The later calls load while the person reads the first step: after it renders (a
        // macrotask), so the first step never waits on them.
        setTimeout(() => backend.prefetch(), 0);
        return categories;
      },
    },
    async () => (await import('./organization-calls.js')).calls(api),
  );
  return backend;
}
