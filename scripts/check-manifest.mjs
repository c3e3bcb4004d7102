// Fails when the committed custom-elements.json differs from what the analyzer generates now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'cem-'));
execFileSync(
  'npx',
  [
    'cem',
    'analyze',
    '--litelement',
    '--globs',
    'src/**/*.ts',
    '--exclude',
    'src/server/**',
    '--exclude',
    'src/api/**',
    '--outdir',
    out,
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
const fresh = readFileSync(join(out, 'custom-elements.json'), 'utf8');
const committed = readFileSync('custom-elements.json', 'utf8');
if (fresh !== committed) {
  console.error('custom-elements.json is stale: run `npm run analyze` and commit the result.');
  process.exit(1);
}
console.log('custom-elements.json is current.');
