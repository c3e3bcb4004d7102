// Script-tag bundles in dist/cdn/: Lit, zod and every step and locale inlined (nothing is fetched
// from anywhere but dist/cdn/), minified, production mode (Lit's dev mode off). Each registers
// <finhub-onboarding> when it runs.
//   finhub-onboarding.js       ES module: <script type="module" src="…/finhub-onboarding.js">.
//                              A few hundred bytes that load chunks/core-*.js (the element, the
//                              flow, Lit, the first step and its API calls); every other step, the
//                              rest of the API client and each locale load from chunks/ when first
//                              needed.
//   finhub-onboarding.iife.js  classic script: <script src="…">, for pages that cannot add a module
//                              script. The same guarded loader in a function: its import() of
//                              chunks/core-*.js resolves against the script's own URL (a classic
//                              script's base URL is where it was fetched from), so it loads
//                              exactly what the ES build loads, lazily (issue 17). Served from
//                              another origin, the chunks need CORS (module fetches), as any CDN
//                              gives.
// Both do nothing when evaluated without a DOM (server rendering, Node): the loader only imports
// the core inside the guard.
// dist/cdn/.vite/manifest.json is the chunk graph `npm run size` (scripts/check-size.mjs) reads.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { transform as minifyCss } from 'lightningcss';
import { parseAst } from 'rolldown/parseAst';
import { build } from 'vite';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import {
  HANDOFF,
  INDIVIDUAL,
  MESSAGE_PARTS,
  ORGANIZATION,
  PHONE,
  partOfFile,
} from './chunk-groups.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// `npm run size:attribute` builds into a temp dir with source maps (scripts/size-attribution.mjs).
const outDir = process.env.FINHUB_CDN_OUT ?? 'dist/cdn';
const sourcemap = Boolean(process.env.FINHUB_CDN_SOURCEMAP);
const ES_FILE = 'finhub-onboarding.js';
const IIFE_FILE = 'finhub-onboarding.iife.js';
const ENTRY = 'virtual:finhub-cdn-entry';
const RESOLVED = `\0${ENTRY}`;
const GUARD = 'typeof document<"u"&&typeof customElements<"u"';
const DEFINE = `${root}src/define.ts`;
// Everything the first step needs, in the one chunk the entry loads (issue 17: the first step in
// one round trip): the element, the flow, Lit, the categorization step's lazy module (its element
// and work) and each flow's API module (the session, the token, the hierarchy: src/flows/*-api.ts).
// The bundler's runtime lands here too as long as no other chunk is a dynamic import target that
// needs a namespace object (otherwise it becomes a fourth file; `npm run size` counts requests).
const FIRST_SCREEN = [
  DEFINE,
  `${root}src/steps/categorization/categorization.lazy.ts`,
  // The view waits for its category names before it shows a choice: in the later steps' chunk it
  // made the first step wait for that whole chunk (issue 17: `npm run bench` counted 75 kB).
  `${root}src/steps/categorization/category-labels.ts`,
  `${root}src/flows/individual-api.ts`,
  `${root}src/flows/organization-api.ts`,
];
// Everything after the first step, in few files (per-file gzip and requests cost; issue 17 measured
// 20+ files per flow): what only a person needs (their registration, their calls and their API
// client's endpoints), what only a company needs (its registration, the people step, its calls and
// client), and one chunk for what both flows share after the first step (the later steps, the API
// client's shared part, zod and the form schemas). The locale catalogues and the optional extras
// (camera capture, the phone hand-off's QR code) stay files of their own, loaded only when asked
// for.
// (INDIVIDUAL, ORGANIZATION and PHONE are in scripts/chunk-groups.mjs: the catalogue split uses them.)
// The transport every later call needs (fetch with the token, envelopes, response shapes): the
// later steps' clients build on it, and so does the element's own read of the hierarchy when the
// token came without the categories. A chunk of its own so that fallback (in the first step) does
// not load the later steps' chunk.
const TRANSPORT =
  /\/src\/api\/(client-base|http|envelope|errors|device|random-uuid|response-shapes|types)\.ts$/;
