// Script-tag bundles in dist/cdn/: Lit, zod and every step and locale inlined (nothing is fetched
// from anywhere but dist/cdn/), minified, production mode (Lit's dev mode off). Each registers
// <finhub-onboarding> when it runs.
//   finhub-onboarding.js       ES module: <script type="module" src="…/finhub-onboarding.js">.
//                              A few hundred bytes that load chunks/core-*.js (the element, the
//                              flow, Lit and the first step); every other step, the rest of the
//                              API client and each locale load from chunks/ when first needed.
//   finhub-onboarding.iife.js  classic script, one file, no import/export/dynamic import: <script src="…">
// Both do nothing when evaluated without a DOM (server rendering, Node): the ES entry only imports
// its core inside the guard, and the IIFE is wrapped in it.
// dist/cdn/.vite/manifest.json is the chunk graph `npm run size` (scripts/check-size.mjs) reads.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transform as minifyCss } from 'lightningcss';
import { parseAst } from 'rolldown/parseAst';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = 'dist/cdn';
const ENTRY = 'virtual:finhub-cdn-entry';
const RESOLVED = `\0${ENTRY}`;
const GUARD = 'typeof document<"u"&&typeof customElements<"u"';
const DEFINE = `${root}src/define.ts`;
// The categorization step's element and work (its lazy module): part of the first screen.
const FIRST_STEP = `${root}src/steps/categorization/categorization.lazy.ts`;
// The API client and both flows' calls on it: one chunk, fetched when the element connects. The
// phone hand-off's client and wire format load with what uses them ("Use my phone", the phone).
const API = /\/src\/(api\/(?!handoff)|flows\/(api-common|individual-api|organization-api)\.ts$)/;

/** @param {'es' | 'iife'} format */
const entryPlugin = (format) => ({
  name: 'finhub-cdn-entry',
  enforce: 'pre',
  // Vite resolves the lib entry against the root first, hence `endsWith`.
  resolveId: (id) => (id.endsWith(ENTRY) ? RESOLVED : undefined),
  load: (id) => {
    if (id !== RESOLVED) return undefined;
    // IIFE: the registering module itself (the whole bundle is wrapped in the guard below).
    if (format === 'iife') return `import ${JSON.stringify(DEFINE)};`;
    // ES: static imports cannot sit in an `if`, so the entry imports its core inside the guard.
    return `if (${GUARD}) import(${JSON.stringify(DEFINE)});`;
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

/** `FINHUB_CDN_MODULES=1 npm run build:cdn`: what each chunk holds, module by module (minified bytes). */
const modulesReport = {
  name: 'finhub-modules-report',
  generateBundle(_options, output) {
    if (!process.env.FINHUB_CDN_MODULES) return;
    for (const chunk of Object.values(output)) {
      if (chunk.type !== 'chunk') continue;
      const rows = Object.entries(chunk.modules)
        .map(([id, info]) => [
          info.renderedLength,
          id.replace(root, '').replace(/.*node_modules\//, ''),
        ])
        .filter(([bytes]) => bytes > 0)
        .sort((a, b) => b[0] - a[0]);
      console.log(`\n${chunk.fileName} (${chunk.code.length} bytes)`);
      for (const [bytes, id] of rows) console.log(`${String(bytes).padStart(8)}  ${id}`);
    }
  },
};

/** @param {'es' | 'iife'} format @param {string} fileName */
async function bundle(format, fileName) {
  const split = format === 'es';
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
    plugins: [entryPlugin(format), templatePlugin, modulesReport],
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      manifest: split,
      // The chunk graph is the point of the split build; no <link rel=modulepreload> polyfill.
      modulePreload: false,
      lib: { entry: ENTRY, formats: [format], fileName: () => fileName, name: 'FinHubOnboarding' },
      rolldownOptions: {
        output: {
          // Vite keeps whitespace in `es` library builds (for the host's bundler); these are final.
          minify: true,
          // Names as `[\w-]+` (a lazy module's `consents.lazy` becomes `consents-lazy`).
          chunkFileNames: (chunk) => `chunks/${chunk.name.replace(/[^\w-]/g, '-')}-[hash].js`,
          codeSplitting: split
            ? {
                groups: [
                  // One file for everything the first screen needs: the element, the flow, Lit
                  // and the categorization step (the import() of its lazy module then costs no
                  // request).
                  {
                    name: 'core',
                    test: (id) => id === DEFINE || id === FIRST_STEP,
                    includeDependenciesRecursively: true,
                    priority: 2,
                  },
                  { name: 'api', test: API, priority: 1 },
                ],
              }
            : false,
        },
      },
    },
  });
  const file = `${root}${outDir}/${fileName}`;
  const code = readFileSync(file, 'utf8').trim();
  if (!split) {
    if (/^\s*(import|export)[\s{*]/m.test(code) || /\bimport\(/.test(code)) {
      throw new Error(`${fileName}: expected a self-contained bundle without imports or exports`);
    }
    writeFileSync(file, `/*! finhub-onboarding | MIT */if(${GUARD}){${code}\n}\n`);
  } else {
    if (/^\s*(import|export)[\s{*]/m.test(code) || !code.startsWith(GUARD.replaceAll('"', '`'))) {
      throw new Error(`${fileName}: expected a guarded loader without static imports or exports`);
    }
    writeFileSync(file, `/*! finhub-onboarding | MIT */${code}\n`);
  }
}

rmSync(`${root}${outDir}`, { recursive: true, force: true }); // no stale chunks
await bundle('es', 'finhub-onboarding.js');
await bundle('iife', 'finhub-onboarding.iife.js');
