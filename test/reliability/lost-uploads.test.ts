/**
 * A document upload whose answer is lost on the way back (FinHub stored it, the browser saw a
 * dropped connection): the card's Retry must not store the file twice
 * (docs/finhub-contract.md#retries-and-idempotency: no idempotency key). Every upload carries the
 * card's own `docId` (docs/finhub-contract.md#document-upload), the same on Retry. An individual's
 * Retry first reads the customer's documents (docs/finhub-contract.md#document-list) and sends
 * nothing when the file is there; an organization has no such list in v2.1 (and a tenant may lack
 * the older individual one), so there the same `docId` goes again and FinHub's 409 says the first
 * attempt stored it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { chooseFile, pdfFile, root } from '../components/helpers.js';
import { fault, mount, uniqueEmail } from '../flow-individual/helpers.js';
import { resumeToDocuments, type Json } from '../flow-organization/helpers.js';
import { errorsOf, hits, sent, toDocuments } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** FinHub stores the next upload; its answer breaks on the way back (the relay says 502). */
const loseNextUploadAnswer = (deviceId: string) =>
  fault({ path: 'verifications/', method: 'POST', deviceId, loseAnswer: true });

/** Chooses a PDF on the first card, waits for the lost answer, presses Retry, waits for done. */
async function uploadThroughLostAnswer(documents: LitElement, fileName: string) {
  chooseFile(root(documents), 0, pdfFile(fileName));
  await documents.updateComplete;
  const card = root(documents).querySelector('section[part="document"]')!;
  const retry = () =>
    [...card.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith('Retry'));
  await waitUntil(() => retry(), 'no Retry on the card after the lost answer', { timeout: 8000 });
  expect(card.textContent, 'the file stays on the card').to.contain(fileName);
  retry()!.click();
  await waitUntil(() => card.classList.contains('done'), 'Retry did not finish the card', {
    timeout: 8000,
  });
  return card;
}

describe('lost answers to document uploads', () => {
  it('individual: Retry finds the file among the customer’s documents and does not send it again', async () => {
    const { el, events, deviceId } = await mount();
    const documents = await toDocuments(el, uniqueEmail('lostdoc'));
    await loseNextUploadAnswer(deviceId);
    await uploadThroughLostAnswer(documents, 'passport-scan.pdf');

    const uploads = await hits(deviceId, '/documents');
    expect(
      uploads.map((u) => u.status),
      'uploads that reached FinHub',
    ).to.deep.equal([200]);
    expect((uploads[0]!.body as Json).docId, 'the upload carries its docId').to.match(UUID);
    const lists = sent().filter(
      (s) => s.method === 'GET' && /\/customer\/individual\/[^/]+\/documents$/.test(s.url),
    );
    expect(lists, 'one look at the customer’s documents').to.have.length(1);
    expect(errorsOf(events).map((e) => [e.step, e.code, e.recoverable])).to.deep.equal([
      ['documents', 'server_error', true],
    ]);
  });

  it('individual: a file FinHub does not hold after all is sent again with the same docId', async () => {
    const { el, deviceId } = await mount();
    const documents = await toDocuments(el, uniqueEmail('lostdoc2'));
    // This time FinHub failed before storing anything (a 502 all the same to the element).
    await fault({ path: 'verifications/', method: 'POST', deviceId, status: 502 });
    await uploadThroughLostAnswer(documents, 'passport-scan.pdf');
    const uploads = await hits(deviceId, '/documents');
    expect(uploads.map((u) => u.status)).to.deep.equal([502, 200]);
    const [first, again] = uploads.map((u) => (u.body as Json).docId);
    expect(again, 'the same docId').to.equal(first);
    expect(await hits(deviceId, '/documents', 'GET'), 'checked first').to.have.length(1);
  });

  it('individual: where the documents list is missing (404), the same docId goes again and the 409 counts', async () => {
    const { el, events, deviceId } = await mount();
    const documents = await toDocuments(el, uniqueEmail('lostdoc3'));
    await loseNextUploadAnswer(deviceId);
    await fault({ path: '/documents', method: 'GET', deviceId, status: 404 });
    await uploadThroughLostAnswer(documents, 'passport-scan.pdf');
    const uploads = await hits(deviceId, '/documents');
    expect(
      uploads.map((u) => u.status),
      'stored once, then a conflict',
    ).to.deep.equal([200, 409]);
    expect((uploads[1]!.body as Json).docId).to.equal((uploads[0]!.body as Json).docId);
    expect(
      errorsOf(events).map((e) => e.code),
      'the 404 and 409 are not errors',
    ).to.deep.equal(['server_error']);
  });

  it('organization: the same docId goes again and FinHub’s 409 counts as uploaded', async function () {
    this.timeout(30000);
    const { events, deviceId, documents } = await resumeToDocuments();

    await loseNextUploadAnswer(deviceId);
    const card = await uploadThroughLostAnswer(documents, 'incorporation.pdf');
    expect(card.textContent).to.contain('incorporation.pdf');

    const uploads = await hits(deviceId, '/documents');
    expect(
      uploads.map((u) => u.status),
      'stored once, then a conflict',
    ).to.deep.equal([200, 409]);
    const [first, again] = uploads.map((u) => (u.body as Json).docId);
    expect(first).to.match(UUID);
    expect(again, 'the retry carries the same docId').to.equal(first);
    expect(
      errorsOf(events).map((e) => [e.step, e.code]),
      'the 409 is not reported as an error',
    ).to.deep.equal([['documents', 'server_error']]);
  });
});

describe('a document upload cut off by removing the element', () => {
  it('put back, the card’s Retry does not store the file a second time', async function () {
    this.timeout(20000);
    const { el, deviceId } = await mount();
    const documents = await toDocuments(el, uniqueEmail('rmdoc'));
    // FinHub takes 1.5 s to store it: the element is removed meanwhile.
    await fault({ path: 'verifications/', method: 'POST', deviceId, delayMs: 1500 });
    chooseFile(root(documents), 0, pdfFile('passport-scan.pdf'));
    await waitUntil(
      async () => (await hits(deviceId, '/documents')).length === 1,
      'the upload did not reach FinHub',
      { timeout: 5000 },
    );
    const parent = el.parentElement!;
    el.remove();
    // FinHub stores it although the browser gave up (the relay goes on).
    await waitUntil(
      async () => (await hits(deviceId, '/documents')).some((h) => h.status === 200),
      'FinHub never stored it',
      { timeout: 8000 },
    );
    parent.append(el);
    await el.updateComplete;
    const card = root(documents).querySelector('section[part="document"]')!;
    expect(card.textContent).to.contain('The upload was interrupted. Try again.');
    const retry = [...card.querySelectorAll('button')].find((b) =>
      b.textContent!.trim().startsWith('Retry'),
    )!;
    retry.click();
    await waitUntil(() => card.classList.contains('done'), 'Retry did not finish the card', {
      timeout: 8000,
    });
    // The relay had carried the first one out: the Retry found it and sent nothing.
    const uploads = await hits(deviceId, '/documents');
    expect(
      uploads.map((u) => u.status),
      'stored once',
    ).to.deep.equal([200]);
    expect(await hits(deviceId, '/documents', 'GET'), 'checked first').to.have.length(1);
  });
});
