/**
 * Base64 for the JSON upload body (docs/finhub-contract.md#document-upload `fileContent`) without
 * freezing the page. The file is read in slices (`Blob.slice().arrayBuffer()`, read off the main
 * thread) and each slice is encoded in its own task, natively with `Uint8Array.prototype.toBase64`
 * where the browser has it. One `FileReader.readAsDataURL` of a 10 MB file builds its 13 MB result
 * in one main-thread task of 70 ms or more; a JavaScript `btoa` loop over the whole file would
 * block for longer still.
 */

export interface EncodeOptions {
  signal?: AbortSignal;
  /** 0..1 as the file is read. */
  onProgress?: (fraction: number) => void;
}

/** Bytes per slice: a multiple of 3, so the slices' base64 joins without padding in between. */
export const ENCODE_SLICE_BYTES = 3 * 256 * 1024;

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The encoding was aborted.', 'AbortError');

type NativeBase64 = Uint8Array & { toBase64?: () => string };

/** One slice's base64: native where available, else `btoa` over 32 KiB runs of characters. */
function sliceToBase64(bytes: Uint8Array): string {
  const native = (bytes as NativeBase64).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  const binary: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  }
  return btoa(binary.join(''));
}

/** Standard base64 of the blob's bytes (no `data:` prefix, no line breaks). */
export async function encodeBase64(blob: Blob, options: EncodeOptions = {}): Promise<string> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw abortReason(signal);
  const parts: string[] = [];
  for (let start = 0; start < blob.size; start += ENCODE_SLICE_BYTES) {
    const end = Math.min(blob.size, start + ENCODE_SLICE_BYTES);
    const bytes = new Uint8Array(await blob.slice(start, end).arrayBuffer());
    if (signal?.aborted) throw abortReason(signal);
    parts.push(sliceToBase64(bytes));
    if (end < blob.size) onProgress?.(end / blob.size);
  }
  onProgress?.(1);
  return parts.join('');
}
