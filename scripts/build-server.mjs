// Builds the relay (./server and ./server/node entries) for Node and other Fetch runtimes, and the
// `finhub-onboarding` command.
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: { index: 'src/server/index.ts', node: 'src/server/node.ts' },
  outdir: 'dist/server',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

// `npx finhub-onboarding doctor` (package.json `bin`): Node only, Lit-free.
await build({
  entryPoints: { 'finhub-onboarding': 'src/doctor/bin.ts' },
  outdir: 'dist/bin',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
// Executable, as npm makes a `bin` on install (and `npx` in this repo runs it in place).
chmodSync('dist/bin/finhub-onboarding.js', 0o755);
