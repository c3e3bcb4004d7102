/**
 * Memory of a relay process while ten clients each send a 25 MiB body and hold back the last byte
 * (issue 16). The relay runs in its own process (bench/relay-server.ts); its resident memory is
 * read from /proc. Run: `node --import tsx bench/relay-attack.ts [registration|documents]`:
 * `registration` sends with free anonymous tokens, `documents` with registered people's tokens to
 * the document upload (the one route that takes large bodies).
 */
import { request } from 'node:http';
import type { Sandbox } from '../sandbox/index.js';
import { individualBody } from '../test/sandbox/helpers.js';
import { rssMiB, startRelayProcess } from './relay-process.js';

const CONNECTIONS = 10;
const BODY_BYTES = 25 * 1024 * 1024;
const target = process.argv[2] ?? 'registration';
/** How long to watch after the bodies are sent (ATTACK_WATCH_SECONDS, default 20). */
const WATCH_SECONDS = Number(process.env.ATTACK_WATCH_SECONDS ?? 20);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const relay = await startRelayProcess();
const { base } = relay;

async function token(): Promise<string> {
  const response = await fetch(`${base}/token`, { method: 'POST', body: '{}' });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * The headers FinHub requires on every call (docs/finhub-contract.md#headers), as the element sends
 * them.
 */
const HINTS = { deviceId: 'bench-attack', platform: 'web', 'X-Forwarded-From': 'web-app' };

const post = (path: string, bearer: string, body: unknown) =>
  fetch(`${base}/api/v2.1${path}`, {
    method: 'POST',
    headers: { ...HINTS, Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A registered person with a verification: what the document upload needs. */
async function uploadTarget(): Promise<{ path: string; bearer: string }> {
  const minted = await fetch(`${base}/token`, { method: 'POST', body: '{}' });
  const { accessToken, tenantId } = (await minted.json()) as {
    accessToken: string;
    tenantId: string;
  };
  const sandbox = { credentials: { tenantId } } as Sandbox;
  const registered = await post(
    '/customer/individual/registration',
    accessToken,
    individualBody(sandbox),
  );
  const customerId = ((await registered.json()) as { data: { id: string } }).data.id;
  const bound = registered.headers.get('X-Onboarding-Token')!;
  const created = await post('/verifications', bound, {
    customerId,
    type: 'IDENTITY_VERIFICATION',
    requestedLevel: 'TENANT_VERIFIED',
  });
  if (created.status !== 200)
    throw new Error(`verification: HTTP ${created.status} ${await created.text()}`);
  const { verificationId } = ((await created.json()) as { data: { verificationId: string } }).data;
  return {
    path: `/verifications/${verificationId}/documents`,
    bearer: created.headers.get('X-Onboarding-Token') ?? bound,
  };
}

/** Starts a 25 MiB upload and resolves once all but its last byte has been written. */
function slowUpload(path: string, bearer: string) {
  let status: number | undefined;
  let closed = false;
  const req = request(`${base}/api/v2.1${path}`, {
    method: 'POST',
    headers: {
      ...HINTS,
      Authorization: `Bearer ${bearer}`,
      'Content-Type': 'application/json',
      'Content-Length': String(BODY_BYTES),
    },
  });
  req.on('response', (res) => {
    status = res.statusCode;
    res.resume();
  });
  req.on('error', () => undefined);
  req.on('close', () => (closed = true));
  const chunk = Buffer.alloc(1024 * 1024, 0x41);
  const written = (async () => {
    req.write('{"a":"');
    let sent = 6;
    while (sent < BODY_BYTES - 1 - 1024 * 1024 && !closed) {
      if (!req.write(chunk)) await new Promise((resolve) => req.once('drain', resolve));
      sent += chunk.length;
    }
    if (!closed) req.write(Buffer.alloc(BODY_BYTES - 1 - sent, 0x41));
  })();
  return { written, state: () => ({ status, closed }), req };
}

const targets = await Promise.all(
  Array.from({ length: CONNECTIONS }, async () =>
    target === 'registration'
      ? { path: '/customer/individual/registration', bearer: await token() }
      : uploadTarget(),
  ),
);
const before = rssMiB(relay.pid);
const uploads = targets.map(({ path, bearer }) => slowUpload(path, bearer));
await Promise.race([Promise.all(uploads.map((u) => u.written)), wait(30_000)]);
let peak = 0;
for (let i = 0; i < WATCH_SECONDS; i++) {
  peak = Math.max(peak, rssMiB(relay.pid));
  await wait(1000);
}
const states = uploads.map((u) => u.state());
console.log(
  JSON.stringify({
    target,
    rssBeforeMiB: before,
    rssPeakMiB: peak,
    watchedSeconds: WATCH_SECONDS,
    rssAtEndMiB: rssMiB(relay.pid),
    answered: states.filter((s) => s.status !== undefined).map((s) => s.status),
    stillOpenAtEnd: states.filter((s) => !s.closed && s.status === undefined).length,
  }),
);
for (const u of uploads) u.req.destroy();
process.exit(0);
