/**
 * A body holding a large string (a docs/finhub-contract.md#document-upload document's base64) is
 * sent as a Blob built a slice per task, so the page is not frozen while a 13 MB string becomes
 * request bytes. What goes out must be exactly the bytes of `JSON.stringify(body)`, whatever the
 * string holds.
 */
import { expect } from '@open-wc/testing';
import { HttpTransport, type RequestSpec } from '../../src/api/http.js';
import { FakeTokens, TENANT, device, json, recordingFetch } from './client-fakes.js';

const OK = { code: 200, data: { documentId: 'doc-1' }, message: 'Success' };

function transport(responder: Parameters<typeof recordingFetch>[0]) {
  const tokens = new FakeTokens();
  const recorder = recordingFetch(responder);
  const http = new HttpTransport({
    apiBase: '/onboarding/api',
    tenantId: TENANT,
    tokens,
    device,
    fetch: recorder.fetch,
  });
  return { http, tokens, requests: recorder.requests };
}

const spec = (body: unknown): RequestSpec => ({
  method: 'POST',
  endpoint: 'POST /v2.1/verifications/{verificationId}/documents',
  build: () => ({ path: '/v2.1/verifications/ver-1/documents', body }),
});

/** Same length and same bytes, as plain values (a failing byte-array diff would be huge). */
async function sameBytes(request: Request, expected: string): Promise<[number, number, boolean]> {
  const sent = new Uint8Array(await request.clone().arrayBuffer());
  const wanted = new TextEncoder().encode(expected);
  return [sent.length, wanted.length, sent.every((byte, i) => byte === wanted[i])];
}

describe('HttpTransport: large string bodies', () => {
  it('sends the bytes of JSON.stringify(body) with the JSON content type', async () => {
    // A surrogate pair across the 512 Ki-character slice edge, characters JSON must escape,
    // non-ASCII, a lone surrogate, and a second large string deeper in the body.
    const big = `${'A'.repeat(512 * 1024 - 1)}😀"\\\n\u0001ž${'B'.repeat(600_000)}\ud800end`;
    const body = {
      verificationId: 'ver-1',
      documentType: 'PASSPORT',
      fileName: 'pasas "Žalias".pdf',
      mimeType: 'application/pdf',
      fileContent: big,
      customerId: 'cust-1',
      extra: { notes: ['x', 'C'.repeat(300_000)], n: 1 },
    };
    const { http, requests } = transport(() => json(OK));
    await http.send(spec(body));
    expect(requests).to.have.length(1);
    expect(requests[0]!.headers.get('content-type')).to.equal('application/json');
    const [sent, wanted, equal] = await sameBytes(requests[0]!, JSON.stringify(body));
    expect(sent).to.equal(wanted);
    expect(equal).to.equal(true);
    expect(Object.keys(JSON.parse(await requests[0]!.clone().text()) as object)).to.deep.equal(
      Object.keys(body),
    );
  });

  it('re-sends the same bytes after a 401 refresh', async () => {
    const body = { fileContent: btoa('%PDF-1.4\n').repeat(100_000), customerId: 'cust-1' };
    const { http, tokens, requests } = transport((_request, index) =>
      index === 0 ? json({ code: 401, message: 'Unauthorized' }, 401) : json(OK),
    );
    await http.send(spec(body));
    expect(tokens.refreshCalls).to.equal(1);
    expect(requests).to.have.length(2);
    for (const request of requests) {
      const [sent, wanted, equal] = await sameBytes(request, JSON.stringify(body));
      expect([sent, equal]).to.deep.equal([wanted, true]);
    }
  });

  it('lets other tasks run while it builds a large body', async () => {
    let timerRan = false;
    let timerRanBeforeFetch = false;
    const { http } = transport(() => {
      timerRanBeforeFetch = timerRan;
      return json(OK);
    });
    setTimeout(() => {
      timerRan = true;
    }, 0);
    await http.send(spec({ fileContent: 'QUJD'.repeat(1_000_000) }));
    expect(timerRanBeforeFetch).to.equal(true);
  });

  it('sends a small body unchanged', async () => {
    const { http, requests } = transport(() => json(OK));
    const body = { fileContent: 'JVBERi0xLjQK', customerId: 'cust-1' };
    await http.send(spec(body));
    expect(await requests[0]!.text()).to.equal(JSON.stringify(body));
  });
});
