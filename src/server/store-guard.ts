/**
 * Every store call under one deadline. A store that does not answer (Redis paused, a network
 * partition, node-redis queueing commands while it reconnects) or answers nonsense makes the relay
 * answer 503 `store_unavailable` at once: never a hang, and never a check treated as passed.
 */
import type { RelayStore } from './types.js';

export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    /** `timeout`: no answer in time; `error`: the store failed or answered nonsense; `full`: no room. */
    readonly reason: 'timeout' | 'error' | 'full',
    options?: { cause?: unknown },
  ) {
    super(`relay store unavailable: ${reason}`, options);
  }
}

/** Thrown by a store that has reached its size cap (the in-memory store). */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
}

function withDeadline<T>(
  call: () => Promise<T>,
  timeoutMs: number,
  valid: (v: unknown) => boolean,
) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreUnavailableError('timeout')), timeoutMs);
    let pending: Promise<T>;
    try {
      pending = call();
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => {
        clearTimeout(timer);
        if (valid(value)) resolve(value);
        else reject(new StoreUnavailableError('error'));
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(
          new StoreUnavailableError(error instanceof StoreFullError ? 'full' : 'error', {
            cause: error,
          }),
        );
      },
    );
  });
}

const isBoolean = (v: unknown) => typeof v === 'boolean';
const isCount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 1;
const isValue = (v: unknown) => v === undefined || typeof v === 'string';

export function guardStore(store: RelayStore, timeoutMs: number): RelayStore {
  return {
    setOnce: (key, ttl, value) =>
      withDeadline(() => store.setOnce(key, ttl, value), timeoutMs, isBoolean),
    has: (key) => withDeadline(() => store.has(key), timeoutMs, isBoolean),
    increment: (key, ttl) => withDeadline(() => store.increment(key, ttl), timeoutMs, isCount),
    get: (key) => withDeadline(() => store.get(key), timeoutMs, isValue),
  };
}
