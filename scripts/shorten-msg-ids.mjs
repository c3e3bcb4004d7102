// Shortens the hashed message ids in the runtime catalogues lit-localize writes
// (src/localization/locales/<locale>.ts): `s0165a4c30ae6431f` (17 characters, random, so gzip
// cannot shrink them) becomes its first few characters, `s0165a4c`, about 5 kB less per locale.
// The catalogue says how many hash characters it keeps (`hashLength`); src/localization/
// localization.ts looks each id up by the same prefix. The length is the smallest, from 5, at
// which no two message ids of the sources (every <trans-unit> in xliff/) share a prefix, so a
// message can never pick up another's translation. A message not in xliff/ yet could match another's
// prefix (one in about 2,000 at 5 characters); scripts/check-translations.mjs fails CI on any
// such message, so none ships. Explicit ids (`error.rate_limited`) stay.
//
//   node scripts/shorten-msg-ids.mjs     (run by `npm run localize:build`)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogueFile, messageParts, shortKeyParts, splitCatalogue } from './split-catalogue.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const HASHED = /^[sh][0-9a-f]{16}$/;
const MIN_LENGTH = 5;

/** Every message id in the XLIFF files (translated or not). */
export function sourceIds(xliffDir = join(root, 'xliff')) {
  const ids = new Set();
  for (const file of readdirSync(xliffDir).filter((name) => name.endsWith('.xlf'))) {
    const text = readFileSync(join(xliffDir, file), 'utf8');
    for (const [, id] of text.matchAll(/<trans-unit id="([^"]+)"/g)) ids.add(id);
  }
  return ids;
}

/** The fewest hash characters (after the s/h prefix) that keep every hashed id apart. */
export function hashLength(ids) {
  const hashed = [...ids].filter((id) => HASHED.test(id));
  for (let length = MIN_LENGTH; length < 16; length++) {
    const prefixes = new Set(hashed.map((id) => id.slice(0, 1 + length)));
    if (prefixes.size === hashed.length) return length;
  }
  return 16;
}

/** The catalogue module `source` with its hashed keys cut to `length` characters of hash. */
export function shortenCatalogue(source, length) {
  const keys = /^([ \t]*)'?([sh][0-9a-f]{16})'?:/gm;
  const shortened = source.replace(keys, (_, indent, id) => `${indent}${id.slice(0, 1 + length)}:`);
  const note = `/** Characters of each hashed id's hash the keys keep (scripts/shorten-msg-ids.mjs). */\nexport const hashLength = ${length};\n`;
  const header = shortened.replace(
    '// Re-generate this file by running lit-localize',
    '// Re-generate it with `npm run localize:build` (lit-localize, then scripts/shorten-msg-ids.mjs)',
  );
  return `${header.replace(/\n*$/, '\n')}\n${note}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const length = hashLength(sourceIds());
  const partOf = shortKeyParts(await messageParts(), length);
  const dir = join(root, 'src/localization/locales');
  // The locales' main catalogues as lit-localize wrote them (`lt.ts`; `lt.organization.ts` is a part).
  for (const file of readdirSync(dir).filter((name) => /^[\w-]+\.ts$/.test(name))) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    if (/export const hashLength/.test(text)) continue; // already shortened and split
    const locale = file.replace(/\.ts$/, '');
    for (const [part, catalogue] of splitCatalogue(shortenCatalogue(text, length), partOf)) {
      writeFileSync(join(dir, catalogueFile(locale, part)), catalogue);
    }
  }
  console.log(
    `message ids: ${1 + length} characters; catalogues split by flow (split-catalogue.mjs)`,
  );
}
