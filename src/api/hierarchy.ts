/**
 * The categorization hierarchy (finhub-api.md §4.1), parsed at the boundary. Shared by the client
 * (which parses the response) and the smart-categorization function (which reads it).
 * Unknown fields pass through (`z.looseObject`), so FinHub can add fields without breaking us.
 *
 * Key lists and allowed values come in several shapes (docs/finhub-contract.md#categorization-hierarchy):
 * `allowedValues[key]` may be an array, a bare string (`"0-100"` a range, `"A,B"` a list, `"true"`
 * one value), a number or boolean, or absent; `mandatoryKeys` / `multiValueKeys` an array or a
 * comma-separated string. All of them are read into plain string lists here, so the rest of the
 * code sees one shape. A missing or empty entry stays absent: smart categorization then uses the
 * documented choice for the key (docs/finhub-contract.md#smart-categorization).
 */
import * as z from 'zod/mini';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/** `"A, B"` → `['A', 'B']`; a single value or range stays one entry. */
const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** One `allowedValues` entry in any documented shape → its values; undefined when it lists none. */
export function allowedList(raw: unknown): string[] | undefined {
  let list: string[] = [];
  if (Array.isArray(raw)) {
    list = raw
      .filter((item) => ['string', 'number', 'boolean'].includes(typeof item))
      .map((item) => String(item).trim())
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