// Reading and analysing the hierarchy: the relay hands the categories over with the token, each with
// what registration sends for it (docs/architecture.md#categories-with-the-token), so the element
// loads this only for a token endpoint that does not, for host overrides, or to explain FinHub
// refusing a category at registration.
const CATEGORIES =
  /\/src\/(flows\/category-options|api\/(categorization|categorization-rules|hierarchy|hierarchy-lists))\.ts$/;
// "Use my phone" on the computer (the panel and the hand-off client: loaded when the person presses
// it) and the phone's side of the hand-off (its flow's calls and its documents step, only on the
// partner's hand-off page: PHONE in chunk-groups.mjs): neither is in the later steps' chunk, which
// imports neither statically (no cycle).
// The camera's own modules only: what the documents step imports from src/capture/ statically (the
// photo layout, the capture events, the camera's loader) rides in the later steps' chunk rather
// than a file of its own (one request and its import glue fewer a flow).
const OWN_FILE =
  /\/src\/(localization\/locales|handoff)\/|\/src\/capture\/(camera-capture|camera|capture-messages|quality[\w-]*)(-styles)?\.ts$|\/node_modules\/(lean-qr\/|@lit\/reactive-element\/decorators\/query\.js$)/;

const entryPlugin = () => ({
  name: 'finhub-cdn-entry',
  enforce: 'pre',
  // Vite resolves the lib entry against the root first, hence `endsWith`.
  resolveId: (id) => (id.endsWith(ENTRY) ? RESOLVED : undefined),
  load: (id) => {
    if (id !== RESOLVED) return undefined;
    // Static imports cannot sit in an `if`, so the entry imports its core inside the guard. Before
    // that, each element already in the page with a `token-url` gets its token request sent, beside
    // the core chunk instead of after it (issue 17); src/api/token-request.ts is the other half,
    // and the request is the one src/api/token-provider.ts sends (test/embedding pins both).
    return `if (${GUARD}) {
  if (!customElements.get('finhub-onboarding')) {
    for (const element of document.querySelectorAll('finhub-onboarding[token-url][api-base]')) {
      const url = element.getAttribute('token-url').trim();
      const key = Symbol.for('finhub-onboarding.token-request');
      if (!url || element[key]) continue;
      const controller = new AbortController();
      const response = fetch(url, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: '{}',
        signal: controller.signal,
      });
      response.catch(() => undefined);
      element[key] = { url, controller, response };
    }
  }
  import(${JSON.stringify(DEFINE)});
}`;
  },
});

// -- template minification --------------------------------------------------------------------
// The minifier leaves template literals alone. Lit's html`` and css`` are most of the strings:
// collapse their indentation (HTML collapses whitespace anyway; no <pre>, textareas get `.value`)
// and minify the CSS. Only the literal parts between `${…}` are touched.

/** @param {string} text */
const collapseHtml = (text) => text.replace(/\s*\n\s*/g, ' ');

/** @param {string} text */
function collapseCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1') // never around `:` (`a :hover` differs from `a:hover`)
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/** A css`` literal without interpolations, minified by lightningcss; the regex pass otherwise. */
function minifyCssText(text) {
  try {
    const { code } = minifyCss({
      filename: 'lit.css',
      code: Buffer.from(text),
      minify: true,
      targets: { chrome: 111 << 16, firefox: 113 << 16, safari: (16 << 16) | (4 << 8) },
    });
    return code.toString();
  } catch {
    return collapseCss(text);
  }
}

/** @param {unknown} node @param {(node: any) => void} visit */
function walk(node, visit) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (typeof (/** @type {any} */ (node).type) === 'string') visit(node);
  for (const key of Object.keys(node)) {
    if (key !== 'parent') walk(/** @type {any} */ (node)[key], visit);
  }
}

