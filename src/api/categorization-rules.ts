/**
 * The smart-categorization rule table for one key (docs/finhub-contract.md#smart-categorization):
 * what a key name means in any spelling (`riskScore`, `RISK_SCORE`, `risk_score`; `pep`,
 * `PEP_STATUS`, `isPEP`…), and which value to send: one of the allowed values by the table's
 * preference, or, when the hierarchy lists none for the key, the table's documented choice.
 * Pure and free of Lit; categorization.ts applies it to whole features and categories.
 */

export type KeyKind =
  | 'pepCategory'
  | 'pep'
  | 'edd'
  | 'riskScore'
  | 'riskLevel'
  | 'sanctions'
  | 'monitoring'
  | 'monthlyLimit'
  | 'dailyLimit'
  | 'verificationLevel'
  | 'other';

// --- key names ---------------------------------------------------------------------------------

/** `riskLevel`, `risk_level`, `RISK_LEVEL`, `isPEP` → lower-case words. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Case and separators dropped: `risk_score`, `RISK_SCORE` and `riskScore` are one key. */
export const normalizeKey = (key: string): string => words(key).join('');

/** Words that say how a key is stored, not what it is: `PEP_STATUS`, `isPEP` and `pep` are one key. */
const FILLER = new Set([
  'is',
  'has',
  'status',
  'flag',
  'frequency',
  'check',
  'screening',
  'level',
  'required',
  'enabled',
]);

const singular = (word: string) =>
  word.length <= 3 || word.endsWith('ss')
    ? word
    : word.endsWith('ies')
      ? `${word.slice(0, -3)}y`
      : word.replace(/s$/, '');

/** The key without filler words and plurals (`MONITORING_FREQUENCY` → `monitoring`). */
function canonicalKey(key: string): string {
  const list = words(key);
  const kept = list.filter((word) => !FILLER.has(word));
  return (kept.length > 0 ? kept : list).map(singular).join('');
}

/** The same key in another spelling (case, separators, filler words, plural). */
export const sameKey = (a: string, b: string): boolean =>
  a === b || normalizeKey(a) === normalizeKey(b) || canonicalKey(a) === canonicalKey(b);

/** Which row of the rule table a key belongs to, by the words in its name. */
export function kindOf(key: string): KeyKind {
  const list = words(key);
  const has = (...options: string[]) => options.some((option) => list.includes(option));
  const joined = list.join('');
  if (has('pep') || joined.includes('politicallyexposed')) {
    return has('category', 'categories', 'type', 'types') ? 'pepCategory' : 'pep';
  }
  if (has('edd') || joined.includes('enhancedduediligence')) return 'edd';
  if (has('risk') && has('score')) return 'riskScore';
  if (has('risk')) return 'riskLevel';
  if (has('sanction', 'sanctions')) return 'sanctions';
  // `transactionMonitoring` (BATCH_DAILY, REAL_TIME) is another setting than the frequency.
  if (has('monitoring')) return has('transaction', 'transactions') ? 'other' : 'monitoring';
  if (has('limit', 'limits')) {
    if (has('monthly', 'month')) return 'monthlyLimit';
    if (has('daily', 'day')) return 'dailyLimit';
  }
  if (has('verification', 'kyc')) return 'verificationLevel';
  return 'other';
}

// --- allowed values ----------------------------------------------------------------------------

export type AllowedEntry = { value: string } | { min: number; max: number };

const RANGE = /^\s*(-?\d+)\s*-\s*(-?\d+)\s*$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
export const TRUTHY = /^(true|yes|y|1)$/i;

/** `"0-100"` is an inclusive integer range; every other entry is an exact value. */
export function parseAllowed(list: readonly string[]): AllowedEntry[] {
  return list.map((raw) => {
    const range = RANGE.exec(raw);
    if (!range) return { value: raw };
    const a = Number(range[1]);
    const b = Number(range[2]);
    return { min: Math.min(a, b), max: Math.max(a, b) };
  });
}

export function isAllowed(entries: AllowedEntry[], value: string): boolean {
  return entries.some((entry) =>
    'value' in entry
      ? entry.value === value
      : /^-?\d+$/.test(value) && Number(value) >= entry.min && Number(value) <= entry.max,
  );
}

const discrete = (entries: AllowedEntry[]) =>
  entries.flatMap((entry) => ('value' in entry ? [entry.value] : []));
const ranges = (entries: AllowedEntry[]) =>
  entries.flatMap((entry) => ('value' in entry ? [] : [entry]));

