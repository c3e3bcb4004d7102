/**
 * A Blob in a body (a docs/finhub-contract.md#document-upload document's base64, as the documents
 * step makes it) is sent as a JSON string of its text, by reference, so the page never turns a
 * 13 MB string into request bytes. What goes out must be exactly the bytes of `JSON.stringify` of
 * the body with the Blob's text in its place.
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

describe('HttpTransport: Blob values in a body', () => {
  it('sends the JSON of the body with each Blob as a string of its text, with the JSON content type', async () => {
    const base64 = btoa('%PDF-1.4\n'.repeat(1000) + 'x'); // padded: 9001 bytes
    const second = 'QUJD'.repeat(300_000);
    const body = {
      verificationId: 'ver-1',
      documentType: 'PASSPORT',
      fileName: 'pasas "Žalias" 😀.pdf',
      mimeType: 'application/pdf',
      fileContent: new Blob([base64.slice(0, 4000), new Blob([base64.slice(4000)])]),
      customerId: 'cust-1',
      // A value that looks like a marker, and a second Blob deeper in the body.
      extra: { notes: ['\u0000blob-0', new Blob([second])], n: 1 },
    };
    const { http, requests } = transport(() => json(OK));
    await http.send(spec(body));
    expect(requests).to.have.length(1);
    expect(requests[0]!.headers.get('content-type')).to.equal('application/json');
    const expected = JSON.stringify({
      ...body,
      fileContent: base64,
      extra: { ...body.extra, notes: ['\u0000blob-0', second] },
    });
    const [sent, wanted, equal] = await sameBytes(requests[0]!, expected);
    expect(sent).to.equal(wanted);
    expect(equal).to.equal(true);
    const parsed = JSON.parse(await requests[0]!.clone().text()) as typeof body;
    expect(Object.keys(parsed)).to.deep.equal(Object.keys(body));
    expect(parsed.fileContent).to.equal(base64);
  });

  it('re-sends the same bytes after a 401 refresh', async () => {
    const base64 = btoa('%PDF-1.4\n').repeat(100_000);
    const body = { fileContent: new Blob([base64]), customerId: 'cust-1' };
    const { http, tokens, requests } = transport((_request, index) =>
      index === 0 ? json({ code: 401, message: 'Unauthorized' }, 401) : json(OK),
    );
    await http.send(spec(body));
    expect(tokens.refreshCalls).to.equal(1);
    expect(requests).to.have.length(2);
    for (const request of requests) {
      const [sent, wanted, equal] = await sameBytes(
        request,
        JSON.stringify({ ...body, fileContent: base64 }),
      );
      expect([sent, equal]).to.deep.equal([wanted, true]);
    }
  });

  it('sends a body without a Blob as the string JSON.stringify gives', async () => {
    const { http, requests } = transport(() => json(OK));
    const body = { fileContent: 'JVBERi0xLjQK', customerId: 'cust-1', note: '\u0000ž' };
    await http.send(spec(body));
    expect(await requests[0]!.text()).to.equal(JSON.stringify(body));
  });
});
