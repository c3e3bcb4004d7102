/**
 * Bad input from either side: server strings carrying markup render as text; oversized and
 * mislabeled files are refused before anything is uploaded; answers that are not what the
 * contract promises (missing fields, not JSON) give an error message and a retry, not a broken
 * screen.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { buttonNamed, byLabel, chooseFile, errorOf, root } from '../components/helpers.js';
import {
  bannerText,
  heading,
  inside,
  mount,
  step,
  uniqueEmail,
  tokenWithoutCategories,
} from '../flow-individual/helpers.js';
import {
  errorsOf,
  failNext,
  fillRegistrationStep,
  hits,
  jsonResponse,
  passCategorization,
  retryButton,
  toDocuments,
  waitForBanner,
} from './helpers.js';

const MARKUP = '<img src=x onerror="window.__pwned=1"><b id="injected">Bad</b> email';

describe('bad input', () => {
  it('a server message with markup shows as text on the field; no element is created', async () => {
    const { el } = await mount();
    await passCategorization(el);
    const registration = await fillRegistrationStep(el, uniqueEmail('xss'));
    failNext(
      (request, path) => request.method === 'POST' && path.endsWith('/registration'),
      async () =>
        jsonResponse(400, {
          code: 400,
          message: `<script>window.__pwned=1</script>`,
          data: { errors: [{ field: 'individualCustomer.person.email', message: MARKUP }] },
        }),
    );
    buttonNamed(root(registration), 'Create account').click();
    const email = byLabel(root(registration), 'Email');
    await waitUntil(() => errorOf(email) !== '', 'no field error', { timeout: 8000 });
    expect(errorOf(email)).to.contain(MARKUP);
    const scopes = [root(el), root(registration)];
    for (const scope of scopes) {
      expect(scope.querySelector('#injected, img[src="x"], script')).to.equal(null);
    }
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(bannerTextOf(el)).to.not.contain('<script>');
  });

  it('an oversized file and a mislabeled one are refused before any upload', async () => {
    const { el, deviceId } = await mount();
    const documents = await toDocuments(el, uniqueEmail('files'));
    const scope = root(documents);
    // 10 MB + 1 byte of a real PDF: over the individual limit
    // (docs/finhub-contract.md#document-upload).
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode('%PDF-1.4\n'));
    chooseFile(scope, 0, new File([big], 'huge.pdf', { type: 'application/pdf' }));
    // A Windows program named and typed as a PDF.
    chooseFile(
      scope,
      1,
      new File(['MZ\x90\x00\x03\x00\x00\x00 not a pdf'], 'statement.pdf', {
        type: 'application/pdf',
      }),
    );
    await waitUntil(() => /over the 10 MB limit/.test(scope.textContent ?? ''), 'no size message', {
      timeout: 8000,
    });
    const cards = [...scope.querySelectorAll('section[part="document"]')];
    expect(cards[0]!.textContent).to.match(/This file is .* over the 10 MB limit/);
    expect(cards[1]!.textContent!.replace(/\s+/g, ' ')).to.match(/not|PDF|JPEG|PNG/);
    expect(cards.some((c) => c.classList.contains('done'))).to.be.false;
    expect(await hits(deviceId, '/documents')).to.have.length(0);
  });

  it('a verification answer missing its id: a message and Try again; the host learns endpoint and field', async () => {
    const { el, events } = await mount();
    failNext(
      (request, path) => request.method === 'POST' && /verifications?$/.test(path),
      async () => jsonResponse(200, { code: 200, message: 'Success', data: {} }),
    );
    await passCategorization(el);
    const registration = await fillRegistrationStep(el, uniqueEmail('bad'));
    buttonNamed(root(registration), 'Create account').click();
    const banner = await waitForBanner(el);
    expect(banner).to.contain('We received an answer we could not read.');
    expect(heading(el)).to.equal('Identity check');
    expect(errorsOf(events)).to.deep.equal([
      {
        step: 'verification',
        code: 'invalid_response',
        message:
          'We received an answer we could not read. Reload the page, or try again in a few minutes.',
        recoverable: true,
        endpoint: 'POST /v2.1/customer/individual/{customerId}/verification',
        field: 'data.verificationId',
      },
    ]);
    await expect(el).to.be.accessible();
    retryButton(el)!.click();
    const verification = await step(el, 'finhub-step-verification');
    await inside(verification, 'ul li', 'required documents');
    expect(bannerText(el)).to.equal('');
  });

  it('an answer that is not JSON at all (a proxy’s HTML page) gives an error, shown as text', async () => {
    failNext(
      (request, path) => request.method === 'GET' && path.includes('/hierarchy/'),
      async () =>
        new Response('<html><body><h1 id="proxy">502 Bad Gateway</h1></body></html>', {
          status: 200,
          headers: { 'Content-Type': 'text/html' },
        }),
    );
    const { el, events } = await mount({ fetchToken: tokenWithoutCategories });
    const banner = await waitForBanner(el);
    expect(banner).to.contain('We received an answer we could not read.');
    expect(root(el).querySelector('#proxy')).to.equal(null);
    expect(errorsOf(events).map((e) => [e.step, e.code, e.endpoint, e.field])).to.deep.equal([
      [
        'categorization',
        'invalid_response',
        'GET /v2.1/customer/individual/categorization/hierarchy/{tenantId}',
        'body',
      ],
    ]);
    // `recoverable` is truthful: it is set exactly when a retry is offered.
    expect(errorsOf(events)[0]!.recoverable).to.equal(true);
    expect(retryButton(el)).to.exist;
  });
});

function bannerTextOf(el: Element): string {
  return el.shadowRoot!.querySelector('[part="error"]')?.textContent ?? '';
}
