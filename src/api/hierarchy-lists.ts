/** The hierarchy's list fields in any documented spelling (docs/finhub-contract.md#categorization-hierarchy). */
const SPACED_RANGE = /^(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)$/;

/** `"A, B"` → `['A', 'B']`; a single value or range stays one entry (`"0 - 100"` → `"0-100"`). */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim().replace(SPACED_RANGE, '$1-$2'))
    .filter(Boolean);

/** One `allowedValues` entry in any documented shape → its values; undefined when it lists none. */
export function allowedList(raw: unknown): string[] | undefined {
  let list: string[] = [];
  if (Array.isArray(raw)) {
    list = raw
      .filter((item) => ['string', 'number', 'boolean'].includes(typeof item))
      .map((item) => String(item).trim().replace(SPACED_RANGE, '$1-$2'))
      .filter(Boolean);
  } else if (typeof raw === 'string') {
    list = splitList(raw);
  } else if (typeof raw === 'number' || typeof raw === 'boolean') {
    list = [String(raw)];
  }
  return list.length > 0 ? list : undefined;
}
