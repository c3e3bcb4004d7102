import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FinHubApiError } from '../../src/api/errors.js';
import { defineOnce } from '../../src/element/define-once.js';
import {
  FinHubDocumentsStep,
  type DocumentRequirement,
  type DocumentUpload,
  type DocumentUploader,
  type DocumentsStepValue,
  type UploadedDocument,
} from '../../src/steps/documents/documents-view.js';
import { StepAnnounceEvent, StepSubmitEvent } from '../../src/steps/common/step-events.js';
import { MB } from '../../src/steps/documents/file-checks.js';
import { requirementsFor } from '../../src/steps/documents/requirements.js';
import { PNG_BYTES, fileOf, jpeg, pdf, png } from '../flow/documents/fixtures.js';
import { deferred, type Deferred } from './helpers.js';

defineOnce('finhub-step-documents', FinHubDocumentsStep);

interface Call {
  upload: DocumentUpload;
  signal: AbortSignal;
  onProgress: ((fraction: number) => void) | undefined;
  reply: Deferred<{ documentId: string }>;
}

/** An uploader the test answers by hand. */
function manualUploader(): { uploader: DocumentUploader; calls: Call[] } {
  const calls: Call[] = [];
  const uploader: DocumentUploader = (upload, options) => {
    const reply = deferred<{ documentId: string }>();
    calls.push({ upload, signal: options.signal, onProgress: options.onProgress, reply });
    return reply.promise;
  };
  return { uploader, calls };
}

const individual = () => requirementsFor(['GOVERNMENT_ID', 'PROOF_OF_ADDRESS'], 'individual');

async function open(
  options: {
    requirements?: DocumentRequirement[];
    uploaded?: Record<string, UploadedDocument>;
    uploader?: DocumentUploader;
  } = {},
) {
  const manual = manualUploader();
  const el = await fixture<FinHubDocumentsStep>(html`
    <finhub-step-documents
      .requirements=${options.requirements ?? individual()}
      .uploaded=${options.uploaded ?? {}}
      .uploader=${options.uploader ?? manual.uploader}
    ></finhub-step-documents>
  `);
  const submits: DocumentsStepValue[] = [];
  const announcements: string[] = [];
  el.addEventListener(StepSubmitEvent.eventName, (e) =>
    submits.push((e as StepSubmitEvent<DocumentsStepValue>).value),
  );
  el.addEventListener(StepAnnounceEvent.eventName, (e) =>
    announcements.push((e as StepAnnounceEvent).message),
  );
  return { el, calls: manual.calls, submits, announcements, scope: el.shadowRoot! };
}

const text = (node: Element | null | undefined) =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The card a person finds by its heading. */
function card(el: FinHubDocumentsStep, label: string): HTMLElement {
  const found = [...el.shadowRoot!.querySelectorAll<HTMLElement>('section')].find(
    (section) => text(section.querySelector('h3')) === label,
  );
  if (!found) throw new Error(`No card "${label}"`);
  return found;
}

/** Visible button text, without the visually hidden document name. */
function action(scope: ParentNode, name: string): HTMLButtonElement {
  const button = [...scope.querySelectorAll('button')].find((b) => {
    const copy = b.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
    return text(copy) === name;
  });
  if (!button) throw new Error(`No button "${name}"`);
  return button;
}

const fileInput = (scope: ParentNode) =>
  scope.querySelector<HTMLInputElement>('input[type="file"]:not([capture])')!;

