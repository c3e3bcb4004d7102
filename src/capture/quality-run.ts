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
  context: Context2D;
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

function draw(surface: Surface, bitmap: ImageBitmap, width: number, height: number, read: boolean) {
  const drawing = surface.canvas(width, height, read);
  drawing.context.imageSmoothingEnabled = true;
  drawing.context.imageSmoothingQuality = 'high';
  drawing.context.drawImage(bitmap, 0, 0, width, height);
  return drawing;
}

/** The photo scaled and encoded to fit `output`, stepping quality then size down if needed. */
async function encodeForUpload(surface: Surface, bitmap: ImageBitmap, output: OutputLimits) {
  let { width, height } = fitWithin(bitmap.width, bitmap.height, output.maxLongEdge);
  let quality = output.quality;
  let drawing = draw(surface, bitmap, width, height, false);
  for (let attempt = 1; ; attempt++) {
    const photo = await drawing.encode('image/jpeg', quality);
    if (photo.size <= output.maxBytes || attempt >= MAX_ENCODINGS) {
      return { photo, width, height };
    }
    await surface.pause();
    if (quality - QUALITY_STEP >= output.minQuality - 1e-9) {
      quality -= QUALITY_STEP;
    } else {
      ({ width, height } = fitWithin(width, height, Math.max(width, height) * SHRINK));
      drawing = draw(surface, bitmap, width, height, false);
    }
  }
}

export async function runCheck(request: CheckRequest, surface: Surface): Promise<CheckOutcome> {
  const { limits, output } = request;
  const bitmap = await decode(request.source);
  if (!bitmap) return { ok: false, problems: ['unreadable'] };
  try {
    const original = { width: bitmap.width, height: bitmap.height };
    const small = fitWithin(original.width, original.height, limits.analysisLongEdge);
    const copy = draw(surface, bitmap, small.width, small.height, true);
    const preview = () => copy.encode('image/jpeg', PREVIEW_QUALITY);
    if (Math.max(original.width, original.height) < limits.minLongEdge) {
      return { ok: false, problems: ['small'], preview: await preview() };
    }
    await surface.pause();
    const pixels = copy.context.getImageData(0, 0, small.width, small.height);
    const steps = measure(
      { data: pixels.data, width: small.width, height: small.height },
      original,
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
    await surface.pause();
    return { ok: true, ...(await encodeForUpload(surface, bitmap, output)), metrics };
  } finally {
    bitmap.close();
  }
}

/** OffscreenCanvas: in the worker, and on pages whose browser has it. */
export function offscreenCanvas(width: number, height: number, forReading: boolean): Drawing {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: forReading });
  if (!context) throw new Error('No 2D canvas context');
  return { context, encode: (type, quality) => canvas.convertToBlob({ type, quality }) };
}
