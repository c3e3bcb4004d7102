/**
 * The categories handed along with the token (docs/architecture.md#categories-with-the-token), as
 * a host and a person meet them: with the relay sending them, the first step shows them without
 * the element asking for the hierarchy (held unanswered here, it would never show otherwise); with
 * a token endpoint that sends none (a partner's own), the element reads the hierarchy and shows the
 * same. Both paths give the same host events for a category smart categorization cannot fill, and
 * the host's `categorizationOverrides` work in both (the element analyses the hierarchy itself
 * then).
 *
 * FinHub is the real sandbox behind the real relay, both in this page; only the network hop between
 * element and relay is a function call, which is where a test can see and hold what the element
 * asks for.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { AnyBackend } from '../../src/flow/backend.js';
import { calls, createApiSession } from '../../src/flows/individual-api.js';
import type { FinHubErrorDetail } from '../../src/events/finhub-error.js';
import type { FinHubOnboarding } from '../../src/index.js';
import { createSandbox } from '../../sandbox/index.js';
import { hierarchyFor } from '../../sandbox/hierarchy-data.js';
import { buttonNamed, fillRegistration, root } from './helpers.js';
import { PASSWORD, container, inside, step, uniqueEmail } from '../flow-individual/helpers.js';
import { relayOnSandbox } from '../server/helpers.js';

type Hierarchy = Record<string, Record<string, Record<string, unknown>>>;

/** The sandbox's hierarchy with a mandatory key no documented rule covers on STANDARD_INDIVIDUAL. */
function tiered(tenantId: string): unknown {
  const h = hierarchyFor(tenantId) as Hierarchy;
  h['features']!['TIERING'] = {
    databaseId: 'feat-tiering',
    featureCode: 'TIERING',
    mandatoryKeys: ['accountTier'],
  };
  const category = h['categories']!['STANDARD_INDIVIDUAL'] as { availableFeatures: unknown[] };
  category.availableFeatures = [...category.availableFeatures, 'TIERING'];
  return h;
}

interface Setup {
  /**
   * `relay`: the token URL of the relay; `own`: a host's fetchToken that drops `categories`;
   * `odd`: one that sends `categories` in a shape the element does not know; `bare`: one that sends
   * them without what registration sends for each (`selection`).
   */
  tokens: 'relay' | 'own' | 'odd' | 'bare';
  overrides?: Record<string, Record<string, string>>;
}

/** The element on a relay + sandbox in this page; the element's hierarchy requests are held. */
async function inPage({ tokens, overrides }: Setup) {
  const sandbox = createSandbox({ hierarchy: tiered });
  const relay = relayOnSandbox(sandbox);
  const asked: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const toRelay = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    asked.push(`${request.method} ${new URL(request.url).pathname}`);
    if (request.url.includes('/categorization/hierarchy')) await released;
    return relay(request, { remoteAddress: '127.0.0.1' });
  };
  const el = document.createElement('finhub-onboarding');
  if (overrides) el.categorizationOverrides = overrides;
  el.backend = calls(
    createApiSession({
      apiBase: 'http://relay.test/onboarding/api',
      categorizationOverrides: () => el.categorizationOverrides,
      fetch: toRelay,
      ...(tokens === 'relay'
        ? { tokenUrl: 'http://relay.test/onboarding/token' }
        : {
            // A partner's own token endpoint: the same token, no categories.
            fetchToken: async (signal: AbortSignal) => {
              const answer = await toRelay('http://relay.test/onboarding/token', {
                method: 'POST',
                body: '{}',
                signal,
              });
              const rest = await answer.json();
              if (tokens === 'odd') {
                rest.categories = { individual: [{ key: 'X', name: 'X', aliases: 'X' }] };
              } else if (tokens === 'bare') {
                for (const option of rest.categories.individual) delete option.selection;
              } else delete rest.categories;
              return rest;
            },
          }),
    })!,
  ) as AnyBackend;
  const errors: FinHubErrorDetail[] = [];
  const wrapper = container();
  wrapper.addEventListener('finhub-error', (event) => errors.push(event.detail));
  wrapper.append(el);
  const registrations = () =>
    sandbox
      .requests()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/customer/individual/registration'))
      .map((r) => r.body as { customerCategory: { name: string } });
  const hierarchyAsked = () => asked.filter((line) => line.includes('/hierarchy')).length;
  return { el, errors, asked, release, registrations, hierarchyAsked };
}

const optionNames = (categorization: Element) =>
  [...root(categorization).querySelectorAll('.option label')].map((l) => l.textContent!.trim());

