/**
 * A clock the test drives (the element's internal `clock` property): `now()` moves only when the
 * test advances it, and a sleeper wakes when the test says, on time or (`early`) before its time,
 * as a real timer can. Request timeouts run on it too: a request that never answers times out when
 * the test has moved time past its limit, not before. A test double: it lives in test/, never in
 * src/.
 */
import { abortedError } from '../../src/api/abort.js';
import type { Clock } from '../../src/flow/clock.js';

interface Sleeper {
  due: number;
  wake: () => void;
}

export class TestClock implements Clock {
  #now: number;
  #sleepers: Sleeper[] = [];
  /** Request timeouts: not sleepers (nothing waits on the clock because a request is in flight). */
  #timeouts: Sleeper[] = [];

  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(abortedError());
      const sleeper: Sleeper = {
        due: this.#now + ms,
        wake: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
        reject(abortedError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#sleepers.push(sleeper);
    });
  }

  timeout(ms: number): AbortSignal {
    const controller = new AbortController();
    this.#timeouts.push({
      due: this.#now + ms,
      wake: () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
    });
    return controller.signal;
  }

  /** Resolves once something sleeps on this clock (the element waits: nothing is in flight). */
  async asleep(what = 'the element never waited on its clock'): Promise<void> {
    const until = Date.now() + 8000;
    while (this.#sleepers.length === 0) {
      if (Date.now() > until) throw new Error(what);
      await new Promise((resolve) => setTimeout(resolve, 10)); // a poll of the condition
    }
  }

  /** Sleepers waiting now. */
  get sleeping(): number {
    return this.#sleepers.length;
  }

  /**
   * Moves time on by `ms` and wakes every sleeper due by then; `early` wakes those due up to that
   * many ms later too (a timer that fires before its time).
   */
  advance(ms: number, { early = 0 }: { early?: number } = {}): void {
    this.#now += ms;
    const woken = this.#sleepers.filter((s) => s.due <= this.#now + early);
    this.#sleepers = this.#sleepers.filter((s) => !woken.includes(s));
    for (const sleeper of woken) sleeper.wake();
    const expired = this.#timeouts.filter((t) => t.due <= this.#now);
    this.#timeouts = this.#timeouts.filter((t) => !expired.includes(t));
    for (const timeout of expired) timeout.wake();
  }
}
