/**
 * Both full flows, through the relay, against every sandbox variant (issue 14 item 3): each
 * variant is one reading of FinHub's contradictory docs (sandbox/variants.ts), mounted by
 * web-test-runner.config.mjs at `/v/<variant>/onboarding` (relay) and `/v/<variant>/__sandbox`
 * (controls), KYC approved as soon as its documents are in. The tests know nothing about any
 * variant beyond its data: a new variant is covered by adding it to VARIANTS.
 *
 * Each flow is checked where a person and a host notice it: every step reached by labels and
 * buttons, the last screen (and its IBAN when the variant's answers carry one), the events (no
 * error, the ids FinHub handed out), and what reached FinHub (one registration; nothing refused
 * except a documented route this tenant lacks, asked once before its alternative).
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { FinHubOnboarding } from '../../src/index.js';
import { VARIANTS, type SandboxVariant } from '../../sandbox/variants.js';
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
  container,
  heading,
  inside,
  step,
  uniqueEmail,
  type Recorded,
} from '../flow-individual/helpers.js';
import { addValidPeople, registerCompany } from '../flow-organization/helpers.js';

type Json = Record<string, unknown>;

interface Entry {
  method: string;
  path: string;
  status?: number;
}

const EVENTS = ['finhub-step-complete', 'finhub-complete', 'finhub-error'];

/** The element on `variant`'s stack, as a partner page mounts it, with its events recorded. */
async function mountOn(variant: SandboxVariant, flow: 'individual' | 'organization') {
  const base = `/v/${variant.name}`;
  const deviceId = crypto.randomUUID();
  const events: Recorded[] = [];
  const wrapper = container();
  for (const type of EVENTS) {
    wrapper.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent).detail }));
  }
  const el = document.createElement('finhub-onboarding') as FinHubOnboarding;
  el.setAttribute('flow', flow);
  el.setAttribute('token-url', `${base}/onboarding/token`);
  el.setAttribute('api-base', `${base}/onboarding/api`);
  el.setAttribute('device-id', deviceId);
  wrapper.append(el);
  await el.updateComplete;
  const control = async (path: string) => (await fetch(`${base}/__sandbox${path}`)).json();
  return { el, events, deviceId, control };
}

type Mounted = Awaited<ReturnType<typeof mountOn>>;

async function passConsents(el: FinHubOnboarding): Promise<void> {
  const consents = await step(el, 'finhub-step-consents');
  for (const box of root(consents).querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
    box.click();
  }
  buttonNamed(root(consents), 'Accept and continue').click();
}

/** From the verification step's list to the activation code, then the last screen. */
async function verifyToTheEnd(mounted: Mounted, email: string): Promise<void> {
  const { el, events, control } = mounted;
  const verification = await step(el, 'finhub-step-verification');
  await inside(verification, 'ul li', 'required documents');
  buttonNamed(root(verification), 'Continue').click();
  const documents = await step(el, 'finhub-step-documents');
  await uploadEveryDocument(documents);
  buttonNamed(root(documents), 'Continue').click();
  await passConsents(el);
  const activation = await step(el, 'finhub-step-activation');
  await inside(activation, '#code', 'the activation code field (KYC approved)');
  const { messages } = (await control(`/inbox?to=${encodeURIComponent(email)}`)) as {
    messages: { code?: string }[];
  };
  enter(byLabel(root(activation), 'Activation code'), messages[0]!.code!);
  buttonNamed(root(activation), 'Activate account').click();
  await waitUntil(() => events.some((e) => e.type === 'finhub-complete'), 'never completed', {
    timeout: 10000,
  });
  await el.updateComplete;
}

/** `METHOD /api/v2.1/…` of a route pattern as a regex (`:name` is one segment). */
const patternOf = (key: string) => {
  const [method, pattern] = key.split(' ');
  const path = pattern!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+');
  return { method: method!, regex: new RegExp(`^/api/v2\\.1${path}/?$`) };
};

