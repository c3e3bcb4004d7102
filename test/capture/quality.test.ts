/**
 * The photo check on generated document photos (test/capture/images.ts): a sharp one passes and
 * comes back as a JPEG within the documented size; blurred, glare, dark, small and unreadable ones
 * are refused with the message a person reads. The same verdicts in the worker and on the page
 * (the fallback), which works in slices.
 */
import { expect } from '@open-wc/testing';
import { problemMessage } from '../../src/capture/capture-messages.js';
import { ROWS_PER_SLICE, measure } from '../../src/capture/quality-analysis.js';
import {
  OUTPUT_LIMITS,
  PhotoQualityChecker,
  QUALITY_LIMITS,
  type PhotoCheck,
} from '../../src/capture/quality.js';
import { documentPhoto, type PhotoOptions } from './images.js';

const inWorker = new PhotoQualityChecker();
const onPage = new PhotoQualityChecker({ worker: false });
after(() => {
  inWorker.dispose();
  onPage.dispose();
});

async function sizeOf(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

function refusal(result: PhotoCheck) {
  if (result.ok)
    throw new Error(`expected a refusal, got a pass (${JSON.stringify(result.metrics)})`);
  return result;
}

/** Blur in pixels of the 1000 px analysis copy, for a photo `width` wide. */
const blurAt = (width: number, sigma: number) => (sigma * width) / QUALITY_LIMITS.analysisLongEdge;

describe('photo quality check', function () {
  this.timeout(90_000); // decoding and encoding photos up to 12 MP on a shared 2-core machine
  for (const [name, checker, where] of [
    ['worker', inWorker, 'worker'],
    ['page fallback', onPage, 'page'],
  ] as const) {
    describe(name, () => {
      it('passes a sharp document photo and returns a JPEG within the limits', async () => {
        const result = await checker.check(await documentPhoto({ width: 1600 }));
        expect(result.checkedIn).to.equal(where);
        if (!result.ok) throw new Error(`refused: ${result.problems.join(', ')}`);
        expect(result.photo.type).to.equal('image/jpeg');
        expect(result.photo.size).to.be.at.most(OUTPUT_LIMITS.maxBytes);
        expect(await sizeOf(result.photo)).to.deep.equal({ width: 1600, height: 1200 });
        expect([result.width, result.height]).to.deep.equal([1600, 1200]);
      });

      it('refuses a blurred photo with the blurred message', async () => {
        const result = refusal(await checker.check(await documentPhoto({ blur: blurAt(1600, 2) })));
        expect(result.problems).to.deep.equal(['blurred']);
        expect(problemMessage(result.problems[0]!)).to.match(/^Retake: the photo is blurred\./);
        expect(result.preview?.type, 'a preview to show beside the message').to.equal('image/jpeg');
      });

      it('refuses glare (a blown-out reflection on the card) with the glare message', async () => {
        const result = refusal(await checker.check(await documentPhoto({ glare: 0.1 })));
        expect(result.problems[0]).to.equal('glare');
        expect(problemMessage('glare')).to.match(/^Retake: the photo has glare\./);
      });

      it('refuses a dark photo with the dark message', async () => {
        const result = refusal(await checker.check(await documentPhoto({ light: 0.15 })));
        expect(result.problems).to.deep.equal(['dark']);
        expect(problemMessage('dark')).to.match(/^Retake: the photo is too dark\./);
      });

      it('refuses a photo under the minimum size with the size message', async () => {
        const result = refusal(
          await checker.check(await documentPhoto({ width: 960, height: 720 })),
        );
        expect(result.problems).to.deep.equal(['small']);
        expect(problemMessage('small')).to.equal(
          'Retake: the photo is too small. It must be at least 1000 pixels on its long side.',
        );
      });

      it('refuses a file that is no image as unreadable', async () => {
        const bytes = new Uint8Array(2048).map((_, i) => (i * 37) & 0xff);
        const result = refusal(await checker.check(new Blob([bytes], { type: 'image/jpeg' })));
        expect(result.problems).to.deep.equal(['unreadable']);
        expect(result.preview).to.equal(undefined);
      });
    });
  }

  it('scales a 12 MP photo down to the 2000 px long edge', async () => {
    const result = await inWorker.check(await documentPhoto({ width: 4000, height: 3000 }));
    if (!result.ok) throw new Error(`refused: ${result.problems.join(', ')}`);
    expect(await sizeOf(result.photo)).to.deep.equal({ width: 2000, height: 1500 });
    expect(result.photo.size).to.be.at.most(OUTPUT_LIMITS.maxBytes);
    expect(result.metrics.width).to.equal(4000);
  });

  it('steps quality, then size, down until the photo fits the byte cap', async () => {
    const maxBytes = 60_000;
    const photo = await documentPhoto({ width: 2000, noise: 10 });
    const result = await inWorker.check(photo, { output: { maxBytes } });
    if (!result.ok) throw new Error(`refused: ${result.problems.join(', ')}`);
    expect(result.photo.size).to.be.at.most(maxBytes);
    expect(result.width).to.be.below(2000); // quality alone could not get there
    const plain = await inWorker.check(photo);
    expect(plain.ok && plain.photo.size).to.be.above(maxBytes); // the cap did something
  });

  it('draws the line between a little blur (passes) and blur that hides print (refused)', async () => {
    for (const width of [1280, 1920, 3000]) {
      const height = Math.round((width * 9) / 16);
      const slight = await inWorker.check(
        await documentPhoto({ width, height, blur: blurAt(width, 0.5) }),
      );
      expect(slight.ok, `${width} px, σ 0.5`).to.equal(true);
      const strong = await inWorker.check(
        await documentPhoto({ width, height, blur: blurAt(width, 2) }),
      );
      expect(strong.ok ? [] : strong.problems, `${width} px, σ 2`).to.deep.equal(['blurred']);
    }
  });

  it('does not read dim light or sensor noise as blur', async () => {
    for (const options of [
      { light: 0.4 },
      { noise: 10 },
      { light: 0.5, noise: 8 },
    ] as PhotoOptions[]) {
      const result = await inWorker.check(await documentPhoto(options));
      expect(result.ok ? [] : result.problems, JSON.stringify(options)).to.deep.equal([]);
    }
  });

  it('does not call a white page (a scan) glare', async () => {
    const result = await inWorker.check(
      await documentPhoto({ page: true, width: 1400, height: 1980 }),
    );
    expect(result.ok ? [] : result.problems).to.deep.equal([]);
    expect(result.metrics!.glareShare).to.be.above(0.5); // it is mostly blown-out white
  });

  it('measures in slices of rows, so the page fallback can give the thread back between them', () => {
    const width = 1000;
    const height = 750;
    const data = new Uint8ClampedArray(width * height * 4).map((_, i) => (i * 7) & 0xff);
    const steps = measure({ data, width, height }, { width: 4000, height: 3000 }, 250);
    let slices = 0;
    let step = steps.next();
    while (!step.done) {
      slices++;
      step = steps.next();
    }
    // Three passes (luma, smoothing, Laplacian), each in bands of ROWS_PER_SLICE rows.
    expect(slices).to.equal(3 * Math.ceil(height / ROWS_PER_SLICE));
    expect(step.value.width).to.equal(4000);
  });

  it('a worker that fails mid-check: the frame it was handed comes back unreadable, files go to the page', async () => {
    const checker = new PhotoQualityChecker();
    const photo = await documentPhoto({ width: 1600 });
    const frame = await createImageBitmap(photo);
    // An output size no canvas can have makes the worker's check throw.
    const broken = await checker.check(frame, { output: { maxLongEdge: Number.NaN } });
    expect(broken).to.deep.include({ ok: false, checkedIn: 'worker' });
    expect(refusal(broken).problems).to.deep.equal(['unreadable']);
    expect(frame.width, 'the frame was transferred, not copied').to.equal(0);
    const next = await checker.check(photo);
    expect(next).to.deep.include({ ok: true, checkedIn: 'page' });
    checker.dispose();
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    const pending = inWorker.check(await documentPhoto(), { signal: controller.signal });
    controller.abort(new DOMException('left', 'AbortError'));
    const error = await pending.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect((error as DOMException).name).to.equal('AbortError');
  });
});
