/**
 * Every validation error of the individual flow's own inputs (sign-in, consents, activation
 * code): shown after the field is left or on submit, tied to the field, focus on the first
 * problem, and nothing sent to FinHub while the input is invalid.
 */
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import {
  buttonNamed,
  byLabel,
  enter,
  errorOf,
  leave,
  root,
  summaryOf,
} from '../components/helpers.js';
import {
  PASSWORD,
  consentViaApi,
  decide,
  inside,
  journal,
  mount,
  registerViaApi,
  routes,
  step,
  verifyViaApi,
  type MountOptions,
} from './helpers.js';

async function signedIn(
  setup: Awaited<ReturnType<typeof registerViaApi>>,
  options: MountOptions = {},
) {
  const mounted = await mount({ customerId: setup.customerId, userId: setup.userId, ...options });
  const form = await step(mounted.el, 'finhub-step-sign-in');
  enter(byLabel(root(form), 'Email'), setup.email);
  enter(byLabel(root(form), 'Password'), PASSWORD);
  buttonNamed(root(form), 'Sign in').click();
  return mounted;
}

async function settled(scope: LitElement) {
  await scope.updateComplete;
}

describe('validation of the individual flow’s inputs', () => {
  it('sign-in: email and password required, email shape checked, nothing sent until valid', async () => {
    const setup = await registerViaApi();
    const { el, deviceId } = await mount({ customerId: setup.customerId, userId: setup.userId });
    const form = await step(el, 'finhub-step-sign-in');
    const email = byLabel(root(form), 'Email');
    const password = byLabel(root(form), 'Password');
    // Nothing before the person touches anything.
    expect(errorOf(email)).to.equal('');
    buttonNamed(root(form), 'Sign in').click();
    await settled(form);
    expect(errorOf(email)).to.equal('Enter the email address you registered with');
    expect(errorOf(password)).to.equal('Enter your password');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(root(form).activeElement?.id).to.equal('error-summary');
    expect(summaryOf(root(form))!.items).to.deep.equal([
      'Enter the email address you registered with',
      'Enter your password',
    ]);
    await expect(el).to.be.accessible();

    enter(email, 'ona@example');
    leave(email);
    await settled(form);
    expect(errorOf(email)).to.equal('Enter an email address like name@example.com');
    enter(email, setup.email);
    await settled(form);
    expect(errorOf(email)).to.equal('');
    buttonNamed(root(form), 'Sign in').click();
    await settled(form);
    expect(summaryOf(root(form))!.items).to.deep.equal(['Enter your password']);
    summaryOf(root(form))!.links[0]!.click();
    expect(root(form).activeElement?.id).to.equal(password.id);
    expect(await journal(deviceId)).to.deep.equal([]);

    // The show/hide toggle is a real pressed button.
    const toggle = buttonNamed(root(form), 'Show password');
    toggle.click();
    await settled(form);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(password.getAttribute('type')).to.equal('text');
  });

  it('consents: each one required with its own error; links and versions from the host', async () => {
    const setup = await registerViaApi();
    await verifyViaApi(setup);
    const { el, deviceId } = await signedIn(setup, {
      consents: {
        terms: { url: 'https://partner.example/terms', version: '2.1' },
        privacy: { url: 'https://partner.example/privacy' },
        showVersions: true,
      },
    });
    const consents = await step(el, 'finhub-step-consents');
    const scope = root(consents);
    const terms = byLabel(scope, 'I accept the terms and conditions');
    const privacy = byLabel(scope, 'I accept the privacy policy');
    const data = byLabel(scope, 'I agree to the processing of my personal data');

    // Each with its document link (new tab, said so) and version, tied to the checkbox.
    const link = (box: HTMLElement) =>
      scope.getElementById(`${box.id}-document`)!.querySelector('a')!;
    expect(link(terms).getAttribute('href')).to.equal('https://partner.example/terms');
    expect(link(terms).textContent).to.contain('Read the terms and conditions');
    expect(link(terms).textContent).to.contain('(opens in a new tab)');
    expect(link(terms).getAttribute('target')).to.equal('_blank');
    expect(link(privacy).getAttribute('href')).to.equal('https://partner.example/privacy');
    expect(link(data).getAttribute('href')).to.equal('/data-processing');
    expect(scope.getElementById(`${terms.id}-document`)!.textContent).to.contain('Version 2.1');
    expect(scope.getElementById(`${data.id}-document`)!.textContent).to.contain('Version 1.0');
    expect(terms.getAttribute('aria-describedby')).to.contain(`${terms.id}-document`);
    await expect(el).to.be.accessible();

    buttonNamed(scope, 'Accept and continue').click();
    await settled(consents);
    expect(errorOf(terms)).to.equal('Accept the terms and conditions to continue');
    expect(errorOf(privacy)).to.equal('Accept the privacy policy to continue');
    expect(errorOf(data)).to.equal('Agree to the processing of your data to continue');
    expect(scope.activeElement?.id).to.equal('error-summary');
    expect(summaryOf(scope)!.items).to.deep.equal([
      'Accept the terms and conditions to continue',
      'Accept the privacy policy to continue',
      'Agree to the processing of your data to continue',
    ]);
    summaryOf(scope)!.links[2]!.click();
    expect(scope.activeElement?.id).to.equal(data.id);
    await expect(el).to.be.accessible();

    (terms as HTMLInputElement).click();
    (privacy as HTMLInputElement).click();
    buttonNamed(scope, 'Accept and continue').click();
    await settled(consents);
    expect(errorOf(terms)).to.equal('');
    expect(errorOf(data)).to.equal('Agree to the processing of your data to continue');
    expect(summaryOf(scope)!.items).to.deep.equal([
      'Agree to the processing of your data to continue',
    ]);
    expect((await routes(deviceId)).filter((p) => p.includes('/consents/'))).to.deep.equal([]);

    (data as HTMLInputElement).click();
    buttonNamed(scope, 'Accept and continue').click();
    await step(el, 'finhub-step-activation');
    const sent = (await journal(deviceId)).filter((r) => r.path.includes('/consents/'));
    expect(
      sent.map((r) => [r.path.split('/').pop(), (r.body as { version: string }).version]),
    ).to.deep.equal([
      ['terms', '2.1'],
      ['privacy', '1.0'],
      ['data-processing', '1.0'],
    ]);
  });

  it('activation code: required and plausible before anything is sent', async () => {
    const setup = await registerViaApi();
    const verificationId = await verifyViaApi(setup);
    await consentViaApi(setup);
    await decide(verificationId, 'approve');
    const { el, deviceId } = await signedIn(setup);
    const activation = await step(el, 'finhub-step-activation');
    const code = (await inside(activation, '#code')) as HTMLInputElement;
    expect(byLabel(root(activation), 'Activation code')).to.equal(code);
    expect(errorOf(code)).to.equal('');

    buttonNamed(root(activation), 'Activate account').click();
    await settled(activation);
    expect(errorOf(code)).to.equal('Enter the activation code from the email');
    expect(code.getAttribute('aria-invalid')).to.equal('true');
    expect(root(activation).activeElement?.id).to.equal('error-summary');
    summaryOf(root(activation))!.links[0]!.click();
    expect(root(activation).activeElement?.id).to.equal('code');
    await expect(el).to.be.accessible();

    enter(code, 'a b');
    leave(code);
    await settled(activation);
    expect(errorOf(code)).to.equal(
      'Enter the code exactly as it appears in the email, for example ACT-7KQ2PX',
    );
    enter(code, 'AB1');
    await settled(activation);
    expect(errorOf(code)).to.equal(
      'Enter the code exactly as it appears in the email, for example ACT-7KQ2PX',
    );
    buttonNamed(root(activation), 'Activate account').click();
    await settled(activation); // an invalid code is refused on the spot, nothing is sent
    expect((await routes(deviceId)).filter((p) => p.endsWith('/activation'))).to.deep.equal([]);
  });
});
