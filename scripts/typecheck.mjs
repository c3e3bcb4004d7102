// `npm run typecheck`: strict TypeScript over each target with its own globals, and proof that the
// boundaries hold. Targets:
//   tsconfig.browser.json  src/ (minus src/server), demo/: DOM lib, no @types/node
//   tsconfig.server.json   src/server, sandbox, dev, test/node, vite.config.ts: @types/node, no DOM
//   tsconfig.scripts.json  scripts/*.mjs (checkJs, not strict: plain JS without annotations)
//   tsconfig.test.json     the browser tests: DOM lib and mocha, no @types/node
// The browser and server targets are checked once each with a probe file added (in
// node_modules/.cache): every line marked `refused` must fail to compile, every other line must
// pass. So a dependency that drags @types/node (or the DOM lib) into a target fails the check, not
// only a change to the tsconfig files. Any error outside a probe fails as usual.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const cacheDir = join(root, 'node_modules/.cache/finhub-typecheck');

const PROBES = {
  browser: [
    '// Browser code must not reach Node: each `refused` line must fail to compile.',
    "import { readFileSync } from 'node:fs'; // refused: node:* modules",
    'export const env = process.env.NODE_ENV; // refused: process',
    "export const bytes = Buffer.from('x'); // refused: Buffer",
    "export const mod = require('node:path'); // refused: require",
    'export const read = readFileSync;',
    'export const title = document.title; // the DOM is there',
    'export const el: HTMLElement | null = document.body;',
  ],
  server: [
    '// Relay, sandbox and dev code must not reach the DOM: each `refused` line must fail.',
    'export const title = document.title; // refused: document',
    'export const href = window.location.href; // refused: window',
    'export type Element = HTMLElement; // refused: HTMLElement',
    "export const tag = customElements.get('x'); // refused: customElements",
    "export const request = new Request('http://127.0.0.1/'); // Fetch API types are there",
    "export const headers: HeadersInit = new Headers({ 'X-Tenant-ID': 't' });",
    'export const response = new Response(null, { status: 204, headers });',
    'export const pid = process.pid; // and Node',
  ],
};

const TARGETS = [
  { name: 'browser', config: 'tsconfig.browser.json', probe: PROBES.browser },
  { name: 'server', config: 'tsconfig.server.json', probe: PROBES.server },
  { name: 'scripts', config: 'tsconfig.scripts.json' },
  { name: 'test', config: 'tsconfig.test.json' },
];

/** `file(line,col): error TSnnnn: text`, with the indented lines that continue it. */
function parseErrors(output) {
  const errors = [];
  for (const line of output.split('\n')) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (match) {
      errors.push({ file: resolve(root, match[1]), line: Number(match[2]), text: line });
    } else if (line.trim() && errors.length > 0) {
      errors.at(-1).text += `\n${line}`;
    } else if (line.trim()) {
      errors.push({ file: '', line: 0, text: line });
    }
  }
  return errors;
}

/** A config extending `config` with the same files plus the probe, in the cache folder. */
function probeConfig(target) {
  const project = JSON.parse(readFileSync(join(root, target.config), 'utf8'));
  const rel = (path) => relative(cacheDir, resolve(root, path));
  const probeFile = join(cacheDir, `probe-${target.name}.ts`);
  writeFileSync(probeFile, `${target.probe.join('\n')}\n`);
  const configFile = join(cacheDir, `tsconfig.${target.name}.json`);
  writeFileSync(
    configFile,
    JSON.stringify({
      extends: rel(target.config),
      include: [...project.include.map(rel), relative(cacheDir, probeFile)],
      ...(project.exclude ? { exclude: project.exclude.map(rel) } : {}),
    }),
  );
  return { configFile, probeFile };
}

let failed = false;
mkdirSync(cacheDir, { recursive: true });
try {
  for (const target of TARGETS) {
    const started = Date.now();
    const probe = target.probe ? probeConfig(target) : undefined;
    const run = spawnSync(
      process.execPath,
      [tsc, '-p', probe ? probe.configFile : join(root, target.config), '--pretty', 'false'],
      { cwd: root, encoding: 'utf8' },
    );
    const errors = parseErrors(`${run.stdout}${run.stderr}`);
    const outside = errors.filter((e) => e.file !== probe?.probeFile);
    const problems = outside.map((e) => e.text);
    const refused = [];
    if (probe) {
      target.probe.forEach((text, index) => {
        const line = index + 1;
        const hit = errors.some((e) => e.file === probe.probeFile && e.line === line);
        const what = /\/\/ refused: (.*)$/.exec(text)?.[1];
        if (what && !hit) problems.push(`${target.config}: ${what} compiles here (must not)`);
        if (!what && hit) {
          const shown = errors.filter((e) => e.file === probe.probeFile && e.line === line);
          problems.push(...shown.map((e) => `${target.config}: probe line ${line}: ${e.text}`));
        }
        if (what && hit) refused.push(what);
      });
    }
    if (run.status !== 0 && errors.length === 0) problems.push(`tsc exited with ${run.status}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (problems.length > 0) {
      failed = true;
      console.error(`✗ ${target.config} (${seconds} s)\n${problems.join('\n')}`);
    } else {
      const note = refused.length > 0 ? `; refused as it must: ${refused.join(', ')}` : '';
      console.log(`✓ ${target.config} (${seconds} s${note})`);
    }
  }
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
