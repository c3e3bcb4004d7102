/**
 * The whole individual flow as a person does it (labels, clicks), from nothing to an activated
 * account, through the element, the relay and the sandbox: what reached FinHub, the events and
 * the final screen.
 */
import { expect, waitUntil } from '@open-wc/testing';
import {
  buttonNamed,
  byLabel,
  enter,
  fillRegistration,
  root,
  uploadEveryDocument,
  shownIban,
} from '../components/helpers.js';
import {
  PASSWORD,
  PDF_BASE64_PREFIX,
  activationCode,
  decide,
  eventText,
  heading,
  inside,
  journal,
  mount,
  route,
  step,
  uniqueEmail,
} from './helpers.js';

type Json = Record<string, unknown>;

describe('individual flow through relay + sandbox', () => {
  it('takes a person from nothing to an activated account', async () => {
    const { el, events, deviceId } = await mount();
    const email = uniqueEmail();

    // Categorization: individual categories only, named and described; the smart default picked.
    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    const options = [...root(categorization).querySelectorAll('.option')].map((option) => ({
      name: option.querySelector('label')!.textContent!.trim(),
      description: option.querySelector('.hint')?.textContent?.trim(),
      checked: option.querySelector('input')!.checked,
    }));
    expect(options.map((o) => o.name)).to.deep.equal([
      'Basic account',
      'Standard account',
      'Extended account',
    ]);
    expect(options.every((o) => o.description)).to.be.true;
    expect(options.find((o) => o.checked)!.name).to.equal('Standard account');
    await expect(el).to.be.accessible();
    buttonNamed(root(categorization), 'Continue').click();

    // Registration, filled through the labels.
    const registration = await step(el, 'finhub-step-individual-registration');
    await expect(el).to.be.accessible();
    await fillRegistration(root(registration), {
      Email: email,
      'Create a password': PASSWORD,
      'Repeat the password': PASSWORD,
    });
    buttonNamed(root(registration), 'Create account').click();

    // Session runs by itself; then the verification lists what it needs.
    const verification = await step(el, 'finhub-step-verification');
    await inside(verification, 'ul li', 'required documents');
    expect(heading(el)).to.equal('Identity check');
    expect(root(el).activeElement).to.equal(root(el).querySelector('#step-heading'));
    const listed = [...root(verification).querySelectorAll('li .name')].map((n) =>
      n.textContent!.trim(),
    );
    expect(listed).to.deep.equal(['Passport or national ID', 'Proof of address']);
    await expect(el).to.be.accessible();
    buttonNamed(root(verification), 'Continue').click();

    const documents = await step(el, 'finhub-step-documents');
    expect(heading(el)).to.equal('Documents');
    await expect(el).to.be.accessible();
    await uploadEveryDocument(documents);
    buttonNamed(root(documents), 'Continue').click();

    const consents = await step(el, 'finhub-step-consents');
    await expect(el).to.be.accessible();
    for (const label of [
      'I accept the terms and conditions',
      'I accept the privacy policy',
      'I agree to the processing of my personal data',
    ]) {
      (byLabel(root(consents), label) as HTMLInputElement).click();
    }
    buttonNamed(root(consents), 'Accept and continue').click();

    // Activation: pending until KYC is approved (the sandbox control stands in for FinHub).
    const activation = await step(el, 'finhub-step-activation');
    // The pending state: KYC not yet decided.
    await expect(el).to.be.accessible();
    const verificationId = (
      events.find(
        (e) => e.type === 'finhub-step-complete' && (e.detail as Json).step === 'verification',
      )!.detail as { ids: { verificationId: string } }
    ).ids.verificationId;
    await decide(verificationId, 'approve');
    const code = await inside(activation, '#code', 'the activation code field');
    expect(root(activation).textContent).to.contain(`We emailed the code to ${email}.`);
    enter(byLabel(root(activation), 'Activation code'), await activationCode(email));
    expect(code).to.exist;
    buttonNamed(root(activation), 'Activate account').click();

    await waitUntil(() => events.some((e) => e.type === 'finhub-complete'), 'never completed', {
      timeout: 8000,
    });
    await el.updateComplete;
    expect(heading(el)).to.equal('You are all set');
    const iban = shownIban(el);
    expect(iban).to.match(/^LT\d{18}$/);
    expect(root(root(el).querySelector('finhub-account-ready')!).textContent).to.contain('EUR');
    await expect(el).to.be.accessible();

    // What reached FinHub, in order: no hierarchy request (the token brought the categories,
    // each with what registration sends), one registration, FinHub's order.
    const seen = await journal(deviceId);
    const paths = seen.map(route);
    expect(paths.filter((p) => p.includes('/hierarchy/'))).to.have.length(0);
    expect(paths.filter((p) => p.endsWith('/registration'))).to.have.length(1);
    const order = [
      'POST /customer/individual/registration',
      'POST /customer/individual/:id/users/:id/sessions',
      'POST /customer/individual/:id/verification',
      'POST /verifications/:id/documents',
      'POST /customer/individual/:id/consents/terms',
      'POST /customer/individual/:id/consents/privacy',
      'POST /customer/individual/:id/consents/data-processing',
      'GET /customer/individual/:id/owner/:id/activation/check',
      'POST /customer/individual/:id/activation',
    ];
    const firstIndex = order.map((p) => paths.indexOf(p));
    expect(
      firstIndex.every((i) => i >= 0),
      paths.join('\n'),
    ).to.be.true;
    expect([...firstIndex].sort((a, b) => a - b)).to.deep.equal(firstIndex);
    expect(paths.filter((p) => p.includes('/consents/'))).to.deep.equal([
      'POST /customer/individual/:id/consents/terms',
      'POST /customer/individual/:id/consents/privacy',
      'POST /customer/individual/:id/consents/data-processing',
    ]);

    // Registration body: top-level fields AND the nested individualCustomer
    // (docs/finhub-contract.md#registration-body, #nationality-and-formats).
    const register = seen.find((r) => r.path.endsWith('/registration'))!.body as Json;
    expect(register).to.include({ firstName: 'Ona', email, nationality: 'LT', gender: 'FEMALE' });
    const individual = register.individualCustomer as Json;
    const person = individual.person as Json;
    expect(person).to.include({ firstName: 'Ona', lastName: 'Jonaitė', email, nationality: 'LT' });
    expect((person.addresses as Json[])[0]).to.include({
      street: 'Gedimino pr. 1',
      city: 'Vilnius',
      postalCode: '01103',
      country: 'LT',
    });
    expect((individual.user as Json).email).to.equal(email);
    expect((individual.categorization as Json).name).to.equal('Standard Individual Customer');
    expect((register.customerCategory as Json).name).to.equal('Standard Individual Customer');

    const consentBodies = seen.filter((r) => r.path.includes('/consents/')).map((r) => r.body);
    for (const body of consentBodies) expect(body).to.include({ accepted: true, version: '1.0' });
    const uploads = seen.filter((r) => r.path.endsWith('/documents'));
    expect(uploads.map((u) => (u.body as Json).documentType)).to.have.members([
      'PASSPORT',
      'PROOF_OF_ADDRESS',
    ]);
    const activate = seen.find((r) => r.path.endsWith('/activation'))!.body as Json;
    expect(activate).to.deep.equal({ userId: email, code: await activationCode(email) });

    // Events: each once per transition, in order, ids and statuses only.
    const sequence = events.map((e) => {
      const d = e.detail as Json;
      return e.type === 'finhub-step-change'
        ? `change ${d.from}→${d.to}`
        : e.type === 'finhub-step-complete'
          ? `complete ${d.step}`
          : e.type;
    });
    expect(sequence).to.deep.equal([
      'finhub-ready',
      'complete categorization',
      'change categorization→registration',
      'complete registration',
      'change registration→session',
      'complete session',
      'change session→verification',
      'complete verification',
      'change verification→documents',
      'complete documents',
      'change documents→consents',
      'complete consents',
      'change consents→activation',
      'complete activation',
      'finhub-complete',
    ]);
    const registered = events.find(
      (e) => e.type === 'finhub-step-complete' && (e.detail as Json).step === 'registration',
    )!.detail as Json;
    const ids = registered.ids as Json;
    expect(registered).to.deep.equal({ step: 'registration', flow: 'individual', ids });
    expect(Object.keys(ids).sort()).to.deep.equal(['customerId', 'userId']);
    const complete = events.at(-1)!.detail as Json;
    expect(complete).to.deep.equal({
      flow: 'individual',
      ids: { ...ids, verificationId },
      status: 'ACTIVATED',
    });
    const text = eventText(events);
    expect(text).to.not.contain(PASSWORD);
    expect(text).to.not.contain(await activationCode(email));
    expect(text).to.not.contain(PDF_BASE64_PREFIX);
    expect(text).to.not.match(/eyJ/); // no JWT
  });
});