function preferred(entries: AllowedEntry[], wanted: string[]): string | undefined {
  const values = discrete(entries);
  for (const want of wanted) {
    const hit = values.find((value) => value.toLowerCase() === want.toLowerCase());
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function first(entries: AllowedEntry[]): string {
  const head = entries[0]!;
  return 'value' in head ? head.value : String(head.min);
}

/** The middle discrete value (lower middle for an even count), PROHIBITED left out if possible. */
function middle(entries: AllowedEntry[]): string {
  const all = discrete(entries);
  const usable = all.filter((value) => value.toUpperCase() !== 'PROHIBITED');
  const values = usable.length > 0 ? usable : all;
  if (values.length > 0) return values[Math.floor((values.length - 1) / 2)]!;
  const range = ranges(entries)[0]!;
  return String(Math.floor((range.min + range.max) / 2));
}

/**
 * A number inside the band [low, high], nearest to `prefer`; when nothing allowed meets the band,
 * a range's midpoint or the allowed number nearest to `prefer`. Undefined when nothing is numeric.
 */
function numberIn(
  entries: AllowedEntry[],
  low: number,
  high: number,
  prefer: number,
): string | undefined {
  const inBand: string[] = [];
  const outside: string[] = [];
  for (const entry of entries) {
    if ('value' in entry) {
      if (!NUMBER.test(entry.value)) continue;
      const n = Number(entry.value);
      (n >= low && n <= high ? inBand : outside).push(entry.value);
    } else if (entry.max >= low && entry.min <= high) {
      const lo = Math.max(entry.min, low);
      const hi = Math.min(entry.max, high);
      inBand.push(String(Math.min(hi, Math.max(lo, prefer))));
    } else {
      outside.push(String(Math.floor((entry.min + entry.max) / 2)));
    }
  }
  const pool = inBand.length > 0 ? inBand : outside;
  let best: string | undefined;
  for (const candidate of pool) {
    if (
      best === undefined ||
      Math.abs(Number(candidate) - prefer) < Math.abs(Number(best) - prefer)
    ) {
      best = candidate;
    }
  }
  return best;
}

const PEP_NO = ['false', 'NO', 'NOT_APPLICABLE', 'NONE', 'N'];

/** The table's choice among the allowed values of one key. `entries` is non-empty. */
export function choose(key: string, entries: AllowedEntry[]): string {
  const values = discrete(entries);
  const booleans = values.filter((value) => /^(true|false)$/i.test(value));
  if (values.length > 0 && booleans.length === entries.length) {
    return booleans.find((value) => value.toLowerCase() === 'false') ?? booleans[0]!;
  }
  switch (kindOf(key)) {
    case 'riskLevel':
      return preferred(entries, ['MEDIUM', 'STANDARD']) ?? middle(entries);
    case 'riskScore':
      return (
        numberIn(entries, 40, 69, 55) ??
        preferred(entries, ['MEDIUM', 'STANDARD']) ??
        middle(entries)
      );
    case 'pep':
      return preferred(entries, PEP_NO) ?? first(entries);
    case 'sanctions':
      return preferred(entries, ['STANDARD', 'PERIODIC']) ?? first(entries);
    case 'monitoring':
      return preferred(entries, ['WEEKLY', 'STANDARD']) ?? first(entries);
    case 'monthlyLimit':
      return numberIn(entries, 15000, 25000, 20000) ?? first(entries);
    case 'dailyLimit':
      return numberIn(entries, 3000, 7000, 5000) ?? first(entries);
    case 'edd':
      return preferred(entries, ['OPTIONAL', 'false', 'NO', 'NOT_REQUIRED']) ?? first(entries);
    case 'verificationLevel':
      return preferred(entries, ['STANDARD']) ?? first(entries);
    default:
      return first(entries);
  }
}

/**
 * The documented choice for a key the hierarchy lists no values for (the legacy
 * MEDIUM_RISK_PROFILE lists riskScore and monthlyLimit bare); undefined where the table has no
 * row for the key. EDD: `false` for a flag-like name (`edd`, `eddRequired`), as the documented
 * `edd` key is `[true,false]`; `OPTIONAL` for a level-like name (`eddLevel`, `EDD_STATUS`).
 */
export function documentedChoice(key: string): string | undefined {
  switch (kindOf(key)) {
    case 'riskLevel':
      return 'MEDIUM';
    case 'riskScore':
      return '55';
    case 'pep':
      return 'false';
    case 'sanctions':
      return 'STANDARD';
    case 'monitoring':
      return 'WEEKLY';
    case 'monthlyLimit':
      return '20000';
    case 'dailyLimit':
      return '5000';
    case 'edd':
      return words(key).some((word) => ['level', 'status', 'mode', 'type'].includes(word))
        ? 'OPTIONAL'
        : 'false';
    case 'verificationLevel':
      return 'STANDARD';
    default:
      return undefined;
  }
}
