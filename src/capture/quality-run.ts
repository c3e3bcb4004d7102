/**
 * One photo check from start to end: decode, refuse what is too small, measure a small grey copy,
 * judge it, then scale and re-encode the photo for upload. Runs in the worker
 * (quality-worker.ts) and, where no worker can start, on the page with a pause between slices
 * (quality.ts); `Surface` is the part that differs. No Lit, no localized text.
 */
import { fitWithin, measure } from './quality-analysis.js';
import {
  judge,
  type OutputLimits,
  type QualityLimits,
  type QualityMetrics,
  type QualityProblem,
} from './quality-limits.js';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface Drawing {
  canvas: OffscreenCanvas | HTMLCanvasElement;
  context: Context2D;
  width: number;
  height: number;
  encode(type: string, quality: number): Promise<Blob>;
}

export interface Surface {
  /** A 2D canvas of this size; `forReading` when its pixels will be read back. */
  canvas(width: number, height: number, forReading: boolean): Drawing;
  /** Gives the thread back between slices of work (the page); nothing in the worker. */
  pause(): Promise<void> | void;
}

export interface CheckRequest {
  /** A chosen file, or a frame taken from the camera (which the check closes). */
  source: Blob | ImageBitmap;
  limits: QualityLimits;
  output: OutputLimits;
}

export type CheckOutcome =
  | {
      ok: true;
      /** The image to upload: JPEG, long edge ≤ `output.maxLongEdge`, ≤ `output.maxBytes`. */
      photo: Blob;
      width: number;
      height: number;
      metrics: QualityMetrics;
    }
  | {
      ok: false;
      /** Most important first. */
      problems: QualityProblem[];
      /** A small JPEG of the refused photo to show beside the message (none if unreadable). */
      preview?: Blob;
      metrics?: QualityMetrics;
    };

const PREVIEW_QUALITY = 0.8;
/** Each time the output is over `maxBytes`: quality down by this, then size by `SHRINK`. */
const QUALITY_STEP = 0.1;
const SHRINK = 0.8;
const MAX_ENCODINGS = 12;

async function decode(source: Blob | ImageBitmap): Promise<ImageBitmap | undefined> {
  if (!(source instanceof Blob)) return source;
  try {
    return await createImageBitmap(source, { imageOrientation: 'from-image' });
  } catch {
    return undefined; // not an image the browser can decode
  }
}

/**
 * `source` at `width` × `height`. `createImageBitmap` resizes asynchronously, off the thread that
 * asked (decoding a 12 MP JPEG and scaling it on the page would be one long task), with
 * `resizeQuality: 'high'` (area averaging, no aliasing). Where the browser ignores the resize
 * options (older Safari), a canvas draw does it.
 */
async function resized(
  surface: Surface,
  source: ImageBitmap,
  width: number,
  height: number,
): Promise<ImageBitmap> {
  if (source.width === width && source.height === height) return source;
  const scaled = await createImageBitmap(source, {
    resizeWidth: width,
    resizeHeight: height,
    resizeQuality: 'high',
  });
  if (scaled.width === width && scaled.height === height) return scaled;
  scaled.close();
  const drawing = surface.canvas(width, height, false);
  drawing.context.imageSmoothingEnabled = true;
  drawing.context.imageSmoothingQuality = 'high';
  drawing.context.drawImage(source, 0, 0, width, height);
  return createImageBitmap(drawing.canvas);
}

/** A canvas holding `bitmap` as it is (to read its pixels or encode it). */
function onCanvas(surface: Surface, bitmap: ImageBitmap, forReading: boolean): Drawing {
  const drawing = surface.canvas(bitmap.width, bitmap.height, forReading);
  drawing.context.drawImage(bitmap, 0, 0);
  return drawing;
}

/** `upload` encoded to fit `output`, stepping quality, then size, down while it is too large. */
async function encodeForUpload(surface: Surface, upload: ImageBitmap, output: OutputLimits) {
  let drawing = onCanvas(surface, upload, false);
  let quality = output.quality;
  for (let attempt = 1; ; attempt++) {
    const photo = await drawing.encode('image/jpeg', quality);
    if (photo.size <= output.maxBytes || attempt >= MAX_ENCODINGS) {
      return { photo, width: drawing.width, height: drawing.height };
    }
    await surface.pause();
    if (quality - QUALITY_STEP >= output.minQuality - 1e-9) {
      quality -= QUALITY_STEP;
    } else {
      const longEdge = Math.max(drawing.width, drawing.height) * SHRINK;
      const smaller = fitWithin(upload.width, upload.height, longEdge);
      const bitmap = await resized(surface, upload, smaller.width, smaller.height);
      drawing = onCanvas(surface, bitmap, false);
      bitmap.close();
    }
  }
}

export async function runCheck(request: CheckRequest, surface: Surface): Promise<CheckOutcome> {
  const { limits, output } = request;
  const original = await decode(request.source);
  if (!original) return { ok: false, problems: ['unreadable'] };
  const bitmaps = new Set([original]);
  try {
    const size = { width: original.width, height: original.height };
    // The upload-sized image first; the small copy for the checks is made from it.
    const big = fitWithin(size.width, size.height, output.maxLongEdge);
    const upload = await resized(surface, original, big.width, big.height);
    bitmaps.add(upload);
    if (upload !== original) original.close();
    const small = fitWithin(size.width, size.height, limits.analysisLongEdge);
    const smallBitmap = await resized(surface, upload, small.width, small.height);
    bitmaps.add(smallBitmap);
    const copy = onCanvas(surface, smallBitmap, true);
    const preview = () => copy.encode('image/jpeg', PREVIEW_QUALITY);
    if (Math.max(size.width, size.height) < limits.minLongEdge) {
      return { ok: false, problems: ['small'], preview: await preview() };
    }
    await surface.pause();
    const pixels = copy.context.getImageData(0, 0, small.width, small.height);
    const steps = measure(
      { data: pixels.data, width: small.width, height: small.height },
      size,
      limits.glareLuma,
    );
    let step = steps.next();
    while (!step.done) {
      await surface.pause();
      step = steps.next();
    }
    const metrics = step.value;
    const problems = judge(metrics, limits);
    if (problems.length > 0) return { ok: false, problems, preview: await preview(), metrics };
    return { ok: true, ...(await encodeForUpload(surface, upload, output)), metrics };
  } finally {
    for (const bitmap of bitmaps) bitmap.close(); // closing twice is harmless
  }
}

/** OffscreenCanvas: in the worker, and on pages whose browser has it. */
export function offscreenCanvas(width: number, height: number, forReading: boolean): Drawing {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: forReading });
  if (!context) throw new Error('No 2D canvas context');
  return {
    canvas,
    context,
    width,
    height,
    encode: (type, quality) => canvas.convertToBlob({ type, quality }),
  };
}
