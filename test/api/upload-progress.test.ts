/**
 * `uploadVerificationDocument(…, {onUploadProgress})`: the request goes through XMLHttpRequest so
 * upload progress can be reported, and everything else the transport does stays as on the fetch
 * path (headers, body, 401 refresh, re-issued tokens, error mapping, timeout, abort). A fake XHR
 * for the details, and one real upload over loopback through the relay and the sandbox.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { IndividualClient } from '../../src/api/individual-client.js';
import { resolveDeviceHints } from '../../src/api/device.js';
import { buildCategorization, pickDefaultCategory } from '../../src/api/categorization.js';
import { createTokenProvider } from '../../src/api/token-provider.js';
import { REISSUED_TOKEN_EXPIRES_HEADER, REISSUED_TOKEN_HEADER } from '../../src/api/types.js';
import { TENANT, json, makeClient, sent, rejection } from './client-fakes.js';

const VERIFICATION = 'ver-1';
const DOCUMENT = {
  documentType: 'PASSPORT',
  mimeType: 'application/pdf',
  fileName: 'passport.pdf',
  fileContent: btoa('%PDF-1.4\n%%EOF\n'),
  customerId: 'cust-1',
};
const OK_BODY = {
  code: 200,
  data: { documentId: 'doc-1', documentType: 'DT_PASSPORT', fileName: 'passport.pdf' },
  message: 'Success',
};

type Answer = (xhr: FakeXhr, index: number) => void;

/** Enough of XMLHttpRequest for the transport, driven by the test through `answer`. */
class FakeXhr extends EventTarget {
  static sent: FakeXhr[] = [];
  static answer: Answer = (xhr) => xhr.finish(200, OK_BODY);

  readonly upload = new EventTarget();
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = undefined;
  withCredentials = false;
  responseType = '';
  status = 0;
  statusText = '';
  responseText = '';
  aborted = false;
  #responseHeaders = '';

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }

  getAllResponseHeaders(): string {
    return this.#responseHeaders;
  }

  send(body: unknown): void {
    this.body = body;
    const index = FakeXhr.sent.push(this) - 1;
    setTimeout(() => FakeXhr.answer(this, index), 0);
  }

  abort(): void {
    if (this.aborted || this.status !== 0) return;
    this.aborted = true;
    this.dispatchEvent(new ProgressEvent('abort'));
  }

  progress(loaded: number, total: number): void {
    if (this.aborted) return;
    this.upload.dispatchEvent(
      new ProgressEvent('progress', { lengthComputable: true, loaded, total }),
    );
  }

  finish(status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (this.aborted) return;
    this.upload.dispatchEvent(new ProgressEvent('load'));
    this.status = status;
    this.statusText = status === 200 ? 'OK' : '';
    this.responseText = JSON.stringify(body);
    this.#responseHeaders = Object.entries({ 'content-type': 'application/json', ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    this.dispatchEvent(new ProgressEvent('load'));
  }

  fail(): void {
    this.dispatchEvent(new ProgressEvent('error'));
  }
}

const realXhr = globalThis.XMLHttpRequest;

/** A client with no custom fetch, so a progress callback takes the XHR path. */
const xhrClient = (timeoutMs?: number) =>
  makeClient(() => json(OK_BODY), { fetch: undefined, ...(timeoutMs ? { timeoutMs } : {}) });

const steadyProgress: Answer = (xhr) => {
  const total = 1000;
  for (const loaded of [0, 250, 600, 1000]) xhr.progress(loaded, total);
  xhr.finish(200, OK_BODY);
};

