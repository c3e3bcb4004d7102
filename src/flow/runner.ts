/**
 * Runs the steps' async work, Task-style (docs/architecture.md#flow): a new run under a key aborts
 * the one before it, a run's outcome is dropped once it is overtaken (a newer run, a reset), and
 * its status (pending, complete, error) drives the views. Every run waits out the time a
 * `Retry-After` asked for before it starts, and records it from any failure, so no request goes to
 * FinHub before the server's time (docs/finhub-contract.md#errors), whichever way it is retried.
 */
import { until, type Clock } from './clock.js';
import { retryAfterMs, toFailure } from './failure.js';

export type RunStatus = 'pending' | 'complete' | 'error';

export interface Run {
  /** Aborted when the run is overtaken, the element is removed or the flow is reset. */
  readonly signal: AbortSignal;
  /** Still the latest run under its key (its updates and outcome count). */
  readonly current: boolean;
}

export interface RunOptions<T> {
  /** Whose Retry-After the run waits out and records (a step id). */
  gate: string;
  /** The person waits for it: `busy` while it runs. */
  busy?: boolean;
  task: (run: Run) => Promise<T>;
  /** The outcome, while the run is still the latest. */
  complete?: (value: T) => void;
  /** A failure (not a cancellation), while the run is still the latest. */
  failed?: (error: unknown) => void;
  /** Cancelled (the element left the page) while still the latest. */
  cancelled?: (error: unknown) => void;
  /** After any outcome of the latest run. */
  settled?: () => void;
}

interface Entry {
  readonly controller: AbortController;
  readonly busy: boolean;
}

let runs = 0;

/** `task()`, with a synchronous throw turned into a rejection. */
function attempt<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (error) {
    return Promise.reject(error);
  }
}

export class Runner {
  readonly #clock: () => Clock;
  #connection = new AbortController();
  /** Runs in flight, by key. */
  readonly #runs = new Map<string, Entry>();
  /** The latest run under each key (a run stays current after it settles, until overtaken). */
  readonly #latest = new Map<string, number>();
  readonly #status = new Map<string, RunStatus>();
  /** Epoch ms before which nothing under a gate is sent (a Retry-After). */
  readonly #notBefore = new Map<string, number>();

  constructor(clock: () => Clock) {
    this.#clock = clock;
  }

  get clock(): Clock {
    return this.#clock();
  }

  /** Aborted when the element is removed or the flow reset. */
  get signal(): AbortSignal {
    return this.#connection.signal;
  }

  status(key: string): RunStatus | undefined {
    return this.#status.get(key);
  }

  pending(key: string): boolean {
    return this.#runs.has(key);
  }

  /** A run the person waits for is in flight. */
  get busy(): boolean {
    return [...this.#runs.values()].some((entry) => entry.busy);
  }

  run<T>(key: string, options: RunOptions<T>): void {
    this.#runs.get(key)?.controller.abort();
    const controller = new AbortController();
    const entry: Entry = { controller, busy: options.busy === true };
    const id = ++runs;
    this.#runs.set(key, entry);
    this.#latest.set(key, id);
    this.#status.set(key, 'pending');
    const signal = AbortSignal.any([controller.signal, this.#connection.signal]);
    const isCurrent = () => this.#latest.get(key) === id;
    const run: Run = {
      signal,
      get current() {
        return isCurrent();
      },
    };
    // Without a Retry-After to wait out, the task starts at once (its first request goes out in
    // this task, as the person's click does).
    const outcome =
      (this.#notBefore.get(options.gate) ?? 0) <= this.#clock().now()
        ? attempt(() => options.task(run))
        : this.gate(options.gate, signal).then(() => options.task(run));
    const settle = (): boolean => {
      if (!isCurrent()) return false;
      this.#runs.delete(key); // before the hooks: they may start the next run under this key
      return true;
    };
    outcome.then(
      (value) => {
        if (!settle()) return;
        this.#status.set(key, 'complete');
        options.complete?.(value);
        options.settled?.();
      },
      (error: unknown) => {
        this.#record(options.gate, error);
        if (!settle()) return;
        if (signal.aborted) {
          this.#status.delete(key);
          options.cancelled?.(error);
        } else {
          this.#status.set(key, 'error');
          options.failed?.(error);
        }
        options.settled?.();
      },
    );
  }

  /** Waits until a Retry-After recorded under `gate` has passed (at once when none). */
  gate(gate: string, signal: AbortSignal): Promise<void> {
    const deadline = this.#notBefore.get(gate) ?? 0;
    return until(this.#clock(), deadline, signal);
  }

  /**
   * Runs `action` (one request outside a run, e.g. an upload) behind the gate, recording a
   * Retry-After from its failure.
   */
  async act<T>(gate: string, signal: AbortSignal, action: () => Promise<T>): Promise<T> {
    await this.gate(gate, signal);
    try {
      return await action();
    } catch (error) {
      this.#record(gate, error);
      throw error;
    }
  }

  /** Records `error`'s Retry-After (if it has one) and waits it out: for loops that retry by themselves. */
  waitOut(gate: string, error: unknown, signal: AbortSignal): Promise<void> {
    this.#record(gate, error);
    return this.gate(gate, signal);
  }

  /**
   * The element left the page: every run is cancelled at once (none is pending any more, so a
   * reconnect starts afresh); what a run updates as it winds down still counts until a newer run
   * under its key overtakes it.
   */
  disconnect(): void {
    this.#connection.abort();
    this.#connection = new AbortController();
    for (const key of this.#runs.keys()) this.#status.delete(key);
    this.#runs.clear();
  }

  /** Back to nothing: every run cancelled and overtaken, statuses and Retry-Afters forgotten. */
  reset(): void {
    for (const entry of this.#runs.values()) entry.controller.abort();
    this.#runs.clear();
    this.#latest.clear();
    this.#status.clear();
    this.#notBefore.clear();
    this.disconnect();
  }

  /** Measured from now, when the answer has just arrived (the caller is its catch). */
  #record(gate: string, error: unknown): void {
    const ms = retryAfterMs(toFailure(error));
    if (ms === undefined) return;
    const deadline = this.#clock().now() + ms;
    this.#notBefore.set(gate, Math.max(deadline, this.#notBefore.get(gate) ?? 0));
  }
}
