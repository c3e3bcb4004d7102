/**
 * What a person reads for an account category (docs/architecture.md#steps). A tenant's category
 * names are often the bank's own vocabulary ("Low Risk Individual Customer"): the host may word
 * each category per locale (`categoryLabels`), and a name that reads like a risk class gets a
 * friendly default instead. Loaded beside the categorization view, not in the first render.
 */
import { msg } from '@lit/localize';
import type { CategoryOption, FlowKind } from '../../flow/types.js';

/** One category's words. */
export interface CategoryLabel {
  name?: string;
  description?: string;
}

/**
 * `{[locale or 'default']: {[category code, key or id]: {name, description}}}`: the exact locale
 * (`lt-LT`) wins over its language (`lt`), which wins over `default`.
 */
export type CategoryLabels = Record<string, Record<string, CategoryLabel>>;

type Level = 'basic' | 'standard' | 'extended';

const words = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/);

/**
 * The level a bank-vocabulary name stands for ("Low Risk Individual Customer", a bare code);
 * undefined for a name meant for customers.
 */
function riskLevel(category: CategoryOption): Level | undefined {
  const list = words(`${category.key} ${category.name}`);
  const name = words(category.name);
  const internal =
    list.includes('risk') ||
    name.includes('customer') ||
    /^[A-Z0-9]+(_[A-Z0-9]+)+$/.test(category.name.trim());
  if (!internal) return undefined;
  if (list.includes('high') || list.includes('enhanced')) return 'extended';
  if (list.includes('low') || list.includes('basic')) return 'basic';
  return 'standard';
}

/** Friendly defaults, a person's and a company's (the flow's title says which). */
const FRIENDLY: Record<FlowKind, Record<Level, () => Required<CategoryLabel>>> = {
  individual: {
    basic: () => ({
      name: msg('Basic account'),
      description: msg('For everyday spending with lower limits. The quickest to open.'),
    }),
    standard: () => ({
      name: msg('Standard account'),
      description: msg('For everyday banking, including payments abroad.'),
    }),
    extended: () => ({
      name: msg('Extended account'),
      description: msg(
        'For larger amounts. We ask a few more questions, such as where your money comes from.',
      ),
    }),
  },
  organization: {
    basic: () => ({
      name: msg('Basic business account'),
      description: msg('For a small company with simple ownership, paying mostly at home.'),
    }),
    standard: () => ({
      name: msg('Standard business account'),
      description: msg('For a trading company, including payments abroad.'),
    }),
    extended: () => ({
      name: msg('Extended business account'),
      description: msg(
        'For regulated activities and larger amounts. We ask a few more questions about the business.',
      ),
    }),
  },
};

/** The host's words for `category` in `locale`, if any. */
function hostLabel(
  labels: CategoryLabels | undefined,
  locale: string,
  category: CategoryOption,
): CategoryLabel | undefined {
  if (!labels || typeof labels !== 'object') return undefined;
  const names = [category.key, ...(category.aliases ?? [])].map((name) => name.toLowerCase());
  const language = locale.split('-')[0]!;
  for (const scope of [locale, language, 'default']) {
    const table = labels[scope];
    if (!table || typeof table !== 'object') continue;
    const found = Object.entries(table).find(([key]) => names.includes(key.toLowerCase()));
    if (found && typeof found[1] === 'object' && found[1]) return found[1];
  }
  return undefined;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

/** `category` as the person reads it: the host's words, else a friendly default, else FinHub's. */
export function labelCategory(
  category: CategoryOption,
  labels: CategoryLabels | undefined,
  locale: string,
  flow: FlowKind,
): Required<Pick<CategoryLabel, 'name'>> & CategoryLabel {
  const host = hostLabel(labels, locale, category);
  const level = riskLevel(category);
  const friendly = level ? FRIENDLY[flow][level]() : undefined;
  const description =
    text(host?.description) ?? friendly?.description ?? text(category.description);
  return {
    name: text(host?.name) ?? friendly?.name ?? category.name,
    ...(description ? { description } : {}),
  };
}
