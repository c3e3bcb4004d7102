/**
 * The categories a flow offers, read from the tenant's hierarchy and analysed
 * (docs/finhub-contract.md#categorization-hierarchy, #organization-flow, #smart-categorization).
 * One function for both places that run it, so they give the same list and the same
 * `finhub-error`s: the relay, which hands the list along with the first token
 * (docs/architecture.md#categories-with-the-token), and the element, which loads this module on its
 * own (a chunk of its own, never in the first screen) when the token came without them or the host
 * set `categorizationOverrides`. Lit-free: the relay runs it on the server.
 */
import {
  analyzeHierarchy,
  categorizationDetails,
  pickDefault,
  type CategorizationOverrides,
  type CustomerKind,
} from '../api/categorization.js';
import type { CategorizationHierarchy } from '../api/hierarchy.js';
import { hasOverrides } from '../api/overrides.js';
import type { CategoryOption } from '../flow/types.js';

/**
 * The tenant's categories for `kind`, its smart default marked. Every category is checked before
 * the person fills in anything: one smart categorization cannot fill is marked `unavailable`, never
 * offered.
 */
export function categoryOptions(
  hierarchy: CategorizationHierarchy,
  kind: CustomerKind,
  overrides?: CategorizationOverrides,
): CategoryOption[] {
  const analyses = analyzeHierarchy(hierarchy, kind, overrides);
  const plain = !hasOverrides(overrides);
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
    ...(plain && analysis.selection ? { selection: analysis.selection } : {}),
  }));
}

/**
 * The element's own reading: the hierarchy through the relay, with the host's overrides (the
 * `ApiSession`'s, named by shape: the relay compiles this file without the browser's types).
 */
export async function readCategories(
  api: {
    hierarchy(signal: AbortSignal): Promise<CategorizationHierarchy>;
    categorizationOverrides(): CategorizationOverrides | undefined;
  },
  kind: CustomerKind,
  context: { signal: AbortSignal },
): Promise<CategoryOption[]> {
  const hierarchy = await api.hierarchy(context.signal);
  return categoryOptions(hierarchy, kind, api.categorizationOverrides());
}
