/**
 * `npm run screenshots` (not part of `npm test`): walks both flows through the relay and the
 * sandbox as a person would and saves a PNG of every screen in light, dark and phone (375 px)
 * into `screenshots/`, for a reviewer to look at. The `screenshot` command is the config's
 * (web-test-runner.screenshots.config.mjs).
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand, emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { FinHubOnboarding } from '../../src/index.js';
import {
  buttonNamed,
  byLabel,
  enter,
  fillRegistration,
  fillPages,
  root,
  uploadEveryDocument,
} from '../components/helpers.js';
import {
  PASSWORD,
  activationCode,
  decide,
  inside,
  mount,
  step,
  uniqueEmail,
} from '../flow-individual/helpers.js';
import {
  addValidPeople,
  mountOrganization,
  organizationIdOf,
  companyValues,
  verificationIdOf,
  walletReady,
} from '../flow-organization/helpers.js';

const MODES = [
  { name: 'light', width: 1280, scheme: 'light' },
  { name: 'dark', width: 1280, scheme: 'dark' },
  { name: 'phone', width: 375, scheme: 'light' },
] as const;

let shot = 0;

/** The screen as it is now, in each mode: `screenshots/<flow>-<nn>-<name>-<mode>.png`. */
async function screens(el: FinHubOnboarding, name: string): Promise<void> {
  shot += 1;
  const flow = el.getAttribute('flow') ?? 'individual';
  for (const mode of MODES) {
    await setViewport({ width: mode.width, height: 900 });
    document.body.style.margin = mode.width < 600 ? '0' : '24px auto';
    await emulateMedia({ colorScheme: mode.scheme });
    el.setAttribute('theme', mode.scheme);
    document.body.style.background = mode.scheme === 'dark' ? '#030712' : '#f3f4f6';
    await el.updateComplete;
    await new Promise(requestAnimationFrame);
    const file = `${flow}-${String(shot).padStart(2, '0')}-${name}-${mode.name}.png`;
    await executeServerCommand('screenshot', { file });
  }
  await setViewport({ width: 1280, height: 900 });
}

describe('screenshots', function () {
  this.timeout(240_000);

  beforeEach(() => {
    shot = 0;
    document.body.style.margin = '24px auto';
    document.body.style.maxWidth = '44rem';
    document.body.style.fontFamily = 'system-ui, sans-serif';
  });

  it('individual flow', async () => {
    const { el, events } = await mount();
    const email = uniqueEmail();
    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    await screens(el, 'account-type');
    buttonNamed(root(categorization), 'Continue').click();

    const registration = await step(el, 'finhub-step-individual-registration');
    await screens(el, 'your-details');
    // The form is paged: Continue on the empty first page shows its errors.
    buttonNamed(root(registration), 'Continue').click();
    await registration.updateComplete;
    await screens(el, 'your-details-errors');
    await fillRegistration(root(registration), {
      Email: email,
      'Create a password': PASSWORD,
      'Repeat the password': PASSWORD,
    });
    buttonNamed(root(registration), 'Create account').click();

    const verification = await step(el, 'finhub-step-verification');
    await inside(verification, 'ul li', 'required documents');
    await screens(el, 'identity-check');
    buttonNamed(root(verification), 'Continue').click();

    const documents = await step(el, 'finhub-step-documents');
    await screens(el, 'documents');
    await uploadEveryDocument(documents);
    await screens(el, 'documents-uploaded');
    buttonNamed(root(documents), 'Continue').click();

    const consents = await step(el, 'finhub-step-consents');
    buttonNamed(root(consents), 'Accept and continue').click();
    await consents.updateComplete;
    await screens(el, 'agreements-errors');
    for (const box of root(consents).querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      box.click();
    }
    buttonNamed(root(consents), 'Accept and continue').click();

    const activation = await step(el, 'finhub-step-activation');
    await screens(el, 'activation-pending');
    const verificationId = (
      events.find(
        (e) =>
          e.type === 'finhub-step-complete' &&
          (e.detail as { step: string }).step === 'verification',
      )!.detail as { ids: { verificationId: string } }
    ).ids.verificationId;
    await decide(verificationId, 'approve');
    await inside(activation, '#code', 'the activation code field');
    await screens(el, 'activation-code');
    enter(byLabel(root(activation), 'Activation code'), await activationCode(email));
    buttonNamed(root(activation), 'Activate account').click();
    await step(el, 'finhub-account-ready');
    await screens(el, 'done');
  });

  it('organization flow', async () => {
    const { el, events } = await mountOrganization();
    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    await screens(el, 'account-type');
    buttonNamed(root(categorization), 'Continue').click();
    const registration = await step(el, 'finhub-step-organization-registration');
    await screens(el, 'company-details');
    buttonNamed(root(registration), 'Continue').click();
    await registration.updateComplete;
    await screens(el, 'company-details-errors');

    const values = companyValues();
    await fillPages(root(registration), values);
    buttonNamed(root(registration), 'Register company').click();
    const email = values['Admin email']!;
    const people = await step(el, 'finhub-step-personnel');
    await screens(el, 'people');
    await addValidPeople(people, email);
    await screens(el, 'people-added');
    buttonNamed(root(people), 'Continue').click();

    const verification = await step(el, 'finhub-step-verification');
    await inside(verification, 'ul li', 'required documents');
    await screens(el, 'company-check');
    buttonNamed(root(verification), 'Continue').click();

    const documents = await step(el, 'finhub-step-documents');
    await screens(el, 'documents');
    await uploadEveryDocument(documents);
    buttonNamed(root(documents), 'Continue').click();

    const consents = await step(el, 'finhub-step-consents');
    await screens(el, 'agreements');
    for (const box of root(consents).querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      box.click();
    }
    buttonNamed(root(consents), 'Accept and continue').click();

    const activation = await step(el, 'finhub-step-activation');
    await decide(verificationIdOf(events), 'approve');
    await inside(activation, '#code', 'the activation code field');
    await screens(el, 'activation-code');
    enter(byLabel(root(activation), 'Activation code'), await activationCode(email));
    buttonNamed(root(activation), 'Activate account').click();
    await waitUntil(
      () => root(activation).textContent!.includes('The company account is activated.'),
      'the provisioning state never showed',
      { timeout: 8000 },
    );
    await screens(el, 'wallet-provisioning');
    await walletReady(organizationIdOf(events));
    await step(el, 'finhub-account-ready');
    await screens(el, 'done');
  });
});
