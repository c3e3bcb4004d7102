/**
 * In-memory `RelayStore`: the default, for **one relay process only**. Several processes (a
 * cluster, a load balancer, serverless functions) each keep their own, so a replay or extra
 * attempts could land on another one: they need a shared store (`createRedisStore`).
 *
 * Bounded: at most `maxEntries` live keys. When full, a new key is refused (`StoreFullError`, the
 * relay answers 503 `store_unavailable`) rather than evicting one, since forgetting a spent token
 * or an attempt counter would reopen what it guards. Expired keys go in O(1) per key: each key is
 * filed under the second it expires, and each call drops the seconds that have passed.
 */
import { StoreFullError } from './store-guard.js';
import type { RelayStore } from './types.js';

export interface MemoryStoreOptions {
  /** Clock in epoch ms; tests pass a fake one. Default `Date.now`. */
  now?: () => number;
  /** Live keys kept at most; a new key beyond that is refused until some expire. Default 100 000. */
  maxEntries?: number;
}

interface Entry {
  /** A counter's count, or 1. */
  value: number;
  /** What `setOnce` was given to keep. */
  text?: string;
  /** Epoch ms. */
  expiresAt: number;
}

export const DEFAULT_MAX_MEMORY_ENTRIES = 100_000;

export function createMemoryStore(options: MemoryStoreOptions = {}): RelayStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_MEMORY_ENTRIES;
  if (!(Number.isInteger(maxEntries) && maxEntries > 0)) {
    throw new Error('createMemoryStore: maxEntries must be a positive integer.');
  }
  const entries = new Map<string, Entry>();
  /** Keys by the second they expire in; a key re-filed elsewhere is skipped by its entry's time. */
  const bySecond = new Map<number, string[]>();
  let sweptUpTo = Math.floor(now() / 1000);

  const dropSecond = (second: number, t: number) => {
    for (const key of bySecond.get(second) ?? []) {
      const entry = entries.get(key);
      if (entry && entry.expiresAt <= t) entries.delete(key);
    }
    bySecond.delete(second);
  };

  // No timers: a timer would keep a Node process alive and does not exist between serverless calls.
  const sweep = () => {
    const t = now();
    const current = Math.floor(t / 1000);
    if (current <= sweptUpTo) return;
    // Walk the elapsed seconds, or the filed ones when fewer (after a long idle spell).
    if (current - sweptUpTo <= bySecond.size) {
      for (let s = sweptUpTo + 1; s <= current; s++) dropSecond(s, t);
    } else {
      for (const s of [...bySecond.keys()]) if (s <= current) dropSecond(s, t);
    }
    sweptUpTo = current;
  };

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    return entry && entry.expiresAt > now() ? entry : undefined;
  };

  const add = (key: string, ttlSeconds: number, text?: string) => {
    if (entries.size >= maxEntries && !entries.has(key)) {
      throw new StoreFullError(`memory store full (${maxEntries} keys)`);
    }
    const expiresAt = now() + Math.max(1, Math.ceil(ttlSeconds)) * 1000;
    // Filed under the first whole second at or after its expiry: once that second has come,
    // everything filed there has expired.
    const second = Math.ceil(expiresAt / 1000);
    const filed = bySecond.get(second);
    if (filed) filed.push(key);
    else bySecond.set(second, [key]);
    entries.set(key, text === undefined ? { value: 1, expiresAt } : { value: 1, text, expiresAt });
  };

  return {
    async setOnce(key, ttlSeconds, value) {
      sweep();
      if (live(key)) return false;
      add(key, ttlSeconds, value);
      return true;
    },
    async has(key) {
      sweep();
      return live(key) !== undefined;
    },
    async increment(key, ttlSeconds) {
      sweep();
      const entry = live(key);
      if (entry) {
        entry.value += 1;
        return entry.value;
      }
      add(key, ttlSeconds);
      return 1;
    },
    async get(key) {
      sweep();
      const entry = live(key);
      return entry ? (entry.text ?? String(entry.value)) : undefined;
    },
  };
}
