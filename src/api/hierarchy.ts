/**
 * The categorization hierarchy (docs/finhub-contract.md#categorization-hierarchy), parsed at the
 * boundary. Shared by the client (which parses the response) and the smart-categorization function
 * (which reads it). Unknown fields pass through, so FinHub can add fields without breaking us.
 *
 * `CategorizationHierarchySchema` (hierarchy-schema.ts, zod) is the shape the element works with. FinHub's answers are read
 * into it by `readHierarchy()`, which accepts every documented spelling
 * (docs/finhub-contract.md#categorization-hierarchy): the legacy `features[]` for
 * `availableFeatures[]` (codes or whole features), `id` for `databaseId`, a missing `categoryId`
 * or `featureCode` (the map key), `mandatoryKeys` as one comma-separated string, and
 * `allowedValues[key]` as a list, a bare string (`"0-100"` a range, `"A,B"` a list), a number or
 * boolean, or absent. A category without an id is left out; only a hierarchy with no usable
 * category is unreadable.
 *
 * The zod schemas in hierarchy-schema.ts take the same shapes, for a hierarchy that did not come through
 * `readHierarchy()` (an inline feature, a host's or a test's object).
 */
import { FinHubApiError } from './api-error.js';
import { allowedList } from './hierarchy-lists.js';
import type {
  CategorizationHierarchy,
  HierarchyCategory,
  HierarchyFeature,
} from './hierarchy-schema.js';
import { idValue, isObject, valueAt, type Json } from './response-shapes.js';

export type { CategorizationHierarchy, HierarchyCategory, HierarchyFeature };

export { allowedList, splitList } from './hierarchy-lists.js';

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

/** One feature in any documented shape (also an inline one in `availableFeatures[]`). */
export function readFeature(key: string, raw: Json): HierarchyFeature {
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
  if (!databaseId) return undefined; // nothing to send at registration (docs/finhub-contract.md#categorization-hierarchy)
  const categoryId = str(raw['categoryId']) ?? key;
  const category: HierarchyCategory = {
    ...raw,
    databaseId,
    categoryId,
    categoryName: str(raw['categoryName']) ?? categoryId,
  };
  // The legacy generation calls the list `features[]`
  // (docs/finhub-contract.md#categorization-hierarchy).
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
