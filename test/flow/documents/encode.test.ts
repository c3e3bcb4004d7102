import { expect } from '@open-wc/testing';
import { encodeBase64, encodeFile } from '../../../src/steps/documents/encode.js';

function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  // getRandomValues fills at most 65536 bytes per call.
  for (let offset = 0; offset < size; offset += 65536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65536)));
  }
  return bytes;
}

function decode(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const equalBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

describe('encodeBase64', () => {
  it('round-trips a ~3 MB file exactly, without a data: prefix', async () => {
    const original = randomBytes(3 * 1024 * 1024 + 7); // not a multiple of 3: padding
    const encoded = await (
      await encodeBase64(new Blob([original], { type: 'application/pdf' }))
    ).text();
    expect(encoded.startsWith('data:')).to.equal(false);
    expect(encoded).to.match(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(equalBytes(decode(encoded), original)).to.equal(true);
  });

  it('leaves the main thread free while it encodes', async () => {
    const original = randomBytes(3 * 1024 * 1024);
    let timerRan = false;
    let timerRanBeforeDone = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    const encoding = encodeBase64(new Blob([original])).then((encoded) => {
      timerRanBeforeDone = timerRan;
      return encoded;
    });
    expect(timerRan, 'encoding has not run synchronously to the end').to.equal(false);
    await encoding;
    expect(timerRanBeforeDone, 'a timer scheduled first ran before encoding finished').to.equal(
      true,
    );
  });

  it('reports progress ending at 1', async () => {
    const seen: number[] = [];
    await encodeBase64(new Blob([randomBytes(1024 * 1024)]), {
      onProgress: (fraction) => seen.push(fraction),
    });
    expect(seen.length).to.be.greaterThan(0);
    expect(seen.at(-1)).to.equal(1);
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1]!))).to.equal(true);
  });

  it('encodes the same where Uint8Array has no toBase64 (btoa fallback)', async () => {
    const original = randomBytes(2 * 1024 * 1024 + 2);
    const native = await (await encodeBase64(new Blob([original]))).text();
    const descriptor = Object.getOwnPropertyDescriptor(Uint8Array.prototype, 'toBase64');
    if (descriptor) delete (Uint8Array.prototype as { toBase64?: unknown }).toBase64;
    try {
      // On the page: a worker has its own Uint8Array.
      const fallback = await (await encodeBase64(new Blob([original]), { worker: false })).text();
      expect(fallback === native).to.equal(true);
      expect(equalBytes(decode(fallback), original)).to.equal(true);
    } finally {
      if (descriptor) Object.defineProperty(Uint8Array.prototype, 'toBase64', descriptor);
    }
  });

  it('encodes the bytes of a small text file like btoa', async () => {
    expect(await (await encodeBase64(new Blob(['%PDF-1.4\n']))).text()).to.equal(
      btoa('%PDF-1.4\n'),
    );
  });

  it('stops when aborted, with the abort reason', async () => {
    const controller = new AbortController();
    const encoding = encodeBase64(new Blob([randomBytes(4 * 1024 * 1024)]), {
      signal: controller.signal,
    });
    controller.abort(new DOMException('left the step', 'AbortError'));
    const error = await encoding.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).message).to.equal('left the step');
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await encodeBase64(new Blob(['x']), { signal: controller.signal }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as DOMException).name).to.equal('AbortError');
  });

  describe('where it runs', () => {
    const realWorker = globalThis.Worker;
    afterEach(() => {
      globalThis.Worker = realWorker;
    });

    it('encodes in a worker where one starts, to the same bytes as on the page', async () => {
      const original = randomBytes(2 * 1024 * 1024 + 1);
      const seen: number[] = [];
      const worker = await encodeFile(new Blob([original]), {
        onProgress: (fraction) => seen.push(fraction),
      });
      const page = await encodeFile(new Blob([original]), { worker: false });
      expect(worker.encodedIn).to.equal('worker');
      expect(page.encodedIn).to.equal('page');
      const [fromWorker, fromPage] = await Promise.all([worker.base64.text(), page.base64.text()]);
      expect(fromWorker === fromPage, 'worker and page give the same text').to.equal(true);
      expect(equalBytes(decode(fromWorker), original)).to.equal(true);
      expect(seen.length).to.be.greaterThan(1);
      expect(seen.at(-1)).to.equal(1);
    });

    it('encodes on the page where the worker is refused (CSP, no module workers)', async () => {
      globalThis.Worker = class {
        constructor() {
          throw new DOMException('refused by worker-src', 'SecurityError');
        }
      } as unknown as typeof Worker;
      const original = randomBytes(1024 * 1024 + 2);
      const { base64, encodedIn } = await encodeFile(new Blob([original]));
      expect(encodedIn).to.equal('page');
      expect(equalBytes(decode(await base64.text()), original)).to.equal(true);
    });

    it('encodes on the page where the worker script fails to load', async () => {
      // A worker whose script is not there: the browser fires `error` on it.
      globalThis.Worker = class extends realWorker {
        constructor(_url: string | URL, options?: WorkerOptions) {
          super(new URL('/no-such-encode-worker.js', location.href), options);
        }
      };
      const original = randomBytes(100_000);
      const { base64, encodedIn } = await encodeFile(new Blob([original]));
      expect(encodedIn).to.equal('page');
      expect(equalBytes(decode(await base64.text()), original)).to.equal(true);
    });

    it('stops the worker when aborted, with the abort reason', async () => {
      const controller = new AbortController();
      const encoding = encodeFile(new Blob([randomBytes(4 * 1024 * 1024)]), {
        signal: controller.signal,
        onProgress: () => controller.abort(new DOMException('cancelled', 'AbortError')),
      });
      const error = await encoding.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as DOMException).message).to.equal('cancelled');
    });
  });
});
