/**
 * Smart categorization (finhub-api.md §4): pure functions over the parsed hierarchy (§4.1) that
 * list categories for a flow, pick a default, and build the `customerCategory` + `categorization`
 * objects sent at registration (§4.3), filling every mandatory feature key by the §4.2 rules.
 *
 * Rules implemented (where §4.2 / §12 leave room, the decision is noted):
 * - Organizations keep categories whose name, code or key contains BUSINESS, ORGANIZATION
 *   (or ORGANISATION) or B2B, case-insensitively (§1.3); individuals get all the others.
 * - Default category: the first, in hierarchy order, whose code or name has the word STANDARD,
 *   else MEDIUM, else LOW, else BASIC, else any other; categories with PROHIBITED, HIGH or
 *   CRITICAL come last (PROHIBITED after HIGH), so they are picked only when nothing else exists.
 * - Only mandatory keys are sent. Exception, pep (§4.1): `pepCategory` is required only when pep
 *   is true, so it is left out while pep is false and added (even if optional) when pep is true.
 * - A multi-value key gets one allowed value: valid whether the server reads it as a list or
 *   not. A host override may give several, comma-separated, each of them allowed.
 * - Values never leave `allowedValues`: an entry like `"0-100"` is an inclusive integer range;
 *   every other entry is an exact value. Preferred values (MEDIUM, false, WEEKLY…) are matched
 *   case-insensitively but sent in the spelling the hierarchy uses.
 * - When no rule applies, the first allowed value is sent (the lower bound for a range).
 * - Overrides for features the chosen category does not have are ignored, so a host can pin
 *   values once for every category that uses a feature.
 */
import { msg, str } from '@lit/localize';
import { FinHubApiError } from './errors.js';
import {
  HierarchyFeatureSchema,
  type CategorizationHierarchy,
  type HierarchyCategory,
  type HierarchyFeature,
} from './hierarchy.js';

export type CustomerKind = 'individual' | 'organization';

export interface CategoryFeatureSummary {
  /** Feature `databaseId`; undefined when the hierarchy does not describe the feature. */
  id?: string;
  code: string;
  name: string;
  description?: string;
}

export interface CategoryOption {
  /** Key in `hierarchy.categories`. */
  key: string;
  /** `databaseId`: the id sent at registration (§4.1). */
  id: string;
  /** `categoryId`, e.g. `STANDARD_INDIVIDUAL`. */
  code: string;
  name: string;
  description?: string;
  features: CategoryFeatureSummary[];
}

export interface CategorizationParameter {
  name: string;
  value: string;
}

export interface CategoryFeatureRelation {
  feature: { id: string; code: string };
  enabled: true;
  parametrization: CategorizationParameter[];
}

/** `individualCustomer.categorization` (§4.3, errata E1). */
export interface Categorization {
  id: string;
  name: string;
  description: string;
  isActive: true;
  categoryFeatureRelations: CategoryFeatureRelation[];
  parametrization: CategorizationParameter[];
}

export interface CategorizationSelection {
  /** Top-level `customerCategory` (sent on every registration, §4.3). */
  customerCategory: { id: string; name: string };
  categorization: Categorization;
}

export interface BuildCategorizationOptions {
  /** featureCode → key → value the host pins. Refused unless allowed by the hierarchy. */
  overrides?: Record<string, Record<string, string>>;
}

// --- key names ---------------------------------------------------------------------------------

