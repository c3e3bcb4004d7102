/**
 * The package as a partner gets it: `npm pack`, installed from the tarball into a fresh folder
 * (dependencies from the local npm cache; the registry only if the cache lacks one), then every
 * public entry imported in Node, the manifest resolved, and a TypeScript consumer type-checked
 * against the installed `.d.ts` files with Node's own resolution (`nodenext`).
 * Needs `npm run build` first (`npm test` does it when dist/ is stale).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | { types: string; default: string }>;
};
const versionOf = (name: string): string =>
  (
    JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, timeout = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, timeout, maxBuffer: 20 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function assertOk(result: Run, what: string): void {
  assert.equal(result.code, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`);
}

describe('npm pack, installed into a fresh folder', { timeout: 120_000 }, () => {
  let work: string;
  let app: string;
  let packed: string[];
  let installed: string;

  before(async () => {
    assert.ok(
      existsSync(join(root, 'dist/index.js')) && existsSync(join(root, 'dist/cdn')),
      'dist/ is not built: run `npm run build` (or `npm test`, which builds when needed)',
    );
    work = mkdtempSync(join(tmpdir(), 'finhub-pack-'));
    // --ignore-scripts: dist/ is already built; `prepack` would build it again.
    const pack = await run(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
      root,
    );
    assertOk(pack, 'npm pack');
    const [info] = JSON.parse(pack.stdout) as [{ filename: string; files: { path: string }[] }];
    packed = info.files.map((file) => file.path);

    app = join(work, 'app');
    await run('mkdir', ['-p', app], work);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'partner-app', private: true, type: 'module' }),
    );
    const install = await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        join(work, info.filename),
        `react@${versionOf('react')}`,
        `react-dom@${versionOf('react-dom')}`,
        // The ./server/node adapter's types name node:http, as any Node server's code does.
        `@types/node@${versionOf('@types/node')}`,
      ],
      app,
    );
    assertOk(install, 'npm install <tarball>');
    installed = join(app, 'node_modules', manifest.name);
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships dist/, the manifest and the README, and none of the sources or tests', () => {
    for (const file of [
      'package.json',
      'README.md',
      'custom-elements.json',
      'dist/index.js',
      'dist/define.js',
      'dist/react.js',
      'dist/server/index.js',
      'dist/server/node.js',
      'dist/bin/finhub-onboarding.js',
      'dist/cdn/finhub-onboarding.js',
      'dist/cdn/finhub-onboarding.iife.js',
    ]) {
      assert.ok(packed.includes(file), `${file} is not in the tarball`);
    }
    const stray = packed.filter(
      (file) => !/^(dist\/|package\.json$|README\.md$|custom-elements\.json$|LICENSE)/.test(file),
    );
    assert.deepEqual(stray, []);
  });

  it('loads the workers relative to the chunk, so they resolve on a CDN or a sub-path', () => {
    for (const dir of ['dist/chunks', 'dist/cdn/chunks']) {
      for (const name of ['quality-worker', 'encode-worker']) {
        const pattern = new RegExp(`["'\`]([^"'\`]*${name}-[\\w-]+\\.js)["'\`]`);
        const chunk = packed.find(
          (file) =>
            file.startsWith(`${dir}/`) &&
            file.endsWith('.js') &&
            pattern.test(readFileSync(join(installed, file), 'utf8')),
        );
        assert.ok(chunk, `no chunk in ${dir} starts the ${name}`);
        const code = readFileSync(join(installed, chunk), 'utf8');
        const worker = pattern.exec(code)?.[1] ?? '';
        assert.ok(worker.startsWith('../assets/'), `${chunk} loads the worker from ${worker}`);
        assert.ok(
          packed.includes(join(dir, worker).replace(/\\/g, '/')),
          `${worker} is not shipped`,
        );
      }
    }
  });

  it('has every file the exports map names, types included', () => {
    for (const [entry, target] of Object.entries(manifest.exports)) {
      const files = typeof target === 'string' ? [target] : [target.types, target.default];
      for (const file of files) {
        assert.ok(existsSync(join(installed, file)), `exports["${entry}"] → ${file} is missing`);
      }
    }
  });

  it('imports every entry in Node (only the registering ones define the tag), resolves the manifest', async () => {
    const script = `
      const results = {};
      for (const entry of ['', '/define', '/react', '/server', '/server/node']) {
        const mod = await import('finhub-onboarding' + entry);
        results[entry || '.'] = Object.keys(mod).sort();
        // Lit's Node build installs a registry; only the registering entries may use it.
        results.definedAfter ??= {};
        results.definedAfter[entry || '.'] = Boolean(globalThis.customElements?.get('finhub-onboarding'));
      }
      const manifestUrl = import.meta.resolve('finhub-onboarding/custom-elements.json');
      const { readFileSync } = await import('node:fs');
      const cem = JSON.parse(readFileSync(new URL(manifestUrl), 'utf8'));
      results.tags = cem.modules.flatMap((m) => m.declarations ?? []).map((d) => d.tagName).filter(Boolean);
      results.pkg = JSON.parse(readFileSync(new URL(import.meta.resolve('finhub-onboarding/package.json')), 'utf8')).customElements;
      try { await import('finhub-onboarding/dist/chunks/nothing.js'); results.encapsulated = false; }
      catch (error) { results.encapsulated = error.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED'; }
      console.log(JSON.stringify(results));
    `;
    writeFileSync(join(app, 'check.mjs'), script);
    const result = await run(process.execPath, ['check.mjs'], app);
    assertOk(result, 'importing the installed package');
    const found = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.ok((found['.'] as string[]).includes('FinHubOnboarding'));
    assert.ok((found['.'] as string[]).includes('FinHubCompleteEvent'));
    assert.deepEqual(found['/define'], ['FinHubOnboarding', 'defineFinHubOnboarding']);
    assert.ok((found['/react'] as string[]).includes('FinHubOnboarding'));
    assert.ok((found['/react'] as string[]).includes('FinHubOnboardingElement'));
    assert.ok((found['/server'] as string[]).includes('createOnboardingHandler'));
    assert.ok((found['/server/node'] as string[]).length > 0);
    assert.deepEqual(found.definedAfter, {
      '.': false, // side-effect free
      '/define': true,
      '/react': true,
      '/server': true,
      '/server/node': true,
    });
    assert.deepEqual(found.tags, ['finhub-onboarding']);
    assert.equal(found.pkg, 'custom-elements.json');
    assert.equal(found.encapsulated, true, 'files outside the exports map are reachable');
  });

  it('installs the finhub-onboarding command (npx finhub-onboarding doctor)', async () => {
    const help = await run(join(app, 'node_modules/.bin/finhub-onboarding'), ['--help'], app);
    assertOk(help, 'finhub-onboarding --help');
    assert.match(help.stdout, /Usage: finhub-onboarding doctor/);
    // No FinHub variables: a configuration error (exit 2) that names them.
    const doctor = await run(join(app, 'node_modules/.bin/finhub-onboarding'), ['doctor'], app);
    assert.equal(doctor.code, 2);
    assert.match(doctor.stderr, /set FINHUB_BASE_URL, FINHUB_TENANT_ID/);
  });

  it('type-checks a TypeScript consumer against the installed .d.ts files (nodenext)', async () => {
    writeFileSync(
      join(app, 'consumer.ts'),
      `
      import { createElement } from 'react';
      import { FinHubOnboarding, FinHubStepCompleteEvent, type FinHubErrorDetail } from 'finhub-onboarding';
      import { defineFinHubOnboarding } from 'finhub-onboarding/define';
      import { FinHubOnboarding as FinHubOnboardingReact, type FinHubOnboardingProps } from 'finhub-onboarding/react';
      import { createOnboardingHandler } from 'finhub-onboarding/server';
      import * as nodeEntry from 'finhub-onboarding/server/node';

      // Fails to compile when a type is missing and silently became \`any\`.
      type IsAny<T> = 0 extends 1 & T ? true : false;
      const notAny = <T>(value: T, ..._anyNeedsThis: IsAny<T> extends true ? [never] : []) => value;

      declare const el: FinHubOnboarding;
      notAny(el.tokenUrl);
      notAny(el);
      const done = (event: FinHubStepCompleteEvent) => notAny(event.detail.step);
      el.addEventListener('finhub-step-complete', done);
      declare const error: FinHubErrorDetail;
      notAny(error.recoverable);
      defineFinHubOnboarding('partner-onboarding');

      const props: FinHubOnboardingProps = {
        tokenUrl: '/onboarding/token',
        onStepComplete: (event) => notAny(event.detail.step),
      };
      createElement(FinHubOnboardingReact, props);
      notAny(createOnboardingHandler);
      notAny(nodeEntry);
      `,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['es2023', 'dom', 'dom.iterable'],
          strict: true,
          noEmit: true,
          // Dependencies' own .d.ts are theirs to check; ours must resolve, which `notAny`
          // proves for every type the consumer touches.
          skipLibCheck: true,
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
    assertOk(result, 'tsc on the consumer');
  });
});
