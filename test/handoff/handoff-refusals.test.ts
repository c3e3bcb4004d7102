/**
 * Codes that give no access: expired (the relay's clock moved on), used already, cancelled on the
 * computer. The phone says why and shows no documents; the computer offers a new code.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { FinHubOnboarding } from '../../src/index.js';
import { buttonNamed, root } from '../components/helpers.js';
import { TestClock } from '../doubles/clock.js';
import {
  container,
  inside,
  registerViaApi,
  signIn,
  step,
  verifyViaApi,
} from '../flow-individual/helpers.js';
import {
  PHONE_PAGE,
  openPhone,
  phoneDocuments,
  pollUntil,
  stepText,
  text,
  usePhone,
  type Phone,
} from './helpers.js';

/** A person resumed on the documents step, through `relay` (the main one or the clock relay). */
async function atDocuments(clock: TestClock, relay = '/onboarding') {
  const setup = await registerViaApi();
  await verifyViaApi(setup, { documents: false });
  const el = document.createElement('finhub-onboarding') as FinHubOnboarding;
  el.setAttribute('token-url', `${relay}/token`);
  el.setAttribute('api-base', `${relay}/api`);
  el.setAttribute('device-id', crypto.randomUUID());
  el.setAttribute('customer-id', setup.customerId);
  el.setAttribute('user-id', setup.userId);
  el.setAttribute('handoff-url', `${PHONE_PAGE}?relay=${relay}`);
  el.clock = clock;
  container().append(el);
  await signIn(el, setup.email);
  const documents = await step(el, 'finhub-step-documents');
  await inside(documents, 'section[part="document"]', 'document cards');
  return { el, documents };
}

/** The phone shows `message` and no documents, and tells its host. */
async function refused(phone: Phone, message: string) {
  await waitUntil(() => text(phone.el).includes(message), `the phone never said "${message}"`, {
    timeout: 8000,
  });
  expect(root(phone.el).querySelector('finhub-step-phone-documents')).to.equal(null);
  expect(root(phone.el).querySelector('input[type="file"]')).to.equal(null);
  const errors = phone.events().filter((e) => e.type === 'finhub-error');
  expect(errors, 'the hand-off page hears of it').to.have.length(1);
  expect(errors[0]!.detail).to.include({ step: 'documents', recoverable: false });
}

describe('phone hand-off: codes that give no access', () => {
  it('an expired code: the phone says so, the computer offers a new one that works', async () => {
    const clock = new TestClock();
    const { documents } = await atDocuments(clock, '/relay-clock/onboarding');
    const link = await usePhone(documents);
    // Past the code's 10 minutes on the relay's clock.
    await fetch('/relay-clock/__advance?ms=660000', { method: 'POST' });

    await pollUntil(
      clock,
      () => stepText(documents).includes('This code has expired.'),
      'the computer never saw the code expire',
    );
    const phone = await openPhone(link);
    await refused(
      phone,
      'This code has expired. On your computer, choose "Show a new code" and scan it again.',
    );

    buttonNamed(root(documents), 'Show a new code').click();
    await waitUntil(
      () => {
        const value = root(documents).querySelector<HTMLInputElement>('#handoff-link')?.value;
        return value && value !== link;
      },
      'no new code',
      { timeout: 8000 },
    );
    const fresh = root(documents).querySelector<HTMLInputElement>('#handoff-link')!.value;
    await phoneDocuments(await openPhone(fresh));
  });

  it('a code used already: the second phone gets no access', async () => {
    const { documents } = await atDocuments(new TestClock());
    const link = await usePhone(documents);
    await phoneDocuments(await openPhone(link));
    await refused(
      await openPhone(link),
      'This code has already been used. On your computer, choose "Show a new code" and scan it again.',
    );
  });

  it('a code cancelled on the computer: back to uploading there, and the phone gets no access', async () => {
    const { documents } = await atDocuments(new TestClock());
    const link = await usePhone(documents);
    buttonNamed(root(documents), 'Cancel and upload here').click();
    await waitUntil(
      () => root(documents).activeElement?.id === 'use-phone',
      'focus never returned to "Use my phone"',
      { timeout: 8000 },
    );
    expect(root(documents).querySelector('finhub-handoff-panel')).to.equal(null);
    expect(root(documents).querySelectorAll('section[part="document"]')).to.have.length(2);
    await refused(
      await openPhone(link),
      'This hand-off was cancelled on your computer. Carry on there, or scan a new code.',
    );
  });
});
