/**
 * Cancellation, once for every layer: the `aborted` error and `untilAborted`. Tiny and free of the
 * HTTP mapping (errors.ts), so the element can use it before the API chunk has loaded.
 */
import { FinHubApiError } from './api-error.js';

/** The error a cancelled call rejects with (never shown to the person). */
export const abortedError = (endpoint?: string, cause?: unknown) =>
  new FinHubApiError({
    code: 'aborted',
    endpoint,
    cause,
    message: 'The request was cancelled.',
  });

/**
 * `work`'s outcome, or a rejection with `abandoned(reason)` (the signal's reason by default) as
 * soon as `signal` fires; `work` itself runs on. Also how a custom fetch or token source that
 * ignores its signal cannot hold a step past its timeout (http.ts).
 */
export function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  abandoned: (reason: unknown) => unknown = (reason) => reason,
): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(abandoned(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abandoned(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
