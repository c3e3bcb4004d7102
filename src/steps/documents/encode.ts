/**
 * Base64 for the JSON upload body (docs/finhub-contract.md#document-upload `fileContent`) without
 * freezing the page. The file goes to a module worker (encode-worker.ts, its own file in the
 * build, started per file and ended after it), which reads and encodes it a slice at a time and
 * posts back the text as a Blob: it crosses to the page by reference, and the API client puts it
 * into the request body as it is (src/api/http.ts), so the page never holds the 13 MB of a 10 MB
 * file's base64 as one string (receiving that string alone was a task of 50-160 ms).
 *
 * Where the worker cannot start (the chunks come from a CDN on another origin, a CSP that refuses
 * workers, no module workers) or fails, the page does the same work: the file is read in slices
 * (`Blob.slice().arrayBuffer()`, read off the main thread) and each slice is encoded in its own
 * task, natively with `Uint8Array.prototype.toBase64` where the browser has it, into a Blob of
 * one Blob per slice. One `FileReader.readAsDataURL` of a 10 MB file builds its 13 MB result in
 * one main-thread task of 70 ms or more; a JavaScript `btoa` loop over the whole file would block
 * for longer still.
 */
import { encodeSlices } from './base64.js';
import type { EncodeReply } from './encode-worker.js';

export { ENCODE_SLICE_BYTES } from './base64.js';

export interface EncodeOptions {
  signal?: AbortSignal;
  /** 0..1 as the file is read. */
  onProgress?: (fraction: number) => void;
  /** `false` encodes on the page (tests, measurements). Default: in a worker when one starts. */
  worker?: boolean;
}

/** Where a file was encoded: `worker`, or `page` (the fallback). */
export type EncodedIn = 'worker' | 'page';

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The encoding was aborted.', 'AbortError');

/**
 * Standard base64 of the blob's bytes (no `data:` prefix, no line breaks), as a Blob of that ASCII
 * text.
 */
export async function encodeBase64(blob: Blob, options: EncodeOptions = {}): Promise<Blob> {
  return (await encodeFile(blob, options)).base64;
}

/** {@link encodeBase64}, and where it ran. */
export async function encodeFile(
  blob: Blob,
  options: EncodeOptions = {},
): Promise<{ base64: Blob; encodedIn: EncodedIn }> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw abortReason(signal);
  const inWorker = options.worker === false ? undefined : await encodeInWorker(blob, options);
  if (inWorker !== undefined) {
    onProgress?.(1);
    return { base64: inWorker, encodedIn: 'worker' };
  }
  // Each slice's read (`arrayBuffer()`) ends the task before it is encoded.
  const base64 = await encodeSlices(blob, (fraction) => {
    if (signal?.aborted) throw abortReason(signal);
    if (fraction < 1) onProgress?.(fraction);
  });
  onProgress?.(1);
  return { base64, encodedIn: 'page' };
}

/** The base64 from a worker of its own, or undefined when none could do it (the page does). */
function encodeInWorker(blob: Blob, options: EncodeOptions): Promise<Blob | undefined> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./encode-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    // No Worker, or refused outright: a chunk from a CDN on another origin (a worker script must
    // come from the page's origin), a CSP that forbids workers.
    return Promise.resolve(undefined);
  }
  const { signal, onProgress } = options;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      finish();
      reject(abortReason(signal!));
    };
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const fallBack = () => {
      finish();
      resolve(undefined);
    };
    worker.addEventListener('message', (event: MessageEvent<EncodeReply>) => {
      const reply = event.data;
      if ('progress' in reply) {
        if (reply.progress < 1) onProgress?.(reply.progress);
        return;
      }
      if ('failed' in reply) return fallBack();
      finish();
      resolve(reply.base64);
    });
    // The script did not load (CSP, 404, no module workers) or crashed: the page encodes.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      fallBack();
    });
    worker.addEventListener('messageerror', fallBack);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage(blob);
  });
}
