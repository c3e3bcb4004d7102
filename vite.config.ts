import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { createDevStack } from './dev/stack.js';
import { connectMiddleware } from './dev/node-adapter.js';

/** `npm start`: serves demo/ with the relay and the in-memory sandbox mounted on the same origin. */
function onboardingDevStack(): Plugin {
  return {
    name: 'finhub-onboarding-dev-stack',
    configureServer(server) {
      // A new hand-off's `url` is demo/phone.html, the demo's hand-off page.
      const stack = createDevStack({ env: process.env, handoffUrl: '/phone.html' });
      server.middlewares.use(connectMiddleware(stack));
      server.httpServer?.once('listening', () => {
        const address = server.httpServer?.address();
        const origin =
          address && typeof address === 'object'
            ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
            : `http://127.0.0.1:${server.config.server.port ?? 5173}`;
        setTimeout(() => {
          server.config.logger.info(`  ➜  ${stack.describe()}`);
          // The command is built into dist/ (package.json `bin`); a fresh clone builds it once.
          const built = existsSync(
            fileURLToPath(new URL('./dist/bin/finhub-onboarding.js', import.meta.url)),
          );
          const build = built ? '' : '`npm run build:server` once, then ';
          server.config.logger.info(`  ➜  Check it: ${build}${stack.doctorCommand(origin)}`);
        }, 50);
      });
    },
  };
}

/**
 * Serves the built script-tag bundles (`npm run build:cdn`) at `/dist/cdn/*` as they are, so
 * `demo/script-tag.html` loads exactly the file a partner would put on a page. The Vite root is
 * demo/, so dist/ is outside what Vite itself serves.
 */
function builtBundles(): Plugin {
  const dir = fileURLToPath(new URL('./dist/cdn/', import.meta.url));
  return {
    name: 'finhub-onboarding-built-bundles',
    configureServer(server) {
      server.middlewares.use('/dist/cdn', (req, res, next) => {
        const name = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
        const file = resolve(dir, `.${name}`);
        if (!file.startsWith(dir) || file.endsWith(sep)) return next();
        let size: number;
        try {
          size = statSync(file).size;
        } catch {
          res.statusCode = 404;
          res.setHeader('Content-Type', 'text/plain; charset=utf-8');
          res.end(
            `${name.slice(1)} is not built yet: run \`npm run build\` (or \`npm run build:cdn\`).`,
          );
          return;
        }
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.setHeader('Content-Length', String(size));
        res.setHeader('Cache-Control', 'no-cache');
        createReadStream(file).pipe(res);
      });
    },
  };
}

export default defineConfig({
  root: 'demo',
  // Built asset URLs relative to the chunk that loads them (the photo check's worker), wherever
  // the package is served from; the dev server treats it as `/`.
  base: './',
  publicDir: false,
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), strictPort: false },
  plugins: [
    onboardingDevStack(),
    builtBundles(),
    // demo/vue/: Vue leaves every `finhub-*` tag to the browser's custom element registry.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('finhub-') } } }),
  ],
  build: {
    // The npm entries (`npm run build:element`). The script-tag bundles: scripts/build-cdn.mjs.
    outDir: '../dist',
    emptyOutDir: false,
    target: 'es2022',
    lib: {
      entry: {
        index: '../src/index.ts',
        define: '../src/define.ts',
        react: '../src/react.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      // The npm entries leave Lit, zod, React and friends to the host's bundler; the script-tag
      // build inlines them.
      external: [/^lit(\/|$)/, /^@lit\//, /^zod(\/|$)/, /^react(-dom)?(\/|$)/],
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
