/**
 * Time for the flow: one clock for every wait (polling backoff, Retry-After, a request's timeout),
 * so tests can drive it (the element's internal `clock` property) instead of waiting on the wall
 * clock.
 */
import { abortedError } from '../api/abort.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after about `ms` (a timer may fire early), or rejects `aborted` when `signal` fires. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** A signal that fires (a `TimeoutError`) once `ms` have passed, as `AbortSignal.timeout`. */
  timeout(ms: number): AbortSignal;
}

/** Resolves after `ms`, or rejects with `aborted` when `signal` fires first. */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortedError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: wait,
  timeout: (ms) => AbortSignal.timeout(ms),
};

/**
 * Resolves once `clock.now()` has reached `deadline`. A timer may fire before its time (clock
 * granularity, a throttled tab), so the clock is read again after every sleep.
 */
export async function until(clock: Clock, deadline: number, signal: AbortSignal): Promise<void> {
  for (let now = clock.now(); now < deadline; now = clock.now()) {
    await clock.sleep(deadline - now, signal);
  }
}
