/**
 * `<finhub-camera-capture>` with Chromium's fake camera (web-test-runner.config.mjs: a document
 * picture from test/capture/fake-camera.mjs): preview, capture, retake, front and back, the
 * result event; the camera is off after capture, Cancel, removal and while hidden; the file
 * picker fallback when access is refused, when there is no camera, and when the browser has no
 * mediaDevices; axe on every screen; keyboard only.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActive, tabTo } from '../components/keyboard.js';
import { defineOnce } from '../../src/element/define-once.js';
import { FinHubCameraCapture } from '../../src/capture/camera-capture.js';
import {
  CaptureCancelEvent,
  CaptureResultEvent,
  type CapturedPhoto,
} from '../../src/capture/capture-events.js';
import { OUTPUT_LIMITS } from '../../src/capture/quality-limits.js';
import { captureLayout, type CaptureSide } from '../../src/capture/sides.js';
import { applyLocale } from '../../src/localization/localization.js';
import { loadCameraCapture } from '../../src/capture/load.js';
import { documentPhoto } from './images.js';

defineOnce('finhub-camera-capture', FinHubCameraCapture);

/** Each capture decodes, checks and encodes a 1920 × 1080 frame: seconds on a busy 2-core machine. */
const WAIT = 30_000;

const text = (node: Node | null | undefined) =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const scope = (el: FinHubCameraCapture) => el.shadowRoot!;
const title = (el: FinHubCameraCapture) => text(scope(el).querySelector('.title'));
const status = (el: FinHubCameraCapture) => text(scope(el).querySelector('[role="status"]'));

function button(el: FinHubCameraCapture, name: string): HTMLButtonElement {
  const found = [...scope(el).querySelectorAll('button')].find((b) => text(b) === name);
  if (!found) throw new Error(`No button "${name}" (screen: ${title(el)} / ${status(el)})`);
  return found;
}
const buttonNames = (el: FinHubCameraCapture) =>
  [...scope(el).querySelectorAll('button, label.button')].map(text);

/** The live stream the preview shows, once it plays. */
async function preview(el: FinHubCameraCapture): Promise<MediaStream> {
  await waitUntil(
    () => {
      const video = scope(el).querySelector('video');
      const take = scope(el).querySelector<HTMLButtonElement>('button.button-primary');
      const stream = video?.srcObject as MediaStream | null | undefined;
      return stream?.active && video!.videoWidth > 0 && take && !take.disabled;
    },
    'the camera preview did not start',
    { timeout: WAIT },
  );
  return scope(el).querySelector('video')!.srcObject as MediaStream;
}

const ended = (stream: MediaStream) =>
  stream.getTracks().every((track) => track.readyState === 'ended');

async function screenWith(el: FinHubCameraCapture, what: string, test: () => unknown) {
  await waitUntil(test, `no ${what} (screen: ${title(el)} / ${status(el)})`, { timeout: WAIT });
  await el.updateComplete;
}

const reviewing = (el: FinHubCameraCapture) =>
  screenWith(
    el,
    'review',
    () => scope(el).querySelector('img.photo') && buttonNames(el).includes('Use this photo'),
  );

async function mount(sides?: CaptureSide[]) {
  const el = await fixture<FinHubCameraCapture>(
    html`<finhub-camera-capture .sides=${sides ?? []}></finhub-camera-capture>`,
  );
  const results: CaptureResultEvent[] = [];
  el.addEventListener(CaptureResultEvent.eventName, (e) => results.push(e as CaptureResultEvent));
  return { el, results };
}

async function expectJpeg(photo: CapturedPhoto, side: string) {
  expect(photo.side).to.equal(side);
  expect(photo.photo.type).to.equal('image/jpeg');
  expect(photo.photo.size).to.be.above(0).and.at.most(OUTPUT_LIMITS.maxBytes);
  const bitmap = await createImageBitmap(photo.photo);
  expect([bitmap.width, bitmap.height]).to.deep.equal([1920, 1080]); // the fake camera's frame
  expect(Math.max(photo.width, photo.height)).to.be.at.most(OUTPUT_LIMITS.maxLongEdge);
  bitmap.close();
}

