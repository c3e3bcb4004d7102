// Fails when the committed custom-elements.json differs from what the analyzer generates now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

// The analyzer resolves outdir against the working directory, so the scratch dir lives inside it.
const scratch = mkdtempSync(join(process.cwd(), '.cem-check-'));
try {
  execFileSync('npx', ['cem', 'analyze'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CEM_OUTDIR: relative(process.cwd(), scratch) },
  });
  const fresh = readFileSync(join(scratch, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) {
    console.error('custom-elements.json is stale: run `npm run analyze` and commit the result.');
    process.exitCode = 1; // not exit(): the scratch dir is removed below
  } else {
    console.log('custom-elements.json is current.');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
