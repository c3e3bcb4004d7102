/**
 * `createRedisStore` with the real node-redis client (the `redis` dev dependency):
 * - always: over the wire to a small RESP server in this process, backed by the same command
 *   semantics as the browser tests' fake (test/server/fake-redis.ts), so the exact commands the
 *   real client sends for the store's calls are checked;
 * - when `REDIS_URL` is set: against that Redis (7.0 or later, for `EXPIRE … NX`).
 * Run: `node --import tsx --test test/node/redis-store.test.ts` (or `npm run test:node`).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import { createRedisStore } from '../../src/server/redis-store.js';
import { FakeRedisEngine, RedisReplyError, type Reply } from '../server/fake-redis.js';

// ---- a minimal RESP2 server -----------------------------------------------------------------

function encode(reply: Reply | 'QUEUED'): string {
  if (reply instanceof RedisReplyError) return `-${reply.message}\r\n`;
  if (reply === null) return '$-1\r\n';
  if (typeof reply === 'number') return `:${reply}\r\n`;
  if (Array.isArray(reply)) return `*${reply.length}\r\n${reply.map(encode).join('')}`;
  if (reply === 'OK' || reply === 'PONG' || reply === 'QUEUED') return `+${reply}\r\n`;
  return `$${Buffer.byteLength(reply)}\r\n${reply}\r\n`;
}

/** Parses complete `*N $len arg …` commands off the front of `buffer`. */
function parse(buffer: Buffer): { commands: string[][]; rest: Buffer } {
  const commands: string[][] = [];
  let offset = 0;
  const line = (from: number) => {
    const end = buffer.indexOf('\r\n', from);
    return end < 0 ? undefined : { text: buffer.toString('utf8', from, end), next: end + 2 };
  };
  for (;;) {
    const head = line(offset);
    if (!head || !head.text.startsWith('*')) break;
    const count = Number(head.text.slice(1));
    let at = head.next;
    const args: string[] = [];
    for (let i = 0; i < count; i++) {
      const size = line(at);
      if (!size) break;
      const length = Number(size.text.slice(1));
      if (buffer.length < size.next + length + 2) break;
      args.push(buffer.toString('utf8', size.next, size.next + length));
      at = size.next + length + 2;
    }
    if (args.length < count) break;
    commands.push(args);
    offset = at;
  }
  return { commands, rest: buffer.subarray(offset) };
}

