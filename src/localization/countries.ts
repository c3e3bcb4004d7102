/**
 * ISO 3166-1 alpha-2 country codes (the 249 assigned codes) and their names in the current
 * locale through `Intl.DisplayNames`. FinHub's field docs ask for ISO-2 nationality and country
 * (docs/finhub-contract.md#nationality-and-formats), so the code is the value and the name is only
 * for display.
 */
const CODES = `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE
BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD
CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF
GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK
TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
VN VU WF WS YE YT ZA ZM ZW`;

export const COUNTRY_CODES: readonly string[] = CODES.split(/\s+/);

const codeSet = new Set(COUNTRY_CODES);

export const isCountryCode = (value: string): boolean => codeSet.has(value);

export interface CountryOption {
  code: string;
  name: string;
}

const cache = new Map<string, readonly CountryOption[]>();

/** Whether the list for `locale` is built already (asking for it then costs nothing). */
export const countryOptionsReady = (locale: string): boolean => cache.has(locale);

/** Every country, named in `locale` and sorted by that locale's collation. */
export function countryOptions(locale: string): readonly CountryOption[] {
  const cached = cache.get(locale);
  if (cached) return cached;
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
  } catch {
    names = undefined; // very old engines: show codes rather than fail
  }
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  const options = COUNTRY_CODES.map((code) => ({ code, name: names?.of(code) ?? code })).sort(
    (a, b) => collator.compare(a.name, b.name),
  );
  cache.set(locale, options);
  return options;
}

/** One country's name in `locale` (the code when the engine does not know it). */
export function countryName(code: string, locale: string): string {
  return countryOptions(locale).find((option) => option.code === code)?.name ?? code;
}
