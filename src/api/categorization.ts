/**
 * Smart categorization (docs/finhub-contract.md#categorization-hierarchy): pure functions over the
 * parsed hierarchy (docs/finhub-contract.md#categorization-hierarchy) that list categories for a
 * flow, pick a default, say per category whether it can be filled and with what (`analyzeCategory`,
 * `analyzeHierarchy`: the element checks every category before the person registers, and the doctor
 * reports them), and build the `customerCategory` + `categorization` objects sent at registration
 * (docs/finhub-contract.md#categorization-at-registration), every mandatory feature key filled by
 * the rule table (categorization-rules.ts, docs/finhub-contract.md#smart-categorization). Free of
 * Lit: failures are codes and structured problems; the UI words them for the person.
 *
 * Rules implemented (where docs/finhub-contract.md#smart-categorization, #contradictions leave
 * room, the decision is noted):
 * - Organizations keep categories whose name, code or key contains BUSINESS, ORGANIZATION
 *   (or ORGANISATION) or B2B, case-insensitively (docs/finhub-contract.md#organization-flow);
 *   individuals get all the others.
 * - Default category: the first, in hierarchy order, whose code or name has the word STANDARD,
 *   else MEDIUM, else LOW, else BASIC, else any other; categories with PROHIBITED, HIGH or
 *   CRITICAL come last (PROHIBITED after HIGH), so they are picked only when nothing else exists.
 * - Only mandatory keys are sent. Exception, pep
 *   (docs/finhub-contract.md#categorization-hierarchy): `pepCategory` is required only when pep is
 *   true, so it is left out while pep is not true and added (even if optional) when it is.
 * - Key names match across spellings (`RISK_SCORE` = `riskScore`, `PEP_STATUS` = `pep`) for
 *   allowedValues, multiValueKeys and host overrides; the hierarchy's mandatory spelling is sent.
 * - A multi-value key gets one allowed value: valid whether the server reads it as a list or
 *   not. A host override may give several (comma-separated or an array), each of them allowed.
 * - Values never leave `allowedValues` when it lists any: an entry like `"0-100"` is an inclusive
 *   integer range; every other entry is an exact value. Preferred values (MEDIUM, false, WEEKLY…)
 *   are matched case-insensitively but sent in the spelling the hierarchy uses. When no rule
 *   applies, the first allowed value is sent (the lower bound for a range).
 * - A mandatory key with no allowed values gets the documented choice (riskScore 55, monthlyLimit
 *   20000…). Only a key with neither, and no host override, makes a category unsatisfiable.
 * - A host override for a key with no allowed values is sent as given; one outside the allowed
 *   values is refused (the category is then unsatisfiable, and the problem says what is allowed).
 * - Overrides for features the chosen category does not have are ignored, so a host can pin
 *   values once for every category that uses a feature.
 */
