/**
 * "Take a photo" on the documents step, through relay and sandbox: Chromium's fake camera
 * (web-test-runner.config.mjs) photographs the front and the back of an ID card, each checked and
 * uploaded as its own document; where camera access is refused the capture says so and takes a
 * chosen photo instead, refusing one with glare and one that is blurred with their messages.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { root } from '../components/helpers.js';
import {
  eventText,
  inside,
  journal,
  mount,
  registerViaApi,
  signIn,
  step,
  verifyViaApi,
} from '../flow-individual/helpers.js';
import { documentPhoto } from './images.js';

/** Each capture decodes, checks and encodes a 1920 × 1080 frame: seconds on a busy 2-core machine. */
const WAIT = 30_000;

const text = (node: Node | null | undefined) =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

// Two test files run at once, so this page may be a background tab, where the capture rightly
// keeps the camera off; a person sees the page, so it is stood in as visible.
before(() => {
  Object.defineProperty(document, 'visibilityState', { get: () => 'visible', configurable: true });
});
after(() => {
  delete (document as unknown as Record<string, unknown>).visibilityState;
});

async function atDocuments() {
  const setup = await registerViaApi();
  await verifyViaApi(setup, { documents: false });
  const mounted = await mount({ customerId: setup.customerId, userId: setup.userId });
  await signIn(mounted.el, setup.email);
  const documents = await step(mounted.el, 'finhub-step-documents');
  await inside(documents, 'section[part="document"]', 'document cards');
  return { ...mounted, setup, documents };
}

const card = (documents: LitElement, index: number) =>
  root(documents).querySelector<HTMLElement>(`#doc-${index}`)!;

function press(scope: ParentNode, name: string): void {
  const found = [...scope.querySelectorAll('button')].find((b) => text(b).startsWith(name));
  if (!found) throw new Error(`No button "${name}"`);
  found.click();
}

/** The capture element the step opened. */
async function capture(documents: LitElement): Promise<LitElement> {
  await waitUntil(() => root(documents).querySelector('finhub-camera-capture'), 'no camera', {
    timeout: WAIT,
  });
  const el = root(documents).querySelector<LitElement>('finhub-camera-capture')!;
  await el.updateComplete;
  return el;
}

/** Takes one side with the fake camera and accepts it. */
async function photograph(camera: LitElement): Promise<void> {
  const scope = root(camera);
  await waitUntil(
    () => {
      const video = scope.querySelector('video');
      const take = scope.querySelector<HTMLButtonElement>('button.button-primary');
      return video && video.videoWidth > 0 && take && !take.disabled;
    },
    'the preview did not start',
    { timeout: WAIT },
  );
  press(scope, 'Take photo');
  await waitUntil(
    () => [...scope.querySelectorAll('button')].some((b) => text(b) === 'Use this photo'),
    `the photo was not accepted: ${text(scope.querySelector('[role="alert"]'))}`,
    { timeout: WAIT },
  );
  press(scope, 'Use this photo');
}

