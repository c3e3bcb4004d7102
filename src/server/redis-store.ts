/**
 * `RelayStore` on Redis (DESIGN.md §1), for relays running as several instances or serverless
 * functions: revoked tokens and sign-in/token-request counters must be seen by every instance.
 *
 * Pass a connected node-redis v4 or v5 client (`createClient()` from the `redis` package). This
 * module does not import `redis`: the client type below lists only the commands used, so the
 * relay bundle stays free of it and any client with node-redis's method shapes fits.
 *
 * Commands: `SET key 1 EX ttl NX` (set once), `EXISTS`, and `MULTI INCR key; EXPIRE key ttl NX`
 * (a counter whose TTL starts at the first increment: EXPIRE's NX flag only sets an expiry on a key
 * that has none, and MULTI makes the pair atomic, so no counter is ever left without one). EXPIRE
 * NX needs Redis 7.0 or later (or Valkey).
 */
import type { RelayStore } from './types.js';

/** The queued-transaction object `client.multi()` returns; commands are queued, then `exec()`. */
export interface RedisMultiLike {
  incr(key: string): unknown;
  expire(key: string, seconds: number, mode: 'NX'): unknown;
  /** node-redis resolves with one reply per queued command. */
  exec(): Promise<unknown>;
}

/** The subset of a node-redis v4/v5 client the store uses. */
export interface RedisClientLike {
  /** node-redis resolves `'OK'` when set, `null` when NX found the key already there. */
  set(key: string, value: string, options: { NX: true; EX: number }): Promise<unknown>;
  /** node-redis resolves with how many of the keys exist. */
  exists(key: string): Promise<unknown>;
  multi(): RedisMultiLike;
}

export interface RedisStoreOptions {
  /** Prefix for every key, so several relays (or other apps) can share one Redis. Default `finhub-onboarding:`. */
  prefix?: string;
}

/** Redis TTLs are whole seconds and must be positive. */
const seconds = (ttl: number) => Math.max(1, Math.ceil(ttl));

export function createRedisStore(
  client: RedisClientLike,
  options: RedisStoreOptions = {},
): RelayStore {
  const prefix = options.prefix ?? 'finhub-onboarding:';
  const k = (key: string) => `${prefix}${key}`;

  return {
    async setOnce(key, ttlSeconds) {
      const reply = await client.set(k(key), '1', { NX: true, EX: seconds(ttlSeconds) });
      return reply !== null && reply !== undefined;
    },
    async has(key) {
      return Number(await client.exists(k(key))) > 0;
    },
    async increment(key, ttlSeconds) {
      const multi = client.multi();
      multi.incr(k(key));
      multi.expire(k(key), seconds(ttlSeconds), 'NX');
      const replies = await multi.exec();
      const count = Array.isArray(replies) ? Number(replies[0]) : Number.NaN;
      // A counter that cannot be read must not read as "under the limit".
      if (!Number.isFinite(count)) throw new Error('Redis INCR gave no count');
      return count;
    },
  };
}
