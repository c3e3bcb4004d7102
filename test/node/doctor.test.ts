/**
 * `finhub-onboarding doctor`, run as a partner runs it: the built command (dist/bin) in a child
 * process, configured only by the relay's environment variables, against the in-memory sandbox
 * served over loopback HTTP: through `npm start`'s dev stack (`/__finhub`), or on its own with a
 * hierarchy of the test's (`createSandbox({hierarchy})`). Needs `npm run build` (`npm test` does
 * it when dist/ is stale).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectMiddleware } from '../../dev/node-adapter.js';
import { createDevStack } from '../../dev/stack.js';
import { VARIANTS, createSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index.js';
import { hierarchyFor } from '../../sandbox/hierarchy-data.js';
import { toNodeListener } from '../../src/server/node.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(root, 'dist/bin/finhub-onboarding.js');

/** Credentials the output must never show (the admin name included: it is often an email). */
const SECRETS = {
  tenantKey: 'tk-DOCTOR-SECRET-KEY-0001',
  tenantSecret: 'ts-DOCTOR-SECRET-0002',
  admin: {
    organizationId: '00000000-0000-4000-8000-00000000d0c1',
    userId: '00000000-0000-4000-8000-00000000d0c2',
    username: 'doctor-admin@partner.test',
    password: 'Adm1n-DOCTOR-PASSWORD-0003',
  },
};
const SECRET_VALUES = [
  SECRETS.tenantKey,
  SECRETS.tenantSecret,
  SECRETS.admin.username,
  SECRETS.admin.password,
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(
  args: string[],
  env: Record<string, string>,
  command = process.execPath,
): Promise<Run> {
  const started = Date.now();
  const argv = command === process.execPath ? [BIN, ...args] : args;
  return new Promise((resolve) => {
    execFile(
      command,
      argv,
      { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}

function assertNoSecrets(result: Run, extra: string[] = []): void {
  for (const secret of [...SECRET_VALUES, ...extra]) {
    assert.ok(!result.stdout.includes(secret), `stdout shows ${secret}`);
    assert.ok(!result.stderr.includes(secret), `stderr shows ${secret}`);
  }
  // FinHub's session tokens are JWTs.
  assert.doesNotMatch(result.stdout + result.stderr, /eyJ[\w-]{8,}\./);
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }),
  );
const close = (server: Server) =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  });

const servers: Server[] = [];
after(async () => {
  await Promise.all(servers.map(close));
});

/** A sandbox (or a wrapper of its fetch) on a loopback port; the env that points the doctor at it. */
async function serve(
  options: SandboxOptions = {},
  wrap: (sandbox: Sandbox) => (request: Request) => Promise<Response> = (s) => (r) => s.fetch(r),
) {
  const sandbox = createSandbox({ ...SECRETS, ...options });
  const server = createServer(toNodeListener(wrap(sandbox)));
  servers.push(server);
  const base = await listen(server);
  return { sandbox, base, env: envFor(base, sandbox) };
}

function envFor(base: string, sandbox: Sandbox): Record<string, string> {
  const { tenantId, tenantKey, tenantSecret, admin } = sandbox.credentials;
  return {
    FINHUB_BASE_URL: base,
    FINHUB_TENANT_ID: tenantId,
    FINHUB_TENANT_KEY: tenantKey,
    FINHUB_TENANT_SECRET: tenantSecret,
    FINHUB_ADMIN_ORGANIZATION_ID: admin.organizationId,
    FINHUB_ADMIN_USER_ID: admin.userId,
    FINHUB_ADMIN_USERNAME: admin.username,
    FINHUB_ADMIN_PASSWORD: admin.password,
  };
}

type Hierarchy = Record<string, Record<string, Record<string, unknown>>>;
const hierarchyWith =
  (edit: (h: Hierarchy) => void) =>
  (tenantId: string): unknown => {
    const h = hierarchyFor(tenantId) as Hierarchy;
    edit(h);
    return h;
  };

/** STANDARD_INDIVIDUAL gets a feature whose mandatory key no documented rule covers. */
const unsatisfiable = hierarchyWith((h) => {
  h['features']!['TIERING'] = {
    databaseId: 'feat-tiering',
    featureCode: 'TIERING',
    mandatoryKeys: ['accountTier'],
  };
  const standard = h['categories']!['STANDARD_INDIVIDUAL'] as { availableFeatures: unknown[] };
  standard.availableFeatures = [...standard.availableFeatures, 'TIERING'];
});

before(() => {
  assert.ok(existsSync(BIN), 'dist/bin is not built: run `npm run build` (or `npm test`)');
});

describe('finhub-onboarding doctor', { timeout: 120_000 }, () => {
  it("checks npm start's sandbox with the command npm start prints, and passes", async () => {
    const stack = createDevStack({ env: {} });
    const server = createServer((req, res) =>
      connectMiddleware(stack)(req, res, () => {
        res.statusCode = 404;
        res.end();
      }),
    );
    servers.push(server);
    const base = await listen(server);
    const command = stack.doctorCommand(base);
    assert.match(
      command,
      /^FINHUB_BASE_URL='http:\/\/127\.0\.0\.1:\d+\/__finhub' .* npx finhub-onboarding doctor$/,
    );

    const result = await run(['-c', command], {}, '/bin/sh');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const out = result.stdout;
    assert.match(out, /ok {3}Admin sign-in: FinHub accepted/);
    assert.match(
      out,
      /ok {3}Categorization hierarchy: read \(HTTP 200\), 6 categories, 4 features/,
    );
    assert.match(
      out,
      /GET \/api\/v2\.1\/customer\/individual\/categorization\/hierarchy\/\{tenantId\}: HTTP 200, envelope \{code, message, data\}/,
    );
    assert.match(out, /Individual \(B2C\) flow: 3 of 3 categories can be opened\./);
    assert.match(out, /Organization \(B2B\) flow: 3 of 3 categories can be opened\./);
    assert.match(out, /ok {3}STANDARD_INDIVIDUAL "Standard Individual Customer": can be opened/);
    assert.match(out, /TRANSACTION_LIMITS: monthlyLimit=20000, dailyLimit=5000/);
    assert.match(out, /Result: onboarding would work\./);
    assert.doesNotMatch(out, /FAIL/);
    assert.equal(result.stderr, '');
  });

  it('exits 1 naming the feature and key of an unsatisfiable category, and the override', async () => {
    const { env } = await serve({ hierarchy: unsatisfiable });
    const result = await run(['doctor'], env);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      /FAIL STANDARD_INDIVIDUAL "Standard Individual Customer": cannot be opened/,
    );
    assert.match(
      result.stdout,
      /feature TIERING requires accountTier, FinHub lists no allowed value for it and no documented rule gives one/,
    );
    assert.ok(result.stdout.includes('{"TIERING":{"accountTier":"<value>"}}'), result.stdout);
    assert.match(result.stdout, /Individual \(B2C\) flow: 2 of 3 categories can be opened\./);
    assert.match(result.stdout, /Result: onboarding would fail \(1 category cannot be opened\)/);
    assertNoSecrets(result);
  });

  it('passes with the override it asked for', async () => {
    const { env } = await serve({ hierarchy: unsatisfiable });
    const result = await run(['doctor', '--overrides', '{"TIERING":{"accountTier":"GOLD"}}'], env);
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /TIERING: accountTier=GOLD \(your override\)/);
  });

  it('passes on the legacy MEDIUM_RISK_PROFILE, saying which values are documented choices', async () => {
    const { env } = await serve({
      hierarchy: hierarchyWith((h) => {
        h['features']!['MEDIUM_RISK_PROFILE'] = {
          databaseId: 'feat-medium',
          featureCode: 'MEDIUM_RISK_PROFILE',
          mandatoryKeys: ['riskLevel', 'riskScore', 'pep', 'sanctionsCheck', 'monthlyLimit'],
          allowedValues: {
            riskLevel: ['LOW', 'MEDIUM', 'HIGH'],
            pep: 'true,false',
            sanctionsCheck: ['STANDARD', 'ENHANCED'],
          },
        };
        const standard = h['categories']!['STANDARD_INDIVIDUAL'] as {
          availableFeatures: unknown[];
        };
        standard.availableFeatures = ['MEDIUM_RISK_PROFILE'];
      }),
    });
    const result = await run(['doctor', '--flow', 'individual'], env);
    assert.equal(result.code, 0, result.stdout);
    assert.match(
      result.stdout,
      /MEDIUM_RISK_PROFILE: riskLevel=MEDIUM, riskScore=55 \(documented choice: FinHub lists no allowed values\), pep=false, sanctionsCheck=STANDARD, monthlyLimit=20000 \(documented choice/,
    );
    assert.match(result.stdout, /allowedValues as bare strings/);
    assert.doesNotMatch(result.stdout, /Organization/);
  });

  it('reports a response it cannot read with its field, and exits 1', async () => {
    const { env } = await serve({
      hierarchy: hierarchyWith((h) => {
        h['categories']!['BROKEN_INDIVIDUAL'] = {
          categoryId: 'BROKEN_INDIVIDUAL',
          categoryName: 'Broken',
        };
      }),
    });
    const result = await run(['doctor'], env);
    assert.equal(result.code, 1, result.stdout);
    assert.match(
      result.stdout,
      /FAIL GET \/api\/v2\.1\/customer\/individual\/categorization\/hierarchy\/\{tenantId\}: field data\.categories\.BROKEN_INDIVIDUAL\.databaseId: /,
    );
    // The rest of the hierarchy is still read and checked.
    assert.match(
      result.stdout,
      /LOW_RISK_INDIVIDUAL "Low Risk Individual Customer": can be opened/,
    );
  });

  it('names the documented variant each response matched ({success,data}, bare)', async () => {
    const { env } = await serve({}, (sandbox) => async (request) => {
      const answer = await sandbox.fetch(request);
      const body = (await answer.json()) as { data: unknown };
      const path = new URL(request.url).pathname;
      if (path.includes('/categorization/hierarchy/')) return Response.json(body.data);
      return Response.json({ success: true, data: body.data }, { status: answer.status });
    });
    const result = await run(['doctor'], env);
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /sessions: HTTP 200, envelope \{success, data\}/);
    assert.match(
      result.stdout,
      /hierarchy\/\{tenantId\}: HTTP 200, no envelope \(the payload itself\)/,
    );
  });

  it('never prints a secret: refused sign-in, an echoing FinHub, --json', async () => {
    const refused = await serve();
    const wrongPassword = 'Wr0ng-DOCTOR-PASSWORD-0004';
    const result = await run(['doctor'], { ...refused.env, FINHUB_ADMIN_PASSWORD: wrongPassword });
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      /FAIL FinHub refused the admin sign-in: HTTP 401 \(Authentication failed\)/,
    );
    assertNoSecrets(result, [wrongPassword]);

    // A FinHub that echoes what it was sent in its error message.
    const echoing = await serve(
      {},
      () => async (request) =>
        Response.json({ code: 403, message: `Denied: ${await request.text()}` }, { status: 403 }),
    );
    const echoed = await run(['doctor'], echoing.env);
    assert.equal(echoed.code, 1);
    assert.match(
      echoed.stdout,
      /FinHub refused the admin sign-in: HTTP 403 \(Denied: .*\[redacted\]/,
    );
    assertNoSecrets(echoed);

    const healthy = await serve();
    const json = await run(['doctor', '--json'], healthy.env);
    assert.equal(json.code, 0);
    const report = JSON.parse(json.stdout) as { ok: boolean; flows: unknown[] };
    assert.equal(report.ok, true);
    assert.equal(report.flows.length, 2);
    assertNoSecrets(json);
  });

  it('says so when the base URL answers something that is not FinHub (wrong FINHUB_BASE_URL)', async () => {
    const { env } = await serve(
      {},
      () => async () =>
        new Response('<html>Not found</html>', {
          status: 404,
          headers: { 'Content-Type': 'text/html' },
        }),
    );
    const result = await run(['doctor'], env);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /FAIL FinHub refused the admin sign-in: HTTP 404\./);
    assert.match(result.stdout, /sessions: HTTP 404, not JSON \(no documented variant\)/);
  });

  it('gives up on a FinHub that does not answer, within its timeout', async () => {
    const silent = createServer(() => undefined); // accepts, never answers
    servers.push(silent);
    const base = await listen(silent);
    const sandbox = createSandbox(SECRETS);
    const result = await run(['doctor', '--timeout', '300'], envFor(base, sandbox));
    assert.equal(result.code, 1);
    assert.match(result.stdout, /FAIL FinHub did not answer the admin sign-in within 300 ms\./);
    assert.ok(result.ms < 10_000, `took ${result.ms} ms`);
    assertNoSecrets(result);
  });

  it('exits 2 naming missing variables, without echoing the ones given', async () => {
    const result = await run(['doctor'], {
      FINHUB_BASE_URL: 'http://127.0.0.1:9',
      FINHUB_TENANT_SECRET: SECRETS.tenantSecret,
    });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /set FINHUB_TENANT_ID, FINHUB_TENANT_KEY, FINHUB_ADMIN_ORGANIZATION_ID/,
    );
    assert.ok(!result.stderr.includes(SECRETS.tenantSecret));
    assert.equal(result.stdout, '');
  });

  // Every documented reading the sandbox speaks: the doctor passes each, except the variant whose
  // categories no documented rule can fill, which it must flag by feature and key.
  for (const variant of VARIANTS) {
    it(`on the "${variant.name}" sandbox variant: ${variant.expect.unsatisfiable.length ? 'exits 1 naming each unsatisfiable feature and key' : 'exits 0'}`, async () => {
      const { env } = await serve({ variant: variant.name });
      const result = await run(['doctor'], env);
      assertNoSecrets(result);
      assert.match(result.stdout, /Categorization hierarchy: read \(HTTP 200\)/);
      if (variant.expect.unsatisfiable.length === 0) {
        assert.equal(result.code, 0, result.stdout);
        assert.match(result.stdout, /onboarding would work/);
        return;
      }
      assert.equal(result.code, 1, result.stdout);
      for (const gap of variant.expect.unsatisfiable) {
        assert.match(result.stdout, new RegExp(`FAIL ${gap.category} .*cannot be opened`));
        assert.match(result.stdout, new RegExp(`feature ${gap.feature} requires ${gap.key}`));
      }
    });
  }

  it('is built without Lit or zod (runs on a server with only the package)', () => {
    const text = readFileSync(BIN, 'utf8');
    assert.ok(text.startsWith('#!/usr/bin/env node\n'));
    const imports = [...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    // FinHub's hierarchy is read by hand (src/api/hierarchy.ts): nothing to import.
    assert.deepEqual(imports, []);
  });
});