/** Hands `file` to the visible file input, as the operating system's picker would. */
function choose(el: FinHubCameraCapture, file: File) {
  const input = scope(el).querySelector<HTMLInputElement>('input[type="file"]')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Replaces a `navigator.mediaDevices` method for one test. */
function stubMedia<K extends 'getUserMedia' | 'enumerateDevices'>(name: K, fake: MediaDevices[K]) {
  Object.defineProperty(navigator.mediaDevices, name, { value: fake, configurable: true });
  return () => delete (navigator.mediaDevices as unknown as Record<string, unknown>)[name];
}

/**
 * The test runner runs two files at once, so this page may be a background tab, where the element
 * rightly keeps the camera off. A person sees the page: it is stood in as visible (and as hidden
 * where a test says so).
 */
let pageVisibility: DocumentVisibilityState = 'visible';
before(() => {
  Object.defineProperty(document, 'visibilityState', {
    get: () => pageVisibility,
    configurable: true,
  });
});
after(() => {
  delete (document as unknown as Record<string, unknown>).visibilityState;
});

describe('<finhub-camera-capture>', function () {
  this.timeout(90_000);
  let restore: (() => unknown) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
    pageVisibility = 'visible';
  });

  it('shows the live preview with a frame, captures, and sends the photo to its parent', async () => {
    const { el, results } = await mount();
    const stream = await preview(el);
    expect(title(el)).to.equal('The document');
    expect(status(el)).to.equal(
      'Place the document inside the frame, in good light, and hold still.',
    );
    expect(scope(el).querySelector('.frame')!.getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();

    button(el, 'Take photo').click();
    await reviewing(el);
    expect(ended(stream), 'the camera is off while the photo is reviewed').to.equal(true);
    expect(scope(el).querySelector('video')).to.equal(null);
    const img = scope(el).querySelector<HTMLImageElement>('img.photo')!;
    expect(img.src).to.match(/^blob:/);
    expect(img.alt).to.equal('Your photo: The document');
    await expect(el).to.be.accessible();

    const event = oneEvent(el, CaptureResultEvent.eventName);
    button(el, 'Use this photo').click();
    const result = (await event) as unknown as CaptureResultEvent;
    expect(result.composed, 'internal: never leaves the parent').to.equal(false);
    expect(result.photos).to.have.length(1);
    await expectJpeg(result.photos[0]!, 'page');
    expect(results).to.have.length(1);
    await el.updateComplete;
    expect(title(el)).to.equal('Photos ready.');
    expect(localStorage.length + sessionStorage.length, 'nothing stored').to.equal(0);
  });

  it('retakes: back to the preview with the camera on again, and the new photo is sent', async () => {
    const { el, results } = await mount();
    await preview(el);
    button(el, 'Take photo').click();
    await reviewing(el);
    const first = scope(el).querySelector<HTMLImageElement>('img.photo')!.src;
    button(el, 'Retake').click();
    const again = await preview(el);
    expect(again.getVideoTracks()[0]!.readyState).to.equal('live');
    button(el, 'Take photo').click();
    await reviewing(el);
    expect(scope(el).querySelector<HTMLImageElement>('img.photo')!.src).not.to.equal(first);
    button(el, 'Use this photo').click();
    await waitUntil(() => results.length === 1, 'no result', { timeout: WAIT });
    expect(results[0]!.photos).to.have.length(1);
  });

  it('takes the front and then the back of a two-sided card', async () => {
    const layout = captureLayout('NATIONAL_ID');
    expect(layout.frame).to.equal('card');
    const { el, results } = await mount(layout.sides);
    await preview(el);
    expect(title(el)).to.equal('Front of the card (1 of 2)');
    button(el, 'Take photo').click();
    await reviewing(el);
    button(el, 'Use this photo').click();
    await preview(el);
    expect(title(el)).to.equal('Back of the card (2 of 2)');
    expect(results).to.have.length(0);
    button(el, 'Take photo').click();
    await reviewing(el);
    expect(scope(el).querySelector<HTMLImageElement>('img.photo')!.alt).to.equal(
      'Your photo: Back of the card',
    );
    button(el, 'Use this photo').click();
    await waitUntil(() => results.length === 1, 'no result', { timeout: WAIT });
    const photos = results[0]!.photos;
    expect(photos.map((photo) => photo.side)).to.deep.equal(['front', 'back']);
    await expectJpeg(photos[0]!, 'front');
    await expectJpeg(photos[1]!, 'back');
    expect(captureLayout('PASSPORT').sides.map((side) => side.id)).to.deep.equal(['page']);
  });

  it('stops the camera when removed, and on Cancel (with a cancel event)', async () => {
    const first = await mount();
    const stream = await preview(first.el);
    first.el.remove();
    await waitUntil(() => ended(stream), 'the camera kept running after removal', {
      timeout: WAIT,
    });

    const second = await mount();
    const other = await preview(second.el);
    const cancelled = oneEvent(second.el, CaptureCancelEvent.eventName);
    button(second.el, 'Cancel').click();
    expect(((await cancelled) as unknown as Event).composed).to.equal(false);
    expect(ended(other)).to.equal(true);
  });

  it('pauses the camera while hidden and resumes when shown', async () => {
    const { el } = await mount();
    const stream = await preview(el);
    el.hidden = true;
    await waitUntil(() => ended(stream), 'the camera kept running while hidden', { timeout: WAIT });
    el.hidden = false;
    const resumed = await preview(el);
    expect(resumed).not.to.equal(stream);
    expect(resumed.getVideoTracks()[0]!.readyState).to.equal('live');
  });

  it('stops the camera while the page is in the background and restarts it when back', async () => {
    const { el } = await mount();
    const stream = await preview(el);
    pageVisibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(ended(stream)).to.equal(true);
    await el.updateComplete;
    expect(status(el)).to.equal('Starting the camera…');
    pageVisibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    const resumed = await preview(el);
    expect(resumed.getVideoTracks()[0]!.readyState).to.equal('live');
  });

  it('falls back to the file picker, saying so, when camera access is refused', async () => {
    restore = stubMedia('getUserMedia', () =>
      Promise.reject(new DOMException('Permission denied', 'NotAllowedError')),
    );
    const { el, results } = await mount();
    await screenWith(el, 'picker', () => scope(el).querySelector('input[type="file"]'));
    expect(status(el)).to.equal(
      'Camera access was refused. Choose a photo instead, or allow the camera in your browser settings and try again.',
    );
    const input = scope(el).querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.accept).to.equal('image/*');
    expect(input.getAttribute('capture')).to.equal('environment');
    expect(buttonNames(el)).to.deep.equal(['Cancel', 'Try the camera again', 'Choose a photo']);
    await expect(el).to.be.accessible();

    choose(el, new File([await documentPhoto({ width: 1600 })], 'id.jpg', { type: 'image/jpeg' }));
    await reviewing(el);
    button(el, 'Use this photo').click();
    await waitUntil(() => results.length === 1, 'no result', { timeout: WAIT });
    const photo = results[0]!.photos[0]!;
    expect([photo.width, photo.height]).to.deep.equal([1600, 1200]);
  });

  it('says there is no camera when the device has none, and offers no retry', async () => {
    restore = stubMedia('enumerateDevices', () =>
      Promise.resolve([{ kind: 'audioinput', deviceId: 'mic' } as MediaDeviceInfo]),
    );
    const { el } = await mount();
    await screenWith(el, 'picker', () => scope(el).querySelector('input[type="file"]'));
    expect(status(el)).to.equal('No camera was found on this device. Choose a photo instead.');
    expect(buttonNames(el)).to.deep.equal(['Cancel', 'Choose a photo']);
  });

  it('says the browser cannot use a camera when navigator.mediaDevices is missing', async () => {
    const own = Object.getOwnPropertyDescriptor(Navigator.prototype, 'mediaDevices')!;
    Object.defineProperty(Navigator.prototype, 'mediaDevices', {
      get: () => undefined,
      configurable: true,
    });
    restore = () => Object.defineProperty(Navigator.prototype, 'mediaDevices', own);
    const { el } = await mount();
    await screenWith(el, 'picker', () => scope(el).querySelector('input[type="file"]'));
    expect(status(el)).to.equal(
      'This browser cannot use a camera on this page. Choose a photo instead.',
    );
    expect(buttonNames(el)).to.deep.equal(['Cancel', 'Choose a photo']);
  });

  it('refuses a blurred photo with the message, and takes another', async () => {
    restore = stubMedia('getUserMedia', () =>
      Promise.reject(new DOMException('Permission denied', 'NotAllowedError')),
    );
    const { el, results } = await mount();
    await screenWith(el, 'picker', () => scope(el).querySelector('input[type="file"]'));
    choose(
      el,
      new File([await documentPhoto({ blur: 3.2 })], 'blurred.jpg', { type: 'image/jpeg' }),
    );
    await screenWith(el, 'refusal', () => scope(el).querySelector('[role="alert"]'));
    expect(text(scope(el).querySelector('[role="alert"]'))).to.equal(
      'Retake: the photo is blurred. Hold still and let the camera focus.',
    );
    expect(scope(el).querySelector<HTMLImageElement>('img.photo')!.src).to.match(/^blob:/);
    expect(buttonNames(el)).to.deep.equal(['Cancel', 'Choose another photo']);
    await expect(el).to.be.accessible();

    choose(el, new File([await documentPhoto()], 'sharp.jpg', { type: 'image/jpeg' }));
    await reviewing(el);
    button(el, 'Use this photo').click();
    await waitUntil(() => results.length === 1, 'no result', { timeout: WAIT });
  });

  it('lets the person choose a file instead of the camera', async () => {
    const { el } = await mount();
    const stream = await preview(el);
    button(el, 'Choose a photo instead').click();
    await el.updateComplete;
    expect(ended(stream)).to.equal(true);
    expect(status(el)).to.equal(
      'Choose a photo of the document, or take one with your camera app.',
    );
    expect(buttonNames(el)).to.deep.equal(['Cancel', 'Choose a photo']);
  });

  it('works with the keyboard alone, focus following each screen', async () => {
    const { el, results } = await mount(captureLayout('DRIVERS_LICENSE').sides);
    for (const side of ['Front of the card (1 of 2)', 'Back of the card (2 of 2)']) {
      await preview(el);
      expect(title(el)).to.equal(side);
      await tabTo(button(el, 'Take photo'), 'Take photo');
      await sendKeys({ press: 'Enter' });
      await reviewing(el);
      expect(deepActive(), 'focus moved to the screen title').to.equal(
        scope(el).querySelector('.title'),
      );
      await tabTo(button(el, 'Use this photo'), 'Use this photo');
      await sendKeys({ press: 'Enter' });
    }
    await waitUntil(() => results.length === 1, 'no result', { timeout: WAIT });
    expect(results[0]!.photos).to.have.length(2);
  });

  it('speaks Lithuanian when the locale is lt', async () => {
    await applyLocale('lt');
    try {
      // Loaded as the documents step loads it: with the camera's part of the catalogue.
      await loadCameraCapture();
      const { el } = await mount(captureLayout('NATIONAL_ID').sides);
      await preview(el);
      expect(title(el)).to.equal('Kortelės priekinė pusė (1 iš 2)');
      expect(buttonNames(el)).to.include('Fotografuoti');
    } finally {
      await applyLocale('en');
    }
  });
});