/** Picks files through the real input, as the file dialog would. */
function choose(input: HTMLInputElement, ...files: File[]): void {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The text tied to a control through aria-describedby. */
function descriptionOf(control: Element): string {
  const scope = control.getRootNode() as ShadowRoot;
  return (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => text(scope.getElementById(id)))
    .join(' | ');
}

async function bytesOf(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const continueButton = (scope: ParentNode) => action(scope, 'Continue');

async function settle(el: FinHubDocumentsStep): Promise<void> {
  await el.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await el.updateComplete;
}

/** Picks `file` on a card and waits for the uploader to be called. */
async function upload(el: FinHubDocumentsStep, calls: Call[], label: string, file: File) {
  const before = calls.length;
  choose(fileInput(card(el, label)), file);
  // Encoding starts a worker (on a busy machine the test server transforms its script first).
  await waitUntil(() => calls.length > before, `uploader called for ${label}`, { timeout: 10000 });
  await el.updateComplete;
  return calls[calls.length - 1]!;
}

describe('documents step', () => {
  it('shows each document with its hint, formats and size limit up front', async () => {
    const { el } = await open({
      requirements: requirementsFor(['GOVERNMENT_ID', 'SELFIE'], 'individual'),
    });
    const id = card(el, 'Passport or national ID');
    expect(text(id)).to.contain('all four corners showing');
    expect(text(id)).to.contain('PDF, JPEG, or PNG, up to 10 MB');
    const input = fileInput(id);
    expect(input.accept).to.equal('application/pdf,image/jpeg,image/png');
    expect(descriptionOf(input)).to.contain('PDF, JPEG, or PNG, up to 10 MB');
    expect(input.labels?.[0]?.getAttribute('part')).to.equal('dropzone');
    expect(text(input.labels?.[0])).to.contain('Choose a file or drag it here');

    // The document type is a labelled choice, passport first.
    const legend = id.querySelector('legend')!;
    expect(text(legend)).to.equal('Which document will you upload?');
    const radios = [...id.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => text(r.labels![0]!))).to.deep.equal([
      'Passport',
      'National ID card',
      'Driving licence',
    ]);
    expect(radios[0]!.checked).to.equal(true);

    // "Take a photo" opens the camera (its file picker fallback has `capture`: test/capture/).
    const camera = [...id.querySelectorAll('button')].find((b) =>
      text(b).startsWith('Take a photo'),
    );
    expect(text(camera)).to.equal('Take a photo Passport or national ID');
    expect(id.querySelector('input[capture]')).to.equal(null);

    const selfie = card(el, 'Selfie');
    expect(text(selfie)).to.contain('JPEG or PNG, up to 10 MB');
    expect(fileInput(selfie).accept).to.equal('image/jpeg,image/png');
  });

  it('states B2B limits per document', async () => {
    const { el } = await open({
      requirements: requirementsFor(
        ['CERTIFICATE_OF_INCORPORATION', 'FINANCIAL_STATEMENTS'],
        'organization',
      ),
    });
    expect(text(card(el, 'Certificate of incorporation'))).to.contain('up to 5 MB');
    expect(text(card(el, 'Financial statements'))).to.contain('up to 20 MB');
  });

  it('sends a picked file as base64 with the chosen type, showing progress, then "Uploaded"', async () => {
    const { el, calls, announcements } = await open();
    const id = card(el, 'Passport or national ID');
    const national = [...id.querySelectorAll<HTMLInputElement>('input[type="radio"]')][1]!;
    national.click();
    await el.updateComplete;

    const file = pdf('id-card.pdf', 4096);
    const input = fileInput(id);
    input.focus(); // keyboard: the drop zone's input takes focus and opens the picker
    expect(el.shadowRoot!.activeElement).to.equal(input);
    const call = await upload(el, calls, 'Passport or national ID', file);
    // The input left with the card's new state: focus moves to the card's next control.
    expect(el.shadowRoot!.activeElement).to.equal(
      action(card(el, 'Passport or national ID'), 'Cancel'),
    );
    const { docId, fileContent, ...sentUpload } = call.upload;
    expect(sentUpload).to.deep.equal({
      documentType: 'NATIONAL_ID',
      fileName: 'id-card.pdf',
      mimeType: 'application/pdf',
    });
    expect(await fileContent.text()).to.equal(await bytesOf(file));
    // The card's own id for this file (docs/finhub-contract.md#document-upload `docId`), kept for a
    // Retry.
    expect(docId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // Progress while it uploads: a labelled bar that moves with the uploader's reports.
    const bar = card(el, 'Passport or national ID').querySelector('progress')!;
    expect(bar.getAttribute('part')).to.equal('progress');
    expect(text(card(el, 'Passport or national ID'))).to.contain('Uploading id-card.pdf…');
    const before = bar.value;
    call.onProgress!(0.5);
    await el.updateComplete;
    expect(bar.value).to.be.greaterThan(before);
    expect(bar.value).to.equal(55); // 10% encoding + half of the 90% upload
    // The type cannot change mid-upload.
    expect(national.disabled).to.equal(true);

    call.reply.resolve({ documentId: 'doc-national' });
    await settle(el);
    const done = card(el, 'Passport or national ID');
    expect(done.querySelector('progress')).to.equal(null);
    expect(text(done)).to.contain('id-card.pdf');
    expect(text(done)).to.contain('Uploaded as National ID card');
    expect(el.shadowRoot!.activeElement).to.equal(action(done, 'Replace'));
    expect(announcements).to.include('Passport or national ID uploaded.');
  });

  it('takes a dropped file, with a visible drag-over state', async () => {
    const { el, calls } = await open();
    const zone = card(el, 'Proof of address').querySelector<HTMLElement>('[part="dropzone"]')!;
    const transfer = new DataTransfer();
    transfer.items.add(png('bill.png'));

    const over = new DragEvent('dragover', {
      dataTransfer: transfer,
      bubbles: true,
      cancelable: true,
      composed: true,
    });
    zone.dispatchEvent(over);
    await el.updateComplete;
    expect(over.defaultPrevented, 'the drop zone accepts the drag').to.equal(true);
    expect(zone.classList.contains('drag-over')).to.equal(true);

    const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
    zone.dispatchEvent(drop);
    expect(drop.defaultPrevented, 'the browser does not open the file').to.equal(true);
    await waitUntil(() => calls.length === 1, 'uploader called', { timeout: 10000 });
    expect(calls[0]!.upload).to.include({
      documentType: 'PROOF_OF_ADDRESS',
      fileName: 'bill.png',
      mimeType: 'image/png',
    });
  });

  it('refuses a mislabelled file before any upload, tied to the card and announced', async () => {
    const { el, calls, announcements } = await open();
    choose(
      fileInput(card(el, 'Proof of address')),
      fileOf(PNG_BYTES, 'bill.pdf', 'application/pdf'),
    );
    await waitUntil(() => card(el, 'Proof of address').querySelector('.field-error'));
    const input = fileInput(card(el, 'Proof of address'));
    const message =
      'This file says it is a PDF but it is really a PNG. Save it again in the right format or choose another file.';
    expect(descriptionOf(input)).to.contain(message);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(announcements).to.include(`Proof of address: ${message}`);
    expect(calls).to.have.length(0);
    expect(() => action(card(el, 'Proof of address'), 'Retry')).to.throw();
  });

  it('refuses a file over the cap with the limit in the message', async () => {
    const { el, calls } = await open({
      requirements: [
        {
          type: 'PROOF_OF_ADDRESS',
          label: 'Proof of address',
          maxBytes: MB,
          accept: ['application/pdf'],
        },
      ],
    });
    choose(fileInput(card(el, 'Proof of address')), pdf('bill.pdf', MB + 200 * 1024));
    await waitUntil(() => card(el, 'Proof of address').querySelector('.field-error'));
    expect(text(card(el, 'Proof of address').querySelector('.field-error'))).to.contain(
      'This file is 1.2 MB, over the 1 MB limit.',
    );
    expect(calls).to.have.length(0);
  });

  it('refuses several files at once', async () => {
    const { el, calls } = await open();
    choose(fileInput(card(el, 'Proof of address')), pdf('a.pdf'), pdf('b.pdf'));
    await waitUntil(() => card(el, 'Proof of address').querySelector('.field-error'));
    expect(text(card(el, 'Proof of address'))).to.contain('Choose one file for this document.');
    expect(calls).to.have.length(0);
  });

  it('shows the API error and retries with the same file', async () => {
    const { el, calls, announcements } = await open();
    const file = pdf('bill.pdf', 2048);
    const first = await upload(el, calls, 'Proof of address', file);
    first.reply.reject(
      new FinHubApiError({
        code: 'server_error',
        status: 503,
        message: 'FinHub is not answering right now. Try again in a moment.',
      }),
    );
    await settle(el);
    const failed = card(el, 'Proof of address');
    // The person reads the error catalogue's words for the code, not the API's English message.
    expect(text(failed.querySelector('.field-error'))).to.equal(
      'Something went wrong on our side. Please try again.',
    );
    expect(announcements).to.include(
      'Proof of address: Something went wrong on our side. Please try again.',
    );
    expect(text(failed)).to.contain('bill.pdf'); // the file is kept

    const retry = action(failed, 'Retry');
    retry.click();
    retry.click(); // a second click while the first retry runs starts nothing
    await waitUntil(() => calls.length >= 2, 'retried', { timeout: 10000 });
    await settle(el);
    expect(calls).to.have.length(2);
    // The same file with the same docId (a Blob's bytes are not compared by deep.equal).
    const { fileContent: again, ...resent } = calls[1]!.upload;
    const { fileContent: sentFirst, ...firstSent } = first.upload;
    expect(resent).to.deep.equal(firstSent);
    expect(await again.text()).to.equal(await sentFirst.text());
    expect(await again.text()).to.equal(await bytesOf(file));
    calls[1]!.reply.resolve({ documentId: 'doc-2' });
    await settle(el);
    expect(text(card(el, 'Proof of address'))).to.contain('Uploaded');
  });

  it('shows a thumbnail for images and revokes it on replace and on remove', async () => {
    const revoked: string[] = [];
    const originalRevoke = URL.revokeObjectURL;
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      originalRevoke.call(URL, url);
    };
    try {
      const { el, calls, submits } = await open();
      const first = await upload(el, calls, 'Proof of address', jpeg('bill.jpg'));
      const preview = card(el, 'Proof of address').querySelector<HTMLImageElement>(
        'img[part="preview"]',
      )!;
      expect(preview.src).to.match(/^blob:/);
      expect(preview.alt).to.equal('Preview of bill.jpg');
      const firstUrl = preview.src;
      first.reply.resolve({ documentId: 'doc-old' });
      await settle(el);
      expect(text(card(el, 'Proof of address'))).to.contain(
        'Sent files stay with your application',
      );

      // Replace: pick another file through the card's (hidden) input.
      expect(action(card(el, 'Proof of address'), 'Replace')).to.exist;
      const second = await upload(el, calls, 'Proof of address', pdf('bill-2.pdf'));
      expect(second.upload.docId, 'another file, another docId').not.to.equal(first.upload.docId);
      expect(revoked).to.include(firstUrl);
      expect(card(el, 'Proof of address').querySelector('img')).to.equal(null); // a PDF: icon
      expect(text(card(el, 'Proof of address'))).to.contain('bill-2.pdf');
      second.reply.resolve({ documentId: 'doc-new' });
      await settle(el);

      const third = await upload(el, calls, 'Passport or national ID', png('passport.png'));
      const url = card(el, 'Passport or national ID').querySelector<HTMLImageElement>('img')!.src;
      third.reply.resolve({ documentId: 'doc-passport' });
      await settle(el);
      const remove = action(card(el, 'Passport or national ID'), 'Remove');
      remove.focus();
      remove.click();
      await settle(el);
      expect(revoked).to.include(url);
      const emptyInput = fileInput(card(el, 'Passport or national ID'));
      expect(emptyInput.hidden).to.equal(false);
      expect(el.shadowRoot!.activeElement, 'focus returns to the drop zone').to.equal(emptyInput);
      expect(continueButton(el.shadowRoot!).getAttribute('aria-disabled')).to.equal('true');
      expect(submits).to.have.length(0);
    } finally {
      URL.revokeObjectURL = originalRevoke;
    }
  });

  it('keeps Continue inert with a visible reason until every document is uploaded', async () => {
    const { el, calls, submits, scope, announcements } = await open();
    const button = continueButton(scope);
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(descriptionOf(button)).to.equal('Upload 2 more documents to continue.');
    button.click();
    await settle(el);
    expect(submits).to.have.length(0);
    // Said on the step, in the error style, and focused so a screen reader reads it (issue 19).
    const attention = scope.getElementById('documents-attention');
    expect(attention?.textContent?.trim()).to.equal('Upload 2 more documents to continue.');
    expect(attention?.getAttribute('part')).to.equal('field-error');
    expect(scope.activeElement).to.equal(attention);
    expect(announcements).to.deep.equal([]);

    const passport = pdf('passport.pdf');
    const a = await upload(el, calls, 'Passport or national ID', passport);
    const b = await upload(el, calls, 'Proof of address', png('bill.png'));
    expect(calls).to.have.length(2); // two cards upload at the same time
    a.reply.resolve({ documentId: 'doc-a' });
    await settle(el);
    expect(descriptionOf(continueButton(scope))).to.equal(
      'Wait for the upload to finish to continue.',
    );
    b.reply.resolve({ documentId: 'doc-b' });
    await settle(el);
    expect(scope.getElementById('documents-attention'), 'gone once a card changed').to.equal(null);

    expect(continueButton(scope).getAttribute('aria-disabled')).to.equal('false');
    continueButton(scope).click();
    continueButton(scope).click(); // double click
    continueButton(scope).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await settle(el);
    expect(submits).to.have.length(1);
    expect(submits[0]).to.deep.equal({
      documents: [
        {
          requirement: 'GOVERNMENT_ID',
          documentType: 'PASSPORT',
          documentId: 'doc-a',
          fileName: 'passport.pdf',
        },
        {
          requirement: 'PROOF_OF_ADDRESS',
          documentType: 'PROOF_OF_ADDRESS',
          documentId: 'doc-b',
          fileName: 'bill.png',
        },
      ],
    });
    const base64 = await bytesOf(passport);
    expect(JSON.stringify(submits[0])).not.to.contain(base64);
  });

  it('starts from documents already uploaded (resume)', async () => {
    const { el, scope, submits } = await open({
      uploaded: {
        GOVERNMENT_ID: { documentId: 'doc-1', fileName: 'passport.pdf', documentType: 'PASSPORT' },
        PROOF_OF_ADDRESS: { documentId: 'doc-2', fileName: 'bill.pdf' },
      },
    });
    expect(text(card(el, 'Passport or national ID'))).to.contain('Uploaded as Passport');
    expect(text(card(el, 'Proof of address'))).to.contain('bill.pdf');
    continueButton(scope).click();
    await settle(el);
    expect(
      submits[0]!.documents.map((d) => [d.requirement, d.documentType, d.documentId]),
    ).to.deep.equal([
      ['GOVERNMENT_ID', 'PASSPORT', 'doc-1'],
      ['PROOF_OF_ADDRESS', 'PROOF_OF_ADDRESS', 'doc-2'],
    ]);
  });

  it('keeps a resumed document removed when the host sets `uploaded` again', async () => {
    const uploaded = () => ({ PROOF_OF_ADDRESS: { documentId: 'doc-2', fileName: 'bill.pdf' } });
    const { el } = await open({ uploaded: uploaded() });
    action(card(el, 'Proof of address'), 'Remove').click();
    await settle(el);
    el.uploaded = uploaded(); // a host re-render with a fresh object
    await settle(el);
    expect(text(card(el, 'Proof of address'))).not.to.contain('bill.pdf');
    el.uploaded = { PROOF_OF_ADDRESS: { documentId: 'doc-3', fileName: 'new.pdf' } };
    await settle(el);
    expect(text(card(el, 'Proof of address'))).to.contain('new.pdf');
  });

  it('stops a file dropped beside a drop zone from opening in the page', async () => {
    const { el, calls } = await open();
    const transfer = new DataTransfer();
    transfer.items.add(pdf());
    const heading = card(el, 'Proof of address').querySelector('h3')!;
    const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
    heading.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.equal(true);
    await settle(el);
    expect(calls).to.have.length(0);
  });

  it('cancels an upload in flight', async () => {
    const { el, calls } = await open();
    const call = await upload(el, calls, 'Proof of address', pdf('bill.pdf'));
    action(card(el, 'Proof of address'), 'Cancel').click();
    await settle(el);
    expect(call.signal.aborted).to.equal(true);
    expect(fileInput(card(el, 'Proof of address'))).to.exist;
    call.reply.resolve({ documentId: 'too-late' });
    await settle(el);
    expect(text(card(el, 'Proof of address'))).not.to.contain('Uploaded');
  });

  it('aborts uploads and releases previews when removed from the page', async () => {
    const revoked: string[] = [];
    const originalRevoke = URL.revokeObjectURL;
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      originalRevoke.call(URL, url);
    };
    try {
      const { el, calls } = await open();
      const call = await upload(el, calls, 'Proof of address', jpeg('bill.jpg'));
      const url = card(el, 'Proof of address').querySelector<HTMLImageElement>('img')!.src;
      el.remove();
      expect(call.signal.aborted).to.equal(true);
      expect(revoked).to.include(url);
    } finally {
      URL.revokeObjectURL = originalRevoke;
    }
  });

  describe('accessibility', () => {
    it('is accessible before any upload', async () => {
      const { el } = await open();
      await expect(el).to.be.accessible();
    });

    it('is accessible with an error', async () => {
      const { el } = await open();
      choose(fileInput(card(el, 'Proof of address')), new File([], 'empty.pdf'));
      await waitUntil(() => card(el, 'Proof of address').querySelector('.field-error'));
      await expect(el).to.be.accessible();
    });

    it('is accessible while uploading and once uploaded', async () => {
      const { el, calls } = await open();
      const call = await upload(el, calls, 'Proof of address', png('bill.png'));
      await expect(el).to.be.accessible();
      call.reply.resolve({ documentId: 'doc-1' });
      await settle(el);
      await expect(el).to.be.accessible();
    });
  });
});
