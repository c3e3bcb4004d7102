/**
 * An in-memory stand-in for a node-redis v4/v5 client, for the commands `createRedisStore` uses,
 * with Redis's own semantics (https://redis.io/commands/set, /incr, /expire, /exists, /ttl):
 * - `SET key value [EX s] [NX]` answers `'OK'`, or `null` when NX finds the key;
 * - `INCR` creates a missing key at 0 and keeps any existing TTL; a non-integer value is an error;
 * - `EXPIRE key s NX` sets a TTL only on a key without one (1 when set, else 0; 0 for no key);
 * - `EXISTS` counts live keys; a key is gone once its TTL has passed (on a fake clock);
 * - `MULTI … EXEC` runs the queued commands together and answers one reply per command.
 * Every command is recorded as Redis would receive it (`['SET', key, '1', 'EX', '60', 'NX']`).
 * Web APIs only: the browser tests use the client, the Node test serves the engine over RESP.
 */

export class RedisReplyError extends Error {
  override readonly name = 'RedisReplyError';
}

interface Entry {
  value: string;
  /** Epoch ms; undefined = no TTL. */
  expiresAt?: number;
}

export type Reply = string | number | null | Reply[] | RedisReplyError;

export class FakeRedisEngine {
  readonly commands: string[][] = [];
  private readonly data = new Map<string, Entry>();

  constructor(readonly now: () => number = Date.now) {}

  private live(key: string): Entry | undefined {
    const entry = this.data.get(key);
    // Redis treats a key as expired once the current time passes its expiry.
    if (entry?.expiresAt !== undefined && this.now() > entry.expiresAt) {
      this.data.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Runs one command given as Redis receives it; errors come back as `RedisReplyError`. */
  run(args: string[]): Reply {
    this.commands.push(args);
    const [name = '', ...rest] = args;
    switch (name.toUpperCase()) {
      case 'SET':
        return this.set(rest);
      case 'EXISTS':
        return rest.filter((key) => this.live(key)).length;
      case 'INCR': {
        const key = rest[0] ?? '';
        const entry = this.live(key);
        const current = entry ? Number(entry.value) : 0;
        if (!Number.isInteger(current)) {
          return new RedisReplyError('ERR value is not an integer or out of range');
        }
        const next = current + 1;
        if (entry) entry.value = String(next);
        else this.data.set(key, { value: String(next) });
        return next;
      }
      case 'EXPIRE': {
        const [key = '', secondsText = '', mode] = rest;
        const entry = this.live(key);
        if (!entry) return 0;
        if (mode !== undefined && mode.toUpperCase() !== 'NX') {
          return new RedisReplyError(`ERR fake supports only NX, not ${mode}`);
        }
        if (mode !== undefined && entry.expiresAt !== undefined) return 0;
        entry.expiresAt = this.now() + Number(secondsText) * 1000;
        return 1;
      }
      case 'TTL': {
        const entry = this.live(rest[0] ?? '');
        if (!entry) return -2;
        if (entry.expiresAt === undefined) return -1;
        return Math.ceil((entry.expiresAt - this.now()) / 1000);
      }
      case 'DEL':
        return rest.filter((key) => this.live(key) && this.data.delete(key)).length;
      case 'PING':
        return 'PONG';
      case 'MULTI':
      case 'EXEC':
        return 'OK'; // recorded for the transcript; queueing is the client's (or server's) job
      default:
        return new RedisReplyError(`ERR unknown command '${name}'`);
    }
  }

  private set(rest: string[]): Reply {
    const [key = '', value = '', ...flags] = rest;
    let ttlMs: number | undefined;
    let nx = false;
    for (let i = 0; i < flags.length; i++) {
      const flag = flags[i]!.toUpperCase();
      if (flag === 'NX') nx = true;
      else if (flag === 'EX') ttlMs = Number(flags[++i]) * 1000;
      else return new RedisReplyError(`ERR fake SET does not support ${flag}`);
    }
    if (ttlMs !== undefined && !(ttlMs > 0)) {
      return new RedisReplyError("ERR invalid expire time in 'set' command");
    }
    if (nx && this.live(key)) return null;
    this.data.set(key, {
      value,
      ...(ttlMs !== undefined ? { expiresAt: this.now() + ttlMs } : {}),
    });
    return 'OK';
  }
}

const unwrap = (reply: Reply) => {
  if (reply instanceof RedisReplyError) throw reply;
  return reply;
};

/** node-redis's SET options for the subset the store uses (v4 names, still accepted by v5). */
interface SetOptions {
  NX?: boolean;
  EX?: number;
}

/** A client object with node-redis's method names, argument shapes and reply types. */
export function createFakeRedisClient(engine: FakeRedisEngine) {
  return {
    engine,
    async set(key: string, value: string, options: SetOptions = {}) {
      const args = ['SET', key, value];
      if (options.EX !== undefined) args.push('EX', String(options.EX));
      if (options.NX) args.push('NX');
      return unwrap(engine.run(args)) as 'OK' | null;
    },
    async exists(key: string) {
      return unwrap(engine.run(['EXISTS', key])) as number;
    },
    async ttl(key: string) {
      return unwrap(engine.run(['TTL', key])) as number;
    },
    multi() {
      const queue: string[][] = [];
      const multi = {
        incr(key: string) {
          queue.push(['INCR', key]);
          return multi;
        },
        expire(key: string, seconds: number, mode?: 'NX') {
          queue.push(['EXPIRE', key, String(seconds), ...(mode ? [mode] : [])]);
          return multi;
        },
        async exec() {
          engine.run(['MULTI']);
          const replies = queue.map((args) => engine.run(args));
          engine.run(['EXEC']);
          // node-redis rejects EXEC when any queued command failed.
          const failed = replies.find((r) => r instanceof RedisReplyError);
          if (failed) throw failed;
          return replies;
        },
      };
      return multi;
    },
  };
}
