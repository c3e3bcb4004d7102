import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { FinHubOnboarding } from '../../src/index.js';
import {
  buttonNamed,
  byLabel,
  enter,
  recordingBackend,
  root,
  stepOf,
} from '../components/helpers.js';
import { SCHEMES, WIDTHS, expectNoOverflow, viewport } from './layout.js';

const IBAN = 'LT601010012345678901';

/** A returning person signs in, lands on activation (all else done) and activates. */
async function finished(options: { theme?: string; locale?: string; iban?: string } = {}) {
  const { backend } = recordingBackend({
    activate: async () => ({
      status: 'ACTIVE',
      ...(options.iban === '' ? {} : { iban: options.iban ?? IBAN }),
      wallet: { walletId: 'wallet-7f3a', currency: 'EUR', status: 'ACTIVE' },
    }),
  });
  const el = await fixture<FinHubOnboarding>(
    html`<finhub-onboarding
      theme=${options.theme ?? 'light'}
      customer-id="c-1"
      user-id="u-1"
      .backend=${backend}
    ></finhub-onboarding>`,
  );
  const signIn = await stepOf(el, 'finhub-step-sign-in');
  enter(byLabel(root(signIn), 'Email'), 'ona@example.com');
  enter(byLabel(root(signIn), 'Password'), 'Correct-Horse-9');
  buttonNamed(root(signIn), 'Sign in').click();
  const activation = await stepOf(el, 'finhub-step-activation');
  await waitUntil(() => root(activation).querySelector('#code'), 'no code field', {
    timeout: 8000,
  });
  enter(byLabel(root(activation), 'Activation code'), 'LOCAL-CODE');
  buttonNamed(root(activation), 'Activate account').click();
  const ready = await stepOf(el, 'finhub-account-ready');
  if (options.locale) {
    el.locale = options.locale;
    await el.updateComplete;
    await ready.updateComplete;
  }
  return { el, ready };
}

const text = (node: Node) => node.textContent!.replace(/\s+/g, ' ').trim();
const status = (el: FinHubOnboarding) => text(root(el).querySelector('[role="status"]')!);

describe('the finish', () => {
  afterEach(() => viewport(1280));

  it('shows a success mark, the IBAN in groups of four, what happens next, and no wallet id', async () => {
    const { el, ready } = await finished();
    expect(root(ready).querySelector('.mark svg.icon-check')).to.exist;
    expect(text(root(ready).querySelector('#iban')!)).to.equal('LT60 1010 0123 4567 8901');
    expect(text(root(ready))).to.contain('IBAN · EUR');
    expect(text(root(ready))).to.contain('What happens next');
    expect(root(ready).querySelectorAll('li')).to.have.length(2);
    expect(text(root(el)) + text(root(ready))).to.not.contain('wallet-7f3a');
    expect(text(root(ready))).to.not.contain('Wallet');
    // The one action left is quiet (nothing more to submit).
    expect(root(ready).querySelector('.button-primary')).to.equal(null);
  });

  it('copies the IBAN without spaces and says so', async () => {
    const { el, ready } = await finished();
    const writes: string[] = [];
    const clipboard = navigator.clipboard;
    const original = clipboard.writeText;
    clipboard.writeText = async (value: string) => void writes.push(value);
    try {
      buttonNamed(root(ready), 'Copy IBAN').click();
      await waitUntil(() => text(root(ready)).includes('Copied'), 'no "Copied"');
    } finally {
      clipboard.writeText = original;
    }
    expect(writes).to.deep.equal([IBAN]);
    await waitUntil(() => status(el) === 'IBAN copied', `status says "${status(el)}"`);
  });

  it('falls back to a selected text area when the Clipboard API refuses', async () => {
    const { el, ready } = await finished();
    const clipboard = navigator.clipboard;
    const originalWrite = clipboard.writeText;
    const originalExec = document.execCommand;
    let copied: string | undefined;
    clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    document.execCommand = (command: string) => {
      const area = root(ready).querySelector('textarea');
      copied =
        command === 'copy' && area
          ? area.value.slice(area.selectionStart, area.selectionEnd)
          : undefined;
      return copied !== undefined;
    };
    try {
      buttonNamed(root(ready), 'Copy IBAN').click();
      await waitUntil(() => text(root(ready)).includes('Copied'), 'no "Copied"');
    } finally {
      clipboard.writeText = originalWrite;
      document.execCommand = originalExec;
    }
    expect(copied).to.equal(IBAN);
    expect(root(ready).querySelector('textarea')).to.equal(null); // cleaned up
    await waitUntil(() => status(el) === 'IBAN copied', `status says "${status(el)}"`);
  });

  it('tells the person to select it by hand when nothing can copy', async () => {
    const { el, ready } = await finished();
    const clipboard = navigator.clipboard;
    const originalWrite = clipboard.writeText;
    const originalExec = document.execCommand;
    clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    document.execCommand = () => false;
    try {
      buttonNamed(root(ready), 'Copy IBAN').click();
      await waitUntil(() => text(root(ready)).includes('Select the IBAN'), 'no hint');
    } finally {
      clipboard.writeText = originalWrite;
      document.execCommand = originalExec;
    }
    expect(status(el)).to.equal('Could not copy the IBAN');
  });

  it('without an IBAN, still a finish (no empty box, no copy button)', async () => {
    const { ready } = await finished({ iban: '' });
    expect(root(ready).querySelector('.account')).to.equal(null);
    expect(text(root(ready))).to.contain('Your account is ready.');
  });

  it('speaks Lithuanian', async () => {
    const { el, ready } = await finished({ locale: 'lt' });
    try {
      expect(text(root(ready))).to.contain('Jūsų sąskaita paruošta.');
      expect(text(root(ready))).to.contain('Kas toliau');
      expect(buttonNamed(root(ready), 'Kopijuoti IBAN')).to.exist;
    } finally {
      el.locale = 'en'; // the locale is page-wide
      await el.updateComplete;
    }
  });

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      it(`reflows at ${width} px, ${scheme}, axe clean`, async () => {
        await viewport(width, scheme);
        const { el } = await finished({ theme: scheme });
        expectNoOverflow(el, `${width} px ${scheme}`);
        await expect(el).to.be.accessible();
      });
    }
  }
});
