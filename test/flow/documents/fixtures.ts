/** Small real-looking files for the documents tests: the right magic bytes, then filler. */
export const PDF_BYTES = [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a]; // %PDF-1.4\n
export const JPEG_BYTES = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46];
export const PNG_BYTES = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00];

/** A file of `size` bytes that starts with `head` (size defaults to a little over the head). */
export function fileOf(
  head: readonly number[],
  name: string,
  type: string,
  size = head.length + 32,
): File {
  const bytes = new Uint8Array(size);
  bytes.set(head.slice(0, size));
  for (let i = head.length; i < size; i += 1) bytes[i] = (i * 31) & 0xff;
  return new File([bytes], name, { type });
}

export const pdf = (name = 'passport.pdf', size?: number) =>
  fileOf(PDF_BYTES, name, 'application/pdf', size);
export const jpeg = (name = 'photo.jpg', size?: number) =>
  fileOf(JPEG_BYTES, name, 'image/jpeg', size);
export const png = (name = 'scan.png', size?: number) => fileOf(PNG_BYTES, name, 'image/png', size);
