/**
 * demo/strict-csp.html (CSP `default-src 'self'`, no unsafe-inline, no unsafe-eval; `img-src
 * 'self' blob:` for previews) in an iframe from the test server: the whole individual flow is
 * completed in it, and its first script, which records `securitypolicyviolation` events, has
 * recorded none.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { FinHubOnboarding } from '../../src/index.js';
import {
  buttonNamed,
  byLabel,
  fillPages,
  root,
  type Control,
  shownIban,
} from '../components/helpers.js';
import {
  PASSWORD,
  activationCode,
  decide,
  inside,
  journal,
  step,
  uniqueEmail,
} from '../flow-individual/helpers.js';
import { CONSENT_LABELS } from './helpers.js';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  sample: string;
}
type Framed = Window &
  typeof globalThis & {
    cspViolations: Violation[];
  };

/** Types into a control of the framed page (its own realm: no instanceof across frames). */
function type(control: Control, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input'));
}

async function load(src: string): Promise<{ frame: HTMLIFrameElement; win: Framed }> {
  const frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '1200px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = src;
  document.body.append(frame);
  await loaded;
  return { frame, win: frame.contentWindow as Framed };
}

describe('strict Content-Security-Policy demo page', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('the policy is in force: an inline script is refused and reported', async () => {
    const page = await load('/demo/strict-csp.html');
    frame = page.frame;
    const doc = page.frame.contentDocument!;
    const script = doc.createElement('script');
    script.textContent = 'window.inlineRan = true;';
    doc.body.append(script);
    await waitUntil(() => page.win.cspViolations.length > 0, 'no violation reported', {
      timeout: 3000,
    });
    expect((page.win as unknown as { inlineRan?: boolean }).inlineRan).to.equal(undefined);
    expect(page.win.cspViolations[0]!.directive).to.equal('script-src-elem');
  });

  it('completes the individual flow with no CSP violation', async () => {
    const deviceId = crypto.randomUUID();
    const page = await load(`/demo/strict-csp.html?device=${deviceId}`);
    frame = page.frame;
    const { win } = page;
    const el = page.frame.contentDocument!.querySelector('finhub-onboarding') as FinHubOnboarding;
    await waitUntil(() => el.shadowRoot, 'the element was not defined', { timeout: 8000 });
    const completed: Record<string, unknown>[] = [];
    el.addEventListener('finhub-step-complete', (e) => completed.push((e as CustomEvent).detail));
    let finished = false;
    el.addEventListener('finhub-complete', () => (finished = true));
    const email = uniqueEmail('csp');

    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    buttonNamed(root(categorization), 'Continue').click();

    const registration = await step(el, 'finhub-step-individual-registration');
    const values: Record<string, string> = {
      'First name': 'Ona',
      'Last name': 'Jonaitė',
      Email: email,
      'Phone number': '+37060012345',
      'Date of birth': '1990-05-15',
      Gender: 'FEMALE',
      Nationality: 'LT',
      'Place of birth': 'Vilnius',
      'Street address': 'Gedimino pr. 1',
      'Town or city': 'Vilnius',
      'Postal code': '01103',
      Country: 'LT',
      'Create a password': PASSWORD,
      'Repeat the password': PASSWORD,
    };
    await fillPages(root(registration), values);
    buttonNamed(root(registration), 'Create account').click();

    const verification = await step(el, 'finhub-step-verification');
    await inside(verification, 'ul li', 'required documents');
    buttonNamed(root(verification), 'Continue').click();

    // A PNG (a preview image from a blob: URL) and a PDF.
    const documents = await step(el, 'finhub-step-documents');
    const scope = root(documents);
    const cards = scope.querySelectorAll('section[part="document"]').length;
    const png = await new Promise<Blob>((resolve) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 8;
      canvas.toBlob((blob) => resolve(blob!), 'image/png');
    });
    for (let i = 0; i < cards; i++) {
      const input = scope.getElementById(`doc-${i}-file`) as HTMLInputElement;
      const transfer = new win.DataTransfer();
      transfer.items.add(
        i === 0
          ? new win.File([png], 'photo.png', { type: 'image/png' })
          : new win.File(['%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n'], `doc-${i}.pdf`, {
              type: 'application/pdf',
            }),
      );
      input.files = transfer.files;
      input.dispatchEvent(new win.Event('change', { bubbles: true }));
    }
    await waitUntil(
      () => scope.querySelectorAll('section[part="document"].done').length === cards,
      'documents were not all uploaded',
      { timeout: 10000 },
    );
    await documents.updateComplete;
    expect(scope.querySelector('img[src^="blob:"]'), 'a preview from a blob: URL').to.exist;
    buttonNamed(scope, 'Continue').click();

    const consents = await step(el, 'finhub-step-consents');
    for (const label of CONSENT_LABELS)
      (byLabel(root(consents), label) as HTMLInputElement).click();
    buttonNamed(root(consents), 'Accept and continue').click();

    const activation = await step<LitElement>(el, 'finhub-step-activation');
    const verificationId = (
      completed.find((d) => d.step === 'verification') as { ids: { verificationId: string } }
    ).ids.verificationId;
    await decide(verificationId, 'approve');
    await inside(activation, '#code', 'the code field');
    type(byLabel(root(activation), 'Activation code'), await activationCode(email));
    buttonNamed(root(activation), 'Activate account').click();
    await waitUntil(() => finished, 'the flow did not complete', { timeout: 8000 });
    await el.updateComplete;
    expect(shownIban(el)).to.match(/^LT\d{18}$/);

    // The page really was the one that talked to the relay (its device id).
    expect((await journal(deviceId)).some((r) => r.path.endsWith('/activation'))).to.be.true;
    expect(win.cspViolations, JSON.stringify(win.cspViolations)).to.deep.equal([]);
  });
});
