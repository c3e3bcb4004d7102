import { defineConfig, type Plugin } from 'vite';
import { createDevStack } from './dev/stack.js';
import { connectMiddleware } from './dev/node-adapter.js';

/** `npm start`: serves demo/ with the relay and the in-memory sandbox mounted on the same origin. */
function onboardingDevStack(): Plugin {
  return {
    name: 'finhub-onboarding-dev-stack',
    configureServer(server) {
      const stack = createDevStack({ env: process.env });
      server.middlewares.use(connectMiddleware(stack));
      server.httpServer?.once('listening', () => {
        setTimeout(() => server.config.logger.info(`  ➜  ${stack.describe()}`), 50);
      });
    },
  };
}

export default defineConfig({
  root: 'demo',
  publicDir: false,
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), strictPort: false },
  plugins: [onboardingDevStack()],
  build: {
    outDir: '../dist',
    emptyOutDir: false,
    target: 'es2022',
    lib: {
      entry: {
        index: '../src/index.ts',
        'finhub-onboarding': '../src/define.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      // The npm entries leave Lit, zod and friends to the host's bundler; the script-tag build
      // (issue 6) inlines them.
      external: [/^lit/, /^@lit\//, /^zod/],
    },
  },
});
