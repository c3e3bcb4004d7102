// `npm run docs:check`: every citation of the repo's docs resolves, and nothing cites a document
// outside the repository.
//   - `docs/<file>.md#<anchor>` (also `../docs/…`, in Markdown links, and `#other` anchors listed
//     right after one: `docs/finhub-contract.md#consents, #readiness-check`) must name an existing
//     file and one of its headings (GitHub slug rules) or explicit `<a id>` anchors; `](#anchor)`
//     inside docs/ must resolve in the same file.
//   - Nothing may cite the FinHub reference that lives outside the repo: its file name, `../shared`,
//     a section number (`§4.1`; `RFC 9110 §10.2.3` is fine) or an erratum (`errata E1`).
// `node scripts/check-citations.mjs [paths…]` checks only those files or folders.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorsOf } from './doc-anchors.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What is checked: the code, its tests and tools, the docs and the top-level Markdown. */
export const SCANNED = [
  'src',
  'sandbox',
  'dev',
  'test',
  'scripts',
  'bench',
  'demo',
  'docs',
  'README.md',
  'SECURITY.md',
];
/** These two name the old citation forms on purpose. */
const SELF = new Set(['scripts/cite-docs.mjs', 'scripts/check-citations.mjs']);
const TEXT = /\.(ts|tsx|js|mjs|cjs|md|html|css|vue|json)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git']);

export function filesUnder(paths) {
  const out = [];
  const walk = (path) => {
    const full = join(root, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full).sort()) {
        if (!SKIP_DIRS.has(entry)) walk(join(path, entry));
      }
    } else if (TEXT.test(path) && !SELF.has(path.split(sep).join('/'))) {
      out.push(path.split(sep).join('/'));
    }
  };
  paths.forEach(walk);
  return out;
}

/** Old citation forms that point outside the repository. */
const FORBIDDEN = [
  { pattern: /finhub-api/g, what: 'cites the FinHub reference outside the repo (finhub-api…)' },
  // `../shared/` as the guide's folder, not an import of src/steps/common/ (`../shared/x.js`).
  { pattern: /\.\.\/shared\b(?!\/[\w-]+\.js\b)/g, what: 'cites ../shared (outside the repo)' },
  { pattern: /\berrata\s+E\d/gi, what: 'cites an erratum by number (errata E…)' },
  { pattern: /§\s*\d/g, what: 'cites a section number (§…)' },
];
/** `RFC 9110 §10.2.3`: a public standard, not the reference. */
const isRfc = (line, index) => /\bRFC\s*\d+\s*$/.test(line.slice(0, index));

/** `docs/x.md#a` plus the `, #b` / ` and #c` anchors that continue it. */
const CITATION =
  /(?<![\w-])(?:\.\.\/)*docs\/([\w./-]+?\.md)(?:#([\w-]+))?((?:(?:\s*[,/+]\s*|\s+and\s+)#[\w-]+)*)/g;
/** In-page links inside docs/: `](#anchor)`. */
const LOCAL_LINK = /\]\(#([\w-]+)\)/g;

export function checkCitations(files) {
  const problems = [];
  const anchorCache = new Map();
  const anchorsFor = (name) => {
    if (!anchorCache.has(name)) {
      const file = join(root, 'docs', name);
      anchorCache.set(name, existsSync(file) ? anchorsOf(readFileSync(file, 'utf8')) : undefined);
    }
    return anchorCache.get(name);
  };
  let citations = 0;
  for (const file of files) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      const at = `${file}:${index + 1}`;
      for (const { pattern, what } of FORBIDDEN) {
        for (const match of line.matchAll(pattern)) {
          if (match[0].startsWith('§') && isRfc(line, match.index)) continue;
          problems.push(
            `${at}: ${what}: …${line.slice(Math.max(0, match.index - 30), match.index + 30).trim()}…`,
          );
        }
      }
      for (const match of line.matchAll(CITATION)) {
        const [, name, first, rest] = match;
        citations += 1;
        const anchors = anchorsFor(name);
        if (!anchors) {
          problems.push(`${at}: docs/${name} does not exist`);
          continue;
        }
        const wanted = [first, ...[...rest.matchAll(/#([\w-]+)/g)].map((m) => m[1])];
        for (const anchor of wanted) {
          if (anchor !== undefined && !anchors.has(anchor)) {
            problems.push(`${at}: docs/${name}#${anchor} is not a heading or anchor there`);
          }
        }
      }
      if (file.startsWith('docs/')) {
        const own = anchorsFor(relative('docs', file));
        for (const match of line.matchAll(LOCAL_LINK)) {
          citations += 1;
          if (!own?.has(match[1])) problems.push(`${at}: #${match[1]} is not a heading in ${file}`);
        }
      }
    });
  }
  return { problems, citations };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const files = filesUnder(args.length > 0 ? args : SCANNED);
  const { problems, citations } = checkCitations(files);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    console.error(`\n✗ ${problems.length} citation problem(s) in ${files.length} files.`);
    process.exit(1);
  }
  console.log(
    `✓ ${citations} docs/ citations resolve; nothing cites outside the repo (${files.length} files).`,
  );
}
