/**
 * Checks the registration `categorization` object
 * (docs/finhub-contract.md#categorization-at-registration) against the hierarchy: every feature of
 * the chosen category present, every mandatory key sent, every value allowed
 * (docs/finhub-contract.md#smart-categorization). Failures answer exactly like
 * docs/finhub-contract.md#individual-registration: 400 `Categorization validation failed` with
 * `data.missingKeys` and `data.invalidValues`.
 */
import type { SandboxCategory, SandboxFeature } from './hierarchy-data.js';
import { HttpError, isObject } from './http.js';
import type { Checker } from './validation.js';

const RANGE = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** `allowedValues[key]` as a list: a bare range stays one entry, a bare `"A,B"` is split. */
function allowedList(feature: SandboxFeature, key: string): string[] | undefined {
  const entry = Object.hasOwn(feature.allowedValues, key) ? feature.allowedValues[key] : undefined;
  if (typeof entry !== 'string') return entry;
  return RANGE.test(entry.trim()) ? [entry.trim()] : entry.split(',').map((v) => v.trim());
}

function valueProblem(
  feature: SandboxFeature,
  key: string,
  value: string,
  required: readonly string[],
): string | undefined {
  const allowed = allowedList(feature, key);
  // A mandatory key the hierarchy gives no values for takes any value
  // (docs/finhub-contract.md#categorization-hierarchy, legacy features).
  if (!allowed && required.includes(key)) return undefined;
  if (!allowed) return `${key} is not a parameter of feature '${feature.featureCode}'`;
  const values = feature.multiValueKeys.includes(key)
    ? value.split(',').map((v) => v.trim())
    : [value];
  for (const item of values) {
    const range = allowed.length === 1 ? RANGE.exec(allowed[0] ?? '') : null;
    if (range) {
      const n = Number(item);
      if (!NUMBER.test(item) || n < Number(range[1]) || n > Number(range[2])) {
        return `${item} is not in allowed range: ${allowed[0]}`;
      }
    } else if (!allowed.includes(item)) {
      // Documented wording (docs/finhub-contract.md#individual-registration): "HOURLY is not in
      // allowed values: [WEEKLY, DAILY, REAL_TIME]".
      return `${item} is not in allowed values: [${allowed.join(', ')}]`;
    }
  }
  return undefined;
}

/**
 * Shape errors go to `checker` (400 `Request validation failed`); rule errors come back as the
 * docs/finhub-contract.md#individual-registration categorization error for the caller to throw
 * after the shape checks pass.
 */
export function checkCategorization(
  value: unknown,
  path: string,
  category: SandboxCategory | undefined,
  checker: Checker,
  features: readonly SandboxFeature[],
): HttpError | undefined {
  const obj = checker.object(value, path, false);
  if (!obj) return undefined;
  if (category && obj.id !== undefined && obj.id !== category.databaseId) {
    checker.add(`${path}.id`, 'Must match customerCategory.id');
  }
  const relationsPath = `${path}.categoryFeatureRelations`;
  const relations = checker.array(obj.categoryFeatureRelations, relationsPath);
  if (!relations || !category) return undefined;

  const sent = new Map<string, Map<string, string>>();
  const foreign: string[] = [];
  relations.forEach((item, i) => {
    const at = `${relationsPath}[${i}]`;
    const relation = checker.object(item, at);
    if (!relation) return;
    const ref = checker.object(relation.feature, `${at}.feature`);
    if (!ref) return;
    const feature = features.find(
      (f) =>
        (ref.id !== undefined && f.databaseId === ref.id) ||
        (ref.code !== undefined && f.featureCode === ref.code),
    );
    const params = checker.array(relation.parametrization, `${at}.parametrization`) ?? [];
    const map = new Map<string, string>();
    params.forEach((p, j) => {
      const pAt = `${at}.parametrization[${j}]`;
      if (!isObject(p)) return checker.add(pAt, 'Must be an object {name, value}');
      if (typeof p.name !== 'string' || !p.name)
        return checker.add(`${pAt}.name`, 'Field is required');
      // docs/finhub-contract.md#categorization-at-registration: "All parametrization values are
      // strings."
      if (typeof p.value !== 'string') return checker.add(`${pAt}.value`, 'Must be a string');
      if (p.value !== '') map.set(p.name, p.value);
    });
    if (!feature) {
      foreign.push(String(ref.code ?? ref.id ?? `#${i}`));
      return;
    }
    if (!category.availableFeatures.some((f) => f.featureCode === feature.featureCode)) {
      foreign.push(feature.featureCode);
      return;
    }
    sent.set(feature.featureCode, new Map([...(sent.get(feature.featureCode) ?? []), ...map]));
  });
  if (checker.errors.length) return undefined;

  const missingKeys: string[] = [];
  const invalidValues: Record<string, string> = {};
  const details: string[] = [];
  for (const code of foreign) {
    invalidValues[code] = `Feature '${code}' is not available for category ${category.categoryId}`;
    details.push(invalidValues[code]);
  }
  for (const feature of category.availableFeatures) {
    const params = sent.get(feature.featureCode) ?? new Map<string, string>();
    const required = [...feature.mandatoryKeys];
    for (const [key, rule] of Object.entries(feature.conditionallyMandatoryKeys ?? {})) {
      if (params.get(rule.whenKey) === rule.equals) required.push(key);
    }
    for (const key of required) {
      if (params.has(key)) continue;
      if (!missingKeys.includes(key)) missingKeys.push(key);
      details.push(`Feature '${feature.featureCode}' requires mandatory key '${key}'`);
    }
    for (const [key, val] of params) {
      const problem = valueProblem(feature, key, val, required);
      if (problem) {
        invalidValues[key] = problem;
        details.push(`Feature '${feature.featureCode}': ${problem}`);
      }
    }
  }
  if (!details.length) return undefined;
  return new HttpError(400, 'Categorization validation failed', {
    error: 'Invalid categorization',
    details: details[0],
    missingKeys,
    invalidValues,
  });
}