function choose(camera: LitElement, file: File): void {
  const input = root(camera).querySelector<HTMLInputElement>('input[type="file"]')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('documents step: the camera', function () {
  this.timeout(120_000);

  it('photographs the front and back of an ID card: two uploads, then Continue', async () => {
    const { el, documents, deviceId, events, setup } = await atDocuments();
    const id = card(documents, 0);
    id.querySelector<HTMLInputElement>('input[type="radio"][value="NATIONAL_ID"]')!.click();
    await documents.updateComplete;
    press(id, 'Take a photo');
    const camera = await capture(documents);
    expect(root(documents).querySelector('.upload-here')!.hasAttribute('hidden')).to.equal(true);
    await photograph(camera); // front
    await waitUntil(() => text(root(camera)).includes('Back of the card'), 'no back side', {
      timeout: WAIT,
    });
    await photograph(camera); // back
    await waitUntil(() => card(documents, 0).classList.contains('done'), 'ID never uploaded', {
      timeout: WAIT,
    });
    expect(root(documents).querySelector('finhub-camera-capture')).to.equal(null);

    const uploads = (await journal(deviceId)).filter(
      (e) => e.method === 'POST' && e.path.endsWith('/documents'),
    );
    expect(uploads.map((u) => (u.body as { fileName: string }).fileName)).to.deep.equal([
      'national-id-front.jpg',
      'national-id-back.jpg',
    ]);
    for (const upload of uploads) {
      const body = upload.body as { documentType: string; mimeType: string; fileContent: string };
      expect(body).to.include({ documentType: 'NATIONAL_ID', mimeType: 'image/jpeg' });
      // The journal keeps the base64's length only: at most 1.5 MiB of JPEG (4/3 in base64).
      const chars = Number(/<base64: (\d+) chars>/.exec(body.fileContent)?.[1]);
      expect(chars).to.be.within(1000, Math.ceil((1.5 * 1024 * 1024 * 4) / 3) + 4);
    }
    // No photo in any event (a JPEG's base64 starts with /9j/).
    expect(eventText(events)).not.to.contain('/9j/');

    // The proof of address from a file, then Continue moves on.
    const bill = root(documents).querySelector<HTMLInputElement>('#doc-1-file')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['%PDF-1.4\n%%EOF\n'], 'bill.pdf', { type: 'application/pdf' }));
    bill.files = transfer.files;
    bill.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => card(documents, 1).classList.contains('done'), 'bill not uploaded', {
      timeout: WAIT,
    });
    press(root(documents), 'Continue');
    await step(el, 'finhub-step-consents');
    expect(setup.customerId).to.be.a('string');
  });

  it('camera refused: says so, refuses a photo with glare and a blurred one, takes a sharp one', async () => {
    const restore = () =>
      delete (navigator.mediaDevices as unknown as Record<string, unknown>).getUserMedia;
    Object.defineProperty(navigator.mediaDevices, 'getUserMedia', {
      value: () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')),
      configurable: true,
    });
    try {
      const { documents, deviceId } = await atDocuments();
      press(card(documents, 0), 'Take a photo'); // a passport: one side
      const camera = await capture(documents);
      await waitUntil(() => root(camera).querySelector('input[type="file"]'), 'no picker', {
        timeout: WAIT,
      });
      expect(text(root(camera).querySelector('[role="status"]'))).to.equal(
        'Camera access was refused. Choose a photo instead, or allow the camera in your browser settings and try again.',
      );
      expect(root(camera).querySelector('input[type="file"]')!.getAttribute('capture')).to.equal(
        'environment',
      );
      await expect(documents).to.be.accessible();

      const refusal = async (file: Blob, message: string) => {
        choose(camera, new File([file], 'photo.jpg', { type: 'image/jpeg' }));
        await waitUntil(
          () => text(root(camera).querySelector('[role="alert"]')) === message,
          `never said "${message}"`,
          { timeout: WAIT },
        );
      };
      await refusal(
        await documentPhoto({ glare: 0.35 }),
        'Retake: the photo has glare. Tilt the document or move away from direct light.',
      );
      await refusal(
        await documentPhoto({ blur: 3.2 }),
        'Retake: the photo is blurred. Hold still and let the camera focus.',
      );
      choose(camera, new File([await documentPhoto()], 'sharp.jpg', { type: 'image/jpeg' }));
      await waitUntil(
        () =>
          [...root(camera).querySelectorAll('button')].some((b) => text(b) === 'Use this photo'),
        'the sharp photo was not accepted',
        { timeout: WAIT },
      );
      press(root(camera), 'Use this photo');
      await waitUntil(() => card(documents, 0).classList.contains('done'), 'not uploaded', {
        timeout: WAIT,
      });
      const uploads = (await journal(deviceId)).filter(
        (e) => e.method === 'POST' && e.path.endsWith('/documents'),
      );
      expect(uploads).to.have.length(1); // the refused photos never left the page
      expect(uploads[0]!.body).to.include({
        documentType: 'PASSPORT',
        fileName: 'passport-page.jpg',
      });
    } finally {
      restore();
    }
  });
});
