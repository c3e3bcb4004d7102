/**
 * `createRedisStore` with the real node-redis client against a real `redis-server` this file
 * starts (test/node/redis-server.ts): the commands' semantics, and the persistence check at start.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import { createRedisStore } from '../../src/server/redis-store.js';
import type { RelayStore } from '../../src/server/types.js';
import { startRedis, type RedisServer } from './redis-server.js';

type Client = ReturnType<typeof createClient>;

async function connect(url: string, extra: Parameters<typeof createClient>[0] = {}) {
  const client = createClient({ url, ...extra });
  client.on('error', () => undefined); // reconnects on its own; the tests check the answers
  await client.connect();
  return client;
}

describe('createRedisStore against a real Redis', () => {
  let redis: RedisServer;
  let client: Client;
  let store: RelayStore;

  before(async () => {
    redis = await startRedis();
    client = await connect(redis.url);
    store = await createRedisStore(client, { prefix: 't:' });
  });
  after(async () => {
    await client.quit();
    await redis.stop();
  });

  it('setOnce is true once, false while the key lives, and sets the TTL asked for', async () => {
    assert.equal(await store.setOnce('revoked:a', 30), true);
    assert.equal(await store.setOnce('revoked:a', 30), false);
    assert.equal(await store.has('revoked:a'), true);
    assert.equal(await store.has('revoked:b'), false);
    assert.equal(await client.ttl('t:revoked:a'), 30);
    // Once Redis expires it, the key is free again.
    // An expiry time in the past makes Redis drop the key at once (no waiting on its clock).
    await client.pExpireAt('t:revoked:a', Date.now() - 1000);
    assert.equal(await client.exists('t:revoked:a'), 0);
    assert.equal(await store.setOnce('revoked:a', 30), true);
  });

  it('increment sets the TTL on the first increment only, and counts parallel calls exactly', async () => {
    assert.equal(await store.increment('signin:o', 100), 1);
    assert.equal(await store.increment('signin:o', 5000), 2);
    assert.equal(await client.ttl('t:signin:o'), 100);
    const parallel = await Promise.all(
      Array.from({ length: 20 }, () => store.increment('burst', 60)),
    );
    assert.deepEqual(
      [...parallel].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    assert.equal(await client.ttl('t:burst'), 60);
  });

  it('gives a counter left without a TTL one on the next increment', async () => {
    await client.incr('t:orphan'); // e.g. written by an older tool
    assert.equal(await client.ttl('t:orphan'), -1);
    assert.equal(await store.increment('orphan', 45), 2);
    assert.equal(await client.ttl('t:orphan'), 45);
  });

  it('rejects when Redis refuses a command (the relay then answers 503, never "allowed")', async () => {
    await client.set('t:text', 'not-a-number');
    await assert.rejects(store.increment('text', 60));
  });

  it('setOnce keeps the value it was given, the first one only; get reads it and counters', async () => {
    assert.equal(await store.setOnce('handoff:open:h', 30, '{"exp":1}'), true);
    assert.equal(await store.setOnce('handoff:open:h', 30, '{"exp":2}'), false);
    assert.equal(await store.get('handoff:open:h'), '{"exp":1}');
    assert.equal(await client.ttl('t:handoff:open:h'), 30);
    await store.setOnce('flag', 30);
    assert.equal(await store.get('flag'), '1');
    await store.increment('seq', 30);
    await store.increment('seq', 30);
    assert.equal(await store.get('seq'), '2');
    assert.equal(await store.get('absent'), undefined);
    await client.pExpireAt('t:handoff:open:h', Date.now() - 1000);
    assert.equal(await store.get('handoff:open:h'), undefined);
  });

  it('uses the default prefix when none is given', async () => {
    const plain = await createRedisStore(client);
    await plain.setOnce('k', 10);
    assert.equal(await client.exists('finhub-onboarding:k'), 1);
  });
});

describe('createRedisStore: persistence check at start', () => {
  it('refuses a Redis that persists nothing, unless the host opts out', async () => {
    const redis = await startRedis({ aof: false });
    const client = await connect(redis.url);
    try {
      await assert.rejects(createRedisStore(client), /appendonly no.*requirePersistence: false/s);
      const store = await createRedisStore(client, { requirePersistence: false });
      assert.equal(await store.setOnce('k', 10), true);
    } finally {
      await client.quit();
      await redis.stop();
    }
  });

  it('refuses AOF without fsync (appendfsync no)', async () => {
    const redis = await startRedis({ aof: 'always' });
    const client = await connect(redis.url);
    try {
      await client.configSet('appendfsync', 'no');
      await assert.rejects(createRedisStore(client), /appendfsync no/);
      await client.configSet('appendfsync', 'everysec');
      await createRedisStore(client);
    } finally {
      await client.quit();
      await redis.stop();
    }
  });

  it('where INFO is refused (managed Redis), logs one warning and works', async () => {
    const redis = await startRedis({ aof: false });
    const admin = await connect(redis.url);
    await admin.sendCommand([
      'ACL',
      'SETUSER',
      'relay',
      'on',
      '>relay-pass',
      '~*',
      '+@all',
      '-info',
      '-config',
    ]);
    const client = await connect(redis.url, { username: 'relay', password: 'relay-pass' });
    try {
      const warnings: unknown[] = [];
      const store = await createRedisStore(client, { logger: (entry) => warnings.push(entry) });
      assert.deepEqual(
        warnings.map((w) => ({ ...(w as object), error: undefined })),
        [{ level: 'warn', event: 'store.persistence_unknown', error: undefined }],
      );
      assert.equal(await store.setOnce('k', 10), true);
    } finally {
      await client.quit();
      await admin.quit();
      await redis.stop();
    }
  });
});
