import { expect } from '@open-wc/testing';
import { createMemoryStore } from '../../src/server/index.js';
import { StoreFullError } from '../../src/server/store-guard.js';
import { api, createClock, createTestRelay, json, mint } from './helpers.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('relay: memory store', () => {
  it('setOnce succeeds once until the key expires', async () => {
    const clock = createClock();
    const store = createMemoryStore({ now: clock.now });
    expect(await store.setOnce('revoked:a', 10)).to.be.true;
    expect(await store.setOnce('revoked:a', 10)).to.be.false;
    expect(await store.has('revoked:a')).to.be.true;
    expect(await store.has('revoked:b')).to.be.false;
    clock.advance(9_999);
    expect(await store.has('revoked:a')).to.be.true;
    clock.advance(1);
    expect(await store.has('revoked:a')).to.be.false;
    expect(await store.setOnce('revoked:a', 10)).to.be.true;
  });

  it('increment counts within the window opened by the first increment', async () => {
    const clock = createClock();
    const store = createMemoryStore({ now: clock.now });
    expect(await store.increment('signin:x', 60)).to.equal(1);
    clock.advance(30_000);
    expect(await store.increment('signin:x', 60)).to.equal(2);
    clock.advance(30_000);
    expect(await store.increment('signin:x', 60)).to.equal(1);
  });

  it('get reads what setOnce kept (the first value only) and counters, until they expire', async () => {
    const clock = createClock();
    const store = createMemoryStore({ now: clock.now });
    expect(await store.setOnce('handoff:open:h', 10, '{"exp":1}')).to.be.true;
    expect(await store.setOnce('handoff:open:h', 10, '{"exp":2}')).to.be.false;
    expect(await store.get('handoff:open:h')).to.equal('{"exp":1}');
    await store.setOnce('flag', 10);
    expect(await store.get('flag')).to.equal('1');
    await store.increment('seq', 10);
    await store.increment('seq', 10);
    expect(await store.get('seq')).to.equal('2');
    expect(await store.get('absent')).to.equal(undefined);
    clock.advance(10_000);
    expect(await store.get('handoff:open:h')).to.equal(undefined);
    expect(await store.get('seq')).to.equal(undefined);
  });

  it('holds at most maxEntries live keys (default 100 000), refusing new ones rather than forgetting any', async () => {
    const clock = createClock();
    const store = createMemoryStore({ now: clock.now });
    for (let i = 0; i < 100_000; i++) await store.setOnce(`k${i}`, 60);
    expect(await rejection(store.setOnce('one-more', 60))).to.be.instanceOf(StoreFullError);
    expect(await rejection(store.increment('one-more', 60))).to.be.instanceOf(StoreFullError);
    // Nothing was evicted to make room: every key is still spent.
    expect(await store.setOnce('k0', 60)).to.be.false;
    expect(await store.setOnce('k99999', 60)).to.be.false;
    // Existing counters still count; expired keys make room again.
    clock.advance(60_000);
    expect(await store.setOnce('one-more', 60)).to.be.true;
  });

  it('drops expired keys without scanning the live ones (writes stay fast with 60 000 live keys)', async () => {
    const clock = createClock();
    const store = createMemoryStore({ now: clock.now });
    for (let i = 0; i < 60_000; i++) await store.setOnce(`live${i}`, 86_400);
    const started = performance.now();
    for (let i = 0; i < 2_000; i++) {
      clock.advance(1_000); // a new second every write: a sweep every time
      await store.setOnce(`short${i}`, 1);
    }
    const elapsed = performance.now() - started;
    // A full scan per write costs ~0.5 ms at this size, 1 s for these writes; a sweep of the
    // elapsed second costs microseconds.
    expect(elapsed, `${Math.round(elapsed)} ms`).to.be.below(300);
    expect(await store.has('short0')).to.be.false;
    expect(await store.has('live0')).to.be.true;
  });
});

describe('relay: a full memory store', () => {
  it('answers 503 store_unavailable with Retry-After and forwards nothing, instead of growing', async () => {
    const clock = createClock();
    const { relay, finhub, logs } = createTestRelay({
      now: clock.now,
      store: createMemoryStore({ now: clock.now, maxEntries: 3 }),
    });
    // Anonymous sign-in attempts to made-up ids, each from a new onboarding: one key each.
    finhub.on('POST', /\/customer\/individual\/.*\/sessions$/, () =>
      json({ code: 401, message: 'Invalid', data: { errorType: 'AUTHENTICATION' } }, 401),
    );
    const attempt = async (i: number) => {
      const { accessToken } = await mint(relay);
      return api(relay, 'POST', `/customer/individual/c${i}/users/u${i}/sessions`, {
        token: accessToken,
        body: { username: 'x', password: 'y' },
      });
    };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await attempt(i)).status);
    const full = await attempt(3);
    expect(statuses).to.deep.equal([401, 401, 401]);
    expect(full.status).to.equal(503);
    expect((await full.json()).data.error).to.equal('store_unavailable');
    expect(full.headers.get('Retry-After')).to.equal('5');
    expect(finhub.apiCalls().filter((c) => c.path.endsWith('/sessions'))).to.have.length(3);
    expect(logs.find((e) => e.event === 'store.unavailable')).to.include({ reason: 'full' });
  });
});
