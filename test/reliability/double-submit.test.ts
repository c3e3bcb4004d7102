/**
 * Double submits: two clicks in the same task, two clicks a moment apart, and two Enter presses on
 * the focused button, on every step that sends something (registration, sign-in, consents,
 * activation, the banner's Try again). FinHub is slowed down for the step under test, so the
 * second press lands while the first request is still in flight. Counted in the sandbox journal.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FinHubOnboarding } from '../../src/index.js';
import { buttonNamed, byLabel, enter, root, shownIban } from '../components/helpers.js';
import {
  PASSWORD,
  activationCode,
  consentViaApi,
  decide,
  fault,
  inside,
  mount,
  registerViaApi,
  step,
  uniqueEmail,
  verifyViaApi,
} from '../flow-individual/helpers.js';
import {
  fillRegistrationStep,
  hits,
  passCategorization,
  retryButton,
  sleep,
  toConsents,
  waitForBanner,
} from './helpers.js';

type Press = (button: HTMLButtonElement, host: FinHubOnboarding) => Promise<void>;

const PRESSES: Record<string, Press> = {
  'two clicks in one task': async (button) => {
    button.click();
    button.click();
  },
  'two clicks 30 ms apart': async (button) => {
    button.click();
    await sleep(30);
    button.click();
  },
  'Enter twice on the focused button': async (button) => {
    button.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
  },
};

/** Slows the step's request so both presses land while it is in flight. */
const slow = (deviceId: string, path: string) =>
  fault({ path, method: 'POST', deviceId, delayMs: 800, times: 5 });

describe('double submit sends one request', () => {
  for (const [how, press] of Object.entries(PRESSES)) {
    it(`registration: ${how}`, async () => {
      const { el, deviceId } = await mount();
      await passCategorization(el);
      const registration = await fillRegistrationStep(el, uniqueEmail('dbl'));
      await slow(deviceId, '/registration');
      await press(buttonNamed(root(registration), 'Create account'), el);
      await step(el, 'finhub-step-verification');
      expect(await hits(deviceId, '/registration')).to.have.length(1);
      expect(await hits(deviceId, '/sessions')).to.have.length(1);
    });

    it(`consents: ${how}`, async () => {
      const { el, deviceId } = await mount();
      const consents = await toConsents(el, uniqueEmail('dblc'));
      await slow(deviceId, 'consents/terms');
      await press(buttonNamed(root(consents), 'Accept and continue'), el);
      await step(el, 'finhub-step-activation');
      for (const kind of ['terms', 'privacy', 'data-processing']) {
        expect(await hits(deviceId, `/consents/${kind}`), kind).to.have.length(1);
      }
    });

    it(`sign-in and activation: ${how}`, async () => {
      const setup = await registerViaApi();
      const verificationId = await verifyViaApi(setup);
      await consentViaApi(setup);
      await decide(verificationId, 'approve');
      const { el, deviceId } = await mount({ customerId: setup.customerId, userId: setup.userId });
      const signIn = await step(el, 'finhub-step-sign-in');
      enter(byLabel(root(signIn), 'Email'), setup.email);
      enter(byLabel(root(signIn), 'Password'), PASSWORD);
      await signIn.updateComplete;
      await slow(deviceId, '/sessions');
      await press(buttonNamed(root(signIn), 'Sign in'), el);
      const activation = await step(el, 'finhub-step-activation');
      await inside(activation, '#code', 'the code field');
      expect(await hits(deviceId, '/sessions')).to.have.length(1);

      enter(byLabel(root(activation), 'Activation code'), await activationCode(setup.email));
      await activation.updateComplete;
      await slow(deviceId, '/activation');
      await press(buttonNamed(root(activation), 'Activate account'), el);
      await waitUntil(() => shownIban(el), 'not activated', { timeout: 8000 });
      expect(await hits(deviceId, '/activation')).to.have.length(1);
    });
  }

  it('the banner’s Try again, clicked twice, repeats the request once', async () => {
    const { el, deviceId } = await mount();
    const consents = await toConsents(el, uniqueEmail('dblr'));
    await fault({ path: 'consents/terms', method: 'POST', deviceId, status: 500 });
    buttonNamed(root(consents), 'Accept and continue').click();
    await waitForBanner(el);
    await slow(deviceId, 'consents/terms');
    const retry = retryButton(el)!;
    retry.click();
    retry.click();
    await step(el, 'finhub-step-activation');
    expect((await hits(deviceId, '/consents/terms')).length).to.equal(2); // the 500 and one retry
    expect(await hits(deviceId, '/consents/privacy')).to.have.length(1);
  });
});
