// Browser tests: headless system Chromium (never a downloaded browser), TypeScript through esbuild,
// and the dev stack (relay + in-memory sandbox) mounted on the test server, so tests make real
// loopback HTTP requests to /onboarding/* exactly as a partner page would.
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { createDevStack, createVariantStacks } from './dev/stack.ts';
import { koaMiddleware } from './dev/node-adapter.ts';
import { crossOriginRelay } from './dev/cross-origin.ts';
import { bundledDepsPlugin } from './scripts/wtr-bundled-deps.mjs';
import { timingReporter } from './scripts/wtr-timing-reporter.mjs';
import { fakeCameraFile } from './test/capture/fake-camera.mjs';

const chromePath = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].find((p) => p && existsSync(p));

// Every test page calls from 127.0.0.1, so the relay's per-address limits on tokens (30 a minute)
// and hand-off exchanges (10 a minute), production defaults, would refuse later tests;
// test/server covers the limits themselves.
// Nothing waits on the sandbox's clock: a test approves a verification
// (/__sandbox/verifications/{id}/approve) and readies a company's wallet
// (/__sandbox/organizations/{id}/wallet) when it wants to, so the delays only have to outlast a test.
const lifted = { max: 100_000, windowSeconds: 60 };
const stack = createDevStack({
  env: {},
  verificationDelayMs: 10 * 60_000,
  walletProvisioningDelayMs: 10 * 60_000,
  tokenRateLimit: lifted,
  handoffExchangeRateLimit: lifted,
});
// One more stack per sandbox variant at /v/<variant>/ (test/variants/): KYC approved as soon as
// its documents are in and wallets ready at once, so each variant's flows run without waiting.
const variantStacks = createVariantStacks({
  verificationDelayMs: 0,
  walletProvisioningDelayMs: 0,
  tokenRateLimit: lifted,
  handoffExchangeRateLimit: lifted,
});
// A relay in front of the same sandbox whose clock test/handoff/ moves
// (POST /relay-clock/__advance?ms=…), so a hand-off code expires without waiting for it.
let relayClockOffset = 0;
const clockRelay = stack.createRelay({
  prefix: '/relay-clock/onboarding',
  now: () => Date.now() + relayClockOffset,
});
const clockStack = {
  owns: (path) => path.startsWith('/relay-clock/'),
  async handle(request, connection) {
    const url = new URL(request.url);
    if (url.pathname !== '/relay-clock/__advance') return clockRelay(request, connection);
    relayClockOffset += Number(url.searchParams.get('ms') ?? 0);
    return Response.json({ offset: relayClockOffset });
  },
};
// The same relay and sandbox on a second origin (127.0.0.1:<port>/partner/onboarding), for the
// cross-origin embedding tests.
const crossOrigin = crossOriginRelay(stack);

export default {
  // test/node/ runs in Node (`npm run test:node`); everything else here, in Chromium.
  files: ['test/**/*.test.ts', '!test/node/**'],
  // Lit's production build, as shipped (its dev mode's checks roughly double the render cost, and
  // the suite is CPU-bound on a 2-core machine).
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 2,
  reporters: [defaultReporter(), ...(process.env.TEST_TIMINGS ? [timingReporter()] : [])],
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 20000 } },
  // test/setup/short-nodes.ts first: a failed comparison of two DOM nodes reports, not freezes.
  testRunnerHtml: (testFramework) =>
    `<!DOCTYPE html><html><body><script type="module" src="/test/setup/short-nodes.ts"></script><script type="module" src="${testFramework}"></script></body></html>`,
  middleware: [
    crossOrigin.middleware,
    koaMiddleware(stack),
    koaMiddleware(clockStack),
    ...variantStacks.map(koaMiddleware),
  ],
  plugins: [
    crossOrigin.plugin,
    // React and Vue for test/embedding/ (React is CommonJS only).
    bundledDepsPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--js-flags=--expose-gc',
          // test/capture/: a fake camera showing a document (no real device, no permission
          // prompt). Only tests that call getUserMedia see it.
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
          `--use-file-for-fake-video-capture=${fakeCameraFile()}`,
        ],
      },
    }),
  ],
};