/** What the person and the host see at the end, and what reached FinHub on the way. */
async function expectCompleted(
  mounted: Mounted,
  variant: SandboxVariant,
  flow: 'individual' | 'organization',
): Promise<void> {
  const { el, events, deviceId, control } = mounted;
  expect(heading(el)).to.equal('You are all set');
  expect(root(el).querySelector('[part="error"]'), 'no error banner').to.equal(null);
  // The host hears once about each category of this flow no documented rule can fill; nothing else.
  const errors = events.filter((e) => e.type === 'finhub-error').map((e) => e.detail);
  const kindOf = (category: string) => (/BUSINESS/.test(category) ? 'organization' : 'individual');
  expect(
    errors.map((detail) => {
      const { code, category, feature, key } = detail as Record<string, unknown>;
      return { code, category, feature, key };
    }),
  ).to.deep.equal(
    variant.expect.unsatisfiable
      .filter((gap) => kindOf(gap.category) === flow)
      .map((gap) => ({ code: 'categorization_unsatisfiable', ...gap })),
  );
  const iban = shownIban(el);
  if (variant.expect.iban[flow]) expect(iban).to.match(/^LT\d{18}$/);
  else expect(iban, 'no IBAN in this generation’s answer').to.equal(undefined);

  const { requests } = (await control(`/requests?deviceId=${deviceId}`)) as { requests: Entry[] };
  const registrations = requests.filter((r) => r.path.endsWith('/registration'));
  expect(registrations.map((r) => r.status)).to.deep.equal([200]);
  // Refused only where this tenant lacks a documented route, and each such route asked once.
  const missing = variant.missingRoutes.map(patternOf);
  const matches = (m: (typeof missing)[number], r: Entry) =>
    m.method === r.method && m.regex.test(r.path);
  const refused = requests.filter((r) => (r.status ?? 0) >= 400);
  for (const entry of refused) {
    expect(
      entry.status === 404 && missing.some((m) => matches(m, entry)),
      `${entry.method} ${entry.path} → ${entry.status}`,
    ).to.be.true;
  }
  for (const m of missing) {
    expect(refused.filter((r) => matches(m, r)).length, String(m.regex)).to.be.at.most(1);
  }

  // The ids FinHub handed out (UUIDs or short ones) are the ones the host hears and the element
  // used in FinHub's paths.
  const done = events.find((e) => e.type === 'finhub-complete')!.detail as {
    ids: Record<string, string>;
  };
  const owner = flow === 'organization' ? done.ids.organizationId! : done.ids.customerId!;
  if (variant.ids === 'short') expect(owner).not.to.match(/^[0-9a-f]{8}-/);
  expect(requests.some((r) => r.path.endsWith(`/${owner}/activation`))).to.be.true;
  expect(done.ids.verificationId).to.be.a('string');
}

for (const variant of VARIANTS) {
  const pending = variant.expect.pending;
  const test = pending ? it.skip : it;
  const note = pending ? ` [PENDING: ${pending}]` : '';

  describe(`sandbox variant "${variant.name}": ${variant.summary}`, () => {
    it('offers the tenant’s categories for each flow, read from this variant’s hierarchy', async () => {
      const unsatisfiable = new Set(variant.expect.unsatisfiable.map((u) => u.category));
      for (const flow of ['individual', 'organization'] as const) {
        const { el } = await mountOn(variant, flow);
        // The host's words (categoryLabels) are FinHub's names, so each offer is recognisable.
        el.categoryLabels = {
          default: Object.fromEntries(
            variant.hierarchy.categories.map((c) => [c.categoryId, { name: c.categoryName }]),
          ),
        };
        const categorization = await step(el, 'finhub-step-categorization');
        await inside(categorization, 'input[type="radio"]', 'categories');
        const offered = [...root(categorization).querySelectorAll('.option label')].map((l) =>
          l.textContent!.trim(),
        );
        const own = variant.hierarchy.categories.filter(
          (c) => (c.customerType === 'BUSINESS') === (flow === 'organization'),
        );
        expect(offered.every((name) => own.some((c) => c.categoryName === name))).to.be.true;
        for (const category of own.filter((c) => !unsatisfiable.has(c.categoryId))) {
          expect(offered, flow).to.include(category.categoryName);
        }
        el.remove();
      }
    });

    test(`a person onboards from categories to an active account${note}`, async () => {
      const mounted = await mountOn(variant, 'individual');
      const email = uniqueEmail(`ind-${variant.name}`);
      const categorization = await step(mounted.el, 'finhub-step-categorization');
      await inside(categorization, 'input[type="radio"]', 'categories');
      buttonNamed(root(categorization), 'Continue').click();
      const registration = await step(mounted.el, 'finhub-step-individual-registration');
      await fillRegistration(root(registration), {
        Email: email,
        'Create a password': PASSWORD,
        'Repeat the password': PASSWORD,
      });
      buttonNamed(root(registration), 'Create account').click();
      await verifyToTheEnd(mounted, email);
      await expectCompleted(mounted, variant, 'individual');
    });

    test(`a company onboards from categories to an active account${note}`, async () => {
      const mounted = await mountOn(variant, 'organization');
      const { email } = await registerCompany(mounted.el);
      const people = await step(mounted.el, 'finhub-step-personnel');
      await addValidPeople(people, email);
      buttonNamed(root(people), 'Continue').click();
      await verifyToTheEnd(mounted, email);
      await expectCompleted(mounted, variant, 'organization');
      const complete = mounted.events.find((e) => e.type === 'finhub-complete')!.detail as Json;
      expect(complete).to.include({ flow: 'organization' });
    });
  });
}
