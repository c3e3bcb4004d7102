/**
 * The categorization hierarchy (finhub-api.md §4.1), parsed at the boundary. Shared by the client
 * (which parses the response) and the smart-categorization function (which reads it).
 * Unknown fields pass through (`z.looseObject`), so FinHub can add fields without breaking us.
 *
 * `CategorizationHierarchySchema` is the shape the element works with. FinHub's answers are read
 * into it by `readHierarchy()`, which accepts every documented spelling
 * (docs/finhub-contract.md#categorization-hierarchy): categories and features keyed by code or
 * listed; the legacy `features[]` for `availableFeatures[]`; `id`/`code`/`name` for
 * `databaseId`/`categoryId`/`categoryName`; and `allowedValues[key]` as a list, a bare string
 * (`"0-100"` a range, `"A,B"` a list) or absent. Entries it cannot identify are left out; only a
 * hierarchy with no usable category is unreadable.
 */
import * as z from 'zod/mini';
import { invalidResponseError } from './errors.js';
import { idValue, isObject, type Json } from './response-shapes.js';

export const HierarchyFeatureSchema = z.looseObject({
  databaseId: z.string(),
  featureCode: z.string(),
  featureName: z.optional(z.string()),
  description: z.optional(z.nullable(z.string())),
  mandatoryKeys: z.optional(z.array(z.string())),
  allowedValues: z.optional(z.record(z.string(), z.array(z.string()))),
  multiValueKeys: z.optional(z.array(z.string())),
});

/** `availableFeatures[]` items may be full feature objects or just codes, depending on generation. */
export const HierarchyCategorySchema = z.looseObject({
  databaseId: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  description: z.optional(z.nullable(z.string())),
  availableFeatures: z.optional(
    z.array(z.union([z.string(), z.looseObject({ featureCode: z.string() })])),
  ),
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
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** A list of strings from a list (non-strings stringified) or one comma-separated string. */
function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  }
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((item) =>
    typeof item === 'string'
      ? item.trim()
        ? [item.trim()]
        : []
      : typeof item === 'number' || typeof item === 'boolean'
        ? [String(item)]
        : [],
  );
}

/**
 * `allowedValues[key]`: a list as it is; a bare range (`"0-100"`) as the one-entry list the
 * categorization reads as a range; a bare `"A,B"` as the list `[A, B]`; a lone number or boolean
 * as its string. `null` or an empty entry is dropped (the key then has no allowed values).
 */
function allowedValuesOf(value: unknown): Record<string, string[]> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [key, entry] of Object.entries(value)) {
    const list =
      typeof entry === 'string' && /^\s*-?\d+(\.\d+)?\s*-\s*-?\d+(\.\d+)?\s*$/.test(entry)
        ? [entry.replace(/\s+/g, '')]
        : typeof entry === 'number' || typeof entry === 'boolean'
          ? [String(entry)]
          : strings(entry);
    if (list && list.length > 0) out[key] = list;
  }
  return out;
}

/** Entries of a map, or of a list keyed by what each item names itself. */
function entriesOf(value: unknown, keyOf: (item: Json) => string | undefined): [string, Json][] {
  if (isObject(value)) {
    return Object.entries(value).filter((entry): entry is [string, Json] => isObject(entry[1]));
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const key = isObject(item) ? keyOf(item) : undefined;
    return key && isObject(item) ? [[key, item] as [string, Json]] : [];
  });
}

function readFeature(key: string, raw: Json): HierarchyFeature | undefined {
  const featureCode = str(raw['featureCode']) ?? str(raw['code']) ?? str(key);
  if (!featureCode) return undefined;
  const feature: HierarchyFeature = {
    ...raw,
    // Without an id of its own, the code is the only name FinHub gave it.
    databaseId: idValue(raw['databaseId']) ?? idValue(raw['id']) ?? featureCode,
    featureCode,
  };
  const name = str(raw['featureName']) ?? str(raw['name']);
  if (name) feature.featureName = name;
  else delete feature.featureName;
  if (typeof raw['description'] !== 'string' && raw['description'] !== null) {
    delete feature.description;
  }
  for (const list of ['mandatoryKeys', 'multiValueKeys'] as const) {
    const read = strings(raw[list]);
    if (read) feature[list] = read;
    else delete feature[list];
  }
  const allowed = allowedValuesOf(raw['allowedValues']);
  if (allowed) feature.allowedValues = allowed;
  else delete feature.allowedValues;
  return feature;
}

const featureKeyOf = (item: Json) => str(item['featureCode']) ?? str(item['code']);
const categoryKeyOf = (item: Json) =>
  str(item['categoryId']) ?? str(item['code']) ?? idValue(item['databaseId']);

function readCategory(
  key: string,
  raw: Json,
  features: Record<string, HierarchyFeature>,
): HierarchyCategory | undefined {
  const databaseId = idValue(raw['databaseId']) ?? idValue(raw['id']);
  if (!databaseId) return undefined; // nothing to send at registration (§4.1)
  const categoryId = str(raw['categoryId']) ?? str(raw['code']) ?? key;
  const category: HierarchyCategory = {
    ...raw,
    databaseId,
    categoryId,
    categoryName: str(raw['categoryName']) ?? str(raw['name']) ?? categoryId,
  };
  if (typeof raw['description'] !== 'string' && raw['description'] !== null) {
    delete category.description;
  }
  // The legacy generation calls the list `features[]` (§4.1).
  const list = Array.isArray(raw['availableFeatures'])
    ? raw['availableFeatures']
    : Array.isArray(raw['features'])
      ? raw['features']
      : undefined;
  if (list) {
    type Entry = NonNullable<HierarchyCategory['availableFeatures']>[number];
    category.availableFeatures = list.flatMap((entry): Entry[] => {
      if (typeof entry === 'string') return entry.trim() ? [entry.trim()] : [];
      if (!isObject(entry)) return [];
      const code = featureKeyOf(entry);
      if (!code) return [];
      // An inline feature with its own keys is kept, and known to the map by its code.
      const inline = readFeature(code, entry);
      if (
        inline &&
        !Object.hasOwn(features, code) &&
        ('mandatoryKeys' in entry || 'allowedValues' in entry)
      ) {
        features[code] = inline;
      }
      return [inline ?? { featureCode: code }];
    });
  } else {
    delete category.availableFeatures;
  }
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
  const fail = (field: string) =>
    invalidResponseError(endpoint, undefined, undefined, `${prefix}${field}`);
  if (!isObject(data)) throw fail('categories');
  const features: Record<string, HierarchyFeature> = {};
  for (const [key, raw] of entriesOf(data['features'], featureKeyOf)) {
    const feature = readFeature(key, raw);
    if (feature) features[key] = feature;
  }
  const categories: Record<string, HierarchyCategory> = {};
  for (const [key, raw] of entriesOf(data['categories'], categoryKeyOf)) {
    const category = readCategory(key, raw, features);
    if (category) categories[key] = category;
  }
  if (Object.keys(categories).length === 0) throw fail('categories');
  const hierarchy: CategorizationHierarchy = { ...data, categories };
  if (Object.keys(features).length > 0 || data['features'] !== undefined) {
    hierarchy.features = features;
  }
  for (const name of ['tenantId', 'tenantName', 'complianceLevel'] as const) {
    const value = name === 'tenantId' ? idValue(data[name]) : str(data[name]);
    if (value) hierarchy[name] = value;
    else delete hierarchy[name];
  }
  return hierarchy;
}
