/**
 * What both flows' API modules (src/flows/*-api.ts) share: the first step's call (the categories)
 * and the rest of a flow's calls loaded behind it. This is in the first screen; everything a later
 * step calls (the full client, request builders, response readers) loads with `*-calls.ts`
 * (docs/architecture.md#loading-on-demand).
 */
import type { ApiSession } from '../api/api-session.js';
import { analyzeHierarchy, categorizationDetails, pickDefault } from '../api/categorization.js';
import { FlowError, type CallContext } from '../flow/backend.js';
import type { CategoryOption, FlowKind } from '../flow/types.js';

/**
 * The tenant's categories for `kind`, its smart default marked
 * (docs/finhub-contract.md#categorization-hierarchy, #organization-flow). Every category is checked
 * before the person fills in anything: one smart categorization cannot fill is marked
 * `unavailable`, never offered (docs/finhub-contract.md#smart-categorization).
 */
export async function categoriesFor(
  api: ApiSession,
  kind: FlowKind,
  context: CallContext,
): Promise<CategoryOption[]> {
  const loaded = await api.hierarchy(context.signal);
  const analyses = analyzeHierarchy(loaded, kind, api.categorizationOverrides());
  const preferred = pickDefault(analyses.filter((a) => a.satisfiable))?.key;
  return analyses.map((analysis) => ({
    key: analysis.key,
    name: analysis.name,
    ...(analysis.description ? { description: analysis.description } : {}),
    ...(analysis.key === preferred ? { isDefault: true } : {}),
    aliases: [analysis.code, analysis.id],
    ...(analysis.satisfiable
      ? {}
      : { unavailable: categorizationDetails(analysis.problems, analysis.overridesNeeded) }),
  }));
}

/**
 * A flow's calls with `now` answered at once and every other call loaded on first use from
 * `later` (one import for all of them; a failed load is tried again on the next call). `prefetch`
 * starts that load early, e.g. once the first step is on screen, so no later step waits on it.
 */
export function laterCalls<B extends object, K extends keyof B>(
  now: Pick<B, K>,
  later: () => Promise<Omit<B, K>>,
): B & { prefetch(): void } {
  let loading: Promise<Omit<B, K>> | undefined;
  const load = () =>
    (loading ??= later().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  const prefetch = () => void load().catch(() => undefined); // the call that needs it reports it
  return new Proxy(now as B & { prefetch(): void }, {
    get(target, name) {
      if (name === 'prefetch') return prefetch;
      if (name in target) return target[name as keyof B];
      if (typeof name !== 'string' || name === 'then') return undefined; // not a thenable
      return async (...args: unknown[]) => {
        const calls = (await load()) as Record<string, (...args: unknown[]) => unknown>;
        return calls[name]!(...args);
      };
    },
  });
}

/** Without a token source and an API base nothing can work: every call says so. */
export function unconfiguredCalls<B extends object>(): B {
  return new Proxy({} as B, {
    get(_target, name) {
      if (typeof name !== 'string' || name === 'then') return undefined; // not a thenable
      return async (): Promise<never> => {
        throw new FlowError(
          'not_configured',
          'Set token-url (or the fetchToken property) and api-base on <finhub-onboarding>.',
        );
      };
    },
  });
}
