/**
 * Work several callers wait for: the token request (token-provider.ts) and an element's
 * categorization hierarchy (api-session.ts). A caller whose signal fires stops waiting at
 * once and the work runs on for the others; once nobody has waited for it for `graceMs` (the
 * element was removed) it is cancelled. A re-mount within the grace (React StrictMode's second
 * mount) joins it instead of sending the request again; after it, nothing of the removed element
 * is left running or held: left to its timeout, the request's closures kept the element and its
 * shadow tree alive (1,000 mount/unmount cycles held ~12 MB, bench/results.md (c)).
 */

import { untilAborted } from './abort.js';

/**
 * Why an orphaned request is cancelled. Made once, here: an error keeps the frames of the stack
 * it was made in, and one made in the cancelling timer would keep its owner (and through it the
 * removed element) alive as long as the signal lives.
 */
const ORPHANED = new DOMException('No caller waits for this request any more', 'AbortError');

/** The grace both shared requests get: long enough for a synchronous re-mount, short otherwise. */
export const ORPHAN_GRACE_MS = 250;

export interface SharedRequestOptions {
  /** How long the work runs on after its last caller left. */
  graceMs: number;
  /** The error a caller whose own signal fired is rejected with. */
  abandoned: (reason: unknown) => Error;
  /** Called as it is cancelled, before its signal fires (e.g. to let the next caller start anew). */
  onCancel?: () => void;
}

export class SharedRequest<T> {
  readonly promise: Promise<T>;
  readonly #controller = new AbortController();
  readonly #options: SharedRequestOptions;
  #waiting = 0;
  #settled = false;
  #orphaned: ReturnType<typeof setTimeout> | undefined;

  /** Starts `run` at once; its signal fires only when the request is cancelled as an orphan. */
  constructor(run: (signal: AbortSignal) => Promise<T>, options: SharedRequestOptions) {
    this.#options = options;
    this.promise = run(this.#controller.signal);
    // Registered first, so it has run before any follower hears the outcome.
    const settle = () => {
      this.#settled = true;
      clearTimeout(this.#orphaned);
    };
    this.promise.then(settle, settle);
  }

  /** Waits for the outcome as one more caller, or until `signal` fires. */
  async follow(signal?: AbortSignal): Promise<T> {
    clearTimeout(this.#orphaned);
    this.#waiting += 1;
    try {
      return await untilAborted(this.promise, signal, this.#options.abandoned);
    } finally {
      this.#waiting -= 1;
      if (this.#waiting === 0 && !this.#settled) {
        this.#orphaned = setTimeout(() => {
          if (this.#waiting > 0 || this.#settled) return;
          this.#options.onCancel?.();
          this.#controller.abort(ORPHANED);
        }, this.#options.graceMs);
      }
    }
  }
}
