/**
 * The categorization hierarchy (finhub-api.md §4.1), parsed at the boundary. Shared by the client
 * (which parses the response) and the smart-categorization function (which reads it).
 * Unknown fields pass through (`z.looseObject`), so FinHub can add fields without breaking us.
 */
import * as z from 'zod/mini';

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
