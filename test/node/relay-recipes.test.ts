/**
 * The README's relay recipes, followed as written: `node:http` through `toNodeListener`, Hono on
 * `@hono/node-server`, and a Next.js-style route handler (a plain `(Request) => Response`). Each
 * serves on loopback and must mint a token, forward an allowed call to FinHub (the in-memory
 * sandbox) with the caller's address in `X-Forwarded-For`, and refuse a path off the allow-list.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { serve, type HttpBindings } from '@hono/node-server';
import { createOnboardingHandler } from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';
import type { OnboardingHandlerOptions } from '../../src/server/types.js';
import { createSandbox } from '../../sandbox/index.js';

const DEVICE = 'recipe-test-device';

function createRelay(extra: Partial<OnboardingHandlerOptions> = {}) {
  const sandbox = createSandbox();
  const { tenantId, tenantKey, tenantSecret, admin } = sandbox.credentials;
  const relay = createOnboardingHandler({
    finhubBaseUrl: 'http://finhub.sandbox.invalid',
    tenantId,
    tenantKey,
    tenantSecret,
    admin,
    signingSecret: 'recipe-test-signing-secret-0123456789',
    prefix: '/onboarding',
    fetch: (request) => sandbox.fetch(request),
    ...extra,
  });
  return { relay, sandbox, tenantId };
}

/** What a browser on the page would do: get a token, then read the categorization hierarchy. */
async function walk(base: string, tenantId: string) {
  const tokenResponse = await fetch(`${base}/onboarding/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: '{}',
  });
  assert.equal(tokenResponse.status, 200);
  const token = (await tokenResponse.json()) as { accessToken: string; expiresIn?: number };
  assert.ok(token.accessToken.length > 20);

  const headers = {
    Authorization: `Bearer ${token.accessToken}`,
    'X-Tenant-ID': tenantId,
    Accept: 'application/json',
    deviceId: DEVICE,
    platform: 'web',
    'X-Forwarded-From': 'web-app',
    // A browser cannot choose its own address: the relay must replace this.
    'X-Forwarded-For': '203.0.113.9',
    Origin: base,
  };
  const hierarchy = await fetch(
    `${base}/onboarding/api/v2.1/customer/individual/categorization/hierarchy/${tenantId}`,
    { headers },
  );
  assert.equal(hierarchy.status, 200);
  const offList = await fetch(`${base}/onboarding/api/v2.1/admin/tenants`, { headers });
  assert.equal(offList.status, 404);
}

function forwardedFor(sandbox: ReturnType<typeof createSandbox>): string | undefined {
  const entry = sandbox.requests(DEVICE).find((e) => e.path.includes('/categorization/hierarchy/'));
  return entry?.headers['x-forwarded-for'];
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }),
  );
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('README relay recipes', () => {
  describe('node:http / Express via toNodeListener', () => {
    const { relay, sandbox, tenantId } = createRelay();
    const listener = toNodeListener(relay, { prefix: '/onboarding' });
    const server = createServer((req, res) => listener(req, res));
    let base = '';
    before(async () => (base = await listen(server)));
    after(() => close(server));

    it('mints a token, forwards an allowed call with the real client address, refuses others', async () => {
      await walk(base, tenantId);
      assert.equal(forwardedFor(sandbox), '127.0.0.1');
    });

    it('leaves paths outside the prefix to the next handler', async () => {
      const response = await fetch(`${base}/elsewhere`);
      assert.equal(response.status, 404);
    });
  });

  describe('Hono on @hono/node-server', () => {
    const { relay, sandbox, tenantId } = createRelay();
    const app = new Hono<{ Bindings: HttpBindings }>();
    app.all('/onboarding/*', (c) =>
      relay(c.req.raw, { remoteAddress: c.env.incoming.socket.remoteAddress }),
    );
    let server: Server;
    let base = '';
    before(async () => {
      base = await new Promise<string>((resolve) => {
        server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
          resolve(`http://127.0.0.1:${info.port}`),
        ) as Server;
      });
    });
    after(() => close(server));

    it('mints a token, forwards an allowed call with the real client address, refuses others', async () => {
      await walk(base, tenantId);
      assert.equal(forwardedFor(sandbox), '127.0.0.1');
    });
  });

  describe('Next.js route handler shape', () => {
    // A route handler sees no socket: the platform's proxy names the client (here `x-real-ip`,
    // as Vercel and nginx set it), and the relay is told to trust that header and no other.
    const { relay, sandbox, tenantId } = createRelay({
      clientIp: (request) => request.headers.get('x-real-ip') ?? undefined,
    });
    // app/onboarding/[...path]/route.ts exports these; Next.js calls them with a Request.
    const POST = (request: Request) => relay(request);
    const GET = (request: Request) => relay(request);
    const server = createServer(async (req, res) => {
      const url = `http://${req.headers.host}${req.url}`;
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const request = new Request(url, {
        method: req.method,
        headers: { ...(req.headers as Record<string, string>), 'x-real-ip': '198.51.100.7' },
        ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
      });
      const response = await (req.method === 'POST' ? POST(request) : GET(request));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    let base = '';
    before(async () => (base = await listen(server)));
    after(() => close(server));

    it('works as exported handlers taking only the Request, with the address from clientIp', async () => {
      await walk(base, tenantId);
      assert.equal(forwardedFor(sandbox), '198.51.100.7');
    });
  });
});
