/**
 * Keyboard only, from the first screen to the consents: Tab to each control by its label, type,
 * Space/Enter to act. Only the operating system's file dialog is stood in for (a test cannot type
 * into it): the chosen files are handed to the documents step's file input.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActive, tabTo } from '../components/keyboard.js';
import { buttonNamed, byLabel, root, uploadEveryDocument } from '../components/helpers.js';
import { PASSWORD, heading, inside, mount, routes, step, uniqueEmail } from './helpers.js';

async function typeInto(scope: ShadowRoot, label: string, text: string): Promise<void> {
  await tabTo(byLabel(scope, label), label);
  await sendKeys({ type: text });
}

describe('keyboard only', () => {
  it('completes categorization → registration → session → verification → documents → consents', async function () {
    // Every control reached by Tab across six screens: longer than the default on a busy machine.
    this.timeout(60_000);
    const { el, deviceId, events } = await mount();
    const email = uniqueEmail('keys');

    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    await tabTo(buttonNamed(root(categorization), 'Continue'), 'Continue');
    await sendKeys({ press: 'Enter' });

    const registration = await step(el, 'finhub-step-individual-registration');
    const form = root(registration);
    // Three short pages, each sent on with Enter on Continue (focus then on the next page's heading).
    await typeInto(form, 'First name', 'Ona');
    await typeInto(form, 'Last name', 'Jonaitė');
    await typeInto(form, 'Date of birth', '05151990');
    await typeInto(form, 'Gender', 'Female');
    await typeInto(form, 'Nationality', 'Lithuania');
    await typeInto(form, 'Place of birth', 'Vilnius');
    expect((byLabel(form, 'Date of birth') as HTMLInputElement).value).to.equal('1990-05-15');
    expect(byLabel(form, 'Gender').value).to.equal('FEMALE');
    expect(byLabel(form, 'Nationality').value).to.equal('LT');
    await tabTo(byLabel(form, 'Place of birth'), 'Place of birth');
    await sendKeys({ press: 'Enter' }); // Enter in a text field sends the page on
    await waitUntil(() => form.querySelector('#street'), 'the address page never showed');
    expect(deepActive()).to.equal(form.getElementById('page-heading'));
    await typeInto(form, 'Street address', 'Gedimino pr. 1');
    await typeInto(form, 'Town or city', 'Vilnius');
    await typeInto(form, 'Postal code', '01103');
    await typeInto(form, 'Country', 'Lithuania');
    await tabTo(buttonNamed(form, 'Continue'), 'Continue');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => form.querySelector('#email'), 'the last page never showed');
    await typeInto(form, 'Email', email);
    await typeInto(form, 'Phone number', '+37060012345');
    await typeInto(form, 'Create a password', PASSWORD);
    await typeInto(form, 'Repeat the password', PASSWORD);
    await tabTo(buttonNamed(form, 'Create account'), 'Create account');
    await sendKeys({ press: 'Enter' });

    const verification = await step(el, 'finhub-step-verification');
    await inside(verification, 'li', 'required documents');
    // Focus went to the new step's heading, so the next Tab starts in the step.
    expect(deepActive()).to.equal(root(el).querySelector('#step-heading'));
    await expect(el).to.be.accessible();
    await tabTo(buttonNamed(root(verification), 'Continue'), 'Continue');
    await sendKeys({ press: 'Enter' });

    const documents = await step(el, 'finhub-step-documents');
    await inside(documents, 'section[part="document"]', 'document cards');
    await expect(el).to.be.accessible();
    await uploadEveryDocument(documents); // the OS file dialog's part
    await tabTo(buttonNamed(root(documents), 'Continue'), 'Continue');
    await sendKeys({ press: 'Enter' });

    const consents = await step(el, 'finhub-step-consents');
    await expect(el).to.be.accessible();
    for (const label of [
      'I accept the terms and conditions',
      'I accept the privacy policy',
      'I agree to the processing of my personal data',
    ]) {
      await tabTo(byLabel(root(consents), label), label);
      await sendKeys({ press: 'Space' });
    }
    await tabTo(buttonNamed(root(consents), 'Accept and continue'), 'Accept and continue');
    await sendKeys({ press: 'Enter' });

    await step(el, 'finhub-step-activation');
    expect(heading(el)).to.equal('Activation');
    await waitUntil(async () => (await routes(deviceId)).some((p) => p.endsWith('/check')));
    const paths = await routes(deviceId);
    expect(paths.filter((p) => p.includes('/consents/'))).to.have.length(3);
    expect(
      events
        .filter((e) => e.type === 'finhub-step-complete')
        .map((e) => (e.detail as { step: string }).step),
    ).to.deep.equal([
      'categorization',
      'registration',
      'session',
      'verification',
      'documents',
      'consents',
    ]);
  });
});
