/**
 * The relay as a partner would run it, for `npm run bench:relay`: `toNodeListener` on `node:http`
 * at 127.0.0.1, in-memory FinHub sandbox upstream, in a process of its own so its memory is its
 * own. Store: in memory, or Redis when RELAY_REDIS_URL is set. Prints `{"port": N}` once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { createSandbox } from '../sandbox/index.js';
import { createOnboardingHandler, createRedisStore, type RelayStore } from '../src/server/index.js';
import { toNodeListener } from '../src/server/node.js';

const sandbox = createSandbox({ verificationDelayMs: 60_000 });
const { tenantId, tenantKey, tenantSecret, admin } = sandbox.credentials;

let store: RelayStore | undefined;
const redisUrl = process.env.RELAY_REDIS_URL;
if (redisUrl) {
  const client = createClient({ url: redisUrl });
  await client.connect();
  store = await createRedisStore(client, { prefix: 'bench:' });
}

const relay = createOnboardingHandler({
  finhubBaseUrl: 'http://finhub.sandbox.invalid',
  tenantId,
  tenantKey,
  tenantSecret,
  admin,
  signingSecret: 'bench-signing-secret-0123456789abcdef',
  fetch: (request) => sandbox.fetch(request),
  // Counted (so the store is in every token request) but never reached.
  tokenRateLimit: { max: 1_000_000_000, windowSeconds: 60 },
  ...(store ? { store } : {}),
});

const server = createServer(toNodeListener(relay, { prefix: '/onboarding' }));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
