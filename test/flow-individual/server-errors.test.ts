/**
 * FinHub's errors land where the person can act on them: a failed verification start on the
 * step's banner with a retry, a wrong activation code on the code field, a duplicate email on the
 * email field with the offer to sign in, and a registration whose outcome is unknown is never
 * sent again blindly. Faults are injected by the sandbox for this test's device only.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { FinHubOnboarding } from '../../src/index.js';
import {
  buttonNamed,
  byLabel,
  enter,
  errorOf,
  fillRegistration,
  root,
  shownIban,
  summaryOf,
} from '../components/helpers.js';
import { TestClock } from '../doubles/clock.js';
import {
  PASSWORD,
  activationCode,
  bannerText,
  fault,
  heading,
  inside,
  journal,
  mount,
  registerViaApi,
  resumeAtActivation,
  routes,
  step,
  uniqueEmail,
} from './helpers.js';

type Json = Record<string, unknown>;

async function submitRegistration(el: FinHubOnboarding, email: string) {
  const categorization = await step(el, 'finhub-step-categorization');
  await inside(categorization, 'input[type="radio"]', 'categories');
  buttonNamed(root(categorization), 'Continue').click();
  const registration = await step(el, 'finhub-step-individual-registration');
  await fillRegistration(root(registration), {
    Email: email,
    'Create a password': PASSWORD,
    'Repeat the password': PASSWORD,
  });
  buttonNamed(root(registration), 'Create account').click();
  return registration;
}

const errorsOf = (events: { type: string; detail: unknown }[]) =>
  events.filter((e) => e.type === 'finhub-error').map((e) => e.detail as Json);

describe('server errors through relay + sandbox', () => {
  it('a 500 when starting the verification shows the banner; Try again starts it', async () => {
    const deviceId = crypto.randomUUID();
    // Both the customer-scoped route (docs/finhub-contract.md#individual-verification) and its
    // fallback (docs/finhub-contract.md#create-verification) fail once.
    await fault({ path: 'verification', method: 'POST', deviceId, status: 500, times: 2 });
    const { el, events } = await mount({ deviceId });
    await submitRegistration(el, uniqueEmail());
    await waitUntil(() => bannerText(el) !== '', 'no banner', { timeout: 8000 });
    expect(heading(el)).to.equal('Identity check');
    expect(bannerText(el)).to.contain('Something went wrong on our side. Please try again.');
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain(
      'Something went wrong on our side.',
    );
    expect(errorsOf(events)).to.deep.equal([
      {
        step: 'verification',
        code: 'server_error',
        message: 'Something went wrong on our side. Please try again.',
        recoverable: true,
      },
    ]);
    await expect(el).to.be.accessible();
    buttonNamed(root(el), 'Try again').click();
    const verification = await step(el, 'finhub-step-verification');
    await inside(verification, 'li', 'required documents');
    expect(bannerText(el)).to.equal('');
    expect(
      (await routes(deviceId)).filter((p) => /verification$|verifications$/.test(p)),
    ).to.deep.equal([
      'POST /customer/individual/:id/verification',
      'POST /verifications',
      'POST /customer/individual/:id/verification',
    ]);
  });

  it('a wrong activation code shows on the code field, then the right one activates', async () => {
    const { el, events, deviceId, setup, activation } = await resumeAtActivation({ approve: true });
    const code = () => byLabel(root(activation), 'Activation code');

    // The sandbox's own 400 with a field error (docs/finhub-contract.md#individual-activation wrong
    // code).
    enter(code(), 'ACT-WRONG1');
    buttonNamed(root(activation), 'Activate account').click();
    await waitUntil(() => errorOf(code()) !== '', 'no code error', { timeout: 5000 });
    expect(errorOf(code())).to.equal(
      'This code is not correct. Check the email we sent you and try again.',
    );
    expect(code().getAttribute('aria-invalid')).to.equal('true');
    expect(root(activation).activeElement?.id).to.equal('error-summary');
    expect(summaryOf(root(activation))!.items).to.deep.equal([
      'This code is not correct. Check the email we sent you and try again.',
    ]);
    expect(bannerText(el)).to.equal('');
    await expect(el).to.be.accessible();

    // A plain 400 from FinHub (no field named) lands there too.
    await fault({ path: '/activation', method: 'POST', deviceId, status: 400 });
    const right = await activationCode(setup.email);
    enter(code(), right);
    await activation.updateComplete;
    expect(errorOf(code())).to.equal('');
    buttonNamed(root(activation), 'Activate account').click();
    await waitUntil(() => errorOf(code()) !== '', 'no code error for the plain 400', {
      timeout: 5000,
    });
    expect(errorsOf(events).map((e) => [e.step, e.code, e.recoverable])).to.deep.equal([
      ['activation', 'validation_failed', true],
      ['activation', 'bad_request', true],
    ]);

    buttonNamed(root(activation), 'Activate account').click();
    await waitUntil(() => events.some((e) => e.type === 'finhub-complete'), 'not activated', {
      timeout: 5000,
    });
    await el.updateComplete;
    expect(shownIban(el)).to.match(/^LT\d{18}$/);
    expect(JSON.stringify(events)).to.not.contain(right);
  });

  it('a duplicate email shows on the email field; "Sign in instead" asks the host, whose ids open the sign-in', async () => {
    const earlier = await registerViaApi();
    const { el, events } = await mount();
    const registration = await submitRegistration(el, earlier.email);
    const email = byLabel(root(registration), 'Email');
    await waitUntil(() => errorOf(email) !== '', 'duplicate not shown', { timeout: 5000 });
    expect(errorOf(email)).to.equal('This email is already registered');
    expect(root(registration).activeElement?.id).to.equal('error-summary');
    await expect(el).to.be.accessible();
    buttonNamed(root(registration), 'Sign in instead').click();
    expect(
      events.filter((e) => e.type === 'finhub-sign-in-request').map((e) => e.detail),
    ).to.deep.equal([{ flow: 'individual', step: 'registration', reason: 'duplicate_email' }]);

    // The host looks the person up and hands the ids over: the element's own sign-in opens.
    el.setAttribute('customer-id', earlier.customerId);
    el.setAttribute('user-id', earlier.userId);
    const signIn = await step(el, 'finhub-step-sign-in');
    expect(heading(el)).to.equal('Sign in');
    expect((byLabel(root(signIn), 'Email') as HTMLInputElement).value).to.equal(earlier.email);
    enter(byLabel(root(signIn), 'Password'), PASSWORD);
    buttonNamed(root(signIn), 'Sign in').click();
    await step(el, 'finhub-step-verification');
    const completed = events
      .filter((e) => e.type === 'finhub-step-complete')
      .map((e) => (e.detail as Json).step);
    // Registration was never completed here: this onboarding did not create the customer.
    expect(completed).to.deep.equal(['categorization', 'session']);
  });

  it('a registration with an unknown outcome is not resent blindly; the retry’s 409 offers the sign-in', async () => {
    const deviceId = crypto.randomUUID();
    await fault({ path: 'individual/registration', deviceId, status: 503 });
    const clock = new TestClock();
    const { el, events } = await mount({ deviceId, clock });
    const email = uniqueEmail();
    const registration = await submitRegistration(el, email);
    await waitUntil(() => bannerText(el) !== '', 'no banner', { timeout: 5000 });
    expect(bannerText(el)).to.contain(
      'We could not confirm that your account was created. Try again: if it was, we will ask you to sign in instead.',
    );
    await expect(el).to.be.accessible();
    // Nothing was sent again by itself: no run in flight, nothing waiting on the clock.
    await el.updateComplete;
    expect(clock.sleeping, 'nothing waits to resend it').to.equal(0);
    expect((await routes(deviceId)).filter((p) => p.endsWith('/registration'))).to.have.length(1);

    // As if the first attempt had gone through before the answer was lost.
    await registerViaApi({ email });
    buttonNamed(root(el), 'Try again').click();
    const field = byLabel(root(registration), 'Email');
    await waitUntil(() => errorOf(field) !== '', 'no 409 on the email field', { timeout: 5000 });
    expect(errorOf(field)).to.equal(
      'Your account was most likely created by your earlier attempt. Sign in to continue.',
    );
    expect(buttonNamed(root(registration), 'Sign in instead')).to.exist;
    expect((await routes(deviceId)).filter((p) => p.endsWith('/registration'))).to.have.length(2);
    expect(errorsOf(events).map((e) => e.code)).to.deep.equal(['server_error', 'duplicate_email']);
  });
  it('a registration cancelled by leaving the page counts as unknown: the next 409 says it went through', async () => {
    const deviceId = crypto.randomUUID();
    // FinHub is slow: the element leaves while the registration is on its way (the relay carries
    // it out regardless; an abort in the browser does not reach FinHub).
    await fault({ path: 'individual/registration', deviceId, delayMs: 1500 });
    const { el, events } = await mount({ deviceId });
    const email = uniqueEmail();
    const registration = await submitRegistration(el, email);
    await waitUntil(
      async () => (await routes(deviceId)).some((p) => p.endsWith('/registration')),
      'the registration never reached FinHub',
      { timeout: 5000 },
    );
    const parent = el.parentElement!;
    el.remove();
    // FinHub carries it out although the browser gave up (the relay goes on).
    await waitUntil(
      async () =>
        (await journal(deviceId)).some((r) => r.path.endsWith('/registration') && r.status === 200),
      'FinHub never registered it',
      { timeout: 8000 },
    );
    parent.append(el);
    await el.updateComplete;
    expect(
      (byLabel(root(registration), 'Email') as HTMLInputElement).value,
      'what the person typed is still there',
    ).to.equal(email);
    buttonNamed(root(registration), 'Create account').click();
    const field = byLabel(root(registration), 'Email');
    await waitUntil(() => errorOf(field) !== '', 'no 409 on the email field', { timeout: 5000 });
    expect(errorOf(field)).to.equal(
      'Your account was most likely created by your earlier attempt. Sign in to continue.',
    );
    expect(errorsOf(events).map((e) => e.code)).to.deep.equal(['duplicate_email']);
  });
});
