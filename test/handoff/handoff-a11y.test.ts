/**
 * The hand-off's new screens: axe on each (the computer's panel, the phone's documents, its done
 * screen, a refused code) and the computer's side by keyboard only.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { tabTo } from '../components/keyboard.js';
import type { FinHubOnboarding } from '../../src/index.js';
import { buttonNamed, root, uploadEveryDocument } from '../components/helpers.js';
import { TestClock } from '../doubles/clock.js';
import {
  container,
  inside,
  mount,
  registerViaApi,
  signIn,
  step,
  verifyViaApi,
} from '../flow-individual/helpers.js';
import { PHONE_PAGE, text, usePhone } from './helpers.js';

async function atDocuments() {
  const setup = await registerViaApi();
  await verifyViaApi(setup, { documents: false });
  const mounted = await mount({
    customerId: setup.customerId,
    userId: setup.userId,
    clock: new TestClock(),
  });
  mounted.el.setAttribute('handoff-url', PHONE_PAGE);
  await signIn(mounted.el, setup.email);
  const documents = await step(mounted.el, 'finhub-step-documents');
  await inside(documents, 'section[part="document"]', 'document cards');
  return { ...mounted, documents };
}

/** This test page as the partner's hand-off page: the element in a 375 px box, opened with `code`. */
async function phoneHere(code: string): Promise<FinHubOnboarding> {
  history.replaceState(null, '', `${location.pathname}${location.search}#handoff=${code}`);
  const box = container();
  box.style.width = '375px';
  const el = document.createElement('finhub-onboarding') as FinHubOnboarding;
  el.setAttribute('api-base', '/onboarding/api');
  box.append(el);
  await el.updateComplete;
  expect(location.hash, 'the code is dropped from the address').to.equal('');
  return el;
}

describe('phone hand-off: accessibility and keyboard', () => {
  it('the computer side by keyboard only, and axe on its panel', async () => {
    const { el, documents } = await atDocuments();
    const usePhoneButton = buttonNamed(root(documents), 'Use my phone');
    await tabTo(usePhoneButton, 'Use my phone');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(documents).querySelector('svg.qr'), 'no QR code', {
      timeout: 8000,
    });
    expect(root(documents).activeElement?.id, 'the panel heading takes the focus').to.equal(
      'handoff-heading',
    );
    await expect(el).to.be.accessible();

    await tabTo(buttonNamed(root(documents), 'Copy link'), 'Copy link');
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () =>
        text(documents).includes('Link copied') ||
        root(documents).activeElement?.id === 'handoff-link',
      'Copy link did nothing',
    );

    await tabTo(buttonNamed(root(documents), 'Cancel and upload here'), 'Cancel');
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => root(documents).activeElement?.id === 'use-phone',
      'focus never came back to "Use my phone"',
    );
    // An empty Continue: the reason on the step, focused, and the screen still passes axe.
    await tabTo(buttonNamed(root(documents), 'Continue'), 'Continue');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(documents).activeElement?.id === 'documents-attention', 'no reason');
    await expect(el).to.be.accessible();
  });

  it('axe on the phone: its documents, its done screen and a refused code', async () => {
    const { el, documents } = await atDocuments();
    const link = await usePhone(documents);
    el.remove(); // one element per page, as on the partner's two pages
    const phone = await phoneHere(link.split('#handoff=')[1]!);
    const onPhone = await step(phone, 'finhub-step-phone-documents');
    await inside(onPhone, 'section[part="document"]', 'cards on the phone');
    await expect(phone).to.be.accessible();

    await uploadEveryDocument(onPhone);
    buttonNamed(root(onPhone), 'Send to my computer').click();
    await waitUntil(() => text(phone).includes('All done, go back to your computer'), 'not done', {
      timeout: 8000,
    });
    await expect(phone).to.be.accessible();

    phone.remove();
    const unknown = await phoneHere('A'.repeat(32));
    await waitUntil(() => text(unknown).includes('This link is not valid'), 'no refusal', {
      timeout: 8000,
    });
    await expect(unknown).to.be.accessible();
  });
});
