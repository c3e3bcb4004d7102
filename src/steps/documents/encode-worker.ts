/**
 * The document upload's base64 worker (started by encode.ts). Emitted as its own file by the
 * build, like the photo check's (src/capture/quality-worker.ts), so it loads under
 * `script-src 'self'` (or `worker-src 'self'`) with no `blob:` source. The file's bytes and their
 * base64 only travel between this worker and the page that asked; nothing is logged.
 */
import { encodeSlices } from './base64.js';

/** What the worker posts back for the one file (a Blob) it is sent. */
export type EncodeReply =
  | { progress: number }
  /** The base64 text, a Blob: posted by reference, not copied as a 13 MB string. */
  | { base64: Blob }
  /** Reading or encoding failed (out of memory, an unreadable file); the page tries instead. */
  | { failed: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<Blob>) => void) | null;
  postMessage(message: EncodeReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  encodeSlices(event.data, (progress) => scope.postMessage({ progress })).then(
    (base64) => scope.postMessage({ base64 }),
    (error: unknown) => scope.postMessage({ failed: (error as Error)?.name ?? 'Error' }),
  );
};