/** `riskLevel`, `risk_level`, `RISK_LEVEL`, `isPEP` → lower-case words. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const normalizeKey = (key: string) => words(key).join('');

type KeyKind =
  | 'pepCategory'
  | 'pep'
  | 'edd'
  | 'riskScore'
  | 'riskLevel'
  | 'sanctions'
  | 'monitoring'
  | 'monthlyLimit'
  | 'dailyLimit'
  | 'verificationLevel'
  | 'other';

function kindOf(key: string): KeyKind {
  const list = words(key);
  const has = (...options: string[]) => options.some((option) => list.includes(option));
  const joined = list.join('');
  if (has('pep') || joined.includes('politicallyexposed')) {
    return has('category', 'categories', 'type', 'types') ? 'pepCategory' : 'pep';
  }
  if (has('edd') || joined.includes('enhancedduediligence')) return 'edd';
  if (has('risk') && has('score')) return 'riskScore';
  if (has('risk')) return 'riskLevel';
  if (has('sanction', 'sanctions')) return 'sanctions';
  if (has('monitoring')) return 'monitoring';
  if (has('limit', 'limits')) {
    if (has('monthly', 'month')) return 'monthlyLimit';
    if (has('daily', 'day')) return 'dailyLimit';
  }
  if (has('verification', 'kyc')) return 'verificationLevel';
  return 'other';
}

// --- allowed values ----------------------------------------------------------------------------

type AllowedEntry = { value: string } | { min: number; max: number };

const RANGE = /^\s*(-?\d+)\s*-\s*(-?\d+)\s*$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const TRUTHY = /^(true|yes|y|1)$/i;

function parseAllowed(list: readonly string[]): AllowedEntry[] {
  return list.map((raw) => {
    const range = RANGE.exec(raw);
    if (!range) return { value: raw };
    const a = Number(range[1]);
    const b = Number(range[2]);
    return { min: Math.min(a, b), max: Math.max(a, b) };
  });
}

function isAllowed(entries: AllowedEntry[], value: string): boolean {
  return entries.some((entry) =>
    'value' in entry
      ? entry.value === value
      : /^-?\d+$/.test(value) && Number(value) >= entry.min && Number(value) <= entry.max,
  );
}

const discrete = (entries: AllowedEntry[]) =>
  entries.flatMap((entry) => ('value' in entry ? [entry.value] : []));
const ranges = (entries: AllowedEntry[]) =>
  entries.flatMap((entry) => ('value' in entry ? [] : [entry]));

function preferred(entries: AllowedEntry[], wanted: string[]): string | undefined {
  const values = discrete(entries);
  for (const want of wanted) {
    const hit = values.find((value) => value.toLowerCase() === want.toLowerCase());
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function first(entries: AllowedEntry[]): string {
  const head = entries[0]!;
  return 'value' in head ? head.value : String(head.min);
}

/** The middle discrete value (lower middle for an even count), PROHIBITED left out if possible. */
function middle(entries: AllowedEntry[]): string {
  const all = discrete(entries);
  const usable = all.filter((value) => value.toUpperCase() !== 'PROHIBITED');
  const values = usable.length > 0 ? usable : all;
  if (values.length > 0) return values[Math.floor((values.length - 1) / 2)]!;
  const range = ranges(entries)[0]!;
  return String(Math.floor((range.min + range.max) / 2));
}

/**
 * A number inside the band [low, high], nearest to `prefer`; when nothing allowed meets the band,
 * a range's midpoint or the allowed number nearest to `prefer`. Undefined when nothing is numeric.
 */
function numberIn(
  entries: AllowedEntry[],
  low: number,
  high: number,
  prefer: number,
): string | undefined {
  const inBand: string[] = [];
  const outside: string[] = [];
  for (const entry of entries) {
    if ('value' in entry) {
      if (!NUMBER.test(entry.value)) continue;
      const n = Number(entry.value);
      (n >= low && n <= high ? inBand : outside).push(entry.value);
    } else if (entry.max >= low && entry.min <= high) {
      const lo = Math.max(entry.min, low);
      const hi = Math.min(entry.max, high);
      inBand.push(String(Math.min(hi, Math.max(lo, prefer))));
    } else {
      outside.push(String(Math.floor((entry.min + entry.max) / 2)));
    }
  }
  const pool = inBand.length > 0 ? inBand : outside;
  let best: string | undefined;
  for (const candidate of pool) {
    if (
      best === undefined ||
      Math.abs(Number(candidate) - prefer) < Math.abs(Number(best) - prefer)
    ) {
      best = candidate;
    }
  }
  return best;
}

/** The §4.2 choice for one key. `entries` is non-empty. */
function choose(key: string, entries: AllowedEntry[]): string {
  const values = discrete(entries);
  const booleans = values.filter((value) => /^(true|false)$/i.test(value));
  if (values.length > 0 && booleans.length === entries.length) {
    return booleans.find((value) => value.toLowerCase() === 'false') ?? booleans[0]!;
  }
  switch (kindOf(key)) {
    case 'riskLevel':
      return preferred(entries, ['MEDIUM', 'STANDARD']) ?? middle(entries);
    case 'riskScore':
      return (
        numberIn(entries, 40, 69, 55) ??
        preferred(entries, ['MEDIUM', 'STANDARD']) ??
        middle(entries)
      );
    case 'pep':
      return preferred(entries, ['false', 'NO', 'NOT_APPLICABLE', 'NONE', 'N']) ?? first(entries);
    case 'sanctions':
      return preferred(entries, ['STANDARD', 'PERIODIC']) ?? first(entries);
    case 'monitoring':
      return preferred(entries, ['WEEKLY', 'STANDARD']) ?? first(entries);
    case 'monthlyLimit':
      return numberIn(entries, 15000, 25000, 20000) ?? first(entries);
    case 'dailyLimit':
      return numberIn(entries, 3000, 7000, 5000) ?? first(entries);
    case 'edd':
      return preferred(entries, ['OPTIONAL', 'false', 'NO', 'NOT_REQUIRED']) ?? first(entries);
    case 'verificationLevel':
      return preferred(entries, ['STANDARD']) ?? first(entries);
    default:
      return first(entries);
  }
}