function startRespServer(engine: FakeRedisEngine): Promise<Server> {
  const server = createServer((socket) => {
    let pending: Buffer = Buffer.alloc(0);
    let queued: string[][] | undefined;
    socket.on('data', (chunk) => {
      const { commands, rest } = parse(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const args of commands) {
        const name = args[0]?.toUpperCase();
        if (name === 'QUIT') {
          socket.end(encode('OK'));
        } else if (name === 'MULTI') {
          engine.run(args);
          queued = [];
          socket.write(encode('OK'));
        } else if (name === 'EXEC') {
          const replies = (queued ?? []).map((queuedArgs) => engine.run(queuedArgs));
          engine.run(args);
          queued = undefined;
          socket.write(encode(replies));
        } else if (queued) {
          queued.push(args);
          socket.write(encode('QUEUED'));
        } else {
          socket.write(encode(engine.run(args)));
        }
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- over the wire -----------------------------------------------------------------------------

describe('createRedisStore with node-redis, over the wire', () => {
  let t = Date.UTC(2026, 2, 1);
  const engine = new FakeRedisEngine(() => t);
  let server: Server;
  let client: ReturnType<typeof createClient>;

  before(async () => {
    server = await startRespServer(engine);
    const { port } = server.address() as AddressInfo; // a TCP listener has an AddressInfo
    client = createClient({ url: `redis://127.0.0.1:${port}` });
    await client.connect();
  });
  after(async () => {
    await client.quit();
    await new Promise((resolve) => server.close(resolve));
  });

  const sent = (mark: number) =>
    engine.commands.slice(mark).filter((args) => args[0]?.toUpperCase() !== 'CLIENT');

  it('setOnce sends SET key 1 EX ttl NX and reads OK / nil', async () => {
    const store = createRedisStore(client, { prefix: 'wire:' });
    const mark = engine.commands.length;
    assert.equal(await store.setOnce('revoked:a', 30), true);
    assert.equal(await store.setOnce('revoked:a', 30), false);
    assert.equal(await store.has('revoked:a'), true);
    assert.equal(await store.has('revoked:b'), false);
    t += 30_001;
    assert.equal(await store.has('revoked:a'), false);
    assert.deepEqual(sent(mark), [
      ['SET', 'wire:revoked:a', '1', 'EX', '30', 'NX'],
      ['SET', 'wire:revoked:a', '1', 'EX', '30', 'NX'],
      ['EXISTS', 'wire:revoked:a'],
      ['EXISTS', 'wire:revoked:b'],
      ['EXISTS', 'wire:revoked:a'],
    ]);
  });

  it('increment sends MULTI INCR EXPIRE NX EXEC and returns the count', async () => {
    const store = createRedisStore(client, { prefix: 'wire:' });
    const mark = engine.commands.length;
    assert.equal(await store.increment('signin:o', 60), 1);
    t += 59_000;
    assert.equal(await store.increment('signin:o', 60), 2);
    t += 1_001;
    assert.equal(await store.increment('signin:o', 60), 1); // the first window ran out
    assert.deepEqual(sent(mark).slice(0, 4), [
      ['MULTI'],
      ['INCR', 'wire:signin:o'],
      ['EXPIRE', 'wire:signin:o', '60', 'NX'],
      ['EXEC'],
    ]);
  });

  it('rejects when Redis refuses a queued command (the relay then answers 500, never "allowed")', async () => {
    const store = createRedisStore(client, { prefix: 'wire:' });
    await client.set('wire:text', 'not-a-number');
    await assert.rejects(store.increment('text', 60));
  });
});

// ---- a real Redis ----------------------------------------------------------------------------

const REDIS_URL = process.env.REDIS_URL;
const skip = REDIS_URL
  ? false
  : 'REDIS_URL is not set (e.g. REDIS_URL=redis://127.0.0.1:6379 with Redis 7+ running)';

describe('createRedisStore against a real Redis', { skip }, () => {
  const prefix = `finhub-onboarding-test:${randomUUID()}:`;
  let client: ReturnType<typeof createClient>;

  before(async () => {
    client = createClient({ url: REDIS_URL });
    await client.connect();
  });
  after(async () => {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(keys);
    await client.quit();
  });

  it('setOnce is true once, false while the key lives, true again after expiry', async () => {
    const store = createRedisStore(client, { prefix });
    assert.equal(await store.setOnce('revoked:a', 1), true);
    assert.equal(await store.setOnce('revoked:a', 1), false);
    assert.equal(await store.has('revoked:a'), true);
    assert.equal(await client.ttl(`${prefix}revoked:a`), 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    assert.equal(await store.has('revoked:a'), false);
    assert.equal(await store.setOnce('revoked:a', 1), true);
  });

  it('increment sets the TTL on the first increment only', async () => {
    const store = createRedisStore(client, { prefix });
    assert.equal(await store.increment('signin:o', 100), 1);
    assert.equal(await store.increment('signin:o', 5000), 2);
    const ttl = await client.ttl(`${prefix}signin:o`);
    assert.ok(ttl > 90 && ttl <= 100, `TTL ${ttl} should still be the first one (100 s)`);
    const parallel = await Promise.all(
      Array.from({ length: 20 }, () => store.increment('burst', 60)),
    );
    assert.deepEqual(
      [...parallel].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    assert.ok((await client.ttl(`${prefix}burst`)) > 0);
  });
});
