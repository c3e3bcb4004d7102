// A @web/test-runner plugin that serves React, ReactDOM, Vue and jsQR to the browser tests as ES
// modules. React ships only CommonJS, which the test server's node-resolve cannot serve; esbuild
// bundles each package once (development builds: StrictMode's double mounting only happens
// there), split so that react-dom and the tests share one copy of React.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const PREFIX = '/__bundled-deps/';

/** Bare specifier the tests import → output file name. */
const DEPS = {
  react: 'react',
  'react-dom': 'react-dom',
  'react-dom/client': 'react-dom-client',
  vue: 'vue',
  jsqr: 'jsqr', // decodes the hand-off QR code in test/handoff/ (UMD only)
};
/** What each specifier bundles, where that is not the package's own entry. */
const SOURCES = {
  // Vue's full build: the tests compile templates at run time, with `isCustomElement`.
  vue: 'vue/dist/vue.esm-bundler.js',
};
const COMMONJS = new Set(['react', 'react-dom', 'react-dom/client', 'jsqr']);

/** A CommonJS module's export names, read in a separate Node process (the runner patches console). */
function exportNames(specifier) {
  const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

/** ESM source re-exporting a package, with CommonJS exports spelled out as named exports. */
function entrySource(specifier) {
  if (!COMMONJS.has(specifier)) {
    return `export * from ${JSON.stringify(SOURCES[specifier] ?? specifier)};`;
  }
  const names = exportNames(specifier).filter(
    (name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default',
  );
  return [
    `import cjs from ${JSON.stringify(specifier)};`,
    'export default cjs;',
    `export const { ${names.join(', ')} } = cjs;`,
  ].join('\n');
}

async function bundle() {
  const result = await build({
    entryPoints: Object.fromEntries(
      Object.entries(DEPS).map(([specifier, name]) => [name, `dep:${specifier}`]),
    ),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['browser', 'development'],
    write: false,
    outdir: '/out',
    logLevel: 'warning',
    define: {
      'process.env.NODE_ENV': '"development"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    plugins: [
      {
        name: 'dep-entries',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^dep:/ }, (args) => ({
            path: args.path.slice(4),
            namespace: 'dep',
          }));
          esbuild.onLoad({ filter: /.*/, namespace: 'dep' }, (args) => ({
            contents: entrySource(args.path),
            resolveDir: process.cwd(),
            loader: 'js',
          }));
        },
      },
    ],
  });
  return new Map(
    result.outputFiles.map((file) => [`${PREFIX}${file.path.slice('/out/'.length)}`, file.text]),
  );
}

export function bundledDepsPlugin() {
  let files;
  return {
    name: 'bundled-deps',
    resolveImport({ source }) {
      const name = DEPS[source];
      return name ? `${PREFIX}${name}.js` : undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      files ??= bundle();
      const body = (await files).get(context.path);
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}
