/**
 * SSR safety (docs/architecture.md#element): every entry can be imported in Node, where there is no
 * `window`, `document` or DOM, without throwing, and without keeping the process alive. Each entry
 * runs in a fresh Node process, so one entry's imports (Lit installs a `customElements` stand-in
 * under Node) cannot hide another's mistake.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const url = (path: string) => pathToFileURL(`${root}${path}`).href;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `body` as an ES module in a fresh Node (TypeScript through tsx); 60 s to exit by itself. */
function runInNode(body: string): Promise<Outcome> {
  const script = `
    if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('a DOM?');
    ${body}
  `;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, timeout: 60_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function assertClean(outcome: Outcome): void {
  assert.equal(
    outcome.code,
    0,
    `exit ${outcome.code ?? 'timeout (something kept the process alive)'}\n${outcome.stderr}`,
  );
  assert.doesNotMatch(outcome.stderr, /Error/, outcome.stderr);
}

/** `customElements.get(tag)` after the import, where Lit's Node build installs a registry. */
const definedAfter = (path: string) => `
  const entry = await import(${JSON.stringify(url(path))});
  console.log(JSON.stringify({
    exports: Object.keys(entry).sort(),
    defined: Boolean(globalThis.customElements?.get('finhub-onboarding')),
  }));
`;

const parse = (outcome: Outcome) =>
  JSON.parse(outcome.stdout.trim().split('\n').at(-1)!) as { exports: string[]; defined: boolean };

describe('importing each entry in Node (no DOM)', { concurrency: true }, () => {
  it('src/index.ts: the classes and events, and registers nothing', async () => {
    const outcome = await runInNode(definedAfter('src/index.ts'));
    assertClean(outcome);
    const { exports, defined } = parse(outcome);
    assert.ok(exports.includes('FinHubOnboarding'), exports.join());
    assert.ok(exports.includes('FinHubStepCompleteEvent'), exports.join());
    assert.equal(defined, false, 'the side-effect-free entry defined the tag');
  });

  it('src/define.ts: registers (in Lit’s Node registry) without touching a DOM', async () => {
    const outcome = await runInNode(definedAfter('src/define.ts'));
    assertClean(outcome);
    const { exports, defined } = parse(outcome);
    assert.deepEqual(exports, ['FinHubOnboarding', 'defineFinHubOnboarding']);
    assert.equal(defined, true);
  });

  it('src/react.ts: imports, and React renders it on the server', async () => {
    const outcome = await runInNode(`
      const { createElement } = await import('react');
      const { renderToString } = await import('react-dom/server');
      const { FinHubOnboarding } = await import(${JSON.stringify(url('src/react.ts'))});
      const props = { tokenUrl: '/onboarding/token', apiBase: '/onboarding/api', onReady() {} };
      console.log(renderToString(createElement(FinHubOnboarding, props)));
      console.log(renderToString(createElement('finhub-onboarding', {
        'token-url': '/onboarding/token', 'api-base': '/onboarding/api', flow: 'organization',
      })));
    `);
    assertClean(outcome);
    const [wrapped, bare] = outcome.stdout.trim().split('\n');
    assert.match(wrapped!, /^<finhub-onboarding[^>]*><\/finhub-onboarding>$/);
    // React 19 renders a bare custom element's string props as attributes on the server.
    assert.equal(
      bare,
      '<finhub-onboarding token-url="/onboarding/token" api-base="/onboarding/api" flow="organization"></finhub-onboarding>',
    );
  });

  for (const path of ['src/server/index.ts', 'src/server/node.ts']) {
    it(`${path}: the relay imports and registers nothing`, async () => {
      const outcome = await runInNode(definedAfter(path));
      assertClean(outcome);
      const { exports, defined } = parse(outcome);
      assert.ok(exports.length > 0);
      assert.equal(defined, false);
    });
  }

  for (const path of ['dist/cdn/finhub-onboarding.js', 'dist/cdn/finhub-onboarding.iife.js']) {
    it(`${path}: the script-tag build does nothing without a DOM`, async (t) => {
      if (!existsSync(`${root}${path}`)) return t.skip('not built (npm test builds it first)');
      const outcome = await runInNode(`
        await import('lit'); // even with Lit's Node registry present, the browser build stays idle
        ${definedAfter(path)}
      `);
      assertClean(outcome);
      const { exports, defined } = parse(outcome);
      assert.deepEqual(exports, []);
      assert.equal(defined, false);
    });
  }
});