describe('document upload progress', () => {
  beforeEach(() => {
    FakeXhr.sent = [];
    FakeXhr.answer = steadyProgress;
    globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest; // test double
  });

  afterEach(() => {
    globalThis.XMLHttpRequest = realXhr;
  });

  it('reports increasing fractions up to 1 and returns the document id', async () => {
    const { client } = xhrClient();
    const seen: number[] = [];
    const result = await client.uploadVerificationDocument(VERIFICATION, DOCUMENT, {
      onUploadProgress: (fraction) => seen.push(fraction),
    });
    expect(result.documentId).to.equal('doc-1');
    expect(seen).to.deep.equal([0, 0.25, 0.6, 1]);
    expect(FakeXhr.sent).to.have.length(1);
  });

  it('sends the same method, URL, headers and body as the fetch path', async () => {
    const viaFetch = makeClient(() => json(OK_BODY));
    await viaFetch.client.uploadVerificationDocument(VERIFICATION, DOCUMENT);
    const reference = await sent(viaFetch.requests[0]);

    const { client } = xhrClient();
    await client.uploadVerificationDocument(VERIFICATION, DOCUMENT, {
      onUploadProgress: () => undefined,
    });
    const xhr = FakeXhr.sent[0]!;
    expect(xhr.method).to.equal(reference.method);
    expect(xhr.url).to.equal(reference.url);
    expect(new URL(xhr.url).pathname).to.equal(
      '/onboarding/api/v2.1/verifications/ver-1/documents',
    );
    expect(xhr.headers).to.deep.equal(Object.fromEntries(reference.headers.entries()));
    expect(xhr.headers).to.include({
      authorization: 'Bearer onb-token-1',
      'x-tenant-id': TENANT,
      'content-type': 'application/json',
      deviceid: 'device-4b1c',
      platform: 'web',
      'x-forwarded-from': 'web-app',
    });
    expect(JSON.parse(xhr.body as string)).to.deep.equal(reference.body);
    expect(reference.body).to.deep.equal({ verificationId: VERIFICATION, ...DOCUMENT });
    expect(xhr.withCredentials).to.equal(false);
  });

  it('refreshes the token once on 401 and re-sends, never reporting less than before', async () => {
    FakeXhr.answer = (xhr, index) => {
      if (index === 0) {
        xhr.progress(500, 1000);
        xhr.finish(401, { code: 401, message: 'Token expired' });
      } else steadyProgress(xhr, index);
    };
    const { client, tokens } = xhrClient();
    const seen: number[] = [];
    const result = await client.uploadVerificationDocument(VERIFICATION, DOCUMENT, {
      onUploadProgress: (fraction) => seen.push(fraction),
    });
    expect(result.documentId).to.equal('doc-1');
    expect(tokens.refreshCalls).to.equal(1);
    expect(FakeXhr.sent.map((x) => x.headers['authorization'])).to.deep.equal([
      'Bearer onb-token-1',
      'Bearer onb-token-refreshed-1',
    ]);
    expect(seen).to.deep.equal([0.5, 1]);
  });

  it('adopts a token the relay re-issues in the response headers', async () => {
    FakeXhr.answer = (xhr) =>
      xhr.finish(200, OK_BODY, {
        [REISSUED_TOKEN_HEADER]: 'onb-token-bound',
        [REISSUED_TOKEN_EXPIRES_HEADER]: '600',
      });
    const { client, tokens } = xhrClient();
    await client.uploadVerificationDocument(VERIFICATION, DOCUMENT, {
      onUploadProgress: () => undefined,
    });
    expect(tokens.adopted).to.deep.equal([{ token: 'onb-token-bound', expiresIn: 600 }]);
  });

  it('maps FinHub errors as the fetch path does', async () => {
    FakeXhr.answer = (xhr) =>
      xhr.finish(400, {
        code: 400,
        message: 'Validation failed',
        data: { errors: [{ field: 'mimeType', message: 'Does not match the file content' }] },
      });
    const { client } = xhrClient();
    const error = await rejection(
      client.uploadVerificationDocument(VERIFICATION, DOCUMENT, {
        onUploadProgress: () => undefined,
      }),
    );
    expect(error.code).to.equal('validation_failed');
    expect(error.status).to.equal(400);
    expect(error.fieldErrors).to.deep.equal([
      { field: 'mimeType', message: 'Does not match the file content' },
    ]);
    expect(error.endpoint).to.equal('POST /v2.1/verifications/{verificationId}/documents');
  });

  it('maps a failed connection to network_error', async () => {
    FakeXhr.answer = (xhr) => xhr.fail();
    const { client } = xhrClient();
    const error = await rejection(
      client.uploadVerificationDocument(VERIFICATION, DOCUMENT, {
        onUploadProgress: () => undefined,
      }),
    );
    expect(error.code).to.equal('network_error');
    expect(error.retryable).to.equal(true);
  });

  it('aborts the XHR when the caller aborts, as `aborted`', async () => {
    const controller = new AbortController();
    FakeXhr.answer = (xhr) => {
      xhr.progress(100, 1000);
      controller.abort();
    };
    const { client } = xhrClient();
    const seen: number[] = [];
    const error = await rejection(
      client.uploadVerificationDocument(VERIFICATION, DOCUMENT, {
        signal: controller.signal,
        onUploadProgress: (fraction) => seen.push(fraction),
      }),
    );
    expect(error.code).to.equal('aborted');
    expect(FakeXhr.sent[0]!.aborted).to.equal(true);
    expect(seen).to.deep.equal([0.1]);
  });

  it('aborts the XHR on its own timeout, as `timeout`', async () => {
    FakeXhr.answer = () => undefined; // never answers
    const { client } = xhrClient(40);
    const error = await rejection(
      client.uploadVerificationDocument(VERIFICATION, DOCUMENT, {
        onUploadProgress: () => undefined,
      }),
    );
    expect(error.code).to.equal('timeout');
    // The Request's signal follows the timeout a moment later in Chromium.
    await waitUntil(() => FakeXhr.sent[0]!.aborted, 'the XHR was aborted', { timeout: 1000 });
  });

  it('keeps a custom fetch and reports 1 when its response arrives', async () => {
    const { client, requests } = makeClient(() => json(OK_BODY));
    const seen: number[] = [];
    await client.uploadVerificationDocument(VERIFICATION, DOCUMENT, {
      onUploadProgress: (fraction) => seen.push(fraction),
    });
    expect(requests).to.have.length(1);
    expect(FakeXhr.sent).to.have.length(0);
    expect(seen).to.deep.equal([1]);
  });

  it('uses fetch, not XHR, when no progress callback is given', async () => {
    const original = globalThis.fetch;
    const fetched: Request[] = [];
    globalThis.fetch = (input: RequestInfo | URL) => {
      fetched.push(input as Request); // the transport always passes a Request
      return Promise.resolve(json(OK_BODY));
    };
    try {
      const { client } = xhrClient();
      await client.uploadVerificationDocument(VERIFICATION, DOCUMENT);
    } finally {
      globalThis.fetch = original;
    }
    expect(fetched).to.have.length(1);
    expect(FakeXhr.sent).to.have.length(0);
  });

  it('lets the upload finish when the progress callback throws', async () => {
    const { client } = xhrClient();
    const result = await client.uploadVerificationDocument(VERIFICATION, DOCUMENT, {
      onUploadProgress: () => {
        throw new Error('broken progress bar');
      },
    });
    expect(result.documentId).to.equal('doc-1');
  });
});

