import { expect } from '@open-wc/testing';
import { createRedisStore } from '../../src/server/index.js';
import { FakeRedisEngine, createFakeRedisClient } from './fake-redis.js';
import {
  CUSTOMER_PASSWORD,
  REGISTRATION_BODY,
  api,
  buildRequest,
  createClock,
  createTestRelay,
  registerIndividual,
  RELAY,
} from './helpers.js';

function setup(prefix?: string) {
  const clock = createClock();
  const engine = new FakeRedisEngine(clock.now);
  const client = createFakeRedisClient(engine);
  const store = createRedisStore(client, prefix === undefined ? {} : { prefix });
  return { clock, engine, client, store };
}

describe('relay: Redis store (node-redis client shape)', () => {
  it('setOnce is SET NX EX: true once, false while the key lives, true again after it expires', async () => {
    const { clock, engine, client, store } = setup();
    expect(await store.setOnce('revoked:a', 10)).to.equal(true);
    expect(await store.setOnce('revoked:a', 10)).to.equal(false);
    expect(await store.has('revoked:a')).to.equal(true);
    expect(await store.has('revoked:b')).to.equal(false);
    expect(await client.ttl('finhub-onboarding:revoked:a')).to.equal(10);
    clock.advance(10_001);
    expect(await store.has('revoked:a')).to.equal(false);
    expect(await store.setOnce('revoked:a', 10)).to.equal(true);
    expect(engine.commands.slice(0, 3)).to.deep.equal([
      ['SET', 'finhub-onboarding:revoked:a', '1', 'EX', '10', 'NX'],
      ['SET', 'finhub-onboarding:revoked:a', '1', 'EX', '10', 'NX'],
      ['EXISTS', 'finhub-onboarding:revoked:a'],
    ]);
  });

  it('rounds TTLs up to whole seconds and never sends 0 (Redis refuses EX 0)', async () => {
    const { engine, store } = setup();
    expect(await store.setOnce('x', 0.2)).to.equal(true);
    expect(await store.setOnce('y', 59.5)).to.equal(true);
    await store.increment('z', 0);
    expect(engine.commands.map((c) => c.join(' '))).to.include.members([
      'SET finhub-onboarding:x 1 EX 1 NX',
      'SET finhub-onboarding:y 1 EX 60 NX',
      'EXPIRE finhub-onboarding:z 1 NX',
    ]);
  });

  it('increment is MULTI INCR + EXPIRE NX: the TTL starts at the first increment and is never extended', async () => {
    const { clock, engine, client, store } = setup();
    expect(await store.increment('signin:o', 60)).to.equal(1);
    clock.advance(30_000);
    expect(await store.increment('signin:o', 60)).to.equal(2);
    // A later increment with a longer TTL does not push the expiry out either.
    expect(await store.increment('signin:o', 600)).to.equal(3);
    expect(await client.ttl('finhub-onboarding:signin:o')).to.equal(30);
    clock.advance(30_001);
    expect(await store.increment('signin:o', 60)).to.equal(1);
    expect(engine.commands.slice(0, 4)).to.deep.equal([
      ['MULTI'],
      ['INCR', 'finhub-onboarding:signin:o'],
      ['EXPIRE', 'finhub-onboarding:signin:o', '60', 'NX'],
      ['EXEC'],
    ]);
  });

  it('gives a counter left without a TTL one on the next increment (it cannot live forever)', async () => {
    const { engine, client, store } = setup();
    engine.run(['INCR', 'finhub-onboarding:orphan']); // e.g. written by an older tool
    expect(await client.ttl('finhub-onboarding:orphan')).to.equal(-1);
    expect(await store.increment('orphan', 45)).to.equal(2);
    expect(await client.ttl('finhub-onboarding:orphan')).to.equal(45);
  });

  it('uses the configured key prefix', async () => {
    const { engine, store } = setup('tenant-a:');
    await store.setOnce('revoked:j', 5);
    await store.increment('mint:ip:1', 5);
    expect(
      engine.commands.flat().filter((arg) => arg.includes(':j') || arg.includes('mint')),
    ).to.deep.equal(['tenant-a:revoked:j', 'tenant-a:mint:ip:1', 'tenant-a:mint:ip:1']);
  });

  it('fails loudly when Redis answers without a count, or with an error', async () => {
    const { client } = setup();
    const broken = createRedisStore({
      ...client,
      multi: () => ({ incr: () => undefined, expire: () => undefined, exec: async () => null }),
    });
    let error: unknown;
    try {
      await broken.increment('k', 1);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(Error);

    const { engine, store } = setup();
    engine.run(['SET', 'finhub-onboarding:text', 'abc']);
    let replyError: unknown;
    try {
      await store.increment('text', 1);
    } catch (e) {
      replyError = e;
    }
    expect(String(replyError)).to.contain('not an integer');
  });
});

describe('relay: two instances sharing one Redis store', () => {
  function pair() {
    const clock = createClock();
    const engine = new FakeRedisEngine(clock.now);
    const shared = () => createRedisStore(createFakeRedisClient(engine));
    const a = createTestRelay({ store: shared(), now: clock.now, maxSignInAttempts: 2 });
    const b = createTestRelay({ store: shared(), now: clock.now, maxSignInAttempts: 2 });
    return { a, b, engine };
  }

  it('a token revoked on one instance is refused on the other, without calling FinHub', async () => {
    const { a, b } = pair();
    const { unbound } = await registerIndividual(a.relay);
    const replay = await api(b.relay, 'POST', '/customer/individual/registration', {
      token: unbound,
      body: REGISTRATION_BODY,
    });
    expect(replay.status).to.equal(401);
    expect((await replay.json()).data.error).to.equal('onboarding_token_revoked');
    expect(b.finhub.apiCalls()).to.have.length(0);
  });

  it('sign-in attempts add up across instances', async () => {
    const { a, b } = pair();
    const { token, customerId, userId } = await registerIndividual(a.relay);
    const path = `/customer/individual/${customerId}/users/${userId}/sessions`;
    const body = { username: 'marcus@example.com', password: CUSTOMER_PASSWORD };
    expect((await api(a.relay, 'POST', path, { token, body })).status).to.equal(200);
    expect((await api(b.relay, 'POST', path, { token, body })).status).to.equal(200);
    const third = await api(a.relay, 'POST', path, { token, body });
    expect(third.status).to.equal(429);
    expect((await third.json()).data.error).to.equal('too_many_sign_in_attempts');
    const sessions = [...a.finhub.apiCalls(), ...b.finhub.apiCalls()].filter((c) =>
      c.path.endsWith('/sessions'),
    );
    expect(sessions).to.have.length(2);
  });

  it('token requests from one address add up across instances', async () => {
    const clock = createClock();
    const engine = new FakeRedisEngine(clock.now);
    const make = () =>
      createTestRelay({
        store: createRedisStore(createFakeRedisClient(engine)),
        now: clock.now,
        tokenRateLimit: { max: 3, windowSeconds: 60 },
      });
    const [a, b] = [make(), make()];
    const from = { remoteAddress: '198.51.100.9' };
    const statuses: number[] = [];
    for (const relay of [a.relay, b.relay, a.relay, b.relay]) {
      statuses.push((await relay(buildRequest('POST', `${RELAY}/token`), from)).status);
    }
    expect(statuses).to.deep.equal([200, 200, 200, 429]);
    // One counter key for the address and the window.
    const keys = engine.commands.filter((c) => c[0] === 'INCR').map((c) => c[1]);
    expect(new Set(keys).size).to.equal(1);
    expect(keys[0]).to.match(/^finhub-onboarding:mint:198\.51\.100\.9:\d+$/);
  });
});
