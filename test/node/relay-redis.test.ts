/**
 * Two relay instances sharing one real Redis (test/node/redis-server.ts), as a partner running
 * several processes would: revocations, single use and counters hold across instances, and when
 * Redis stops answering or restarts the relay fails closed and fast, and forgets nothing.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import { createRedisStore } from '../../src/server/redis-store.js';
import type { OnboardingHandlerOptions } from '../../src/server/types.js';
import {
  CUSTOMER_PASSWORD,
  REGISTRATION_BODY,
  RELAY,
  api,
  buildRequest,
  createTestRelay,
  errorOf,
  mint,
  registerIndividual,
} from '../server/helpers.js';
import { startRedis, type RedisServer } from './redis-server.js';

// Long enough that a loaded machine's Redis round trip fits (300 ms failed a token count under a
// load average of 14: the relay failed closed, as it should); a paused Redis still answers 503 in
// about a second.
const STORE_TIMEOUT_MS = 1000;

describe('relay: two instances sharing one real Redis', { timeout: 30_000 }, () => {
  let redis: RedisServer;
  const clients: ReturnType<typeof createClient>[] = [];
  let prefixCount = 0;

  before(async () => {
    redis = await startRedis({ aof: 'always' });
  });
  afterEach(async () => {
    redis.resume();
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.disconnect().catch(() => undefined)));
    await redis.stop();
  });

  /** Two relays, each with its own client, on one Redis; a fresh key prefix per test. */
  async function pair(extra: Partial<OnboardingHandlerOptions> = {}) {
    const prefix = `pair-${++prefixCount}:`;
    const make = async () => {
      const client = createClient({ url: redis.url });
      client.on('error', () => undefined); // reconnects on its own
      await client.connect();
      clients.push(client);
      const store = await createRedisStore(client, { prefix });
      return {
        client,
        ...createTestRelay({ store, storeTimeoutMs: STORE_TIMEOUT_MS, ...extra }),
      };
    };
    return [await make(), await make()] as const;
  }

  it('a token spent on one instance is refused on the other, without calling FinHub', async () => {
    const [a, b] = await pair();
    const { unbound } = await registerIndividual(a.relay);
    const replay = await api(b.relay, 'POST', '/customer/individual/registration', {
      token: unbound,
      body: REGISTRATION_BODY,
    });
    assert.equal(replay.status, 401);
    assert.equal(await errorOf(replay), 'onboarding_token_revoked');
    assert.equal(b.finhub.apiCalls().length, 0);
  });

  it('one token sent to register on both instances at once creates exactly one customer', async () => {
    const [a, b] = await pair();
    const { accessToken } = await mint(a.relay);
    const send = (relay: typeof a.relay) =>
      api(relay, 'POST', '/customer/individual/registration', {
        token: accessToken,
        body: REGISTRATION_BODY,
      });
    const statuses = (
      await Promise.all([send(a.relay), send(b.relay), send(a.relay), send(b.relay)])
    )
      .map((response) => response.status)
      .sort();
    assert.deepEqual(statuses, [200, 401, 401, 401]);
    const registrations = [...a.finhub.apiCalls(), ...b.finhub.apiCalls()].filter((call) =>
      call.path.endsWith('/registration'),
    );
    assert.equal(registrations.length, 1);
  });

  it('sign-in attempts add up across instances', async () => {
    const [a, b] = await pair({ maxSignInAttempts: 2 });
    const { token, customerId, userId } = await registerIndividual(a.relay);
    const path = `/customer/individual/${customerId}/users/${userId}/sessions`;
    const body = { username: 'marcus@example.com', password: CUSTOMER_PASSWORD };
    assert.equal((await api(a.relay, 'POST', path, { token, body })).status, 200);
    assert.equal((await api(b.relay, 'POST', path, { token, body })).status, 200);
    const third = await api(a.relay, 'POST', path, { token, body });
    assert.equal(third.status, 429);
    const sessions = [...a.finhub.apiCalls(), ...b.finhub.apiCalls()].filter((c) =>
      c.path.endsWith('/sessions'),
    );
    assert.equal(sessions.length, 2);
  });

  it('token requests from one address add up across instances', async () => {
    const [a, b] = await pair({ tokenRateLimit: { max: 3, windowSeconds: 60 } });
    const from = { remoteAddress: '198.51.100.9' };
    const statuses: number[] = [];
    for (const relay of [a.relay, b.relay, a.relay, b.relay]) {
      statuses.push((await relay(buildRequest('POST', `${RELAY}/token`), from)).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
  });

  it('Redis paused: token and API calls answer 503 store_unavailable within the timeout, nothing forwarded', async () => {
    const [a, b] = await pair();
    const { token, customerId } = await registerIndividual(a.relay);
    const { accessToken: fresh } = await mint(b.relay); // no client address: no store call
    const upstream = () => a.finhub.apiCalls().length + b.finhub.apiCalls().length;
    const forwarded = upstream();
    redis.pause();
    const started = Date.now();
    const responses = await Promise.all([
      // a new onboarding (the per-address limit is counted in Redis)
      a.relay(buildRequest('POST', `${RELAY}/token`), { remoteAddress: '198.51.100.1' }),
      // a renewal (the token's revocation is looked up in Redis)
      b.relay(buildRequest('POST', `${RELAY}/token`, { token })),
      api(b.relay, 'POST', '/customer/individual/registration', {
        token: fresh,
        body: REGISTRATION_BODY,
      }),
      api(a.relay, 'POST', `/customer/individual/${customerId}/verification`, { token, body: {} }),
    ]);
    const elapsed = Date.now() - started;
    redis.resume();
    for (const response of responses) {
      assert.equal(response.status, 503);
      assert.equal(await errorOf(response), 'store_unavailable');
      assert.equal(response.headers.get('Retry-After'), '5');
    }
    assert.ok(elapsed < STORE_TIMEOUT_MS + 2000, `answered after ${elapsed} ms`);
    assert.equal(upstream(), forwarded, 'nothing reached FinHub while Redis was paused');
    assert.ok(
      a.logs.some((entry) => entry.event === 'store.unavailable' && entry.reason === 'timeout'),
    );

    // Once Redis answers again, so does the relay.
    const again = await api(a.relay, 'POST', `/customer/individual/${customerId}/verification`, {
      token,
      body: {},
    });
    assert.equal(again.status, 200);
  });

  it('Redis crashed and restarted (AOF): a spent token stays spent, on either instance', async () => {
    const [a, b] = await pair();
    const { unbound } = await registerIndividual(a.relay);
    const { accessToken: failed } = await mint(a.relay);
    a.finhub.on('POST', /registration$/, () => new Response('{"code":400}', { status: 400 }));
    assert.equal(
      (
        await api(a.relay, 'POST', '/customer/individual/registration', {
          token: failed,
          body: REGISTRATION_BODY,
        })
      ).status,
      400,
    );
    await redis.crashAndRestart();
    await Promise.all([a.client.ping(), b.client.ping()]); // both clients reconnected
    for (const token of [unbound, failed]) {
      const replay = await api(b.relay, 'POST', '/customer/individual/registration', {
        token,
        body: REGISTRATION_BODY,
      });
      assert.equal(replay.status, 401);
      assert.equal(await errorOf(replay), 'onboarding_token_revoked');
    }
    assert.equal(b.finhub.apiCalls().length, 0);
  });
});
