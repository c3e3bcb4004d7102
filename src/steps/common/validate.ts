import * as z from 'zod/mini';

export type FieldErrors<TField extends string> = Partial<Record<TField, string[]>>;

export type ValidationResult<TOutput, TField extends string> =
  | { success: true; values: TOutput; errors: FieldErrors<TField> }
  | { success: false; values: undefined; errors: FieldErrors<TField> };

/**
 * Runs a step schema and groups the issues by field (first path segment), keeping every
 * message in the order the schema's checks produced them.
 */
export function validateStep<TSchema extends z.ZodMiniType, TField extends string>(
  schema: TSchema,
  input: unknown,
): ValidationResult<z.infer<TSchema>, TField> {
  const result = z.safeParse(schema, input);
  if (result.success) return { success: true, values: result.data, errors: {} };
  const errors: FieldErrors<TField> = {};
  for (const issue of result.error.issues) {
    // Step schemas are flat objects keyed by field name, so the first segment is the field.
    const field = String(issue.path[0] ?? '') as TField;
    const list = (errors[field] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return { success: false, values: undefined, errors };
}
