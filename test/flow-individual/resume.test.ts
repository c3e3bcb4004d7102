/**
 * Resume: state set through the API client (an earlier visit), then the element mounted with
 * `customer-id` + `user-id` (or the last `finhub-step-complete` detail) signs the person in and
 * lands on the first unfinished step, found from the readiness check
 * (docs/finhub-contract.md#readiness-check).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { FinHubOnboarding } from '../../src/index.js';
import { buttonNamed, byLabel, enter, errorOf, root, summaryOf } from '../components/helpers.js';
import { TestClock } from '../doubles/clock.js';
import {
  PASSWORD,
  consentViaApi,
  decide,
  eventText,
  heading,
  inside,
  journal,
  mount,
  registerViaApi,
  route,
  routes,
  step,
  verifyViaApi,
  type ApiSetup,
  type Mounted,
} from './helpers.js';

type Json = Record<string, unknown>;

async function signIn(el: FinHubOnboarding, email: string, password = PASSWORD) {
  const form = await step(el, 'finhub-step-sign-in');
  expect(heading(el)).to.equal('Sign in');
  enter(byLabel(root(form), 'Email'), email);
  enter(byLabel(root(form), 'Password'), password);
  buttonNamed(root(form), 'Sign in').click();
  return form;
}

async function resume(setup: ApiSetup, extra: Partial<Parameters<typeof mount>[0]> = {}) {
  const mounted = await mount({ customerId: setup.customerId, userId: setup.userId, ...extra });
  expect(heading(mounted.el)).to.equal('Sign in');
  // Categorization and registration show as done; nothing moved focus on mount.
  const done = [...root(mounted.el).querySelectorAll('li.complete .label')].map(
    (n) => n.textContent,
  );
  expect(done).to.deep.equal(['Account type', 'Your details']);
  expect(root(mounted.el).activeElement).to.equal(null);
  return mounted;
}

const landing = (m: Mounted) =>
  m.events
    .filter((e) => e.type === 'finhub-step-change')
    .map((e) => (e.detail as Json).to)
    .at(-1);

describe('resume through relay + sandbox', () => {
  it('after registration only: signs in and lands on the verification', async () => {
    const setup = await registerViaApi();
    const mounted = await resume(setup);
    await expect(mounted.el).to.be.accessible();
    await signIn(mounted.el, setup.email);
    const verification = await step(mounted.el, 'finhub-step-verification');
    await inside(verification, 'li', 'required documents');
    expect(landing(mounted)).to.equal('verification');
    expect(root(mounted.el).activeElement).to.equal(
      root(mounted.el).querySelector('#step-heading'),
    );
    // The unbound token signed in (binding it), then checked readiness, then verified.
    const paths = await routes(mounted.deviceId);
    expect(paths).to.deep.equal([
      'POST /customer/individual/:id/users/:id/sessions',
      'GET /customer/individual/:id/owner/:id/activation/check',
      'POST /customer/individual/:id/verification',
    ]);
    const signInBody = (await journal(mounted.deviceId))[0]!.body as Json;
    expect(signInBody).to.include({ username: setup.email });
    expect(mounted.events.filter((e) => e.type === 'finhub-step-complete')).to.deep.equal([
      {
        type: 'finhub-step-complete',
        detail: {
          step: 'session',
          flow: 'individual',
          ids: { customerId: setup.customerId, userId: setup.userId },
        },
      },
    ]);
    expect(eventText(mounted.events)).to.not.contain(PASSWORD);
  });

  it('with a verification but no documents: lands on the documents, with a new verification', async () => {
    const setup = await registerViaApi();
    const earlier = await verifyViaApi(setup, { documents: false });
    const mounted = await resume(setup);
    await signIn(mounted.el, setup.email);
    const documents = await step(mounted.el, 'finhub-step-documents');
    await inside(documents, 'section[part="document"]', 'document cards');
    expect(heading(mounted.el)).to.equal('Documents');
    expect(landing(mounted)).to.equal('documents');
    // The sandbox does not hand back the open verification: creating one again gives a new id.
    const created = (await journal(mounted.deviceId)).filter((r) =>
      r.path.endsWith('/verification'),
    );
    expect(created).to.have.length(1);
    const cards = [...root(documents).querySelectorAll('section[part="document"] h3')].map(
      (h) => h.textContent,
    );
    expect(cards).to.deep.equal(['Passport or national ID', 'Proof of address']);
    await expect(mounted.el).to.be.accessible();
    expect(earlier).to.be.a('string');
  });

  it('with documents in and one consent given: lands on the consents and sends only the rest', async () => {
    const setup = await registerViaApi();
    await verifyViaApi(setup);
    await consentViaApi(setup, ['terms']);
    const mounted = await resume(setup);
    await signIn(mounted.el, setup.email);
    const consents = await step(mounted.el, 'finhub-step-consents');
    expect(landing(mounted)).to.equal('consents');
    const terms = byLabel(root(consents), 'I accept the terms and conditions') as HTMLInputElement;
    expect(terms.checked && terms.disabled).to.be.true;
    expect(root(consents).textContent).to.contain('Already accepted');
    (byLabel(root(consents), 'I accept the privacy policy') as HTMLInputElement).click();
    (
      byLabel(root(consents), 'I agree to the processing of my personal data') as HTMLInputElement
    ).click();
    buttonNamed(root(consents), 'Accept and continue').click();
    await step(mounted.el, 'finhub-step-activation');
    const sent = (await routes(mounted.deviceId)).filter((p) => p.includes('/consents/'));
    expect(sent).to.deep.equal([
      'POST /customer/individual/:id/consents/privacy',
      'POST /customer/individual/:id/consents/data-processing',
    ]);
  });

  it('with everything done and approved: lands on the activation code', async () => {
    const setup = await registerViaApi();
    const verificationId = await verifyViaApi(setup);
    await consentViaApi(setup);
    await decide(verificationId, 'approve');
    const mounted = await resume(setup);
    await signIn(mounted.el, setup.email);
    const activation = await step(mounted.el, 'finhub-step-activation');
    await inside(activation, '#code', 'the code field');
    expect(landing(mounted)).to.equal('activation');
    expect(root(activation).textContent).to.contain(`We emailed the code to ${setup.email}.`);
    await expect(mounted.el).to.be.accessible();
  });

  it('from a saved resume object: waits visibly for KYC, stops polling while removed, then asks for the code', async () => {
    const setup = await registerViaApi();
    // Verification created but (for FinHub) no documents yet: it stays pending while we watch.
    const verificationId = await verifyViaApi(setup, { documents: false });
    await consentViaApi(setup);
    const clock = new TestClock();
    const mounted = await mount({
      clock,
      resume: {
        step: 'documents',
        flow: 'individual',
        ids: { customerId: setup.customerId, userId: setup.userId, verificationId },
      },
    });
    const { el, deviceId } = mounted;
    await signIn(el, setup.email);
    const activation = await step(el, 'finhub-step-activation');
    const pending = await inside(activation, '[role="status"]', 'the pending state');
    expect(pending.textContent).to.match(/verifying your documents/);
    expect(pending.querySelector('progress')).to.exist;
    expect(heading(el)).to.equal('Activation');
    await expect(el).to.be.accessible();

    // Removed: no more readiness checks. Re-added: checking resumes.
    const checks = async () =>
      (await journal(deviceId)).filter((r) => route(r).endsWith('/activation/check')).length;
    await clock.asleep();
    clock.advance(20_000);
    await waitUntil(async () => (await checks()) >= 2, 'never polled again', { timeout: 4000 });
    await clock.asleep(); // between two checks: none in flight
    const parent = el.parentElement!;
    el.remove();
    await waitUntil(() => clock.sleeping === 0, 'the wait for the next check was not cancelled');
    const whileAway = await checks();
    clock.advance(10 * 60_000);
    expect(await checks()).to.equal(whileAway);
    parent.append(el);
    await waitUntil(async () => (await checks()) > whileAway, 'polling did not resume', {
      timeout: 3000,
    });

    await decide(verificationId, 'approve');
    await clock.asleep();
    clock.advance(20_000); // the next check finds it approved
    await inside(activation, '#code', 'the code field');
    const status = root(el).querySelector('.visually-hidden[role="status"]')!.textContent!;
    expect(status).to.contain('Your documents are verified');
  });

  it('shows a rejected verification clearly and reports it once', async () => {
    const setup = await registerViaApi();
    const verificationId = await verifyViaApi(setup);
    await consentViaApi(setup);
    await decide(verificationId, 'reject', 'Document unreadable');
    const clock = new TestClock();
    const mounted = await resume(setup, { clock });
    await signIn(mounted.el, setup.email);
    const activation = await step(mounted.el, 'finhub-step-activation');
    const alert = await inside(activation, '[role="alert"]', 'the rejection');
    expect(alert.textContent).to.contain('We could not verify your identity');
    expect(root(activation).querySelector('#code')).to.equal(null);
    await expect(mounted.el).to.be.accessible();
    // Decided: nothing waits to check again (whatever time passes).
    expect(clock.sleeping, 'a check is still scheduled').to.equal(0);
    clock.advance(10 * 60_000);
    const errors = mounted.events.filter((e) => e.type === 'finhub-error');
    expect(errors.map((e) => e.detail)).to.deep.equal([
      {
        step: 'activation',
        code: 'verification_rejected',
        message:
          'We could not verify your identity with the documents provided. Please contact support.',
        recoverable: false,
      },
    ]);
    // Nothing more is asked once it is decided.
    const checks = (await routes(mounted.deviceId)).filter((p) => p.endsWith('/activation/check'));
    expect(checks).to.have.length(1);
  });

  it('refuses a wrong password on the password field, then signs in', async () => {
    const setup = await registerViaApi();
    const mounted = await resume(setup);
    const form = await signIn(mounted.el, setup.email, 'Wrong-Password-1!');
    const password = byLabel(root(form), 'Password');
    await waitUntil(() => errorOf(password) !== '', 'no sign-in error', { timeout: 5000 });
    expect(errorOf(password)).to.match(/email or password is incorrect/);
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    expect(root(form).activeElement?.id).to.equal('error-summary');
    summaryOf(root(form))!.links[0]!.click();
    expect(root(form).activeElement?.id).to.equal('password');
    await expect(mounted.el).to.be.accessible();
    const error = mounted.events.find((e) => e.type === 'finhub-error')!.detail as Json;
    expect(error).to.include({ step: 'session', code: 'unauthorized', recoverable: true });
    enter(password, PASSWORD);
    await form.updateComplete;
    expect(errorOf(password)).to.equal('');
    buttonNamed(root(form), 'Sign in').click();
    await step(mounted.el, 'finhub-step-verification');
    expect(eventText(mounted.events)).to.not.contain('Wrong-Password-1!');
  });
});
