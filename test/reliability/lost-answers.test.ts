/**
 * Lost answers (FinHub carried the request out; the browser saw a 502) on the steps that create
 * something without a way to ask first: Try again must not create it twice, nor leave the person
 * on an error for something FinHub holds. FinHub's refusal of the repeat says the first attempt
 * went through: "already activated" (409), a person already on file (409), a shareholder that
 * would take ownership over 100 % (400). Documents and consents: lost-uploads.test.ts and
 * faults.test.ts.
 */
import { expect, waitUntil } from '@open-wc/testing';
import {
  buttonNamed,
  byLabel,
  enter,
  root,
  uploadEveryDocument,
  shownIban,
} from '../components/helpers.js';
import {
  activationCode,
  decide,
  fault,
  inside,
  resumeAtActivation,
  step,
} from '../flow-individual/helpers.js';
import {
  addValidPeople,
  eventSeen,
  mountOrganization,
  registerCompany,
  resumeToDocuments,
  verificationIdOf,
  walletReady,
} from '../flow-organization/helpers.js';
import { errorsOf, hits, retryButton, waitForBanner } from './helpers.js';

describe('lost answers: activation and the people step', () => {
  it('individual: Try again meets "already activated" and finishes, activated once', async () => {
    const { el, events, deviceId, setup, activation } = await resumeAtActivation({ approve: true });
    await fault({ path: '/activation', method: 'POST', deviceId, loseAnswer: true });
    const code = await activationCode(setup.email);
    enter(byLabel(root(activation), 'Activation code'), code);
    buttonNamed(root(activation), 'Activate account').click();
    await waitForBanner(el);
    expect(errorsOf(events).map((e) => [e.step, e.code, e.recoverable])).to.deep.equal([
      ['activation', 'server_error', true],
    ]);

    retryButton(el)!.click();
    await waitUntil(() => events.some((e) => e.type === 'finhub-complete'), 'never completed', {
      timeout: 8000,
    });
    const attempts = await hits(deviceId, '/activation');
    expect(
      attempts.map((a) => a.status),
      'activated by the first',
    ).to.deep.equal([200, 409]);
    expect(errorsOf(events), 'the 409 is not an error').to.have.length(1);
    expect(JSON.stringify(events)).to.not.contain(code);
  });

  it('organization: Try again meets "already activated", then the wallet gives the IBAN', async function () {
    this.timeout(40000);
    const { el, events, deviceId, setup, documents } = await resumeToDocuments();
    await uploadEveryDocument(documents);
    buttonNamed(root(documents), 'Continue').click();
    const consents = await step(el, 'finhub-step-consents');
    for (const box of root(consents).querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
      box.click();
    buttonNamed(root(consents), 'Accept and continue').click();
    const activation = await step(el, 'finhub-step-activation');
    await decide(verificationIdOf(events), 'approve');
    await inside(activation, '#code', 'the activation code field');

    await fault({ path: '/activation', method: 'POST', deviceId, loseAnswer: true });
    enter(byLabel(root(activation), 'Activation code'), await activationCode(setup.email));
    buttonNamed(root(activation), 'Activate account').click();
    await waitForBanner(el);
    retryButton(el)!.click();
    await waitUntil(
      () => root(activation).textContent!.includes('The company account is activated.'),
      'the provisioning state never showed',
      { timeout: 8000 },
    );
    await walletReady(setup.organizationId); // the sandbox's wallet, when the test says
    await eventSeen(events, 'finhub-complete', 15000);
    await el.updateComplete;
    expect(shownIban(el)).to.match(/^LT\d{18}$/);
    const attempts = await hits(deviceId, '/activation');
    expect(
      attempts.map((a) => a.status),
      'activated by the first',
    ).to.deep.equal([200, 409]);
    expect(errorsOf(events).map((e) => [e.step, e.code])).to.deep.equal([
      ['activation', 'server_error'],
    ]);
  });

  for (const [section, path] of [
    ['director', '/director'],
    ['shareholder', '/shareholders'],
  ] as const) {
    it(`people step: a ${section} whose answer was lost is not saved twice by Try again`, async () => {
      const deviceId = crypto.randomUUID();
      const { el, events } = await mountOrganization({ deviceId });
      const { email } = await registerCompany(el);
      const people = await step(el, 'finhub-step-personnel');
      await addValidPeople(people, email); // shareholders at 60 % and 40 %
      await fault({ path, method: 'POST', deviceId, loseAnswer: true });
      buttonNamed(root(people), 'Continue').click();
      await waitForBanner(el);

      retryButton(el)!.click();
      await step(el, 'finhub-step-verification');
      const attempts = await hits(deviceId, path);
      // The repeat is refused as held (a director's email on file; 60 % twice is over 100 %).
      const expected = section === 'director' ? [200, 409] : [200, 400, 200];
      expect(
        attempts.map((a) => a.status),
        'saved by the first',
      ).to.deep.equal(expected);
      expect(errorsOf(events).map((e) => [e.step, e.code])).to.deep.equal([
        ['personnel', 'server_error'],
      ]);
    });
  }
});
