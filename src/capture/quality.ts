/**
 * Checks a document photo and prepares it for upload without janking the page.
 *
 * The work runs in a module worker (quality-worker.ts) that the build emits as its own file
 * (`assets/quality-worker-*.js`, self-contained) beside the chunks; `new Worker(new URL(…,
 * import.meta.url))` is the form Vite rewrites (the build needs `base: './'` so the URL is relative
 * to the chunk, not to the page). A worker script must come from the page's own origin and be
 * allowed by its CSP (`worker-src`, else `script-src`, else `default-src`: `'self'` is enough); no
 * `blob:` worker is ever made.
 *
 * Where the worker cannot start (the chunks come from a CDN on another origin, the IIFE build, a
 * CSP that refuses workers, no module workers or OffscreenCanvas) the same code runs on the page
 * and later checks go straight there. There it is sliced as far as the browser allows: decoding
 * (`createImageBitmap` of the file) and JPEG encoding are asynchronous, the measurements run in
 * slices of `ROWS_PER_SLICE` rows with the thread given back between them. Scaling an ImageBitmap
 * (Chromium does it on the calling thread) and copying the ≤ 2000 px image to a canvas remain
 * single tasks: for a 12 MP photo on a slow machine, a few hundred milliseconds. The worker path
 * has none of that on the page.
 */
import { QUALITY_LIMITS, OUTPUT_LIMITS } from './quality-limits.js';
import type { OutputLimits, QualityLimits } from './quality-limits.js';
import { offscreenCanvas, runCheck, type CheckOutcome, type Surface } from './quality-run.js';
import type { WorkerReply, WorkerRequest } from './quality-worker.js';

export type { CheckOutcome };
export { QUALITY_LIMITS, OUTPUT_LIMITS };
export type { OutputLimits, QualityLimits };

/** Where a check ran: `worker`, or `page` (the fallback). */
export type CheckedIn = 'worker' | 'page';

export type PhotoCheck = CheckOutcome & { checkedIn: CheckedIn };

export interface CheckOptions {
  signal?: AbortSignal;
  limits?: Partial<QualityLimits>;
  output?: Partial<OutputLimits>;
}

export interface PhotoQualityCheckerOptions {
  /** `false` runs every check on the page (tests, measurements). Default: worker when it can. */
  worker?: boolean;
}

const abortError = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The photo check was aborted.', 'AbortError');

/** Yields to the event loop: `scheduler.yield()` where there is one, else a macrotask. */
function giveBack(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function pageCanvas(width: number, height: number, forReading: boolean) {
  if (typeof OffscreenCanvas !== 'undefined') return offscreenCanvas(width, height, forReading);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: forReading });
  if (!context) throw new Error('No 2D canvas context');
  return {
    canvas,
    context,
    width,
    height,
    encode: (type: string, quality: number) =>
      new Promise<Blob>((resolve, reject) =>
        canvas.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new Error('Encoding failed'))),
          type,
          quality,
        ),
      ),
  };
}

const PAGE_SURFACE: Surface = { canvas: pageCanvas, pause: giveBack };

/**
 * A worker script must come from the page's origin: a chunk served from a CDN on another origin
 * cannot start one (the constructor throws), and the classic-script (IIFE) build has no
 * `import.meta.url` to find the worker file by, so both go straight to the page.
 */
function workerPossible(): boolean {
  const here = import.meta.url as string | undefined;
  return (
    typeof Worker !== 'undefined' &&
    typeof OffscreenCanvas !== 'undefined' &&
    typeof location !== 'undefined' &&
    typeof here === 'string' &&
    new URL(here).origin === location.origin
  );
}

interface Pending {
  resolve: (reply: WorkerReply | undefined) => void;
}

/**
 * One per capture element: `check()` each photo, `dispose()` when done (ends the worker).
 * Checks run one at a time in the worker, in order.
 */
export class PhotoQualityChecker {
  private worker: Promise<Worker | undefined> | undefined;
  private workerFailed: boolean;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private terminate: (() => void) | undefined;

