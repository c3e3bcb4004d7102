/**
 * What leaves the page when a person picks a document: the documents step's card, encoding (in a
 * worker, or on the page where none starts) and the API client as the individual flow calls it
 * (src/flows/individual-calls.ts), answered by a fetch double that reads the request. The body
 * must be exactly the JSON docs/finhub-contract.md#document-upload describes, with `fileContent`
 * the file's base64, however the base64 was made.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineOnce } from '../../../src/element/define-once.js';
import {
  FinHubDocumentsStep,
  type DocumentUploader,
} from '../../../src/steps/documents/documents-view.js';
import { ENCODE_SLICE_BYTES } from '../../../src/steps/documents/encode.js';
import { requirementsFor } from '../../../src/steps/documents/requirements.js';
import { TENANT, json, makeClient, type Responder } from '../../api/client-fakes.js';
import { pdf } from './fixtures.js';

defineOnce('finhub-step-documents', FinHubDocumentsStep);

const LABEL = 'Proof of address';
const OK = { code: 200, data: { documentId: 'doc-1' }, message: 'Success' };

/** The documents step whose uploads go through a real API client to `responder`. */
async function open(responder: Responder) {
  const { client, requests } = makeClient(responder);
  const uploader: DocumentUploader = (upload, { signal, onProgress }) =>
    client.uploadVerificationDocument(
      'ver-1',
      { ...upload, customerId: 'cust-1' },
      { signal, ...(onProgress ? { onUploadProgress: onProgress } : {}) },
    );
  const el = await fixture<FinHubDocumentsStep>(html`
    <finhub-step-documents
      .requirements=${requirementsFor(['GOVERNMENT_ID', 'PROOF_OF_ADDRESS'], 'individual')}
      .uploader=${uploader}
    ></finhub-step-documents>
  `);
  return { el, requests };
}

const text = (node: Element | null | undefined) =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

function card(el: FinHubDocumentsStep, label = LABEL): HTMLElement {
  const found = [...el.shadowRoot!.querySelectorAll<HTMLElement>('section')].find(
    (section) => text(section.querySelector('h3')) === label,
  );
  if (!found) throw new Error(`No card "${label}"`);
  return found;
}

function button(scope: ParentNode, name: string): HTMLButtonElement {
  const found = [...scope.querySelectorAll('button')].find((b) => {
    const copy = b.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
    return text(copy) === name;
  });
  if (!found) throw new Error(`No button "${name}"`);
  return found;
}