import { FinHubApiError, type FinHubApiErrorInit, type FinHubErrorCode } from './api-error.js';
import {
  TRUTHY,
  choose,
  documentedChoice,
  isAllowed,
  kindOf,
  normalizeKey,
  parseAllowed,
  sameKey,
  words,
} from './categorization-rules.js';
import { isObject } from './response-shapes.js';
import {
  readFeature,
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
  /**
   * `databaseId`: the id sent at registration (docs/finhub-contract.md#categorization-hierarchy).
   */
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

/**
 * `individualCustomer.categorization`
 * (docs/finhub-contract.md#categorization-at-registration, #registration-body).
 */
export interface Categorization {
  id: string;
  name: string;
  description: string;
  isActive: true;
  categoryFeatureRelations: CategoryFeatureRelation[];
  parametrization: CategorizationParameter[];
}

export interface CategorizationSelection {
  /**
   * Top-level `customerCategory` (sent on every registration,
   * docs/finhub-contract.md#categorization-at-registration).
   */
  customerCategory: { id: string; name: string };
  categorization: Categorization;
}

/** One value a host pins: a string, a number or boolean (sent as text), or several values. */
export type CategorizationOverrideValue = string | number | boolean | readonly string[];

/** featureCode → key → value. Feature codes and keys match in any spelling (`RISK_SCORE`). */
export type CategorizationOverrides = Record<
  string,
  Record<string, CategorizationOverrideValue> | undefined
>;

export interface BuildCategorizationOptions {
  /** Values the host pins; refused unless the hierarchy allows them (when it lists any). */
  overrides?: CategorizationOverrides | undefined;
}

/**
 * Why a category cannot be filled:
 * - `no_value`: a mandatory key with no allowed values and no documented choice;
 * - `override_refused`: a host override outside the key's allowed values;
 * - `unknown_feature`: the category names a feature the hierarchy does not describe;
 * - `unknown_category`: no such category;
 * - `rejected`: FinHub refused the key at registration (`categorization_invalid`).
 */
export type CategorizationProblemReason =
  'no_value' | 'override_refused' | 'unknown_feature' | 'unknown_category' | 'rejected';

export interface CategorizationProblem {
  reason: CategorizationProblemReason;
  /** Category key (`hierarchy.categories` key, usually its code). */
  category: string;
  /** Feature code, when the problem is in one. */
  feature?: string;
  /** Parameter key, as the hierarchy spells it. */
  key?: string;
  /** `override_refused`: the refused value; `rejected`: FinHub's word on it. */
  value?: string;
  /** `override_refused`: what the hierarchy allows. */
  allowed?: string[];
}

/** Placeholder in a suggested override where only the host can choose the value. */
export const OVERRIDE_PLACEHOLDER = '<value>';

/** Where a sent value came from. */
export type ParameterSource = 'allowed' | 'documented' | 'override';

export interface ChosenParameter extends CategorizationParameter {
  source: ParameterSource;
}

export interface FeatureChoice {
  code: string;
  /** Feature `databaseId`; undefined when the hierarchy does not describe the feature. */
  id?: string;
  parameters: ChosenParameter[];
}

export interface CategoryAnalysis extends Omit<CategoryOption, 'features'> {
  satisfiable: boolean;
  /** Every feature with the values that would be sent (those that could be chosen). */
  features: FeatureChoice[];
  problems: CategorizationProblem[];
  /** The overrides that would fill it (`<value>` where only the host can choose); `{}` if none. */
  overridesNeeded: Record<string, Record<string, string>>;
  /** The registration objects, when satisfiable. */
  selection?: CategorizationSelection;
}

/**
 * What the host hears about a category that cannot be opened (the `finhub-error` detail): the
 * first problem's feature and key, every problem, the override that would fix them, and how to
 * set it.
 */
export interface CategorizationDetails {
  feature?: string | undefined;
  key?: string | undefined;
  problems: readonly CategorizationProblem[];
  /** featureCode → key → value for `categorizationOverrides`; `{}` when no override can help. */
  override: Record<string, Record<string, string>>;
  /** For the developer, in English: what to change. */
  fix: string;
}

export function categorizationDetails(
  problems: readonly CategorizationProblem[],
  override: Record<string, Record<string, string>>,
): CategorizationDetails {
  const fix = Object.keys(override).length
    ? `Set categorizationOverrides to ${JSON.stringify(override)}.`
    : 'No override can fix this; run `npx finhub-onboarding doctor`.';
  return { feature: problems[0]?.feature, key: problems[0]?.key, problems, override, fix };
}

/**
 * `categorization_unsatisfiable` (or FinHub's `categorization_invalid`, explained): the problems
 * and the override that would fix them. Its message is for developers (English); the element
 * shows the person its own localized text for the code.
 */
export class CategorizationError extends FinHubApiError {
  /** The host's view: problems, the override that would fix them, `fix` in words. */
  readonly categorization: CategorizationDetails;

  constructor(
    problems: readonly CategorizationProblem[],
    override: Record<string, Record<string, string>>,
    init: Partial<FinHubApiErrorInit> & { code?: FinHubErrorCode } = {},
  ) {
    super({
      code: 'categorization_unsatisfiable',
      message: `Category cannot be filled: ${JSON.stringify(problems)}`,
      ...init,
    });
    this.categorization = categorizationDetails(problems, override);
  }
}

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
  // Read like FinHub's own answer (hierarchy.ts), without loading zod on the first step.
  if (typeof entry !== 'string' && isObject(entry) && typeof entry.databaseId === 'string') {
    return readFeature(code, entry);
  }
  return undefined;
}

