// `npm test`: builds dist/ when it is missing or stale, runs the Node tests (test/node: package,
// SSR imports) and then the browser tests (everything else, headless Chromium), and ends with one
// pass/fail summary.
//
//   npm test                                   everything
//   npm test -- --files 'test/api/**/*.test.ts'  only those browser tests (other runner flags too)
//   npm test -- --files test/node/ssr.test.ts  only those Node tests
//   npm run test:node / npm run test:browser   one runner
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from './ensure-build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const NODE_TESTS = 'test/node/**/*.test.ts';

/** Files matching a glob (`**`, `*`, `?`); Node 20's test runner takes no globs itself. */
function expand(pattern) {
  if (!/[*?]/.test(pattern)) return [pattern];
  const source = pattern
    .replace(/^\.\//, '')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    .replace(/\u0000/g, '(.*/)?');
  const matcher = new RegExp(`^${source}$`);
  const files = readdirSync(`${root}test/node`, { recursive: true })
    .map((file) => `test/node/${String(file)}`)
    .filter((file) => matcher.test(file));
  return files.sort();
}

let args = process.argv.slice(2);
let runNode = true;
let runBrowser = true;
if (args[0] === '--node' || args[0] === '--browser') {
  runNode = args[0] === '--node';
  runBrowser = !runNode;
  args = args.slice(1);
}

// `--files a b --other` → the patterns a, b; everything else goes to the browser runner as is.
const patterns = [];
const browserArgs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--files') {
    while (i + 1 < args.length && !args[i + 1].startsWith('--')) patterns.push(args[++i]);
  } else {
    browserArgs.push(args[i]);
  }
}
const isNodeTest = (pattern) => /(^|\/)test\/node\//.test(pattern);
const nodePatterns = patterns.filter(isNodeTest);
const browserPatterns = patterns.filter((pattern) => !isNodeTest(pattern));
if (patterns.length > 0) {
  runNode &&= nodePatterns.length > 0;
  runBrowser &&= browserPatterns.length > 0;
}

/** Runs a command, passing its output through and collecting the last lines to find counts. */
function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      stdio: ['inherit', 'pipe', 'inherit'],
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
    });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-20_000);
    });
    child.on('close', (code, signal) => resolve({ ok: code === 0, code: code ?? signal, tail }));
  });
}

const plain = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

function nodeCounts(tail) {
  const count = (name) => plain(tail).match(new RegExp(`ℹ ${name} (\\d+)`))?.[1];
  const tests = count('tests');
  return tests ? `${count('pass')} passed, ${count('fail')} failed of ${tests}` : '';
}

function browserCounts(tail) {
  const matches = [...plain(tail).matchAll(/(\d+) passed, (\d+) failed(, (\d+) skipped)?/g)];
  const last = matches.at(-1);
  return last ? last[0] : '';
}

// The built package is needed by the Node tests and the script-tag browser tests; the other
// browser tests run from source, so a run limited to them does not build.
const wantsBuild =
  runNode ||
  browserPatterns.length === 0 ||
  browserPatterns.some((pattern) => /embedding|^(\.\/)?(test\/)?\*\*/.test(pattern));

const results = [];
if (wantsBuild && !ensureBuild()) {
  results.push({ name: 'build', ok: false, detail: '`npm run build` failed' });
} else {
  if (runNode) {
    console.log(`\n== Node tests (${nodePatterns.join(' ') || NODE_TESTS})`);
    const files = (nodePatterns.length > 0 ? nodePatterns : [NODE_TESTS]).flatMap(expand);
    const result = await run(process.execPath, [
      '--import',
      'tsx',
      '--test',
      // Two files at a time (Node's default is one per core less one): they mostly wait on child
      // processes (builds, Redis servers, the localization analysis).
      '--test-concurrency=2',
      '--test-reporter=spec',
      ...files,
    ]);
    results.push({ name: 'Node tests', ok: result.ok, detail: nodeCounts(result.tail) });
  }
  if (runBrowser) {
    console.log(`\n== Browser tests (headless Chromium)`);
    const files = browserPatterns.length > 0 ? ['--files', ...browserPatterns] : [];
    const result = await run(process.execPath, [
      '--import',
      'tsx',
      './node_modules/@web/test-runner/dist/bin.js',
      '--config',
      'web-test-runner.config.mjs',
      ...files,
      ...browserArgs,
    ]);
    results.push({ name: 'Browser tests', ok: result.ok, detail: browserCounts(result.tail) });
  }
}

const ok = results.every((result) => result.ok);
console.log('\n== Summary');
for (const result of results) {
  const detail = result.detail ? ` (${result.detail})` : '';
  console.log(`  ${result.ok ? 'PASS' : 'FAIL'}  ${result.name}${detail}`);
}
console.log(ok ? '\nAll tests passed.' : '\nTESTS FAILED.');
process.exitCode = ok ? 0 : 1;