const templatePlugin = {
  name: 'finhub-minify-templates',
  transform(code, id) {
    if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css|svg)`/.test(code)) return undefined;
    const ast = parseAst(code, { lang: 'ts', sourceType: 'module' }, id);
    /** @type {{ start: number, end: number, text: string }[]} */
    const edits = [];
    walk(ast, (node) => {
      if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
      const tag = node.tag.name;
      if (tag !== 'html' && tag !== 'css' && tag !== 'svg') return;
      const quasis = node.quasi.quasis;
      const whole = quasis.length === 1 && tag === 'css';
      for (const quasi of quasis) {
        // The element's span may include its delimiters (`…${, }…${, }…`): locate the raw text.
        const raw = quasi.value.raw;
        const start = code.indexOf(raw, quasi.start);
        if (start < 0 || start + raw.length > quasi.end) continue;
        if (raw.includes('\\')) continue; // escapes: leave as written
        const text = whole
          ? minifyCssText(raw)
          : tag === 'css'
            ? collapseCss(raw)
            : collapseHtml(raw);
        if (text !== raw && !text.includes('`') && !text.includes('${')) {
          edits.push({ start, end: start + raw.length, text });
        }
      }
    });
    if (!edits.length) return undefined;
    let out = code;
    for (const edit of edits.sort((a, b) => b.start - a.start)) {
      out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    }
    return { code: out, map: null };
  },
};

// -- the first step's messages ---------------------------------------------------------------
// A locale's catalogue (src/localization/locales/<locale>.ts) is split in two: what the first
// step's chunk can show (every msg() in the modules of FIRST_SCREEN and their static imports) stays
// in the catalogue the locale loader imports; the rest becomes a chunk of its own, which
// src/localization/localization.ts loads after the first step (`rest`; issue 17: the Lithuanian
// first step loaded the whole 9.8 kB catalogue). Other builds (npm, tests) keep one catalogue.

const LOCALES_DIR = `${root}src/localization/locales/`;
const REST = '\0finhub-locale-rest:';

/** The TS modules `file` imports statically (`import`/`export … from`, not `import type`). */
function staticImports(file) {
  const source = readFileSync(file, 'utf8');
  const found = [];
  for (const [, kind, spec] of source.matchAll(
    /^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?'(\.[^']+)';/gms,
  )) {
    if (kind) continue;
    const path = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
    if (existsSync(path)) found.push(path);
  }
  return found;
}

/** FIRST_SCREEN and everything it imports statically, from src/. */
function firstScreenModules() {
  const seen = new Set();
  const todo = FIRST_SCREEN.filter((id) => id.startsWith(`${root}src/`));
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...staticImports(file));
  }
  return seen;
}

/** The static text of a template literal's parts (a message id hashes them). */
const cooked = (quasi) => quasi.quasis.map((part) => part.value.cooked);

