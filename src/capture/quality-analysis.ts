/**
 * The measurements behind the photo checks, on the RGBA pixels of the small copy
 * (`QualityLimits.analysisLongEdge`). Written as a generator that yields after each band of rows,
 * so the same code runs to the end at once in the worker and in short slices on the page when no
 * worker can start (see quality.ts). No DOM, no Lit.
 */
import type { QualityMetrics } from './quality-limits.js';

/** Tiles per side of the grid the sharpness and glare are measured on. */
export const TILE_GRID = 8;

/** Rows per slice: about 2–4 ms of work on a phone at a 1000 px wide copy. */
export const ROWS_PER_SLICE = 48;

/** The percentile of tile sharpness used as the photo's score. */
const SHARPNESS_PERCENTILE = 0.8;

/**
 * Tiles whose contrast (variance of the smoothed luma) is under this share of the photo's 90th
 * percentile tile contrast hold no print (plain desk, blank card) and are left out: their
 * Laplacian is mostly sensor noise.
 */
const CONTENT_SHARE = 0.1;
/** Below this contrast (luma² units) a tile is flat whatever the photo. */
const MIN_CONTRAST = 9;

/**
 * The sharpness score: over the tiles with print, the Laplacian's variance relative to the tile's
 * own contrast (× 1000), at the 80th percentile. Relative, so exposure and the ink's contrast do
 * not read as blur (dimming a photo to 40 % cuts both variances to 16 %), and sensor noise only
 * counts in proportion to the print it competes with. No tile with print: 0.
 */
function sharpnessOf(tiles: Array<{ contrast: number; ratio: number }>): number {
  const reference = percentile(
    tiles.map((tile) => tile.contrast),
    0.9,
  );
  const floor = Math.max(MIN_CONTRAST, reference * CONTENT_SHARE);
  const ratios = tiles.filter((tile) => tile.contrast >= floor).map((tile) => tile.ratio * 1000);
  return ratios.length > 0 ? percentile(ratios, SHARPNESS_PERCENTILE) : 0;
}

export interface Pixels {
  /** RGBA, 4 bytes per pixel, row by row. */
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

const percentile = (values: number[], fraction: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * (sorted.length - 1)))] ?? 0;
};

/**
 * Measures `pixels` (the small copy of a photo taken at `width` × `height`). Yields between slices
 * of rows; the generator's return value is the metrics.
 */
export function* measure(
  pixels: Pixels,
  original: { width: number; height: number },
  glareLuma: number,
): Generator<void, QualityMetrics, void> {
  const { data, width, height } = pixels;
  const tiles = TILE_GRID * TILE_GRID;
  const tileOfColumn = new Uint8Array(width);
  for (let x = 0; x < width; x++) {
    tileOfColumn[x] = Math.min(TILE_GRID - 1, Math.floor((x * TILE_GRID) / width));
  }
  const tileRow = (y: number) => Math.min(TILE_GRID - 1, Math.floor((y * TILE_GRID) / height));

  // Pass 1: luma (Rec. 601, integer weights summing to 256), its sum and blown-out pixels per tile.
  const luma = new Uint8Array(width * height);
  const blown = new Float64Array(tiles);
  const pixelsInTile = new Float64Array(tiles);
  let lumaSum = 0;
  for (let y0 = 0; y0 < height; y0 += ROWS_PER_SLICE) {
    const y1 = Math.min(height, y0 + ROWS_PER_SLICE);
    for (let y = y0; y < y1; y++) {
      const rowTile = tileRow(y) * TILE_GRID;
      for (let x = 0, i = y * width, p = i * 4; x < width; x++, i++, p += 4) {
        const value = (77 * data[p]! + 150 * data[p + 1]! + 29 * data[p + 2]!) >> 8;
        luma[i] = value;
        lumaSum += value;
        const tile = rowTile + tileOfColumn[x]!;
        pixelsInTile[tile]!++;
        if (value >= glareLuma) blown[tile]!++;
      }
    }
    yield;
  }

  // Pass 2: a light binomial smoothing (3 × 3, σ ≈ 0.85 px; kept × 16, unrounded) so sensor noise,
  // which the Laplacian would read as detail, weighs less. Edges of print survive it.
  const smooth = new Uint16Array(width * height);
  for (let y0 = 1; y0 < height - 1; y0 += ROWS_PER_SLICE) {
    const y1 = Math.min(height - 1, y0 + ROWS_PER_SLICE);
    for (let y = y0; y < y1; y++) {
      for (let x = 1, i = y * width + 1; x < width - 1; x++, i++) {
        const up = i - width;
        const down = i + width;
        smooth[i] =
          luma[up - 1]! +
          2 * luma[up]! +
          luma[up + 1]! +
          2 * (luma[i - 1]! + 2 * luma[i]! + luma[i + 1]!) +
          luma[down - 1]! +
          2 * luma[down]! +
          luma[down + 1]!;
      }
    }
    yield;
  }

  // Pass 3: per tile, the variance of the Laplacian (up + down + left + right − 4 × centre) of the
  // smoothed copy and the variance of the smoothed copy itself (the tile's contrast).
  const lap = new Float64Array(tiles * 2);
  const lum = new Float64Array(tiles * 2);
  const count = new Float64Array(tiles);
  for (let y0 = 2; y0 < height - 2; y0 += ROWS_PER_SLICE) {
    const y1 = Math.min(height - 2, y0 + ROWS_PER_SLICE);
    for (let y = y0; y < y1; y++) {
      const rowTile = tileRow(y) * TILE_GRID;
      for (let x = 2, i = y * width + 2; x < width - 2; x++, i++) {
        const centre = smooth[i]!;
        const value =
          smooth[i - width]! + smooth[i + width]! + smooth[i - 1]! + smooth[i + 1]! - 4 * centre;
        const tile = (rowTile + tileOfColumn[x]!) * 2;
        lap[tile]! += value;
        lap[tile + 1]! += value * value;
        lum[tile]! += centre;
        lum[tile + 1]! += centre * centre;
        count[tile >> 1]!++;
      }
    }
    yield;
  }

  const tileStats: Array<{ contrast: number; ratio: number }> = [];
  const blownShares: number[] = [];
  let blownTotal = 0;
  for (let tile = 0; tile < tiles; tile++) {
    const n = count[tile]!;
    if (n > 0) {
      const variance = (values: Float64Array) =>
        values[tile * 2 + 1]! / n - (values[tile * 2]! / n) ** 2;
      // × 16 for the smoothing's scale, squared.
      const contrast = variance(lum) / 256;
      tileStats.push({ contrast, ratio: contrast > 0 ? variance(lap) / 256 / contrast : 0 });
    }
    if (pixelsInTile[tile]! > 0) blownShares.push(blown[tile]! / pixelsInTile[tile]!);
    blownTotal += blown[tile]!;
  }
  return {
    width: original.width,
    height: original.height,
    meanLuma: lumaSum / (width * height),
    sharpness: sharpnessOf(tileStats),
    glareShare: blownTotal / (width * height),
    glarePatch: Math.max(0, ...blownShares),
    glareMedian: percentile(blownShares, 0.5),
  };
}

/** Runs `measure` to the end without yielding (in the worker). */
export function measureAll(...args: Parameters<typeof measure>): QualityMetrics {
  const steps = measure(...args);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Width and height scaled so the long edge is at most `longEdge` (never scaled up). */
export function fitWithin(
  width: number,
  height: number,
  longEdge: number,
): { width: number; height: number } {
  const scale = Math.min(1, longEdge / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
