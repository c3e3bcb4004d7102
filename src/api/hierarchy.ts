/**
 * The categorization hierarchy (finhub-api.md §4.1), parsed at the boundary. Shared by the client
 * (which parses the response) and the smart-categorization function (which reads it).
 * Unknown fields pass through (`z.looseObject`), so FinHub can add fields without breaking us.
 *
 * `CategorizationHierarchySchema` is the shape the element works with. FinHub's answers are read
 * into it by `readHierarchy()`, which accepts every documented spelling
 * (docs/finhub-contract.md#categorization-hierarchy): the legacy `features[]` for
 * `availableFeatures[]` (codes or whole features), `id` for `databaseId`, a missing `categoryId`
 * or `featureCode` (the map key), `mandatoryKeys` as one comma-separated string, and
 * `allowedValues[key]` as a list, a bare string (`"0-100"` a range, `"A,B"` a list), a number or
 * boolean, or absent. A category without an id is left out; only a hierarchy with no usable
 * category is unreadable.
 *
 * The zod schemas below take the same shapes, for a hierarchy that did not come through
 * `readHierarchy()` (an inline feature, a host's or a test's object).
 */
import * as z from 'zod/mini';
import { FinHubApiError } from './api-error.js';
import { idValue, isObject, valueAt, type Json } from './response-shapes.js';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

const SPACED_RANGE = /^(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)$/;

/** `"A, B"` → `['A', 'B']`; a single value or range stays one entry (`"0 - 100"` → `"0-100"`). */
const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim().replace(SPACED_RANGE, '$1-$2'))
    .filter(Boolean);

/** One `allowedValues` entry in any documented shape → its values; undefined when it lists none. */
export function allowedList(raw: unknown): string[] | undefined {
  let list: string[] = [];
  if (Array.isArray(raw)) {
    list = raw
      .filter((item) => ['string', 'number', 'boolean'].includes(typeof item))
      .map((item) => String(item).trim().replace(SPACED_RANGE, '$1-$2'))
      .filter(Boolean);
  } else if (typeof raw === 'string') {
    list = splitList(raw);
  } else if (typeof raw === 'number' || typeof raw === 'boolean') {
    list = [String(raw)];
  }
  return list.length > 0 ? list : undefined;
}

const KeyList = z.pipe(
  z.union([z.array(Scalar), z.string()]),
  z.transform((raw): string[] =>
    typeof raw === 'string' ? splitList(raw) : raw.map(String).filter(Boolean),
  ),
);

// An entry of a shape no reading explains (an object) is dropped, as if absent: the key then gets
// its documented choice instead of failing the whole hierarchy.
const AllowedValues = z.pipe(
  z.nullable(z.record(z.string(), z.unknown())),
  z.transform((raw): Record<string, string[]> => {
    const out: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(raw ?? {})) {
      const list = allowedList(value);
      if (list) out[key] = list;
    }
    return out;
  }),
);

export const HierarchyFeatureSchema = z.looseObject({
  databaseId: z.string(),
  featureCode: z.string(),
  featureName: z.optional(z.string()),
  description: z.optional(z.nullable(z.string())),
  mandatoryKeys: z.optional(z.nullable(KeyList)),
  allowedValues: z.optional(AllowedValues),
  multiValueKeys: z.optional(z.nullable(KeyList)),
});

/** `availableFeatures[]` items may be full feature objects or just codes, depending on generation. */
const FeatureEntries = z.array(z.union([z.string(), z.looseObject({ featureCode: z.string() })]));

export const HierarchyCategorySchema = z.looseObject({
  databaseId: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  description: z.optional(z.nullable(z.string())),
  availableFeatures: z.optional(z.nullable(FeatureEntries)),
  /** The legacy name of `availableFeatures` (docs/finhub-contract.md#categorization-hierarchy). */
  features: z.optional(z.nullable(FeatureEntries)),
});

export const CategorizationHierarchySchema = z.looseObject({
  tenantId: z.optional(z.string()),
  tenantName: z.optional(z.string()),
  complianceLevel: z.optional(z.string()),
  categories: z.record(z.string(), HierarchyCategorySchema),
  features: z.optional(z.record(z.string(), HierarchyFeatureSchema)),
});