describe('document upload progress over loopback (relay + sandbox)', () => {
  it('uploads a 2 MB PDF through a real XMLHttpRequest with progress up to 1', async () => {
    const tokens = createTokenProvider({ tokenUrl: '/onboarding/token' });
    const device = resolveDeviceHints({ deviceId: crypto.randomUUID() }, { storage: null });
    const client = new IndividualClient({
      apiBase: '/onboarding/api',
      tenantId: () => tokens.tenantId,
      tokens,
      device,
    });
    const hierarchy = await client.getCategorizationHierarchy();
    const { customerCategory } = buildCategorization(
      hierarchy,
      pickDefaultCategory(hierarchy, 'individual')!.key,
    );
    const email = `upload.${crypto.randomUUID().slice(0, 8)}@example.com`;
    const password = 'Correct-Horse-42!';
    const registered = await client.registerIndividual({
      firstName: 'Rūta',
      lastName: 'Petraitė',
      email,
      phone: '+37060000123',
      password,
      dateOfBirth: '1991-02-03',
      gender: 'FEMALE',
      nationality: 'LT',
      placeOfBirth: 'Kaunas',
      address: { street: 'Laisvės al. 10', city: 'Kaunas', postalCode: '44240', country: 'LT' },
      customerCategory,
    });
    await client.createCustomerSession(registered.customerId, registered.userId, {
      username: email,
      password,
    });
    const verification = await client.createIndividualVerification(registered.customerId, {
      verificationType: 'STANDARD',
    });

    const bytes = new Uint8Array(2 * 1024 * 1024);
    bytes.set(new TextEncoder().encode('%PDF-1.4\n'));
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    const seen: number[] = [];
    const result = await client.uploadVerificationDocument(
      verification.verificationId,
      {
        documentType: 'PASSPORT',
        mimeType: 'application/pdf',
        fileName: 'passport.pdf',
        fileContent: btoa(binary),
        customerId: registered.customerId,
      },
      { onUploadProgress: (fraction) => seen.push(fraction) },
    );
    expect(result.documentId).to.be.a('string').and.not.equal('');
    expect(seen.length).to.be.greaterThan(0);
    expect(seen.at(-1)).to.equal(1);
    expect(seen.every((f, i) => i === 0 || f > seen[i - 1]!)).to.equal(true);

    // What reached the sandbox: the same client headers as the fetch-path verification call.
    const response = await fetch(
      `/__sandbox/requests?deviceId=${encodeURIComponent(device.deviceId)}`,
    );
    const { requests } = (await response.json()) as {
      requests: { method: string; path: string; headers: Record<string, string> }[];
    };
    const upload = requests.find((r) => r.path.endsWith('/documents'))!;
    const created = requests.find((r) => r.path.endsWith('/verification'))!;
    expect(upload, 'the upload reached the sandbox').to.exist;
    for (const name of [
      'x-tenant-id',
      'deviceid',
      'platform',
      'x-forwarded-from',
      'content-type',
    ]) {
      expect(upload.headers[name], name).to.equal(created.headers[name]);
    }
  });
});
