/**
 * What both flows' API modules (src/flows/*-api.ts) share: the first step's call (the categories)
 * and the rest of a flow's calls loaded behind it. This is in the first screen; everything a later
 * step calls (the full client, request builders, response readers) loads with `*-calls.ts`
 * (docs/architecture.md#loading-on-demand).
 */
import type { ApiSession } from '../api/api-session.js';
import { hasOverrides } from '../api/overrides.js';
import { FlowError, type CallContext } from '../flow/backend.js';
import type { CategoryOption, FlowKind } from '../flow/types.js';

/**
 * The tenant's categories for `kind`, its smart default marked, each one smart categorization
 * cannot fill marked `unavailable` (docs/finhub-contract.md#smart-categorization). The relay's
 * token answer may bring them, read and analysed: then no hierarchy request and no analysis code
 * (docs/architecture.md#categories-with-the-token). Without them, or when the host set
 * `categorizationOverrides` (which only the element knows), the element reads the hierarchy and
 * analyses it with the same code, loaded now.
 */
export async function categoriesFor(
  api: ApiSession,
  kind: FlowKind,
  context: CallContext,
): Promise<CategoryOption[]> {
  await api.tokens.getToken(context.signal);
  const given = hasOverrides(api.categorizationOverrides())
    ? undefined
    : handed(api.tokens.categories, kind);
  if (!given) return (await import('./category-options.js')).readCategories(api, kind, context);
  // Each category carries what registration sends for it. A token endpoint that leaves that out:
  // registration builds it from the hierarchy, read once the first step is on screen (a macrotask
  // later), while the person reads it.
  if (given.some((option) => !option.unavailable && !option.selection)) {
    setTimeout(() => api.hierarchy(context.signal).catch(() => undefined), 0);
  }
  return given;
}

/**
 * The token answer's `categories[kind]` when it is a list of categories (a host's own token
 * endpoint may send anything); undefined otherwise, and the element reads the hierarchy. What the
 * step reads by name (key, name, aliases) is checked; the rest is only rendered as text.
 */
function handed(categories: unknown, kind: FlowKind): CategoryOption[] | undefined {
  const list = (categories as Record<string, CategoryOption[]> | null | undefined)?.[kind];
  const strings = (...values: unknown[]) => values.every((value) => typeof value === 'string');
  return Array.isArray(list) &&
    list.every((c) => {
      const aliases = c?.aliases ?? [];
      return Array.isArray(aliases) && strings(c?.key, c?.name, ...aliases);
    })
    ? list
    : undefined;
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
