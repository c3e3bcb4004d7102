/**
 * The relay as a partner would run it, for `npm run bench:relay`: `toNodeListener` on `node:http`
 * at 127.0.0.1, in-memory FinHub sandbox upstream, in a process of its own so its memory is its
 * own. Store: in memory, or Redis when RELAY_REDIS_URL is set. Prints `{"port": N}` once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { createDevStack } from '../dev/stack.js';
import { createRedisStore, type RelayStore } from '../src/server/index.js';
import { toNodeListener } from '../src/server/node.js';

let store: RelayStore | undefined;
const redisUrl = process.env.RELAY_REDIS_URL;
if (redisUrl) {
  const client = createClient({ url: redisUrl });
  await client.connect();
  store = await createRedisStore(client, { prefix: 'bench:' });
}

// The dev stack's sandbox and relay options; only the store and the token limit differ.
const stack = createDevStack({ env: {}, verificationDelayMs: 60_000 });
const relay = stack.createRelay({
  // Counted (so the store is in every token request) but never reached.
  tokenRateLimit: { max: 1_000_000_000, windowSeconds: 60 },
  ...(store ? { store } : {}),
});

const server = createServer(toNodeListener(relay, { prefix: '/onboarding' }));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
