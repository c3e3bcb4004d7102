/**
 * The photo check's worker (started by quality.ts). Emitted as its own file by the build, so it
 * loads under `script-src 'self'` (or `worker-src 'self'`) with no `blob:` source. Pixels and
 * encoded images only travel between this worker and the page that asked; nothing is logged.
 */
import { offscreenCanvas, runCheck, type CheckOutcome, type CheckRequest } from './quality-run.js';

export interface WorkerRequest extends CheckRequest {
  id: number;
}

export type WorkerReply =
  /** Sent once when the worker has loaded, before any photo is sent to it. */
  | { ready: true }
  | { id: number; outcome: CheckOutcome }
  /** The check itself failed (no 2D context, out of memory); the page runs it instead. */
  | { id: number; failed: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id } = event.data;
  runCheck(event.data, { canvas: offscreenCanvas, pause: () => undefined }).then(
    (outcome) => scope.postMessage({ id, outcome }),
    (error: unknown) => scope.postMessage({ id, failed: (error as Error)?.name ?? 'Error' }),
  );
};

scope.postMessage({ ready: true });
