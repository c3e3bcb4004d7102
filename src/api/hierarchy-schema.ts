/**
 * The categorization hierarchy's zod schemas (docs/finhub-contract.md#categorization-hierarchy):
 * the shape the element works with, for a hierarchy that did not come through `readHierarchy()`
 * (a host's or a test's object). Unknown fields pass through (`z.looseObject`). Kept apart from
 * `hierarchy.ts` so the first step, which reads FinHub's answer by hand, does not load zod.
 */
import * as z from 'zod/mini';
import { allowedList, splitList } from './hierarchy-lists.js';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

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
