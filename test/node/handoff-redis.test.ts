/**
 * The phone hand-off on two relay instances sharing one real Redis (test/node/redis-server.ts), as
 * a partner behind a load balancer runs it: the computer's calls land on one instance, the phone's
 * on the other. Codes, single use, cancellation, the exchange limit and the uploads the computer
 * polls all hold across instances, and survive a Redis restart.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import { createRedisStore } from '../../src/server/redis-store.js';
import type { OnboardingHandlerOptions } from '../../src/server/types.js';
import { createClock, createTestRelay, errorOf } from '../server/helpers.js';
import {
  atDocumentsStep,
  documentUpload,
  exchange,
  handoff,
  startHandoff,
  statusOf,
  uploadAs,
} from '../server/handoff-helpers.js';
import { startRedis, type RedisServer } from './redis-server.js';

// Long enough that a loaded machine's Redis round trip fits (300 ms failed a token count under a
// load average of 14: the relay failed closed, as it should); a paused Redis still answers 503 in
// about a second.
const STORE_TIMEOUT_MS = 1000;

describe('phone hand-off: two relay instances on one real Redis', { timeout: 30_000 }, () => {
  let redis: RedisServer;
  const clients: ReturnType<typeof createClient>[] = [];
  let prefixCount = 0;

  before(async () => {
    redis = await startRedis({ aof: 'always' });
  });
  afterEach(() => {
    redis.resume();
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.disconnect().catch(() => undefined)));
    await redis.stop();
  });

  /** Two relays on one clock, each with its own Redis client; a fresh key prefix per test. */
  async function pair(extra: Partial<OnboardingHandlerOptions> = {}) {
    const prefix = `handoff-${++prefixCount}:`;
    const clock = createClock();
    const make = async () => {
      const client = createClient({ url: redis.url });
      client.on('error', () => undefined); // reconnects on its own
      await client.connect();
      clients.push(client);
      const store = await createRedisStore(client, { prefix });
      return createTestRelay({
        store,
        storeTimeoutMs: STORE_TIMEOUT_MS,
        now: clock.now,
        ...extra,
      });
    };
    const [a, b] = [await make(), await make()];
    const onboarding = await atDocumentsStep(a.relay);
    return { a, b, clock, prefix, ...onboarding };
  }

  it('a code made on one instance is exchanged on the other; uploads through either show on both', async () => {
    const { a, b, token, customerId, verificationId } = await pair();
    const created = await startHandoff(a.relay, token, verificationId);
    const phone = await exchange(b.relay, created.code);
    assert.equal(phone.verificationId, verificationId);

    for (const [relay, fileName] of [
      [b.relay, 'front.jpg'],
      [a.relay, 'back.jpg'],
    ] as const) {
      const body = documentUpload(customerId, verificationId, 'NATIONAL_ID', fileName);
      assert.equal((await uploadAs(relay, phone.accessToken, verificationId, body)).status, 200);
    }
    for (const relay of [a.relay, b.relay]) {
      const status = await statusOf(relay, token);
      assert.equal(status.state, 'opened');
      assert.deepEqual(status.received, [
        { documentType: 'NATIONAL_ID', fileName: 'front.jpg' },
        { documentType: 'NATIONAL_ID', fileName: 'back.jpg' },
      ]);
    }
  });

  it('single use across instances: four exchanges at once, one token', async () => {
    const { a, b, token, verificationId } = await pair();
    const { code } = await startHandoff(a.relay, token, verificationId);
    const responses = await Promise.all(
      [a.relay, b.relay, a.relay, b.relay].map((relay) =>
        handoff(relay, 'POST', '/exchange', { body: { code } }),
      ),
    );
    assert.deepEqual(responses.map((r) => r.status).sort(), [200, 410, 410, 410]);
    for (const response of responses.filter((r) => r.status === 410)) {
      assert.equal(await errorOf(response), 'handoff_used');
    }
  });

  it('cancelled on one instance, the phone’s token is refused on the other at once', async () => {
    const { a, b, token, customerId, verificationId } = await pair();
    const phone = await exchange(
      b.relay,
      (await startHandoff(a.relay, token, verificationId)).code,
    );
    const body = documentUpload(customerId, verificationId);
    assert.equal((await uploadAs(b.relay, phone.accessToken, verificationId, body)).status, 200);
    const forwarded = b.finhub.apiCalls().length;

    assert.equal((await handoff(a.relay, 'DELETE', '', { token })).status, 200);
    const refused = await uploadAs(b.relay, phone.accessToken, verificationId, body);
    assert.equal(refused.status, 410);
    assert.equal(await errorOf(refused), 'handoff_cancelled');
    assert.equal(b.finhub.apiCalls().length, forwarded, 'nothing forwarded after the cancel');
    const status = await handoff(b.relay, 'GET', '', { token: phone.accessToken });
    assert.equal(await errorOf(status), 'handoff_cancelled');
  });

  it('a hand-off started on one instance cancels the one started on the other', async () => {
    const { a, b, token, verificationId } = await pair();
    const first = await startHandoff(a.relay, token, verificationId);
    const second = await startHandoff(b.relay, token, verificationId);
    const refused = await handoff(a.relay, 'POST', '/exchange', { body: { code: first.code } });
    assert.equal(await errorOf(refused), 'handoff_cancelled');
    assert.equal((await exchange(a.relay, second.code)).verificationId, verificationId);
  });

  it('exchange attempts from one address add up across instances', async () => {
    const { a, b } = await pair({ handoffExchangeRateLimit: { max: 3, windowSeconds: 60 } });
    const statuses: number[] = [];
    for (const relay of [a.relay, b.relay, a.relay, b.relay]) {
      const response = await handoff(relay, 'POST', '/exchange', {
        body: { code: 'A'.repeat(32) },
      });
      statuses.push(response.status);
    }
    assert.deepEqual(statuses, [404, 404, 404, 429]);
  });

  it('expires by the relays’ clock, though Redis still holds the hand-off', async () => {
    const { a, b, clock, prefix, token, verificationId } = await pair();
    const { code } = await startHandoff(a.relay, token, verificationId);
    clock.advance(600_000);
    const client = clients.at(-1)!;
    assert.ok(
      (await client.keys(`${prefix}handoff:rec:*`)).length > 0,
      'the record is still there',
    );
    const refused = await handoff(b.relay, 'POST', '/exchange', { body: { code } });
    assert.equal(refused.status, 410);
    assert.equal(await errorOf(refused), 'handoff_expired');
    assert.equal((await statusOf(a.relay, token)).state, 'expired');
  });

  it('Redis paused: every hand-off call answers 503 store_unavailable within the timeout', async () => {
    const { a, b, token, customerId, verificationId } = await pair();
    const created = await startHandoff(a.relay, token, verificationId);
    const phone = await exchange(
      b.relay,
      (await startHandoff(a.relay, token, verificationId)).code,
    );
    const forwarded = a.finhub.apiCalls().length + b.finhub.apiCalls().length;
    redis.pause();
    const started = Date.now();
    const responses = await Promise.all([
      handoff(a.relay, 'POST', '', {
        token,
        body: { verificationId, documents: [{ type: 'PASSPORT' }] },
      }),
      handoff(b.relay, 'POST', '/exchange', { body: { code: created.code } }),
      handoff(a.relay, 'GET', '', { token }),
      handoff(b.relay, 'DELETE', '', { token }),
      handoff(a.relay, 'POST', '/complete', { token: phone.accessToken }),
      uploadAs(
        b.relay,
        phone.accessToken,
        verificationId,
        documentUpload(customerId, verificationId),
      ),
    ]);
    const elapsed = Date.now() - started;
    redis.resume();
    for (const response of responses) {
      assert.equal(response.status, 503);
      assert.equal(await errorOf(response), 'store_unavailable');
    }
    assert.ok(elapsed < STORE_TIMEOUT_MS + 2000, `answered after ${elapsed} ms`);
    assert.equal(a.finhub.apiCalls().length + b.finhub.apiCalls().length, forwarded);
  });

  it('Redis crashed and restarted (AOF): a spent code stays spent, a cancelled phone stays out', async () => {
    const { a, b, token, customerId, verificationId } = await pair();
    const created = await startHandoff(a.relay, token, verificationId);
    const phone = await exchange(a.relay, created.code);
    await handoff(a.relay, 'DELETE', '', { token });
    await redis.crashAndRestart();
    await Promise.all(clients.map((client) => client.ping().catch(() => undefined)));
    const reused = await handoff(b.relay, 'POST', '/exchange', { body: { code: created.code } });
    assert.equal(reused.status, 410);
    const upload = await uploadAs(
      b.relay,
      phone.accessToken,
      verificationId,
      documentUpload(customerId, verificationId),
    );
    assert.equal(await errorOf(upload), 'handoff_cancelled');
  });
});