  constructor(options: PhotoQualityCheckerOptions = {}) {
    this.workerFailed = options.worker === false;
  }

  /**
   * Checks `source` (a file, or a camera frame as an ImageBitmap, which the check closes)
   * and, when it passes, returns the JPEG to upload. Rejects only when `signal` aborts.
   * A frame handed to a worker that then fails comes back refused as `unreadable`.
   */
  async check(source: Blob | ImageBitmap, options: CheckOptions = {}): Promise<PhotoCheck> {
    const { signal } = options;
    if (signal?.aborted) throw abortError(signal);
    const request = {
      source,
      limits: { ...QUALITY_LIMITS, ...options.limits },
      output: { ...OUTPUT_LIMITS, ...options.output },
    };
    const worker = await this.startWorker();
    if (signal?.aborted) {
      if (source instanceof ImageBitmap) source.close();
      throw abortError(signal);
    }
    if (worker) {
      const reply = await this.inWorker(worker, request, signal);
      if (signal?.aborted) throw abortError(signal);
      if (reply && 'outcome' in reply) return { ...reply.outcome, checkedIn: 'worker' };
      // The frame went to the worker (transferred: copying it costs the page 100 ms and more).
      if (source instanceof ImageBitmap) {
        return { ok: false, problems: ['unreadable'], checkedIn: 'worker' };
      }
    }
    const outcome = await runCheck(request, PAGE_SURFACE); // closes a frame
    if (signal?.aborted) throw abortError(signal);
    return { ...outcome, checkedIn: 'page' };
  }

  /** Ends the worker; later checks start a new one. */
  dispose(): void {
    this.terminate?.();
    this.terminate = undefined;
    this.worker = undefined;
    for (const pending of this.pending.values()) pending.resolve(undefined);
    this.pending.clear();
  }

  /** The worker's reply, or undefined when it failed (the check then runs on the page). */
  private inWorker(
    worker: Worker,
    request: Omit<WorkerRequest, 'id'>,
    signal: AbortSignal | undefined,
  ): Promise<WorkerReply | undefined> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const onAbort = () => settle(undefined);
      const settle = (reply: WorkerReply | undefined) => {
        this.pending.delete(id);
        signal?.removeEventListener('abort', onAbort);
        resolve(reply);
      };
      this.pending.set(id, { resolve: settle });
      signal?.addEventListener('abort', onAbort, { once: true });
      const transfer = request.source instanceof ImageBitmap ? [request.source] : [];
      worker.postMessage({ ...request, id } satisfies WorkerRequest, transfer);
    });
  }

  /**
   * The worker once it has said it is running, or undefined when it cannot start. Waiting for
   * its first message means a camera frame is only transferred to a worker that loaded.
   */
  private startWorker(): Promise<Worker | undefined> {
    if (this.workerFailed) return Promise.resolve(undefined);
    if (this.worker) return this.worker;
    if (!workerPossible()) {
      this.workerFailed = true;
      return Promise.resolve(undefined);
    }
    let worker: Worker;
    try {
      worker = new Worker(new URL('./quality-worker.ts', import.meta.url), {
        type: 'module',
        name: 'finhub-photo-check',
      });
    } catch {
      this.workerFailed = true; // refused outright (CSP, SecurityError)
      return Promise.resolve(undefined);
    }
    this.worker = new Promise((resolve) => {
      this.terminate = () => {
        worker.terminate();
        resolve(undefined); // a check still waiting for the start goes to the page
      };
      const giveUp = () => {
        this.workerFailed = true;
        this.dispose();
        resolve(undefined);
      };
      worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
        const reply = event.data;
        if ('ready' in reply) return resolve(worker);
        if ('failed' in reply) giveUp();
        this.pending.get(reply.id)?.resolve(reply);
      });
      // The script did not load (CSP, 404, no module workers) or crashed: page from now on.
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        giveUp();
      });
      worker.addEventListener('messageerror', giveUp);
    });
    return this.worker;
  }
}
