/** Categorization's work: the categories, a host's preset, the person's choice. */
import type { Patch, StepContext, StepWork } from '../../flow/definitions.js';
import type { CategorizationSlice } from './categorization.step.js';

type Context = StepContext<CategorizationSlice>;

export const work: StepWork<CategorizationSlice, string> = {
  async enter(context) {
    let categories = context.slice.categories;
    if (!categories) {
      categories = await context.backend.loadCategories(context);
      context.update({ slice: { categories } });
    }
    return applyPreset(categories, context);
  },

  async submit(key, context) {
    if (!context.slice.categories?.some((category) => category.key === key)) return;
    return { data: { categoryKey: key }, next: true };
  },
};

/** A host-preset category completes categorization by itself when the tenant offers it. */
function applyPreset(
  categories: readonly { key: string; aliases?: string[] }[],
  context: Context,
): Patch<CategorizationSlice> | undefined {
  const preset = context.data.presetCategory;
  if (!preset) return undefined;
  const wanted = preset.toLowerCase();
  const match = categories.find((category) =>
    [category.key, ...(category.aliases ?? [])].some((name) => name.toLowerCase() === wanted),
  );
  if (match) return { data: { categoryKey: match.key }, next: true };
  // Unknown code: let the person choose rather than fail the whole onboarding.
  console.warn(`<finhub-onboarding>: category "${preset}" is not offered; asking instead.`);
  return { data: { presetCategory: undefined } };
}
