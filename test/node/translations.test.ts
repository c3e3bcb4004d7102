/**
 * Every msg() string in src/ has a Lithuanian translation in xliff/lt.xlf, and lt.ts is its build
 * (scripts/check-translations.mjs, also run by `npm run analyze:check`). A msg() added without a
 * translation makes the check fail, naming the new string.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain script, no types
import { hashLength, shortenCatalogue } from '../../scripts/shorten-msg-ids.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the check (a TypeScript analysis of src/, seconds each): the two runs go side by side. */
function check(...args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/check-translations.mjs', ...args], {
      cwd: root,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe('Lithuanian translations', { timeout: 120_000 }, () => {
  // Both analyses start together: the second runs while the first does.
  let current: ReturnType<typeof check>;
  let withNewString: ReturnType<typeof check>;
  let dir: string;
  before(() => {
    current = check();
    // Inside node_modules so `@lit/localize` resolves, as it does for src/.
    const cache = join(root, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(join(cache, 'finhub-l10n-test-'));
    const file = join(dir, 'new-step.ts');
    writeFileSync(
      file,
      "import { msg } from '@lit/localize';\n" +
        "export const label = () => msg('Upload your company seal');\n",
    );
    withNewString = check('--also', file);
  });
  after(async () => {
    await Promise.allSettled([current, withNewString]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('cover every msg() string, and lt.ts is built from xliff/lt.xlf', async () => {
    const { status, output } = await current;
    assert.equal(status, 0, output);
    assert.match(output, /Every message has a current translation/);
  });

  it('fail when a new msg() string has no translation', async () => {
    const { status, output } = await withNewString;
    assert.equal(status, 1, output);
    assert.match(output, /lt: no translation for s[0-9a-f]+: "Upload your company seal"/);
    assert.match(output, /npm run localize:extract/);
  });

  it('key the catalogue by short ids that never share a prefix (scripts/shorten-msg-ids.mjs)', () => {
    // Apart at 6 hash characters: 6. Two ids alike in their first 8: 9. Apart anyway (s/h): the
    // fewest, 5. Explicit ids do not count.
    assert.equal(hashLength(new Set(['s0123456789abcdef', 's0123466789abcdef', 'error.x'])), 6);
    assert.equal(hashLength(new Set(['s0123456789abcdef', 's0123456799abcdef'])), 9);
    assert.equal(hashLength(new Set(['s0123456789abcdef', 'h0123456789abcdef'])), 5);
    // lit-localize writes some keys quoted and at the start of the line.
    const module =
      "export const templates = {\n  'error.x': `X`,\n  s0123456789abcdef: `Y`,\n'h0123456789abcdef': `Z`,\n};\n";
    const short = shortenCatalogue(module, 6);
    assert.match(short, /\n {2}s012345: `Y`,\nh012345: `Z`,\n/);
    assert.match(short, /'error\.x': `X`/);
    assert.match(short, /export const hashLength = 6;/);
  });
});
