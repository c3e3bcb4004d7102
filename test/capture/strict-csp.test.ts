/**
 * The photo check's worker under a strict Content-Security-Policy: with the README's policy
 * (`default-src 'self'`) it loads from its own file, with no `blob:` and no violation; where the
 * host forbids workers (`worker-src 'none'`), the check runs on the page instead and still passes.
 * The same for the document upload's base64 worker.
 */
import { expect, waitUntil } from '@open-wc/testing';

interface Framed extends Window {
  cspViolations: Array<{ directive: string; blocked: string }>;
  photoCheck?: { ok: boolean; checkedIn: string; bytes: number };
  documentEncode?: { base64: string; encodedIn: string };
}

async function load(page: string): Promise<{ frame: HTMLIFrameElement; win: Framed }> {
  const frame = document.createElement('iframe');
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/test/capture/${page}`;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Framed;
  await waitUntil(() => win.documentEncode, 'the framed page never finished its checks', {
    timeout: 60_000,
  });
  return { frame, win };
}

describe('photo check under a strict CSP', function () {
  this.timeout(90_000);
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it("runs in its worker under default-src 'self', with no violation", async () => {
    const page = await load('strict-csp.html');
    frame = page.frame;
    const policy = page.frame.contentDocument!.querySelector('meta[http-equiv]')!;
    expect(policy.getAttribute('content')).to.contain("default-src 'self'");
    expect(page.win.photoCheck).to.deep.include({ ok: true, checkedIn: 'worker' });
    expect(page.win.documentEncode).to.deep.equal({
      base64: btoa('%PDF-1.4\n'),
      encodedIn: 'worker',
    });
    expect(page.win.cspViolations).to.deep.equal([]);
  });

  it("runs on the page where worker-src 'none' refuses the worker", async () => {
    const page = await load('strict-csp-no-workers.html');
    frame = page.frame;
    expect(page.win.photoCheck).to.deep.include({ ok: true, checkedIn: 'page' });
    expect(page.win.documentEncode).to.deep.equal({
      base64: btoa('%PDF-1.4\n'),
      encodedIn: 'page',
    });
    expect(page.win.cspViolations.map((v) => v.directive)).to.deep.equal([
      'worker-src',
      'worker-src',
    ]);
  });
});
