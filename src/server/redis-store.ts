/**
 * `RelayStore` on Redis (docs/architecture.md#relay), for relays running as several instances or
 * serverless functions: revoked tokens, spent registrations and sign-in/token-request counters must
 * be seen by every instance, and must survive a Redis restart (else a spent single-use token works
 * again).
 *
 * Pass a connected node-redis v4 or v5 client (`createClient()` from the `redis` package). This
 * module does not import `redis`: the client type below lists only the commands used, so the
 * relay bundle stays free of it and any client with node-redis's method shapes fits.
 *
 * Commands: `SET key value EX ttl NX` (set once), `EXISTS`, `GET`, and `MULTI INCR key; EXPIRE key ttl NX`
 * (a counter whose TTL starts at the first increment: EXPIRE's NX flag only sets an expiry on a key
 * that has none, and MULTI makes the pair atomic, so no counter is ever left without one). EXPIRE
 * NX needs Redis 7.0 or later (or Valkey). At start, `INFO persistence` and `CONFIG GET appendfsync`.
 */
import type { RelayLogger, RelayStore } from './types.js';

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
  /** node-redis resolves with the value, or `null` when the key is absent. */
  get(key: string): Promise<unknown>;
  multi(): RedisMultiLike;
  /** `INFO persistence`, read once at start. */
  info(section: string): Promise<unknown>;
  /** `CONFIG GET appendfsync`, read once at start where allowed (node-redis: `{ appendfsync: 'everysec' }`). */
  configGet?(parameter: string): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** Prefix for every key, so several relays (or other apps) can share one Redis. Default `finhub-onboarding:`. */
  prefix?: string;
  /**
   * Refuse to start when Redis reports that it does not persist writes with AOF (`appendonly no`,
   * or `appendfsync no`): after a restart it would have forgotten every spent token. Default
   * `true`; pass `false` only if you accept that risk (e.g. a throwaway test Redis).
   */
  requirePersistence?: boolean;
  /**
   * Receives the one warning logged when Redis refuses `INFO` (some managed services do), so
   * persistence cannot be checked. Default: `console.warn`.
   */
  logger?: RelayLogger;
}

/** Redis TTLs are whole seconds and must be positive. */
const seconds = (ttl: number) => Math.max(1, Math.ceil(ttl));
const START_CHECK_TIMEOUT_MS = 5000;

function timeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`createRedisStore: Redis did not answer ${what} in time`)),
        START_CHECK_TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * What Redis says of its persistence: AOF on or off, and the `appendfsync` policy where `CONFIG`
 * is allowed (`everysec` and `always` lose at most a second of writes; `no` leaves it to the OS).
 * `known: false` when Redis refuses `INFO`.
 */
async function persistence(
  client: RedisClientLike,
): Promise<{ known: true; aof: boolean; fsync?: string } | { known: false; error: string }> {
  let info: unknown;
  try {
    info = await timeout(client.info('persistence'), 'INFO persistence');
  } catch (error) {
    if (error instanceof Error && /did not answer/.test(error.message)) throw error;
    return { known: false, error: error instanceof Error ? error.name : 'error' };
  }
  const aof = /^aof_enabled:(\d)/m.exec(String(info))?.[1];
  if (aof === undefined) return { known: false, error: 'no aof_enabled field' };
  let fsync: string | undefined;
  try {
    const reply = await timeout(
      client.configGet?.('appendfsync') ?? Promise.resolve(undefined),
      'CONFIG GET',
    );
    const value = (reply as Record<string, unknown> | undefined)?.appendfsync;
    if (typeof value === 'string') fsync = value;
  } catch {
    // CONFIG is often refused on managed Redis; INFO already said whether AOF is on.
  }
  return { known: true, aof: aof === '1', ...(fsync ? { fsync } : {}) };
}

/**
 * Checks that Redis persists writes (see `requirePersistence`), then returns the store. Rejects,
 * so the host's start-up fails, when it does not.
 */
export async function createRedisStore(
  client: RedisClientLike,
  options: RedisStoreOptions = {},
): Promise<RelayStore> {
  const prefix = options.prefix ?? 'finhub-onboarding:';
  const k = (key: string) => `${prefix}${key}`;

  const state = await persistence(client);
  if (!state.known) {
    const message =
      'createRedisStore: Redis refused INFO persistence, so the relay cannot check that spent ' +
      'tokens survive a Redis restart. Make sure AOF is on (appendonly yes, appendfsync everysec).';
    if (options.logger) {
      options.logger({ level: 'warn', event: 'store.persistence_unknown', error: state.error });
    } else {
      console.warn(message);
    }
  } else if ((!state.aof || state.fsync === 'no') && options.requirePersistence !== false) {
    throw new Error(
      'createRedisStore: Redis does not persist writes (' +
        (state.aof ? 'appendfsync no' : 'appendonly no') +
        '), so a restart would forget spent tokens and let them be used again. Turn on AOF ' +
        '(appendonly yes, appendfsync everysec or always), or pass requirePersistence: false.',
    );
  }

  return {
    async setOnce(key, ttlSeconds, value = '1') {
      const reply = await client.set(k(key), value, { NX: true, EX: seconds(ttlSeconds) });
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
    async get(key) {
      const reply = await client.get(k(key));
      if (reply === null || reply === undefined) return undefined;
      // node-redis v4/v5 answer strings; anything else is not a value this store wrote.
      if (typeof reply !== 'string') throw new Error('Redis GET gave no string');
      return reply;
    },
  };
}
