import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/define.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import type { FinHubOnboarding } from '../../src/index.js';
import { buttonNamed, byLabel, enter, root, stepOf } from '../components/helpers.js';
import { SCHEMES, WIDTHS, expectNoOverflow, viewport } from './layout.js';

/** An address with nothing a browser would break at by itself (no hyphen, no space). */
const LONG_EMAIL = `${'averyveryverylongmailboxname'.repeat(2)}@${'averylongcompanydomain'.repeat(2)}.example`;

/** A returning person signs in with the long email and lands on activation (all else done). */
async function activationWithLongEmail(theme: 'light' | 'dark'): Promise<FinHubOnboarding> {
  const el = await fixture<FinHubOnboarding>(
    html`<finhub-onboarding
      theme=${theme}
      customer-id="c-1"
      user-id="u-1"
      .backend=${createLocalBackend()}
    ></finhub-onboarding>`,
  );
  const signIn = await stepOf(el, 'finhub-step-sign-in');
  enter(byLabel(root(signIn), 'Email'), LONG_EMAIL);
  enter(byLabel(root(signIn), 'Password'), 'Correct-Horse-9');
  buttonNamed(root(signIn), 'Sign in').click();
  const activation = await stepOf(el, 'finhub-step-activation');
  await waitUntil(() => root(activation).querySelector('#code'), 'no code field', {
    timeout: 8000,
  });
  return el;
}

describe('reflow (WCAG 1.4.10): the activation step with a long email', () => {
  afterEach(() => viewport(1280));

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      it(`keeps the code input and "Activate account" on screen at ${width} px, ${scheme}`, async () => {
        await viewport(width, scheme);
        const el = await activationWithLongEmail(scheme);
        const activation = root(el).querySelector<LitElement>('finhub-step-activation')!;
        await activation.updateComplete;
        expect(root(activation).textContent).to.contain(LONG_EMAIL);
        expectNoOverflow(el, `${width} px ${scheme}`);
        const right = el.getBoundingClientRect().right;
        for (const control of [
          byLabel(root(activation), 'Activation code'),
          buttonNamed(root(activation), 'Activate account'),
        ]) {
          const box = control.getBoundingClientRect();
          expect(box.right, control.localName).to.be.at.most(right);
          expect(box.width, control.localName).to.be.greaterThan(0);
        }
        await expect(el).to.be.accessible();
      });
    }
  }
});
