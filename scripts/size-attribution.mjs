// `npm run size:attribute`: what each gzip byte of one flow/locale buys (issue 17). Builds the
// script-tag bundle with source maps into a temp dir (scripts/build-cdn.mjs, FINHUB_CDN_OUT), then
// tags every character of every chunk with its source module (the source map) and its kind (CSS
// or HTML template text, other strings, code). A module's or kind's cost is what the chunk's gzip
// size loses without its characters (text that repeats elsewhere costs little), scaled so the
// costs add up to the file's gzip size. Prints, per flow/locale as `npm run size` counts them
// (the same sets, from its --json), the cost by feature, by kind and the largest modules.
// `--json` prints the tables.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { parseAst } from 'rolldown/parseAst';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'finhub-size-'));
const json = process.argv.includes('--json');
const KB = 1000;

/** The module each generated character came from, by the chunk's source map. */
function modulesByOffset(code, map) {
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const owner = new Array(code.length).fill('(bundler)');
  const marks = [];
  eachMapping(new TraceMap(map), (m) => {
    if (m.source) marks.push([lineStarts[m.generatedLine - 1] + m.generatedColumn, m.source]);
  });
  marks.sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < marks.length; i++) {
    const [start, source] = marks[i];
    const end = i + 1 < marks.length ? marks[i + 1][0] : code.length;
    for (let at = start; at < end; at++) owner[at] = source;
  }
  return owner;
}

/** The kind of each generated character: template text (CSS or HTML), other strings, or code. */
function kindsByOffset(code) {
  const kind = new Array(code.length).fill('code');
  const mark = (start, end, what) => {
    for (let at = start; at < end; at++) kind[at] = what;
  };
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (node.type === 'TemplateLiteral') {
      const text = node.quasis.map((q) => q.value.raw).join('');
      const what = /<[a-z]/i.test(text)
        ? 'html'
        : /[{;]\s*[\w-]+:[^;{}]+[;}]|:host|--[\w-]+:/.test(text)
          ? 'css'
          : 'strings';
      for (const quasi of node.quasis) mark(quasi.start, quasi.end, what);
    } else if (node.type === 'Literal' && typeof node.value === 'string') {
      mark(node.start, node.end, 'strings');
    }
    for (const key of Object.keys(node)) if (key !== 'parent') visit(node[key]);
  };
  visit(parseAst(code, { lang: 'js', sourceType: 'module' }));
  return kind;
}

const gzipLength = (text) => gzipSync(text, { level: 9 }).length;

/**
 * Each key's share of the chunk's gzip size: what the file loses when the key's characters are
 * left out (its marginal cost, so text repeated elsewhere costs little), scaled so the shares add
 * up to the file's gzip size.
 */
function shares(code, keyAt) {
  const keys = [...new Set(keyAt)];
  const whole = gzipLength(code);
  const marginal = keys.map((key) => {
    let rest = '';
    for (let at = 0; at < code.length; at++) if (keyAt[at] !== key) rest += code[at];
    return Math.max(0, whole - gzipLength(rest));
  });
  const sum = marginal.reduce((a, b) => a + b, 0) || 1;
  return new Map(keys.map((key, i) => [key, (marginal[i] * whole) / sum]));
}

/** Rows {file, module, kind, gzip} for every chunk in `files`. */
function attribute(dir, files) {
  const rows = [];
  for (const file of files) {
    const code = readFileSync(join(dir, file), 'utf8');
    let map;
    try {
      map = JSON.parse(readFileSync(join(dir, `${file}.map`), 'utf8'));
    } catch {
      map = { version: 3, sources: [], names: [], mappings: '' };
    }
    const owner = modulesByOffset(code, map).map(clean);
    const kind = kindsByOffset(code);
    // A module's share, split over its kinds by their shares of the whole file.
    const byModule = shares(code, owner);
    const byKind = shares(code, kind);
    for (const [module, bytes] of byModule) {
      const here = new Map();
      for (let at = 0; at < code.length; at++)
        if (owner[at] === module) here.set(kind[at], (here.get(kind[at]) ?? 0) + 1);
      const weight = [...here].map(([k, n]) => [k, n * (byKind.get(k) / count(kind, k))]);
      const total = weight.reduce((a, [, w]) => a + w, 0) || 1;
      for (const [k, w] of weight) rows.push({ file, module, kind: k, gzip: (bytes * w) / total });
    }
  }
  return rows;
}

