/**
 * The phone hand-off end to end: the computer's documents step shows a QR code and link, the
 * phone (the partner's hand-off page in a 375 px frame) exchanges the code, uploads the documents
 * and finishes, and the computer moves on by itself, in both flows, through relay and sandbox.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { root, buttonNamed } from '../components/helpers.js';
import { TestClock } from '../doubles/clock.js';
import {
  eventText,
  inside,
  journal,
  mount,
  registerViaApi,
  signIn,
  step,
  verifyViaApi,
} from '../flow-individual/helpers.js';
import { resumeToDocuments } from '../flow-organization/helpers.js';
import {
  PHONE_PAGE,
  openPhone,
  phoneDocuments,
  pollUntil,
  stepText,
  text,
  uploadOnPhone,
  usePhone,
} from './helpers.js';

/** A person registered and verifying, resumed on the documents step with `handoff-url` set. */
async function individualAtDocuments(clock: TestClock, phoneDevice = crypto.randomUUID()) {
  const setup = await registerViaApi();
  await verifyViaApi(setup, { documents: false });
  const mounted = await mount({ customerId: setup.customerId, userId: setup.userId, clock });
  recordHandoffEvents(mounted.el, mounted.events);
  mounted.el.setAttribute('handoff-url', `${PHONE_PAGE}?device=${phoneDevice}`);
  await signIn(mounted.el, setup.email);
  const documents = await step(mounted.el, 'finhub-step-documents');
  await inside(documents, 'section[part="document"]', 'document cards');
  return { ...mounted, setup, documents };
}

/** The hand-off events too (the mount helpers record the others). */
function recordHandoffEvents(el: Element, events: Array<{ type: string; detail: unknown }>) {
  for (const type of ['finhub-handoff-start', 'finhub-handoff-complete']) {
    el.addEventListener(type, (event) =>
      events.push({ type, detail: (event as CustomEvent).detail }),
    );
  }
}

describe('phone hand-off: computer and phone', () => {
  it('individual: the phone uploads the documents and the computer moves on by itself', async () => {
    const clock = new TestClock();
    const phoneDevice = crypto.randomUUID();
    const { el, events, documents, setup } = await individualAtDocuments(clock, phoneDevice);
    const link = await usePhone(documents);
    expect(link).to.match(/\/test\/handoff\/phone-page\.html\?device=[\w-]+#handoff=[\w-]{32}$/);
    // The QR code of that link, and the count of what arrived.
    const qr = root(documents).querySelector('svg.qr');
    expect(qr?.getAttribute('role')).to.equal('img');
    expect(qr?.getAttribute('aria-label')).to.equal('QR code to continue on your phone');
    expect(stepText(documents)).to.contain('0 of 2 documents received');

    const phone = await openPhone(link);
    // The phone page dropped the code from its address once read.
    expect(phone.win.location.hash).to.equal('');
    const onPhone = await phoneDocuments(phone);
    // Only the documents: no stepper, no other step.
    expect(root(phone.el).querySelector('[part="stepper"]')).to.equal(null);
    expect(text(phone.el)).to.contain('Continue on your phone');
    const cards = await uploadOnPhone(phone, onPhone);
    expect(cards).to.equal(2);

    // The computer sees what arrived when it polls next.
    await pollUntil(
      clock,
      () => stepText(documents).includes('2 of 2 documents received'),
      'the computer never saw the phone’s documents',
    );
    buttonNamed(root(onPhone), 'Send to my computer').click();
    await waitUntil(
      () => text(phone.el).includes('All done, go back to your computer'),
      'phone done',
      {
        timeout: 8000,
      },
    );

    await pollUntil(
      clock,
      () => root(el).querySelector('finhub-step-consents'),
      'the computer never moved on',
    );
    const types = events.map((e) => e.type);
    expect(types).to.include.members(['finhub-handoff-start', 'finhub-handoff-complete']);
    const start = events.find((e) => e.type === 'finhub-handoff-start')!.detail as Record<
      string,
      unknown
    >;
    expect(start).to.include({ flow: 'individual', step: 'documents', documents: 2 });
    const complete = events.find((e) => e.type === 'finhub-handoff-complete')!.detail as {
      documentTypes: string[];
    };
    expect(complete.documentTypes).to.have.length(2);
    const code = link.split('#handoff=')[1]!;
    expect(eventText(events)).not.to.contain(code);
    expect(JSON.stringify(phone.events())).not.to.contain(code);
    // The phone's own events: its documents step and the end, with ids only.
    expect(phone.events().map((e) => e.type)).to.include('finhub-complete');

    // The documents reached FinHub from the phone, as the customer, on the bound verification.
    const uploads = (await journal(phoneDevice)).filter(
      (entry) => entry.method === 'POST' && entry.path.endsWith('/documents'),
    );
    expect(uploads).to.have.length(2);
    for (const upload of uploads) {
      expect(upload.status).to.be.within(200, 201);
      expect((upload.body as { customerId: string }).customerId).to.equal(setup.customerId);
    }
  });

  it('organization: the phone uploads the company documents and the computer moves on', async () => {
    const clock = new TestClock();
    const { el, documents, events, setup } = await resumeToDocuments();
    recordHandoffEvents(el, events);
    el.clock = clock;
    el.setAttribute('handoff-url', PHONE_PAGE);
    await el.updateComplete;
    await waitUntil(() => root(documents).querySelector('#use-phone'), 'no Use my phone', {
      timeout: 8000,
    });
    const link = await usePhone(documents);
    const phone = await openPhone(link);
    const onPhone = await phoneDocuments(phone);
    const cards = await uploadOnPhone(phone, onPhone);
    buttonNamed(root(onPhone), 'Send to my computer').click();
    await waitUntil(() => text(phone.el).includes('All done'), 'phone done', { timeout: 8000 });
    await pollUntil(
      clock,
      () => root(el).querySelector('finhub-step-consents'),
      'the computer never moved on',
    );
    expect(cards).to.be.greaterThan(0);
    const complete = events.find((e) => e.type === 'finhub-handoff-complete')?.detail;
    expect(complete).to.deep.include({ flow: 'organization', step: 'documents' });
    // The phone's events name the organization it worked for (ids only).
    const done = phone.events().find((e) => e.type === 'finhub-complete')?.detail as {
      ids: { organizationId?: string };
    };
    expect(done.ids.organizationId).to.equal(setup.organizationId);
  });
});
