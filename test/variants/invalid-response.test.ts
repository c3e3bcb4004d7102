/**
 * An answer the element cannot read (issue 14 item 2), through the relay and the sandbox: the
 * sandbox answers one call with a body of the test's choosing (a `body` fault, nothing carried
 * out). The host hears `invalid_response` with the endpoint and the field (names only, no PII);
 * the person gets a clear message and Try again, keeps what they typed, and goes on. An answer
 * missing only fields the element does not need is no error at all.
 */
import { expect } from '@open-wc/testing';
import {
  buttonNamed,
  fillPages,
  root,
  showField,
  uploadEveryDocument,
} from '../components/helpers.js';
import {
  PASSWORD,
  bannerText,
  eventText,
  fault,
  heading,
  inside,
  mount,
  step,
  uniqueEmail,
} from '../flow-individual/helpers.js';
import {
  fillRegistrationStep,
  passCategorization,
  retryButton,
  waitForBanner,
} from '../reliability/helpers.js';

describe('an answer the element cannot read', () => {
  it('registration without a customer id: the host learns where, the person keeps the form and retries', async () => {
    const { el, events, deviceId } = await mount();
    const email = uniqueEmail('unreadable');
    await fault({
      deviceId,
      method: 'POST',
      path: 'individual/registration',
      // Ids under names no generation documents: nothing the element (or the relay) can bind to.
      body: { code: 200, message: 'Registered', data: { customerRef: 'c-1', email } },
    });
    await passCategorization(el);
    const registration = await fillRegistrationStep(el, email);
    buttonNamed(root(registration), 'Create account').click();

    await waitForBanner(el);
    // Registration may have happened (docs/finhub-contract.md#retries-and-idempotency): the person
    // is told so, and offered Try again.
    expect(bannerText(el)).to.contain('We could not confirm that your account was created.');
    expect(retryButton(el), 'Try again').to.exist;
    const errors = events.filter((e) => e.type === 'finhub-error').map((e) => e.detail);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({
      step: 'registration',
      code: 'invalid_response',
      recoverable: true,
      endpoint: 'POST /v2.1/customer/individual/registration',
      field: 'data.id',
    });
    expect(eventText(events)).not.to.contain(email);
    expect(eventText(events)).not.to.contain(PASSWORD);
    // Nothing typed is lost.
    await registration.updateComplete;
    expect((await showField(root(registration), 'Email')).value).to.equal(email);
    expect((await showField(root(registration), 'First name')).value).to.equal('Ona');
    await fillPages(root(registration), {}); // back to the last page, where the retry is

    retryButton(el)!.click();
    const verification = await step(el, 'finhub-step-verification');
    await inside(verification, 'ul li', 'required documents');
    expect(heading(el)).to.equal('Identity check');
    expect(bannerText(el)).to.equal('');
  });

  it('an upload answer without any id is no error: the element keeps its own id for the file', async () => {
    const { el, events, deviceId } = await mount();
    const email = uniqueEmail('no-doc-id');
    await passCategorization(el);
    const registration = await fillRegistrationStep(el, email);
    buttonNamed(root(registration), 'Create account').click();
    const verification = await step(el, 'finhub-step-verification');
    await inside(verification, 'ul li', 'required documents');
    await fault({
      deviceId,
      method: 'POST',
      path: 'documents',
      times: 2,
      body: { success: true, data: { status: 'UPLOADED' } },
    });
    buttonNamed(root(verification), 'Continue').click();
    const documents = await step(el, 'finhub-step-documents');
    await uploadEveryDocument(documents);
    expect(events.filter((e) => e.type === 'finhub-error')).to.deep.equal([]);
    expect(bannerText(el)).to.equal('');
  });
});
