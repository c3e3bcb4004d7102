/**
 * Base64 for the JSON upload body (finhub-api.md §6.2 `fileContent`) without freezing the page.
 * `FileReader.readAsDataURL` reads and encodes natively and reports through events, so the main
 * thread keeps handling input and painting while a 20 MB statement is read; a JavaScript loop of
 * `btoa` over the bytes would block it for the whole file.
 */

export interface EncodeOptions {
  signal?: AbortSignal;
  /** 0..1 as the file is read. */
  onProgress?: (fraction: number) => void;
}

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The encoding was aborted.', 'AbortError');

/** Standard base64 of the blob's bytes, without the `data:*;base64,` prefix. */
export function encodeBase64(blob: Blob, options: EncodeOptions = {}): Promise<string> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    const onAbort = () => reader.abort();
    const done = () => {
      signal?.removeEventListener('abort', onAbort);
      reader.onprogress = reader.onload = reader.onerror = reader.onabort = null;
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    reader.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    reader.onload = () => {
      const url = reader.result;
      done();
      if (typeof url !== 'string') {
        reject(new TypeError('The file could not be read as a data URL.'));
        return;
      }
      onProgress?.(1);
      // `data:[<type>][;base64],<data>`: the payload starts after the first comma.
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => {
      const error = reader.error;
      done();
      reject(error ?? new DOMException('The file could not be read.', 'NotReadableError'));
    };
    reader.onabort = () => {
      done();
      reject(signal ? abortReason(signal) : new DOMException('Aborted', 'AbortError'));
    };
    reader.readAsDataURL(blob);
  });
}
