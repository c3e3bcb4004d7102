/** Categorization's work: the categories, a host's preset, the person's choice. */
import type { Patch, StepContext, StepWork } from '../../flow/definitions.js';
import type { CategoryOption } from '../../flow/types.js';
import type { CategorizationSlice } from './categorization.step.js';

type Context = StepContext<CategorizationSlice>;

export const work: StepWork<CategorizationSlice, string> = {
  async enter(context) {
    let categories = context.data.categories;
    if (!categories) {
      categories = await context.backend.loadCategories(context);
      context.update({ data: { categories } });
      reportUnavailable(categories, context);
    }
    return applyPreset(categories, context);
  },

  async submit(key, context) {
    const offered = context.data.categories?.some((c) => c.key === key && !c.unavailable);
    if (!offered) return;
    return { data: { categoryKey: key }, next: true };
  },
};

/**
 * Tells the host about each category smart categorization cannot fill (the person is not offered
 * them), before anyone types anything (docs/finhub-contract.md#smart-categorization).
 */
function reportUnavailable(categories: readonly CategoryOption[], context: Context): void {
  const recoverable = categories.some((category) => !category.unavailable);
  for (const { key, unavailable } of categories) {
    if (!unavailable) continue;
    context.reportError(
      { code: 'categorization_unsatisfiable', retryable: false, fieldErrors: [] },
      recoverable,
      { category: key, ...unavailable },
    );
  }
}

/** A host-preset category completes categorization by itself when the tenant offers it. */
function applyPreset(
  categories: readonly CategoryOption[],
  context: Context,
): Patch<CategorizationSlice> | undefined {
  const preset = context.data.presetCategory;
  if (!preset) return undefined;
  const wanted = preset.toLowerCase();
  const match = categories.find((category) =>
    [category.key, ...(category.aliases ?? [])].some((name) => name.toLowerCase() === wanted),
  );
  if (match && !match.unavailable) return { data: { categoryKey: match.key }, next: true };
  // Unknown, or one smart categorization cannot fill (the host heard why): let the person choose
  // rather than fail the whole onboarding.
  if (!match)
    console.warn(`<finhub-onboarding>: category "${preset}" is not offered; asking instead.`);
  return { data: { presetCategory: undefined } };
}
