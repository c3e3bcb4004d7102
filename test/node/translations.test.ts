/**
 * Every msg() string in src/ has a Lithuanian translation in xliff/lt.xlf, and lt.ts is its build
 * (scripts/check-translations.mjs, also run by `npm run analyze:check`). A msg() added without a
 * translation makes the check fail, naming the new string.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function check(...args: string[]) {
  const result = spawnSync(process.execPath, ['scripts/check-translations.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('Lithuanian translations', { timeout: 120_000 }, () => {
  it('cover every msg() string, and lt.ts is built from xliff/lt.xlf', () => {
    const { status, output } = check();
    assert.equal(status, 0, output);
    assert.match(output, /Every message has a current translation/);
  });

  it('fail when a new msg() string has no translation', () => {
    // Inside node_modules so `@lit/localize` resolves, as it does for src/.
    const cache = join(root, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(join(cache, 'finhub-l10n-test-'));
    try {
      const file = join(dir, 'new-step.ts');
      writeFileSync(
        file,
        "import { msg } from '@lit/localize';\n" +
          "export const label = () => msg('Upload your company seal');\n",
      );
      const { status, output } = check('--also', file);
      assert.equal(status, 1, output);
      assert.match(output, /lt: no translation for s[0-9a-f]+: "Upload your company seal"/);
      assert.match(output, /npm run localize:extract/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