/** Picks `file` on the card through its file input, as the file dialog would. */
function choose(el: FinHubDocumentsStep, file: File): void {
  const input = card(el).querySelector<HTMLInputElement>('input[type="file"]:not([capture])')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The file's base64 by another route than the element's (the browser's data: URL). */
async function base64Of(file: File): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  return url.slice(url.indexOf(',') + 1);
}

/** The JSON the individual flow must send for `file` on the proof-of-address card. */
const expectedBody = (file: File, fileContent: string, docId: string) =>
  JSON.stringify({
    verificationId: 'ver-1',
    documentType: 'PROOF_OF_ADDRESS',
    fileName: file.name,
    mimeType: 'application/pdf',
    fileContent,
    docId,
    customerId: 'cust-1',
  });

const uploaded = (el: FinHubDocumentsStep) => text(card(el)).includes('Uploaded');

/** Worker, encoding and a 1.5 MB request on a busy machine. */
const SLOW = { timeout: 20_000 };

// Not a multiple of 3 either way: one `=` of padding, and three slices with `==`.
const FILES = [
  { what: 'a small file', size: 4097 },
  { what: 'a file over two slices', size: 2 * ENCODE_SLICE_BYTES + 1 },
];

/** Sends each of FILES and checks the body that went out, byte for byte. */
async function sendsTheExpectedBodies(): Promise<void> {
  for (const { what, size } of FILES) {
    const { el, requests } = await open(() => json(OK));
    const file = pdf(`bill-${size}.pdf`, size);
    choose(el, file);
    await waitUntil(() => uploaded(el), `${what} uploaded`, SLOW);
    expect(requests, what).to.have.length(1);
    const request = requests[0]!;
    expect(request.headers.get('content-type'), what).to.equal('application/json');
    expect(request.headers.get('authorization'), what).to.equal('Bearer onb-token-1');
    expect(request.headers.get('x-tenant-id'), what).to.equal(TENANT);
    const sent = await request.clone().text();
    const { docId } = JSON.parse(sent) as { docId: string };
    const wanted = expectedBody(file, await base64Of(file), docId);
    // Lengths and equality as plain values: a failing diff of 2 MB strings would be unreadable.
    expect([sent.length, sent === wanted], what).to.deep.equal([wanted.length, true]);
  }
}

describe('document upload: the request body', () => {
  const RealWorker = globalThis.Worker;
  afterEach(() => {
    globalThis.Worker = RealWorker;
  });

  it('is the JSON FinHub expects with the file base64 made in a worker, which hands the page no long string', async () => {
    // What the encoding worker posts to the page: the longest string in any of its messages.
    let workers = 0;
    let longest = 0;
    let blobs = 0;
    globalThis.Worker = class extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        workers += 1;
        this.addEventListener('message', (event: MessageEvent<Record<string, unknown>>) => {
          for (const value of Object.values(event.data ?? {})) {
            if (typeof value === 'string') longest = Math.max(longest, value.length);
            if (value instanceof Blob) blobs += 1;
          }
        });
      }
    };
    await sendsTheExpectedBodies();
    expect(workers, 'a worker encoded each file').to.equal(FILES.length);
    expect(blobs, 'each file came back as a Blob').to.equal(FILES.length);
    // A 13 MB string posted to the page is one long task to receive (structured clone).
    expect(longest, 'no string from the worker').to.equal(0);
  });

  it('is the same JSON with the base64 made on the page where no worker may start', async () => {
    let refused = 0;
    globalThis.Worker = class {
      constructor() {
        refused += 1;
        throw new DOMException('refused by worker-src', 'SecurityError');
      }
    } as unknown as typeof Worker;
    await sendsTheExpectedBodies();
    expect(refused, 'each file was encoded on the page').to.equal(FILES.length);
  });
});

describe('document upload: cancel and failure', () => {
  it('stops the request when the person cancels mid-upload', async () => {
    const inFlight: Request[] = [];
    const { el, requests } = await open(
      (request) =>
        new Promise<Response>((_resolve, reject) => {
          inFlight.push(request);
          request.signal.addEventListener('abort', () => reject(request.signal.reason), {
            once: true,
          });
        }),
    );
    choose(el, pdf('bill.pdf', ENCODE_SLICE_BYTES + 5));
    await waitUntil(() => inFlight.length === 1, 'the request went out', SLOW);
    await el.updateComplete;
    expect(text(card(el))).to.contain('Uploading bill.pdf');

    button(card(el), 'Cancel').click();
    await waitUntil(() => inFlight[0]!.signal.aborted, 'the request was aborted');
    await el.updateComplete;
    const cancelled = card(el);
    expect(cancelled.querySelector('input[type="file"]:not([capture])')).to.exist;
    expect(text(cancelled)).not.to.contain('bill.pdf');
    expect(text(cancelled)).not.to.contain('Uploaded');
    expect(cancelled.querySelector('.field-error')).to.equal(null);
    expect(requests).to.have.length(1);
  });

  it('shows a failed upload with the file kept, and Retry sends the same body', async () => {
    const { el, requests } = await open((_request, index) =>
      index === 0 ? json({ code: 500, message: 'Internal Server Error' }, 500) : json(OK),
    );
    const file = pdf('bill.pdf', ENCODE_SLICE_BYTES + 2);
    choose(el, file);
    await waitUntil(() => card(el).querySelector('.field-error'), 'the error shown', SLOW);
    const failed = card(el);
    expect(text(failed.querySelector('.field-error'))).to.equal(
      'Something went wrong on our side. Please try again.',
    );
    expect(text(failed)).to.contain('bill.pdf'); // the chosen file is kept

    button(failed, 'Retry').click();
    await waitUntil(() => uploaded(el), 'uploaded on Retry', SLOW);
    expect(requests).to.have.length(2);
    const [first, second] = await Promise.all(requests.map((r) => r.clone().text()));
    const { docId } = JSON.parse(first!) as { docId: string };
    const wanted = expectedBody(file, await base64Of(file), docId);
    expect([first === wanted, second === wanted]).to.deep.equal([true, true]);
  });
});