/** `availableFeatures` (or its legacy name `features`), each code once. */
const uniqueEntries = (category: HierarchyCategory) => {
  const seen = new Set<string>();
  return (category.availableFeatures ?? category.features ?? []).filter((entry) => {
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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The host's overrides for one feature, its code matched in any spelling. */
function overridesFor(
  overrides: CategorizationOverrides | undefined,
  featureCode: string,
): Record<string, unknown> {
  if (!isRecord(overrides)) return {};
  const match = Object.hasOwn(overrides, featureCode)
    ? featureCode
    : Object.keys(overrides).find((code) => normalizeKey(code) === normalizeKey(featureCode));
  const pinned = match === undefined ? undefined : overrides[match];
  return isRecord(pinned) ? pinned : {};
}

// --- filling one feature -----------------------------------------------------------------------

interface FeatureFill {
  parameters: ChosenParameter[];
  problems: CategorizationProblem[];
  needed: Record<string, string>;
}

/** An override as its parts; undefined when it is not a value at all (an object, null). */
function overrideParts(value: unknown, multi: boolean): string[] | undefined {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'string' && multi
      ? value.split(',')
      : [value];
  if (!list.every((item) => ['string', 'number', 'boolean'].includes(typeof item))) {
    return undefined;
  }
  const parts = list.map((item) => String(item).trim());
  return parts.length > 0 && parts.every((part) => part !== '') ? parts : undefined;
}

function fillFeature(
  category: string,
  feature: HierarchyFeature,
  pinnedByHost: Record<string, unknown>,
): FeatureFill {
  const code = feature.featureCode;
  const allowedValues = feature.allowedValues ?? {};
  const allowedKeys = Object.keys(allowedValues);
  // Exact key first, then the same key spelled differently.
  const spelledAs = (key: string, among: readonly string[]) =>
    among.includes(key) ? key : among.find((candidate) => sameKey(candidate, key));
  const listOf = (key: string) => {
    const match = spelledAs(key, allowedKeys);
    return match === undefined ? undefined : allowedValues[match];
  };
  const multi = feature.multiValueKeys ?? [];
  const mandatory = [...new Set(feature.mandatoryKeys ?? [])];

  // Host keys in the hierarchy's spelling (the mandatory one, else the allowedValues one).
  const pinned = new Map<string, unknown>();
  for (const [hostKey, value] of Object.entries(pinnedByHost)) {
    pinned.set(spelledAs(hostKey, mandatory) ?? spelledAs(hostKey, allowedKeys) ?? hostKey, value);
  }
  const keys = [...mandatory, ...[...pinned.keys()].filter((key) => !mandatory.includes(key))];

  const fill: FeatureFill = { parameters: [], problems: [], needed: {} };
  const resolve = (key: string): ChosenParameter | undefined => {
    const list = listOf(key);
    const entries = list ? parseAllowed(list) : undefined;
    if (pinned.has(key)) {
      const value = pinned.get(key);
      const parts = overrideParts(value, spelledAs(key, multi) !== undefined);
      if (parts && (!entries || parts.every((part) => isAllowed(entries, part)))) {
        return { name: key, value: parts.join(','), source: 'override' };
      }
      fill.problems.push({
        reason: 'override_refused',
        category,
        feature: code,
        key,
        value: Array.isArray(value) ? value.join(',') : String(value),
        allowed: list ?? [],
      });
      fill.needed[key] =
        (entries ? choose(key, entries) : documentedChoice(key)) ?? OVERRIDE_PLACEHOLDER;
      return undefined;
    }
    if (entries) return { name: key, value: choose(key, entries), source: 'allowed' };
    const documented = documentedChoice(key);
    if (documented !== undefined) return { name: key, value: documented, source: 'documented' };
    fill.problems.push({ reason: 'no_value', category, feature: code, key });
    fill.needed[key] = OVERRIDE_PLACEHOLDER;
    return undefined;
  };

  const pepKey = keys.find((key) => kindOf(key) === 'pep');
  const pepDefined = pepKey !== undefined || allowedKeys.some((key) => kindOf(key) === 'pep');
  const pep = pepKey === undefined ? undefined : resolve(pepKey);
  const pepTrue = pep !== undefined && TRUTHY.test(pep.value);

  for (const key of keys) {
    // docs/finhub-contract.md#categorization-hierarchy: pepCategory is required only when pep is
    // true. With no pep key and no values for it either, nothing says the person is a PEP: it is
    // left out too.
    const pepCategory = kindOf(key) === 'pepCategory' && !pinned.has(key) && !pepTrue;
    if (pepCategory && (pepDefined || !listOf(key))) continue;
    const parameter = key === pepKey ? pep : resolve(key);
    if (parameter) fill.parameters.push(parameter);
    if (key === pepKey && pepTrue) {
      for (const extra of allowedKeys) {
        if (kindOf(extra) === 'pepCategory' && !keys.some((k) => sameKey(k, extra))) {
          const added = resolve(extra);
          if (added) fill.parameters.push(added);
        }
      }
    }
  }
  return fill;
}

// --- public API --------------------------------------------------------------------------------

/**
 * The keys of the categories offered to a flow (docs/finhub-contract.md#organization-flow), in
 * hierarchy order.
 */
const keysFor = (hierarchy: CategorizationHierarchy, kind: CustomerKind) =>
  Object.keys(hierarchy.categories).filter(
    (key) => isOrganizationCategory(key, hierarchy.categories[key]!) === (kind === 'organization'),
  );

/** Categories offered to a flow (docs/finhub-contract.md#organization-flow), in hierarchy order. */
export function listCategories(
  hierarchy: CategorizationHierarchy,
  kind: CustomerKind,
): CategoryOption[] {
  return keysFor(hierarchy, kind).map((key) => {
    const category = hierarchy.categories[key]!;
    return {
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
    };
  });
}

/** The default among `options` (rule in the module comment): the first of the best rank. */
export function pickDefault<T extends { code: string; name: string }>(
  options: readonly T[],
): T | undefined {
  let best: T | undefined;
  let bestRank = Infinity;
  for (const option of options) {
    const list = words(`${option.code} ${option.name}`);
    const has = (word: string) => list.includes(word);
    const index = ['standard', 'medium', 'low', 'basic'].findIndex(has);
    const rank = has('prohibited') ? 6 : has('high') || has('critical') ? 5 : index < 0 ? 4 : index;
    if (rank < bestRank) {
      best = option;
      bestRank = rank;
    }
  }
  return best;
}

/** The default category for a flow, undefined when there is none. */
export const pickDefaultCategory = (hierarchy: CategorizationHierarchy, kind: CustomerKind) =>
  pickDefault(listCategories(hierarchy, kind));

/**
 * Whether one category can be filled (docs/finhub-contract.md#smart-categorization), with the
 * values chosen, the problems and the overrides that would fix them. Undefined when the hierarchy
 * has no such category.
 */
export function analyzeCategory(
  hierarchy: CategorizationHierarchy,
  categoryKeyOrId: string,
  overrides?: CategorizationOverrides,
): CategoryAnalysis | undefined {
  const found = findCategory(hierarchy, categoryKeyOrId);
  if (!found) return undefined;
  const [key, category] = found;
  const analysis: CategoryAnalysis = {
    key,
    id: category.databaseId,
    code: category.categoryId,
    name: category.categoryName,
    ...(category.description ? { description: category.description } : {}),
    satisfiable: false,
    features: [],
    problems: [],
    overridesNeeded: {},
  };
  const relations: CategoryFeatureRelation[] = [];
  for (const entry of uniqueEntries(category)) {
    const feature = resolveFeature(hierarchy, entry);
    const code = featureCodeOf(entry);
    if (!feature) {
      analysis.features.push({ code, parameters: [] });
      analysis.problems.push({ reason: 'unknown_feature', category: key, feature: code });
      continue;
    }
    const fill = fillFeature(key, feature, overridesFor(overrides, feature.featureCode));
    analysis.features.push({
      code: feature.featureCode,
      id: feature.databaseId,
      parameters: fill.parameters,
    });
    analysis.problems.push(...fill.problems);
    if (Object.keys(fill.needed).length > 0) {
      analysis.overridesNeeded[feature.featureCode] = fill.needed;
    }
    relations.push({
      feature: { id: feature.databaseId, code: feature.featureCode },
      enabled: true,
      parametrization: fill.parameters.map(({ name, value }) => ({ name, value })),
    });
  }
  analysis.satisfiable = analysis.problems.length === 0;
  if (analysis.satisfiable) {
    analysis.selection = {
      customerCategory: { id: category.databaseId, name: category.categoryName },
      categorization: {
        id: category.databaseId,
        name: category.categoryName,
        description: category.description ?? '',
        isActive: true,
        categoryFeatureRelations: relations,
        parametrization: [],
      },
    };
  }
  return analysis;
}

/** `analyzeCategory` for every category a flow offers, in hierarchy order (the doctor's view). */
export function analyzeHierarchy(
  hierarchy: CategorizationHierarchy,
  kind: CustomerKind,
  overrides?: CategorizationOverrides,
): CategoryAnalysis[] {
  return keysFor(hierarchy, kind).map((key) => analyzeCategory(hierarchy, key, overrides)!);
}

/**
 * The registration objects for one category
 * (docs/finhub-contract.md#categorization-at-registration), every mandatory key of every feature
 * filled (docs/finhub-contract.md#smart-categorization). Throws a `CategorizationError`
 * (`categorization_unsatisfiable`) when that is impossible.
 */
export function buildCategorization(
  hierarchy: CategorizationHierarchy,
  categoryKeyOrId: string,
  options: BuildCategorizationOptions = {},
): CategorizationSelection {
  const analysis = analyzeCategory(hierarchy, categoryKeyOrId, options.overrides);
  if (!analysis) {
    throw new CategorizationError([{ reason: 'unknown_category', category: categoryKeyOrId }], {});
  }
  if (!analysis.selection)
    throw new CategorizationError(analysis.problems, analysis.overridesNeeded);
  return analysis.selection;
}

/**
 * FinHub's `categorization_invalid` at registration
 * (docs/finhub-contract.md#individual-registration: `missingKeys`, `invalidValues`) as problems of
 * the category, each key traced to the feature that has it, so the host learns which override to
 * set and the element stops offering the category.
 */
export function explainRejection(
  hierarchy: CategorizationHierarchy,
  categoryKeyOrId: string,
  error: FinHubApiError,
): CategorizationError {
  const found = findCategory(hierarchy, categoryKeyOrId);
  const key = found?.[0] ?? categoryKeyOrId;
  const features = found ? uniqueEntries(found[1]).map((e) => resolveFeature(hierarchy, e)) : [];
  const problems: CategorizationProblem[] = [];
  const override: Record<string, Record<string, string>> = {};
  const refused: [string, string | undefined][] = [
    ...error.missingKeys.map((name): [string, undefined] => [name, undefined]),
    ...Object.entries(error.invalidValues),
  ];
  for (const [name, said] of refused) {
    const feature = features.find((f) =>
      [...(f?.mandatoryKeys ?? []), ...Object.keys(f?.allowedValues ?? {})].some((k) =>
        sameKey(k, name),
      ),
    );
    const code = feature?.featureCode;
    problems.push({
      reason: 'rejected',
      category: key,
      ...(code ? { feature: code } : {}),
      key: name,
      ...(said ? { value: said } : {}),
    });
    if (code) (override[code] ??= {})[name] = OVERRIDE_PLACEHOLDER;
  }
  if (problems.length === 0) problems.push({ reason: 'rejected', category: key });
  // FinHub's own error (code, status, missingKeys…) with the problems traced.
  return new CategorizationError(problems, override, { ...error, cause: error });
}
