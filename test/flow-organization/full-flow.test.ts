/**
 * The whole organization flow as a company representative does it (labels, clicks), from nothing
 * to an activated account, through the element, the relay and the sandbox: what reached FinHub
 * (paths, X-User-ID/X-User-Roles, bodies), the events in order, the screens (each checked for
 * accessibility) and the final one (ACTIVE, IBAN).
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
  PASSWORD,
  PDF_BASE64_PREFIX,
  activationCode,
  addValidPeople,
  decide,
  entriesFor,
  eventSeen,
  eventText,
  heading,
  inside,
  journal,
  mountOrganization,
  registerCompany,
  route,
  sequence,
  step,
  type Json,
  verificationIdOf,
  organizationIdOf,
  walletReady,
} from './helpers.js';

describe('organization flow through relay + sandbox', () => {
  it('takes a company from nothing to an activated account with an IBAN', async () => {
    const { el, events, deviceId } = await mountOrganization();

    // Categorization: business categories only (docs/finhub-contract.md#organization-flow), the
    // smart default picked.
    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    const names = [...root(categorization).querySelectorAll('.option label')].map((l) =>
      l.textContent!.trim(),
    );
    expect(names.length).to.be.greaterThan(0);
    for (const name of names) expect(name).to.match(/business|organi[sz]ation|b2b/i);
    await expect(el).to.be.accessible();

    // Company details, by label.
    const { email } = await registerCompany(el);

    // People: the admin employee, a director, two shareholders (100%).
    const people = await step(el, 'finhub-step-personnel');
    expect(heading(el)).to.equal('People');
    expect(root(el).activeElement).to.equal(root(el).querySelector('#step-heading'));
    await expect(el).to.be.accessible();
    await addValidPeople(people, email);
    expect(root(people).getElementById('ownership-total')!.textContent).to.contain(
      'fully allocated',
    );
    await expect(el).to.be.accessible();
    buttonNamed(root(people), 'Continue').click();

    // The session runs by itself with the admin's credentials; then KYB lists its documents.
    const verification = await step(el, 'finhub-step-verification');
    await inside(verification, 'ul li', 'required documents');
    expect(root(verification).textContent).to.contain(
      'To verify the company, we need these documents:',
    );
    const listed = [...root(verification).querySelectorAll('li .name')].map((n) =>
      n.textContent!.trim(),
    );
    expect(listed).to.deep.equal([
      'Certificate of incorporation',
      'Articles of association',
      'Proof of business address',
    ]);
    await expect(el).to.be.accessible();
    buttonNamed(root(verification), 'Continue').click();

    // Documents: the business types with their caps (docs/finhub-contract.md#document-upload).
    const documents = await step(el, 'finhub-step-documents');
    expect(root(documents).textContent).to.contain('Certificate of incorporation');
    const limits = [...root(documents).querySelectorAll('[id$="-limits"]')].map((n) =>
      n.textContent!.replace(/\s+/g, ' '),
    );
    expect(limits).to.have.length(3);
    expect(limits[0]).to.match(/\b5 MB/);
    expect(limits[1]).to.match(/\b10 MB/);
    await expect(el).to.be.accessible();
    await uploadEveryDocument(documents);
    buttonNamed(root(documents), 'Continue').click();

    const consents = await step(el, 'finhub-step-consents');
    await expect(el).to.be.accessible();
    for (const input of root(consents).querySelectorAll<HTMLInputElement>(
      'input[type="checkbox"]',
    )) {
      input.click();
    }
    buttonNamed(root(consents), 'Accept and continue').click();

    // Activation: pending until KYB is approved (the sandbox control stands in for FinHub).
    const activation = await step(el, 'finhub-step-activation');
    await expect(el).to.be.accessible();
    const verificationId = verificationIdOf(events);
    await decide(verificationId, 'approve');
    await inside(activation, '#code', 'the activation code field');
    expect(root(activation).textContent).to.contain(`We emailed the code to ${email}.`);
    await expect(el).to.be.accessible();
    const code = await activationCode(email);
    enter(byLabel(root(activation), 'Activation code'), code);
    buttonNamed(root(activation), 'Activate account').click();

    // ACTIVATING: the wallet is provisioned, then the flow finishes with the IBAN.
    await waitUntil(
      () => root(activation).textContent!.includes('The company account is activated.'),
      'the provisioning state never showed',
      { timeout: 8000 },
    );
    await expect(el).to.be.accessible();
    await walletReady(organizationIdOf(events)); // the sandbox's wallet, when the test says
    await eventSeen(events, 'finhub-complete', 15000);
    await el.updateComplete;
    expect(heading(el)).to.equal('You are all set');
    const iban = shownIban(el);
    expect(iban).to.match(/^LT\d{18}$/);
    await expect(el).to.be.accessible();

    // What reached FinHub, in FinHub's order (docs/finhub-contract.md#organization-flow); no
    // hierarchy request: the token brought the categories, each with what registration sends.
    const seen = await journal(deviceId);
    const paths = seen.map(route);
    expect(paths.filter((p) => p.includes('/hierarchy'))).to.have.length(0);
    const order = [
      'POST /customer/organization/registration',
      'POST /customer/organization/:id/employee',
      'POST /customer/organization/:id/director',
      'POST /customer/organization/:id/shareholders',
      'POST /customer/organization/:id/users/:id/sessions',
      'POST /customer/organization/:id/verify',
      'POST /verifications/:id/documents',
      'POST /customer/organization/:id/consents/terms',
      'POST /customer/organization/:id/consents/privacy',
      'POST /customer/organization/:id/consents/data-processing',
      'GET /customer/organization/:id/activation/readiness',
      'POST /customer/organization/:id/activation',
      'GET /customer/organization/:id/wallet-status',
    ];
    const firstIndex = order.map((p) => paths.indexOf(p));
    expect(
      firstIndex.every((i) => i >= 0),
      paths.join('\n'),
    ).to.be.true;
    expect([...firstIndex].sort((a, b) => a - b)).to.deep.equal(firstIndex);
    expect(paths.filter((p) => p.endsWith('/registration'))).to.have.length(1);
    expect(paths.filter((p) => p.endsWith('/shareholders'))).to.have.length(2);
    expect(paths).to.not.include('POST /verifications'); // /verify worked: no fallback

    // Registration body (docs/finhub-contract.md#organization-registration): the company nested,
    // the admin's login at the top.
    const register = entriesFor(seen, 'POST', '/organization/registration')[0]!.body as Json;
    expect(register).to.include({ email });
    const customer = register.organizationCustomer as Json;
    expect(customer.organization as Json).to.include({
      legalName: 'Acme Analytics UAB',
      tradingName: 'Acme',
      legalForm: 'LIMITED_LIABILITY_COMPANY',
      industry: 'TECHNOLOGY',
      website: 'https://acme.example',
      email: 'info@acme.example',
      phone: '+37060012345',
    });
    expect(((customer.organization as Json).addresses as Json[])[0]).to.include({
      street: 'Konstitucijos pr. 7',
      city: 'Vilnius',
      postalCode: '09308',
      country: 'LT',
    });
    const organizationId = (
      events.find(
        (e) => e.type === 'finhub-step-complete' && (e.detail as Json).step === 'registration',
      )!.detail as { ids: { organizationId: string; userId: string } }
    ).ids;

    // People (docs/finhub-contract.md#employees, #directors, #shareholders).
    const employee = entriesFor(seen, 'POST', '/employee')[0]!.body as Json;
    expect(employee).to.deep.include({ position: 'CEO', roles: ['ADMIN_USER'] });
    expect(employee.person as Json).to.include({ firstName: 'Ona', lastName: 'Admin', email });
    const director = entriesFor(seen, 'POST', '/director')[0]!.body as Json;
    expect(JSON.stringify(director)).to.contain('"Rita"');
    expect(JSON.stringify(director)).to.contain('MANAGING_DIRECTOR');
    const holders = entriesFor(seen, 'POST', '/shareholders').map((e) => e.body as Json);
    expect(holders[0]).to.include({
      type: 'INDIVIDUAL',
      firstName: 'Rita',
      lastName: 'Director',
      ownershipPercentage: 60,
      isBeneficialOwner: true,
      isPEP: false,
    });
    expect(holders[1]).to.include({
      type: 'CORPORATE',
      companyName: 'Holdco Ltd',
      ownershipPercentage: 40,
      isBeneficialOwner: true,
    });

    // Org-user session for the admin user (docs/finhub-contract.md#organization-user-session): the
    // relay added the tenant secret.
    const signIn = entriesFor(seen, 'POST', '/sessions')[0]!;
    expect(signIn.path).to.contain(
      `/organization/${organizationId.organizationId}/users/${organizationId.userId}/sessions`,
    );
    expect(signIn.body).to.include({ username: email, password: '<redacted>' });

    // KYB and activation carry the acting admin user
    // (docs/finhub-contract.md#headers, #user-context-headers).
    const verify = entriesFor(seen, 'POST', '/verify')[0]!;
    expect(verify.headers['x-user-id']).to.equal(organizationId.userId);
    expect(verify.headers['x-user-roles']).to.equal('ADMIN_USER');
    expect(verify.body).to.include({
      customerId: organizationId.organizationId,
      type: 'BUSINESS_VERIFICATION',
      requestedByUserId: organizationId.userId,
    });
    const uploads = entriesFor(seen, 'POST', '/documents').map((u) => u.body as Json);
    for (const upload of uploads) {
      expect(upload).to.include({ organizationId: organizationId.organizationId });
      expect(upload).to.not.have.property('customerId');
    }
    const consentBodies = entriesFor(seen, 'POST', '/consents/').map((r) => r.body);
    expect(consentBodies).to.have.length(3);
    for (const body of consentBodies) expect(body).to.include({ accepted: true, version: '1.0' });
    const activate = entriesFor(seen, 'POST', '/activation')[0]!;
    expect(activate.headers['x-user-id']).to.equal(organizationId.userId);
    expect(activate.headers['x-user-roles']).to.equal('ADMIN_USER');
    expect(activate.body).to.deep.include({
      additionalInfo: { userId: organizationId.userId, activationCode: code },
    });
    // Requests other than /verify and /activation send no acting user.
    expect(entriesFor(seen, 'POST', '/employee')[0]!.headers).to.not.have.property('x-user-id');

    // Events: each once per transition, in order, ids and statuses only.
    expect(sequence(events)).to.deep.equal([
      'finhub-ready',
      'complete categorization',
      'change categorization→registration',
      'complete registration',
      'change registration→personnel',
      'complete personnel',
      'change personnel→session',
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
    expect(events[0]!.detail).to.deep.equal({ flow: 'organization', step: 'categorization' });
    const registered = events.find(
      (e) => e.type === 'finhub-step-complete' && (e.detail as Json).step === 'registration',
    )!.detail as Json;
    expect(registered.flow).to.equal('organization');
    expect(Object.keys(registered.ids as Json).sort()).to.deep.equal(['organizationId', 'userId']);
    expect(events.at(-1)!.detail).to.deep.equal({
      flow: 'organization',
      ids: { ...organizationId, verificationId },
      status: 'ACTIVE',
    });
    const text = eventText(events);
    expect(text).to.not.contain(PASSWORD);
    expect(text).to.not.contain(code);
    expect(text).to.not.contain(PDF_BASE64_PREFIX);
    expect(text).to.not.match(/eyJ/);

    // The people step listed what FinHub held (docs/finhub-contract.md#directors) once, on arrival.
    expect(paths.filter((p) => p.endsWith('/directors'))).to.have.length(1);
  });
});