/** Sends the registration with the default category; `done`: waits for the next step. */
async function register(el: FinHubOnboarding, categorization: Element, done = true) {
  buttonNamed(root(categorization), 'Continue').click();
  const registration = await step(el, 'finhub-step-individual-registration');
  await fillRegistration(root(registration), {
    Email: uniqueEmail(),
    'Create a password': PASSWORD,
    'Repeat the password': PASSWORD,
  });
  buttonNamed(root(registration), 'Create account').click();
  if (done) await step(el, 'finhub-step-verification');
}

const EVENT = {
  step: 'categorization',
  code: 'categorization_unsatisfiable',
  recoverable: true,
  category: 'STANDARD_INDIVIDUAL',
  feature: 'TIERING',
  key: 'accountTier',
  override: { TIERING: { accountTier: '<value>' } },
};

describe('categories handed along with the token', () => {
  it('from the relay: the first step and registration go through with no hierarchy request', async () => {
    const page = await inPage({ tokens: 'relay' });
    const categorization = await step(page.el, 'finhub-step-categorization');
    // Every hierarchy request of the element is held: the step shows without one.
    await inside(categorization, 'input[type="radio"]', 'categories');
    expect(optionNames(categorization)).to.deep.equal(['Basic account', 'Extended account']);
    expect(page.errors.map((e) => e.problems)).to.deep.equal([
      [
        {
          reason: 'no_value',
          category: 'STANDARD_INDIVIDUAL',
          feature: 'TIERING',
          key: 'accountTier',
        },
      ],
    ]);
    expect(page.errors[0]).to.deep.include(EVENT);
    expect(page.asked[0]).to.equal('POST /onboarding/token');

    // Each category came with what registration sends for it: registration goes through with
    // every hierarchy request still held, and the element asked for none.
    await register(page.el, categorization);
    expect(page.registrations().map((r) => r.customerCategory.name)).to.deep.equal([
      'Low Risk Individual Customer',
    ]);
    expect(page.hierarchyAsked()).to.equal(0);
  });

  it('without what registration sends for each: the first step shows them, the hierarchy is read in the background for registration', async () => {
    const page = await inPage({ tokens: 'bare' });
    const categorization = await step(page.el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    expect(optionNames(categorization)).to.deep.equal(['Basic account', 'Extended account']);
    await waitUntil(() => page.hierarchyAsked() === 1, 'no background hierarchy read', {
      timeout: 8000,
    });
    page.release();
    await register(page.el, categorization);
    expect(page.registrations().map((r) => r.customerCategory.name)).to.deep.equal([
      'Low Risk Individual Customer',
    ]);
    expect(page.hierarchyAsked()).to.equal(1);
  });

  for (const tokens of ['own', 'odd'] as const) {
    it(`without them (${tokens === 'own' ? 'a partner’s own token endpoint' : 'a shape the element does not know'}): read from the hierarchy, the same steps and events`, async () => {
      const page = await inPage({ tokens });
      const categorization = await step(page.el, 'finhub-step-categorization');
      await waitUntil(() => page.hierarchyAsked() === 1, 'no hierarchy request', { timeout: 8000 });
      // Held: the first step waits for it.
      expect(root(categorization).querySelector('input[type="radio"]')).to.equal(null);
      page.release();
      await inside(categorization, 'input[type="radio"]', 'categories');
      expect(optionNames(categorization)).to.deep.equal(['Basic account', 'Extended account']);
      expect(page.errors).to.have.length(1);
      expect(page.errors[0]).to.deep.include(EVENT);
      await register(page.el, categorization);
      expect(page.registrations().map((r) => r.customerCategory.name)).to.deep.equal([
        'Low Risk Individual Customer',
      ]);
      expect(page.hierarchyAsked()).to.equal(1);
    });
  }

  for (const tokens of ['relay', 'own'] as const) {
    it(`host overrides (${tokens === 'relay' ? 'relay sends categories' : 'token without them'}): the element analyses the hierarchy with them`, async () => {
      const page = await inPage({ tokens, overrides: { TIERING: { accountTier: 'GOLD' } } });
      const categorization = await step(page.el, 'finhub-step-categorization');
      await waitUntil(() => page.hierarchyAsked() === 1, 'no hierarchy request', {
        timeout: 8000,
      });
      page.release();
      await inside(categorization, 'input[type="radio"]', 'categories');
      // The override fills the tier: the standard account is offered and preselected.
      expect(optionNames(categorization)).to.deep.equal([
        'Basic account',
        'Standard account',
        'Extended account',
      ]);
      expect(page.errors).to.deep.equal([]);
      // What FinHub then makes of the tier is the sandbox's business; what was sent is ours.
      await register(page.el, categorization, false);
      await waitUntil(() => page.registrations().length === 1, 'no registration', {
        timeout: 8000,
      });
      const [sent] = page.registrations();
      expect(sent!.customerCategory.name).to.equal('Standard Individual Customer');
      expect(JSON.stringify(sent)).to.include('{"name":"accountTier","value":"GOLD"}');
    });
  }
});
