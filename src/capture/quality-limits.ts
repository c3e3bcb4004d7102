/**
 * What a photo of a document must meet before it is uploaded, and the size it is sent at. Plain
 * data, shared by the worker and the page (no Lit, no DOM). The blur and glare thresholds were
 * tuned on the photos test/capture/images.ts draws (an identity card with real-size print on a
 * desk, or a white page, with blur, glare, dim light, sensor noise and JPEG compression);
 * test/capture/quality.test.ts holds the cases they must tell apart. Tune again on real phone
 * photos when there are some: the numbers are here so that is one edit.
 */
export interface QualityLimits {
  /**
   * The photo's long edge must be at least this many pixels. At 1000 px a card that fills the
   * frame is about 10 px per millimetre: its smallest print (about 1.5 mm) stays legible.
   */
  minLongEdge: number;
  /**
   * The checks run on a grey copy scaled to this long edge, so a 12 MP photo costs no more than
   * a 1 MP one and the blur score means the same at every camera resolution. Equal to
   * `minLongEdge`, so no photo is ever scaled up for the check.
   */
  analysisLongEdge: number;
  /**
   * Sharpness: on the grey copy, lightly smoothed against sensor noise, the variance of the
   * Laplacian (3 × 3, 4-neighbour) per tile of an 8 × 8 grid, divided by the tile's own contrast
   * (× 1000), taken over the tiles that hold print, at the 80th percentile (quality-analysis.ts).
   * Below this score the photo is blurred. Tuned on the test images (documents of 1280 × 720 to
   * 4000 × 3000 px, sensor noise σ 3–10 levels), by Gaussian blur σ at the analysis scale (twice
   * that in a 2000 px upload): sharp 250–450; σ 0.5 px 145–290; σ 1 px 85–200 (the boundary: print
   * still legible, passes or not by content); σ 1.5 px 35–96; σ 2 px 18–50. Dim photos score as
   * bright ones do. Known gap: very noisy and dim photos (noise σ 16 at 40 % light) score about
   * 150 whatever their blur.
   */
  minSharpness: number;
  /**
   * Mean luma (0–255, Rec. 601 weights) below which the photo is too dark: a card lit at 15 % of a
   * well-lit room averages about 20, at 30 % about 43 (still legible).
   */
  minMeanLuma: number;
  /** A pixel whose luma reaches this is blown out (a camera clips glare to white). */
  glareLuma: number;
  /** Glare: at least this share of the whole photo is blown out… */
  glareMinShare: number;
  /** …in a patch: some tile of the 8 × 8 grid is at least this much blown out… */
  glarePatchShare: number;
  /**
   * …while the typical tile is not: a white page (a scan, or paper the camera exposed brightly)
   * is blown out evenly, has no glare to move away from, and its print stays readable, so the
   * check does not refuse it when the median tile is at least this much blown out.
   */
  glarePageShare: number;
}

export interface OutputLimits {
  /** The uploaded image's long edge is at most this (px); larger photos are scaled down. */
  maxLongEdge: number;
  /** JPEG quality of the first encoding (0–1). */
  quality: number;
  /** The uploaded image is at most this many bytes; over it, quality and then size step down. */
  maxBytes: number;
  /** Quality is not lowered below this; the size is reduced instead. */
  minQuality: number;
}

export const QUALITY_LIMITS: Readonly<QualityLimits> = {
  minLongEdge: 1000,
  analysisLongEdge: 1000,
  minSharpness: 110,
  minMeanLuma: 40,
  glareLuma: 250,
  glareMinShare: 0.02,
  glarePatchShare: 0.5,
  glarePageShare: 0.25,
};

/**
 * 2000 px on the long edge is what FinHub's reviewers see at full size on a laptop screen; at JPEG
 * quality 0.85 a document photo is 300–900 kB, far under the 5 MB (company) and 10 MB (person)
 * upload caps (docs/finhub-contract.md#document-upload) and quick to send from a phone.
 */
export const OUTPUT_LIMITS: Readonly<OutputLimits> = {
  maxLongEdge: 2000,
  quality: 0.85,
  maxBytes: 1.5 * 1024 * 1024,
  minQuality: 0.65,
};

/** Why a photo was refused; the first in the list is the one to tell the person. */
export type QualityProblem = 'small' | 'unreadable' | 'dark' | 'glare' | 'blurred';

/** What the checks measured (numbers only: no pixels). */
export interface QualityMetrics {
  /** The photo as taken, px. */
  width: number;
  height: number;
  /** Mean luma, 0–255. */
  meanLuma: number;
  /** 80th-percentile tile variance of the Laplacian. */
  sharpness: number;
  /** Share of the photo blown out, 0–1. */
  glareShare: number;
  /** The most blown-out tile's share, 0–1. */
  glarePatch: number;
  /** The median tile's blown-out share, 0–1. */
  glareMedian: number;
}

/** The problems `metrics` show under `limits`, most important first (empty: the photo passes). */
export function judge(metrics: QualityMetrics, limits: QualityLimits): QualityProblem[] {
  const problems: QualityProblem[] = [];
  if (Math.max(metrics.width, metrics.height) < limits.minLongEdge) problems.push('small');
  if (metrics.meanLuma < limits.minMeanLuma) problems.push('dark');
  if (
    metrics.glareShare >= limits.glareMinShare &&
    metrics.glarePatch >= limits.glarePatchShare &&
    metrics.glareMedian < limits.glarePageShare
  ) {
    problems.push('glare');
  }
  if (metrics.sharpness < limits.minSharpness) problems.push('blurred');
  return problems;
}
