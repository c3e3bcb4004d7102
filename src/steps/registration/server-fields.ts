/**
 * Maps FinHub's field paths from a 400 `validation_failed`
 * (docs/finhub-contract.md#individual-registration, #errors: `data.errors[] = {field, message}`)
 * onto a registration form's fields. FinHub reports the top-level name (`email`,
 * `matchingPassword`) or the nested one it was copied to (docs/finhub-contract.md#registration-body).
 * Each form names its own fields (individual-registration-fields.ts,
 * organization-registration.schema.ts).
 */
import type { FieldError } from '../../api/errors.js';

/** A FinHub field path split into segments, without array indices (`a.b[0].c` → `a, b, c`). */
export function pathSegments(path: string): string[] {
  return path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .map((segment) => segment.trim())
    .filter(Boolean);
}

export interface MappedServerErrors<TField extends string> {
  /** Messages per form field. */
  fields: Partial<Record<TField, string[]>>;
  /** Messages the form has no field for (shown above the form). */
  general: string[];
}

/** Groups FinHub's field errors by the form field `fieldFor` names (general when none). */
export function mapServerErrors<TField extends string>(
  errors: readonly FieldError[],
  fieldFor: (path: string) => TField | undefined,
): MappedServerErrors<TField> {
  const mapped: MappedServerErrors<TField> = { fields: {}, general: [] };
  for (const error of errors) {
    const field = fieldFor(error.field);
    if (field) {
      const list = (mapped.fields[field] ??= []);
      if (!list.includes(error.message)) list.push(error.message);
    } else if (!mapped.general.includes(error.message)) {
      mapped.general.push(error.message);
    }
  }
  return mapped;
}