// --- errors ------------------------------------------------------------------------------------

const unsatisfiable = (
  message: string,
  extra: { missingKeys?: string[]; invalidValues?: Record<string, string> } = {},
) => new FinHubApiError({ code: 'categorization_unsatisfiable', message, ...extra });

// --- hierarchy lookups -------------------------------------------------------------------------

type FeatureEntry = NonNullable<HierarchyCategory['availableFeatures']>[number];

const featureCodeOf = (entry: FeatureEntry) =>
  typeof entry === 'string' ? entry : entry.featureCode;

function resolveFeature(
  hierarchy: CategorizationHierarchy,
  entry: FeatureEntry,
): HierarchyFeature | undefined {
  const code = featureCodeOf(entry);
  const features = hierarchy.features ?? {};
  const known =
    (Object.hasOwn(features, code) ? features[code] : undefined) ??
    Object.values(features).find((feature) => feature.featureCode === code);
  if (known) return known;
  // Some generations inline the whole feature object in availableFeatures[].
  if (typeof entry !== 'string') {
    const inline = HierarchyFeatureSchema.safeParse(entry);
    if (inline.success) return inline.data;
  }
  return undefined;
}

const uniqueEntries = (category: HierarchyCategory) => {
  const seen = new Set<string>();
  return (category.availableFeatures ?? []).filter((entry) => {
    const code = featureCodeOf(entry);
    if (seen.has(code)) return false;
    seen.add(code);
    return true;
  });
};

function findCategory(
  hierarchy: CategorizationHierarchy,
  keyOrId: string,
): [string, HierarchyCategory] | undefined {
  const { categories } = hierarchy;
  if (Object.hasOwn(categories, keyOrId)) return [keyOrId, categories[keyOrId]!];
  return (
    Object.entries(categories).find(([, c]) => c.databaseId === keyOrId) ??
    Object.entries(categories).find(([, c]) => c.categoryId === keyOrId)
  );
}

const ORGANIZATION_MARKERS = /BUSINESS|ORGANI[SZ]ATION|B2B/i;

const isOrganizationCategory = (key: string, category: HierarchyCategory) =>
  ORGANIZATION_MARKERS.test(category.categoryName) ||
  ORGANIZATION_MARKERS.test(category.categoryId) ||
  ORGANIZATION_MARKERS.test(key);

// --- public API --------------------------------------------------------------------------------

/** Categories offered to a flow (§1.3), in hierarchy order. */
export function listCategories(
  hierarchy: CategorizationHierarchy,
  kind: CustomerKind,
): CategoryOption[] {
  return Object.entries(hierarchy.categories)
    .filter(
      ([key, category]) => isOrganizationCategory(key, category) === (kind === 'organization'),
    )
    .map(([key, category]) => ({
      key,
      id: category.databaseId,
      code: category.categoryId,
      name: category.categoryName,
      ...(category.description ? { description: category.description } : {}),
      features: uniqueEntries(category).map((entry): CategoryFeatureSummary => {
        const feature = resolveFeature(hierarchy, entry);
        const code = featureCodeOf(entry);
        if (!feature) return { code, name: code };
        return {
          id: feature.databaseId,
          code: feature.featureCode,
          name: feature.featureName ?? feature.featureCode,
          ...(feature.description ? { description: feature.description } : {}),
        };
      }),
    }));
}

function defaultRank(option: CategoryOption): number {
  const list = words(`${option.code} ${option.name}`);
  const has = (word: string) => list.includes(word);
  if (has('prohibited')) return 6;
  if (has('high') || has('critical')) return 5;
  if (has('standard')) return 0;
  if (has('medium')) return 1;
  if (has('low')) return 2;
  if (has('basic')) return 3;
  return 4;
}