function count(list, value) {
  let n = 0;
  for (const item of list) if (item === value) n++;
  return n || 1;
}

/** A source path relative to the repo (node_modules packages by name). */
function clean(source) {
  if (!source.includes('node_modules/')) return source.replace(/^.*?\/?(?=src\/)/, '');
  return source
    .replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, 'npm:')
    .replace(/^npm:(@[^/]+\/[^/]+|[^/]+)\/.*/, 'npm:$1');
}

/** The feature a module belongs to, for the README's short table. */
function feature(module) {
  if (module.startsWith('npm:lit') || module.startsWith('npm:@lit/')) return 'Lit + @lit/localize';
  if (module.startsWith('npm:zod')) return 'zod (mini)';
  if (module.startsWith('npm:')) return module.slice(4);
  if (/^src\/localization\/locales\//.test(module)) return 'Lithuanian catalogue';
  if (/^src\/(api\/errors|localization\/error-messages)/.test(module)) return 'error catalogues';
  if (
    /\.schema\.ts$|^src\/api\/((individual-|organization-)?schemas|response-shapes)|^src\/steps\/common\/(rules|validate)/.test(
      module,
    )
  )
    return 'schemas (forms + responses)';
  if (
    /^src\/api\/(categorization|categorization-rules|hierarchy|hierarchy-lists)|category-options/.test(
      module,
    )
  )
    return 'hierarchy reader + analysis';
  if (/^src\/(api|flows\/[\w-]+-(api|calls|common|first))/.test(module))
    return 'API client + calls';
  if (/^src\/steps\/common\/|^src\/styles\//.test(module)) return 'step base, forms, styles';
  const step = /^src\/steps\/([\w-]+)\//.exec(module);
  if (step) return `step: ${step[1]}`;
  if (/^src\/(element|events|define)/.test(module)) return 'element + events';
  if (/^src\/(flow|flows)\//.test(module)) return 'flow driver + definitions';
  if (/^src\/localization\//.test(module)) return 'localization';
  return 'other';
}

function report(sets, rows) {
  const table = {};
  for (const [key, set] of Object.entries(sets)) {
    const mine = rows.filter((row) => set.fileList.includes(row.file));
    const by = (pick) => {
      const totals = new Map();
      for (const row of mine) totals.set(pick(row), (totals.get(pick(row)) ?? 0) + row.gzip);
      return [...totals].sort((a, b) => b[1] - a[1]);
    };
    table[key] = {
      total: mine.reduce((a, row) => a + row.gzip, 0),
      feature: by((row) => feature(row.module)),
      kind: by((row) => row.kind),
      module: by((row) => row.module),
    };
  }
  if (json) return console.log(JSON.stringify(table, null, 1));
  const kb = (bytes) => `${(bytes / KB).toFixed(1)}`.padStart(5);
  for (const [key, { total, feature: features, kind, module }] of Object.entries(table)) {
    console.log(`\n${key}: ${kb(total)} kB gz`);
    console.log(`  by kind: ${kind.map(([k, b]) => `${k} ${kb(b).trim()}`).join(', ')}`);
    for (const [name, bytes] of features) console.log(`  ${kb(bytes)}  ${name}`);
    console.log('  largest modules:');
    for (const [name, bytes] of module.slice(0, 25)) console.log(`    ${kb(bytes)}  ${name}`);
  }
}

try {
  execFileSync(process.execPath, [join(root, 'scripts/build-cdn.mjs')], {
    cwd: root,
    env: { ...process.env, FINHUB_CDN_OUT: out, FINHUB_CDN_SOURCEMAP: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Its exit code says over budget or not: the source map comments add bytes, so it is no measure.
  const { measures } = JSON.parse(
    spawnSync(process.execPath, [join(root, 'scripts/check-size.mjs'), '--json'], {
      cwd: root,
      env: { ...process.env, FINHUB_CDN_DIR: out },
    }).stdout.toString(),
  );
  // The first step is the same for both flows: one row per locale.
  const sets = {
    'first step/en': measures.firstStep['individual/en'],
    'first step/lt': measures.firstStep['individual/lt'],
    ...measures.flow,
  };
  report(sets, attribute(out, new Set(Object.values(sets).flatMap((set) => set.fileList))));
} finally {
  rmSync(out, { recursive: true, force: true });
}