/** The message ids of the msg() calls in `file`, as @lit/localize computes them at runtime. */
function messageIds(file) {
  const code = readFileSync(file, 'utf8');
  if (!/\bmsg\(/.test(code)) return [];
  const ids = [];
  walk(parseAst(code, { lang: 'ts', sourceType: 'module' }, file), (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier') return;
    if (node.callee.name !== 'msg') return;
    const [template, options] = node.arguments;
    const explicit = options?.properties?.find((prop) => prop.key?.name === 'id');
    if (explicit) ids.push(explicit.value.value);
    else if (template?.type === 'Literal') ids.push(generateMsgId(template.value, false));
    else if (template?.type === 'TemplateLiteral') {
      ids.push(generateMsgId(cooked(template).join(''), false));
    } else if (template?.type === 'TaggedTemplateExpression') {
      ids.push(generateMsgId(cooked(template.quasi), template.tag.name === 'html'));
    } else throw new Error(`${file}: a msg() whose id this build cannot work out`);
  });
  return ids;
}

/** The catalogue's entries as source text, with their keys (the generated module's `templates`). */
function catalogueEntries(code, file) {
  const entries = [];
  walk(parseAst(code, { lang: 'ts', sourceType: 'module' }, file), (node) => {
    if (node.type !== 'VariableDeclarator' || node.id.name !== 'templates') return;
    for (const prop of node.init.properties) {
      entries.push({
        key: prop.key.name ?? prop.key.value,
        text: code.slice(prop.start, prop.end),
      });
    }
  });
  return entries;
}

function localeSplitPlugin() {
  /** @type {Set<string>} */
  let firstIds = new Set();
  /** @type {Set<string>} */
  let firstModules = new Set();
  const split = (file) => {
    const code = readFileSync(file, 'utf8');
    const length = Number(/export const hashLength = (\d+)/.exec(code)?.[1] ?? 16);
    const shortId = (id) => (/^[sh][0-9a-f]{16}$/.test(id) ? id.slice(0, 1 + length) : id);
    const wanted = new Set([...firstIds].map(shortId));
    const entries = catalogueEntries(code, file);
    const missing = [...wanted].filter((key) => !entries.some((entry) => entry.key === key));
    // Every message is translated (npm run localize:check): an id not found is one misread here.
    if (missing.length) throw new Error(`${file}: no entry for the first step's ${missing}`);
    const module = (list) =>
      `import { str } from '@lit/localize';\nexport const templates = {\n${list.map((entry) => entry.text).join(',\n')}\n};\n`;
    return {
      first:
        `${module(entries.filter((entry) => wanted.has(entry.key)))}` +
        `export const hashLength = ${length};\n` +
        `export const rest = () => import(${JSON.stringify(REST + file)});\n`,
      rest: module(entries.filter((entry) => !wanted.has(entry.key))),
    };
  };
  return {
    name: 'finhub-locale-split',
    enforce: 'pre',
    buildStart() {
      firstModules = firstScreenModules();
      firstIds = new Set([...firstModules].flatMap(messageIds));
    },
    resolveId: (id) => (id.startsWith(REST) ? id : undefined),
    load(id) {
      if (id.startsWith(REST)) return split(id.slice(REST.length)).rest;
      // A locale's main catalogue (lt.ts), not a flow's part (lt.individual.ts: loaded with its chunk).
      if (id.startsWith(LOCALES_DIR) && /^[^.]+\.ts$/.test(id.slice(LOCALES_DIR.length))) {
        return split(id).first;
      }
      return undefined;
    },
    generateBundle(_options, output) {
      // The walk above must have seen every module the bundler put in the first step's chunk.
      const core = Object.values(output).find((chunk) => chunk.name === 'core');
      const unseen = (core?.moduleIds ?? []).filter(
        (id) => id.startsWith(`${root}src/`) && !firstModules.has(id),
      );
      if (!core || unseen.length) {
        throw new Error(`finhub-locale-split: the core chunk holds unscanned ${unseen.join(', ')}`);
      }
    },
  };
}

/**
 * `FINHUB_CDN_MODULES=1 npm run build:cdn`: what each chunk holds, module by module: its bytes as
 * rendered and what the chunk's gzip -9 loses without it (gzip-weighted), largest first.
 */
const modulesReport = {
  name: 'finhub-modules-report',
  generateBundle(_options, output) {
    if (!process.env.FINHUB_CDN_MODULES) return;
    for (const chunk of Object.values(output)) {
      if (chunk.type !== 'chunk') continue;
      // Gzip-weighted: what the chunk's gzip loses without the module (its code as rendered).
      const codes = Object.entries(chunk.modules).map(([id, info]) => [id, info.code ?? '']);
      const gz = (text) => gzipSync(text, { level: 9 }).length;
      const whole = gz(codes.map(([, code]) => code).join('\n'));
      const rows = Object.entries(chunk.modules)
        .map(([id, info]) => [
          info.renderedLength,
          whole -
            gz(
              codes
                .filter(([other]) => other !== id)
                .map(([, code]) => code)
                .join('\n'),
            ),
          id.replace(root, '').replace(/.*node_modules\//, ''),
        ])
        .filter(([bytes]) => bytes > 0)
        .sort((a, b) => b[1] - a[1]);
      console.log(`\n${chunk.fileName} (${chunk.code.length} bytes, ${gz(chunk.code)} gzip)`);
      for (const [bytes, gzip, id] of rows) {
        console.log(`${String(bytes).padStart(8)} ${String(gzip).padStart(7)}  ${id}`);
      }
    }
  },
};

/**
 * dist/cdn/.vite/graph.json: the module graph of the ES build (each module's static and dynamic
 * imports and the chunk that holds it), so `npm run size` can follow what one person loads in one
 * flow and locale (a chunk-level manifest cannot tell which flow a dynamic import belongs to).
 */
const moduleGraph = {
  name: 'finhub-module-graph',
  generateBundle(_options, output) {
    const rel = (id) => id.replace(root, '').replace(/^\0/, '');
    const chunkOf = new Map();
    /** @type {Record<string, {imports: string[]}>} */
    const chunks = {};
    for (const chunk of Object.values(output)) {
      if (chunk.type !== 'chunk') continue;
      for (const id of chunk.moduleIds) chunkOf.set(id, chunk.fileName);
      chunks[chunk.fileName] = { imports: chunk.imports };
    }
    // The categories and transport chunks are the first step's fallback (a token without
    // categories): they may need only the first screen's chunk (and categories the transport).
    // Importing a later one would load it too, and one that imports it back evaluates first
    // ("Class extends value undefined" in the browser).
    for (const [name, { imports }] of Object.entries(chunks)) {
      const fallback = /^chunks\/(categories|transport)-/.exec(name);
      const allowed =
        fallback?.[1] === 'categories'
          ? /\/(core|rolldown-runtime|transport)-/
          : /\/(core|rolldown-runtime)-/;
      const later = imports.filter((file) => !allowed.test(file));
      if (fallback && later.length) {
        throw new Error(
          `${name} imports ${later.join(', ')}: put what it needs in ${fallback[1].toUpperCase()}`,
        );
      }
    }
    // A catalogue part loads with its chunk (scripts/split-catalogue.mjs): its files must be there.
    for (const [id, file] of chunkOf) {
      const part = partOfFile(id);
      if (part && !file.startsWith(`chunks/${MESSAGE_PARTS[part].chunk}-`)) {
        throw new Error(
          `${rel(id)} is in ${file}, but its messages load with ${part}: see chunk-groups.mjs`,
        );
      }
    }
    /** @type {Record<string, {chunk?: string, imports: string[], dynamicImports: string[]}>} */
    const modules = {};
    for (const id of this.getModuleIds()) {
      const info = this.getModuleInfo(id);
      if (!info) continue;
      modules[rel(id)] = {
        ...(chunkOf.has(id) ? { chunk: chunkOf.get(id) } : {}),
        imports: info.importedIds.map(rel),
        dynamicImports: info.dynamicallyImportedIds.map(rel),
      };
    }
    this.emitFile({
      type: 'asset',
      fileName: '.vite/graph.json',
      source: JSON.stringify({ entry: rel(RESOLVED), chunks, modules }, null, 1),
    });
  },
};

/** The ES build: the guarded entry, chunks/, and the module graph `npm run size` reads. */
async function bundle() {
  await build({
    root,
    configFile: false,
    // Asset URLs relative to the chunk (`new URL('../assets/…', import.meta.url)`), so the photo
    // check's worker loads from wherever the bundle is served (a CDN, a sub-path).
    base: './',
    mode: 'production',
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [entryPlugin(), localeSplitPlugin(), templatePlugin, modulesReport, moduleGraph],
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      // FINHUB_CDN_SOURCEMAP=1: maps beside the chunks, to attribute a profile's time to modules.
      sourcemap,
      reportCompressedSize: false,
      manifest: true,
      // The chunk graph is the point of the split build; no <link rel=modulepreload> polyfill.
      modulePreload: false,
      lib: { entry: ENTRY, formats: ['es'], fileName: () => ES_FILE, name: 'FinHubOnboarding' },
      rolldownOptions: {
        // The entry exports nothing (it is a guarded loader): its signature needs no keeping.
        preserveEntrySignatures: false,
        output: {
          // Vite keeps whitespace in `es` library builds (for the host's bundler); these are final.
          minify: true,
          // No host bundler tree-shakes these files after us: the `@__PURE__` annotations (145 of
          // them, ~0.2 kB gz a flow) go too (the licence banner is the entry plugin's own).
          comments: false,
          // Names as `[\w-]+` (a lazy module's `consents.lazy` becomes `consents-lazy`).
          // The rest of a locale's catalogue: `lt-rest`.
          chunkFileNames: (chunk) =>
            `chunks/${chunk.name.replace(/[^\w-]/g, '-')}${chunk.facadeModuleId?.startsWith(REST) ? '-rest' : ''}-[hash].js`,
          codeSplitting: {
            // A shared module stays in the shared chunk rather than following a flow's module
            // into that flow's chunk (the core group asks for its dependencies explicitly).
            includeDependenciesRecursively: false,
            groups: [
              // One file for everything the first step needs (FIRST_SCREEN): its import()s
              // of the step's lazy module and the flow's API module then cost no request.
              {
                name: 'core',
                test: (id) => FIRST_SCREEN.includes(id),
                includeDependenciesRecursively: true,
                priority: 2,
              },
              { name: 'transport', test: TRANSPORT, priority: 1 },
              { name: 'categories', test: CATEGORIES, priority: 1 },
              { name: 'individual', test: INDIVIDUAL, priority: 1 },
              { name: 'handoff', test: HANDOFF, priority: 1 },
              { name: 'phone', test: PHONE, priority: 1 },
              { name: 'organization', test: ORGANIZATION, priority: 1 },
              {
                name: 'steps',
                test: (id) => !id.startsWith('\0') && !OWN_FILE.test(id),
                priority: 0,
              },
            ],
          },
        },
      },
    },
  });
  const file = `${resolve(root, outDir)}/${ES_FILE}`;
  const built = readFileSync(file, 'utf8').trim();
  const guarded = [GUARD, `if(${GUARD})`].map((start) => start.replaceAll('"', '`'));
  if (
    /^\s*(import|export)[\s{*]/m.test(built) ||
    !guarded.some((start) => built.startsWith(start))
  ) {
    throw new Error(`${ES_FILE}: expected a guarded loader without static imports or exports`);
  }
  const loads = /import\(`\.\/(chunks\/[\w-]+\.js)`\)/.exec(built);
  if (!loads || built.split('import(').length !== 2) {
    throw new Error(`${ES_FILE}: expected one guarded import() of a chunk, got: ${built}`);
  }
  // The core chunk's own static imports (the bundler's runtime) are asked for at the same time
  // as the core, not after it has arrived and been parsed: the first step in one round trip after
  // the loader (a modulepreload, without a polyfill).
  /** @type {Record<string, {imports: string[]}>} */
  const chunks = JSON.parse(
    readFileSync(`${resolve(root, outDir)}/.vite/graph.json`, 'utf8'),
  ).chunks;
  const early = (chunks[loads[1]]?.imports ?? []).map((dep) => `import(\`./${dep}\`),`).join('');
  const code = built.replace(loads[0], `(${early}${loads[0]})`);
  writeFileSync(file, `/*! finhub-onboarding | MIT */${code}\n`);
  // The classic script: the same loader in a function (no top-level names on the page). Its
  // relative import()s resolve against the script's URL, as the module's do.
  writeFileSync(
    `${resolve(root, outDir)}/${IIFE_FILE}`,
    `/*! finhub-onboarding | MIT */(function(){${code}})();\n`,
  );
}

rmSync(`${resolve(root, outDir)}`, { recursive: true, force: true }); // no stale chunks
await bundle();
