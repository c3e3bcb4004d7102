// Script-tag bundles in dist/cdn/: Lit, zod and every step and locale inlined, minified,
// production mode (Lit's dev mode off). Each registers <finhub-onboarding> when it runs.
//   finhub-onboarding.js       ES module: <script type="module" src="…/finhub-onboarding.js">
//   finhub-onboarding.iife.js  classic script, no import/export/dynamic import: <script src="…">
// Both are wrapped in a guard, so evaluating them without a DOM (server rendering, Node) does
// nothing instead of throwing on `HTMLElement`/`document`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = 'dist/cdn';
const ENTRY = 'virtual:finhub-cdn-entry';
const RESOLVED = `\0${ENTRY}`;
const GUARD = 'typeof document<"u"&&typeof customElements<"u"';

// A virtual entry that only imports the registering module, so the bundle exports nothing and
// can be wrapped in the guard below.
const entryPlugin = {
  name: 'finhub-cdn-entry',
  enforce: 'pre',
  // Vite resolves the lib entry against the root first, hence `endsWith`.
  resolveId: (id) => (id.endsWith(ENTRY) ? RESOLVED : undefined),
  load: (id) => (id === RESOLVED ? `import ${JSON.stringify(`${root}src/define.ts`)};` : undefined),
};

/** @param {'es' | 'iife'} format @param {string} fileName */
async function bundle(format, fileName) {
  await build({
    root,
    configFile: false,
    mode: 'production',
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [entryPlugin],
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry: ENTRY, formats: [format], fileName: () => fileName, name: 'FinHubOnboarding' },
      // Vite keeps whitespace in `es` library builds (for the host's bundler); this file is final.
      rolldownOptions: { output: { codeSplitting: false, minify: true } },
    },
  });
  const file = `${root}${outDir}/${fileName}`;
  const code = readFileSync(file, 'utf8');
  if (/^\s*(import|export)[\s{*]/m.test(code) || /\bimport\(/.test(code)) {
    throw new Error(`${fileName}: expected a self-contained bundle without imports or exports`);
  }
  writeFileSync(file, `/*! finhub-onboarding | MIT */if(${GUARD}){${code.trim()}\n}\n`);
}

await bundle('es', 'finhub-onboarding.js');
await bundle('iife', 'finhub-onboarding.iife.js');
