// Runs `npm run build` when dist/ is missing or older than its sources, so the tests that use the
// built package (test/node/package.test.ts, test/embedding/cdn-*.test.ts) never test stale files.
// Exported for scripts/test.mjs; `node scripts/ensure-build.mjs` runs it on its own.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every file `npm run build` writes that the tests rely on. */
export const BUILD_OUTPUTS = [
  'dist/index.js',
  'dist/define.js',
  'dist/react.js',
  'dist/server/index.js',
  'dist/server/node.js',
  'dist/bin/finhub-onboarding.js',
  'dist/cdn/finhub-onboarding.js',
  'dist/cdn/finhub-onboarding.iife.js',
  'dist/types/src/index.d.ts',
  'dist/types/src/define.d.ts',
  'dist/types/src/react.d.ts',
  'dist/types/src/server/index.d.ts',
  'dist/types/src/server/node.d.ts',
];

const INPUTS = [
  'src',
  'package.json',
  'vite.config.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/build-cdn.mjs',
  'scripts/build-server.mjs',
];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows as a newer directory
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why dist/ needs a build, or undefined when it is current. */
export function staleReason() {
  let oldest = Infinity;
  for (const output of BUILD_OUTPUTS) {
    try {
      oldest = Math.min(oldest, statSync(join(root, output)).mtimeMs);
    } catch {
      return `${output} is missing`;
    }
  }
  for (const input of INPUTS) {
    if (newestMtime(join(root, input)) > oldest) return `${input} changed since the last build`;
  }
  return undefined;
}

/** Builds when needed; returns false when the build failed. */
export function ensureBuild() {
  const reason = staleReason();
  if (!reason) return true;
  console.log(`== npm run build (${reason})`);
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = ensureBuild() ? 0 : 1;
}