export type HierarchyFeature = z.infer<typeof HierarchyFeatureSchema>;
export type HierarchyCategory = z.infer<typeof HierarchyCategorySchema>;
export type CategorizationHierarchy = z.infer<typeof CategorizationHierarchySchema>;

// -- reading FinHub's answer -----------------------------------------------------------------------

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** `allowedValues` with every entry read by `allowedList`; empty entries dropped. */
function allowedValuesOf(value: unknown): Record<string, string[]> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [key, entry] of Object.entries(value)) {
    const list = allowedList(entry);
    if (list) out[key] = list;
  }
  return out;
}

const objects = (value: unknown): [string, Json][] =>
  isObject(value)
    ? Object.entries(value).filter((entry): entry is [string, Json] => isObject(entry[1]))
    : [];

function readFeature(key: string, raw: Json): HierarchyFeature {
  const featureCode = str(raw['featureCode']) ?? key;
  const feature: HierarchyFeature = {
    ...raw,
    // Without an id of its own, the code is the only name FinHub gave it.
    databaseId: idValue(raw['databaseId']) ?? idValue(raw['id']) ?? featureCode,
    featureCode,
  };
  for (const name of ['mandatoryKeys', 'multiValueKeys'] as const) {
    const read = allowedList(raw[name]);
    if (read) feature[name] = read;
    else delete feature[name];
  }
  const allowed = allowedValuesOf(raw['allowedValues']);
  if (allowed) feature.allowedValues = allowed;
  else delete feature.allowedValues;
  return feature;
}

function readCategory(
  key: string,
  raw: Json,
  features: Record<string, HierarchyFeature>,
): HierarchyCategory | undefined {
  const databaseId = idValue(raw['databaseId']) ?? idValue(raw['id']);
  if (!databaseId) return undefined; // nothing to send at registration (§4.1)
  const categoryId = str(raw['categoryId']) ?? key;
  const category: HierarchyCategory = {
    ...raw,
    databaseId,
    categoryId,
    categoryName: str(raw['categoryName']) ?? categoryId,
  };
  // The legacy generation calls the list `features[]` (§4.1).
  const list = raw['availableFeatures'] ?? raw['features'];
  if (!Array.isArray(list)) {
    delete category.availableFeatures;
    return category;
  }
  category.availableFeatures = list.flatMap((entry): (string | HierarchyFeature)[] => {
    const code = isObject(entry) ? str(entry['featureCode']) : str(entry);
    if (!code || !isObject(entry)) return code ? [code] : [];
    // A whole feature inline: read like the others, and known to the map by its code.
    const inline = readFeature(code, entry);
    if (!Object.hasOwn(features, code) && entry['mandatoryKeys'] !== undefined) {
      features[code] = inline;
    }
    return [inline];
  });
  return category;
}

/**
 * FinHub's hierarchy answer (`data`, or the bare body) read into CategorizationHierarchySchema's
 * shape, or `invalid_response` naming `categories` when not one category can be used.
 */
export function readHierarchy(
  data: unknown,
  endpoint: string,
  prefix = '',
): CategorizationHierarchy {
  const features: Record<string, HierarchyFeature> = {};
  for (const [key, raw] of objects(valueAt(data, 'features')))
    features[key] = readFeature(key, raw);
  const categories: Record<string, HierarchyCategory> = {};
  for (const [key, raw] of objects(valueAt(data, 'categories'))) {
    const category = readCategory(key, raw, features);
    if (category) categories[key] = category;
  }
  if (!isObject(data) || Object.keys(categories).length === 0) {
    // Built here rather than with errors.ts, which carries localized text: the doctor reads this
    // module on a server without Lit. The person's wording comes from the error code at the UI.
    throw new FinHubApiError({
      code: 'invalid_response',
      endpoint,
      field: `${prefix}categories`,
      message: 'The categorization hierarchy lists no category with an id.',
    });
  }
  const hierarchy: CategorizationHierarchy = { ...data, categories };
  if (data['features'] !== undefined || Object.keys(features).length > 0) {
    hierarchy.features = features;
  }
  const tenantId = idValue(data['tenantId']);
  if (tenantId) hierarchy.tenantId = tenantId;
  else delete hierarchy.tenantId;
  return hierarchy;
}
