/**
 * Base64 of bytes, shared by the page (encode.ts) and the upload's worker (encode-worker.ts), so
 * both give exactly the same text.
 */

/** Bytes per slice: a multiple of 3, so the slices' base64 joins without padding in between. */
export const ENCODE_SLICE_BYTES = 3 * 256 * 1024;

type NativeBase64 = Uint8Array & { toBase64?: () => string };

/** One slice's base64: native where available, else `btoa` over 32 KiB runs of characters. */
export function sliceToBase64(bytes: Uint8Array): string {
  const native = (bytes as NativeBase64).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  const binary: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  }
  return btoa(binary.join(''));
}

/**
 * Standard base64 of the blob's bytes, read and encoded a slice at a time; `between` runs after
 * each slice (the page gives the thread back there; it throws to stop). The text comes back as a
 * Blob of one Blob per slice, never one string: a 10 MB file's 13 MB of base64 as a string costs
 * the page a long task wherever it is joined, posted from the worker or made into request bytes,
 * while a Blob crosses from the worker and into the request by reference.
 */
export async function encodeSlices(
  blob: Blob,
  between: (fraction: number) => void | Promise<void>,
): Promise<Blob> {
  const parts: Blob[] = [];
  for (let start = 0; start < blob.size; start += ENCODE_SLICE_BYTES) {
    const end = Math.min(blob.size, start + ENCODE_SLICE_BYTES);
    const bytes = new Uint8Array(await blob.slice(start, end).arrayBuffer());
    parts.push(new Blob([sliceToBase64(bytes)]));
    await between(end / blob.size);
  }
  return new Blob(parts);
}
