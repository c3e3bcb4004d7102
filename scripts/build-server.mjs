// Builds the relay (./server and ./server/node entries) for Node and other Fetch runtimes.
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