/** The default category for a flow (rule in the module comment), undefined when there is none. */
export function pickDefaultCategory(
  hierarchy: CategorizationHierarchy,
  kind: CustomerKind,
): CategoryOption | undefined {
  let best: CategoryOption | undefined;
  let bestRank = Infinity;
  for (const option of listCategories(hierarchy, kind)) {
    const rank = defaultRank(option);
    if (rank < bestRank) {
      best = option;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * The registration objects for one category (§4.3), every mandatory key of every feature filled
 * with an allowed value (§4.2). Throws `categorization_unsatisfiable` when that is impossible.
 */
export function buildCategorization(
  hierarchy: CategorizationHierarchy,
  categoryKeyOrId: string,
  options: BuildCategorizationOptions = {},
): CategorizationSelection {
  const found = findCategory(hierarchy, categoryKeyOrId);
  if (!found) {
    throw unsatisfiable(
      msg(
        str`The customer category "${categoryKeyOrId}" is not offered here. Choose another category.`,
        { id: 'categorization.unknown-category' },
      ),
    );
  }
  const [, category] = found;
  const categoryName = category.categoryName;

  const relations = uniqueEntries(category).map((entry): CategoryFeatureRelation => {
    const feature = resolveFeature(hierarchy, entry);
    const featureCode = featureCodeOf(entry);
    if (!feature) {
      throw unsatisfiable(
        msg(
          str`The customer category "${categoryName}" cannot be used: its feature ${featureCode} is not described by the service. Choose another category or contact support.`,
          { id: 'categorization.unknown-feature' },
        ),
      );
    }
    return {
      feature: { id: feature.databaseId, code: feature.featureCode },
      enabled: true,
      parametrization: parametrize(
        categoryName,
        feature,
        options.overrides?.[feature.featureCode] ?? {},
      ),
    };
  });

  return {
    customerCategory: { id: category.databaseId, name: categoryName },
    categorization: {
      id: category.databaseId,
      name: categoryName,
      description: category.description ?? '',
      isActive: true,
      categoryFeatureRelations: relations,
      parametrization: [],
    },
  };
}

function parametrize(
  categoryName: string,
  feature: HierarchyFeature,
  pinned: Record<string, string>,
): CategorizationParameter[] {
  const featureCode = feature.featureCode;
  const allowedValues = feature.allowedValues ?? {};
  const multi = new Set((feature.multiValueKeys ?? []).map(normalizeKey));

  // Exact key first, then the same key spelled differently (`risk_level` for `riskLevel`).
  const allowedFor = (key: string): string[] | undefined => {
    if (Object.hasOwn(allowedValues, key)) return allowedValues[key];
    const wanted = normalizeKey(key);
    const match = Object.keys(allowedValues).find(
      (candidate) => normalizeKey(candidate) === wanted,
    );
    return match === undefined ? undefined : allowedValues[match];
  };

  const entriesFor = (key: string): AllowedEntry[] => {
    const list = allowedFor(key);
    if (!list || list.length === 0) {
      throw unsatisfiable(
        msg(
          str`The customer category "${categoryName}" cannot be used: feature ${featureCode} requires ${key}, but no allowed value is listed for it. Choose another category or contact support.`,
          { id: 'categorization.no-allowed-value' },
        ),
        { missingKeys: [key] },
      );
    }
    return parseAllowed(list);
  };

  const valueFor = (key: string): string => {
    if (!Object.hasOwn(pinned, key)) return choose(key, entriesFor(key));
    const value: unknown = pinned[key];
    const entries = parseAllowed(allowedFor(key) ?? []);
    const parts =
      typeof value !== 'string'
        ? []
        : multi.has(normalizeKey(key))
          ? value.split(',').map((part) => part.trim())
          : [value];
    if (parts.length === 0 || !parts.every((part) => part !== '' && isAllowed(entries, part))) {
      const shown = String(value);
      const allowed = (allowedFor(key) ?? []).join(', ') || '-';
      throw unsatisfiable(
        msg(
          str`The value "${shown}" set for ${key} of feature ${featureCode} in category "${categoryName}" is not allowed. Allowed values: ${allowed}.`,
          { id: 'categorization.override-refused' },
        ),
        { invalidValues: { [key]: shown } },
      );
    }
    return parts.join(',');
  };

  const keys = [...new Set([...(feature.mandatoryKeys ?? []), ...Object.keys(pinned)])];
  const pepKey = keys.find((key) => kindOf(key) === 'pep');
  const pepDefined =
    pepKey !== undefined || Object.keys(allowedValues).some((key) => kindOf(key) === 'pep');
  const values = new Map<string, string>();
  if (pepKey !== undefined) values.set(pepKey, valueFor(pepKey));
  const pepTrue = pepKey !== undefined && TRUTHY.test(values.get(pepKey)!);

  const out: CategorizationParameter[] = [];
  for (const key of keys) {
    // §4.1: pepCategory is required only when pep is true.
    if (kindOf(key) === 'pepCategory' && pepDefined && !pepTrue && !Object.hasOwn(pinned, key)) {
      continue;
    }
    out.push({ name: key, value: values.get(key) ?? valueFor(key) });
    if (key === pepKey && pepTrue) {
      for (const extra of Object.keys(allowedValues)) {
        if (
          kindOf(extra) === 'pepCategory' &&
          !keys.some((k) => normalizeKey(k) === normalizeKey(extra))
        ) {
          out.push({ name: extra, value: valueFor(extra) });
        }
      }
    }
  }
  return out;
}
