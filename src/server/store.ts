/**
 * In-memory `RelayStore`: the default for a single relay instance. Several instances behind a load
 * balancer (or serverless functions) need a shared store instead, e.g. Redis (`SET NX EX`, `INCR` +
 * `EXPIRE`), which this interface is shaped after (DESIGN.md §1).
 */
import type { RelayStore } from './types.js';

export interface MemoryStoreOptions {
  /** Clock in epoch ms; tests pass a fake one. Default `Date.now`. */
  now?: () => number;
  /** Entries kept before expired ones are swept on write. Default 10 000. */
  sweepThreshold?: number;
}

interface Entry {
  value: number;
  expiresAt: number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): RelayStore {
  const now = options.now ?? Date.now;
  const sweepThreshold = options.sweepThreshold ?? 10_000;
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  // No timers: a timer would keep a Node process alive and does not exist between serverless calls.
  const sweep = () => {
    if (entries.size < sweepThreshold) return;
    const t = now();
    for (const [key, entry] of entries) if (entry.expiresAt <= t) entries.delete(key);
  };

  const ttlMs = (ttlSeconds: number) => Math.max(1, Math.ceil(ttlSeconds)) * 1000;

  return {
    async setOnce(key, ttlSeconds) {
      if (live(key)) return false;
      sweep();
      entries.set(key, { value: 1, expiresAt: now() + ttlMs(ttlSeconds) });
      return true;
    },
    async has(key) {
      return live(key) !== undefined;
    },
    async increment(key, ttlSeconds) {
      const entry = live(key);
      if (entry) {
        entry.value += 1;
        return entry.value;
      }
      sweep();
      entries.set(key, { value: 1, expiresAt: now() + ttlMs(ttlSeconds) });
      return 1;
    },
  };
}
