// Fails when a msg() string in src/ has no Lithuanian translation, when xliff/lt.xlf holds a
// translation of older English text, or when src/localization/locales/lt.ts (and its parts,
// lt.<part>.ts: scripts/split-catalogue.mjs) is not what `npm run localize:build` makes from
// xliff/lt.xlf.
//
//   node scripts/check-translations.mjs     (also run by `npm run analyze:check` and `localize:check`)
//
//   node scripts/check-translations.mjs --also some/file.ts   (extracts that file too)
//
// Fix: `npm run localize:extract`, translate the new <trans-unit>s in xliff/lt.xlf (add a
// <target> to each), then `npm run localize:build`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hashLength, shortenCatalogue, sourceIds } from './shorten-msg-ids.mjs';
import { catalogueFile, messageParts, shortKeyParts, splitCatalogue } from './split-catalogue.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'node_modules', '@lit', 'localize-tools', 'bin', 'lit-localize.js');

const unescapeXml = (text) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** `{id: {source, target}}` from an XLIFF 1.2 file written by lit-localize. */
export function readXliff(text) {
  const units = new Map();
  const unit = /<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g;
  for (const [, id, body] of text.matchAll(unit)) {
    const source = /<source>([\s\S]*?)<\/source>/.exec(body)?.[1];
    const target = /<target>([\s\S]*?)<\/target>/.exec(body)?.[1];
    units.set(unescapeXml(id), {
      source: source === undefined ? undefined : unescapeXml(source),
      target: target === undefined ? undefined : unescapeXml(target),
    });
  }
  return units;
}

/** Placeholder ids in a source or target (`<x id="0" .../>`), sorted. */
const placeholders = (text) =>
  [...text.matchAll(/<(?:x|ph) id="([^"]+)"/g)].map((match) => match[1]).sort();

/** Runs lit-localize with `configFor(scratchDir)`; returns the scratch folder (caller removes it). */
function runLocalize(command, configFor, cwd) {
  const dir = mkdtempSync(join(tmpdir(), 'finhub-l10n-'));
  const configPath = join(dir, 'lit-localize.json');
  writeFileSync(configPath, JSON.stringify(configFor(dir)));
  try {
    execFileSync(process.execPath, [bin, command, '--config', configPath], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`lit-localize ${command} failed:\n${error.stderr || error.stdout || error}`);
  }
  return dir;
}

/**
 * Compares the messages in the sources with the committed catalogue. `extraInputs` (absolute
 * globs) are extracted too: the Node test uses them to prove a new untranslated msg() fails.
 * Returns a list of problems (empty when everything is translated and built).
 */
export async function checkTranslations({ extraInputs = [] } = {}) {
  const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8'));
  const absolute = (path) => resolve(root, path);
  const problems = [];

  // 1. What the sources say now: extract into an empty folder (sources only, no targets).
  const extracted = runLocalize(
    'extract',
    (dir) => ({
      ...config,
      tsConfig: absolute(config.tsConfig),
      inputFiles: [...config.inputFiles.map(absolute), ...extraInputs],
      interchange: { ...config.interchange, xliffDir: join(dir, 'xliff') },
      output: { ...config.output, outputDir: join(dir, 'out') },
    }),
    root,
  );
  let built;
  try {
    const fresh = new Map();
    for (const locale of config.targetLocales) {
      fresh.set(locale, readXliff(readFileSync(join(extracted, 'xliff', `${locale}.xlf`), 'utf8')));
    }

    for (const locale of config.targetLocales) {
      const current = fresh.get(locale);
      const catalogue = readXliff(
        readFileSync(join(absolute(config.interchange.xliffDir), `${locale}.xlf`), 'utf8'),
      );
      for (const [id, { source }] of current) {
        const entry = catalogue.get(id);
        if (!entry || entry.target === undefined || entry.target.trim() === '') {
          problems.push(`${locale}: no translation for ${id}: "${source}"`);
        } else if (entry.source !== source) {
          problems.push(
            `${locale}: ${id} translates older English text: "${entry.source}" is now "${source}"`,
          );
        } else if (placeholders(entry.target).join() !== placeholders(source).join()) {
          problems.push(`${locale}: ${id} does not keep the placeholders of "${source}"`);
        }
      }
    }
    if (problems.length > 0 || extraInputs.length > 0) return problems;

    // 2. The runtime modules are the build of the catalogue (formatted as the repo formats).
    built = runLocalize(
      'build',
      (dir) => ({
        ...config,
        tsConfig: absolute(config.tsConfig),
        inputFiles: config.inputFiles.map(absolute),
        interchange: { ...config.interchange, xliffDir: absolute(config.interchange.xliffDir) },
        output: { ...config.output, outputDir: join(dir, 'out') },
      }),
      root,
    );
    const prettier = await import(
      pathToFileURL(join(root, 'node_modules/prettier/index.mjs')).href
    );
    const length = hashLength(sourceIds(absolute(config.interchange.xliffDir)));
    const partOf = shortKeyParts(await messageParts(), length);
    for (const locale of config.targetLocales) {
      const raw = readFileSync(join(built, 'out', `${locale}.ts`), 'utf8');
      for (const [part, text] of splitCatalogue(shortenCatalogue(raw, length), partOf)) {
        const file = catalogueFile(locale, part);
        const committedPath = join(absolute(config.output.outputDir), file);
        const options = {
          ...(await prettier.resolveConfig(committedPath)),
          filepath: committedPath,
        };
        const expected = await prettier.format(text, options);
        const committed = existsSync(committedPath) ? readFileSync(committedPath, 'utf8') : '';
        if (committed !== expected) {
          problems.push(
            `${locale}: ${config.output.outputDir}/${file} is not the build of the catalogue`,
          );
        }
      }
    }
    return problems;
  } finally {
    rmSync(extracted, { recursive: true, force: true });
    if (built) rmSync(built, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `--also <file>…`: extract these files too (test/node/translations.test.ts uses it).
  const also = process.argv.indexOf('--also');
  const extraInputs = also === -1 ? [] : process.argv.slice(also + 1).map((path) => resolve(path));
  const problems = await checkTranslations({ extraInputs });
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    console.error(
      `\n${problems.length} translation problem(s). Run \`npm run localize:extract\`, add a ` +
        '<target> to each new <trans-unit> in xliff/lt.xlf, then `npm run localize:build`.',
    );
    process.exit(1);
  }
  console.log('Every message has a current translation; the locale modules are built.');
}
