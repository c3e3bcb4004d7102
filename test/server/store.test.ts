import { expect } from '@open-wc/testing';
import { createMemoryStore } from '../../src/server/index.js';
import { createClock } from './helpers.js';

describe('relay: memory store', () => {
  it('setOnce succeeds once until the key expires', async () => {
    const clock = createClock();
    const store = createMemoryStore({ now: clock.now });
    expect(await store.setOnce('revoked:a', 10)).to.be.true;
    expect(await store.setOnce('revoked:a', 10)).to.be.false;
    expect(await store.has('revoked:a')).to.be.true;
    expect(await store.has('revoked:b')).to.be.false;
    clock.advance(10_000);
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

  it('sweeps expired entries once it grows past the threshold', async () => {
    const clock = createClock();
    const store = createMemoryStore({ now: clock.now, sweepThreshold: 3 });
    await store.setOnce('a', 1);
    await store.setOnce('b', 1);
    await store.setOnce('c', 100);
    clock.advance(2_000);
    await store.setOnce('d', 1); // sweeps a and b
    expect(await store.has('c')).to.be.true;
    expect(await store.has('a')).to.be.false;
  });
});
