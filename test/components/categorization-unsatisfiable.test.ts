/**
 * An account type smart categorization cannot fill (docs/finhub-contract.md#smart-categorization),
 * as the host and the person meet it: the host's `finhub-error` names the feature, the key and the
 * override that would fix it; the person is not offered that type (or, with none left, sees the
 * host's contact route), and never gets a button that fails the same way again.
 *
 * FinHub here is the real sandbox behind the real relay, both in this page with a hierarchy of the
 * test's own (`createSandbox({hierarchy})`); only the network hop between element and relay is a
 * function call. The overrides tests use the test server's stack, as a partner page would.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { AnyBackend } from '../../src/flow/backend.js';
import { calls, createApiSession } from '../../src/flows/individual-api.js';
import type { FinHubErrorDetail } from '../../src/events/finhub-error.js';
import type { FinHubOnboarding } from '../../src/index.js';
import { createSandbox, type Sandbox } from '../../sandbox/index.js';
import { hierarchyFor } from '../../sandbox/hierarchy-data.js';
import { buttonNamed, fillRegistration, root, showField } from './helpers.js';
import {
  PASSWORD,
  bannerText,
  container,
  inside,
  journal,
  step,
  uniqueEmail,
} from '../flow-individual/helpers.js';
import { relayOnSandbox } from '../server/helpers.js';

type Hierarchy = Record<string, Record<string, Record<string, unknown>>>;

/** The sandbox's own hierarchy, changed by `edit`. */
const hierarchyWith =
  (edit: (h: Hierarchy) => void) =>
  (tenantId: string): unknown => {
    const h = hierarchyFor(tenantId) as Hierarchy;
    edit(h);
    return h;
  };

/** A mandatory key no documented rule covers, on the given categories. */
const tiered =
  (...categories: string[]) =>
  (h: Hierarchy) => {
    h['features']!['TIERING'] = {
      databaseId: 'feat-tiering',
      featureCode: 'TIERING',
      mandatoryKeys: ['accountTier'],
    };
    for (const code of categories) {
      const category = h['categories']![code] as { availableFeatures: unknown[] };
      category.availableFeatures = [...category.availableFeatures, 'TIERING'];
    }
  };

interface InPage {
  el: FinHubOnboarding;
  errors: FinHubErrorDetail[];
  sandbox: Sandbox;
  registrations: () => unknown[];
}

/** The element on a relay + sandbox in this page that serve `hierarchy`. */
async function inPage(
  hierarchy: (tenantId: string) => unknown,
  attributes: Record<string, string> = {},
): Promise<InPage> {
  const sandbox = createSandbox({ hierarchy });
  const relay = relayOnSandbox(sandbox);
  const el = document.createElement('finhub-onboarding');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  // This page runs only the individual flow: its calls are all the element needs.
  el.backend = calls(
    createApiSession({
      tokenUrl: 'http://relay.test/onboarding/token',
      apiBase: 'http://relay.test/onboarding/api',
      categorizationOverrides: () => el.categorizationOverrides,
      fetch: (input, init) => relay(new Request(input, init), { remoteAddress: '127.0.0.1' }),
    })!,
  ) as AnyBackend;
  const errors: FinHubErrorDetail[] = [];
  const wrapper = container();
  wrapper.addEventListener('finhub-error', (event) => errors.push(event.detail));
  wrapper.append(el);
  await el.updateComplete;
  const registrations = () =>
    sandbox
      .requests()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/customer/individual/registration'))
      .map((r) => r.body);
  return { el, errors, sandbox, registrations };
}

function optionsOf(categorization: Element) {
  return [...root(categorization).querySelectorAll('.option')].map((option) => ({
    name: option.querySelector('label')!.textContent!.trim(),
    checked: option.querySelector('input')!.checked,
  }));
}

describe('an account type smart categorization cannot fill', () => {
  it('is reported to the host with feature, key and override, and not offered to the person', async () => {
    const { el, errors, registrations } = await inPage(
      hierarchyWith(tiered('STANDARD_INDIVIDUAL')),
    );
    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');

    // Known before the person fills in anything.
    expect(registrations()).to.have.length(0);
    expect(errors).to.have.length(1);
    const [detail] = errors;
    expect(detail).to.deep.include({
      step: 'categorization',
      code: 'categorization_unsatisfiable',
      message: 'This account type cannot be opened right now.',
      recoverable: true,
      category: 'STANDARD_INDIVIDUAL',
      feature: 'TIERING',
      key: 'accountTier',
      override: { TIERING: { accountTier: '<value>' } },
    });
    expect(detail!.problems).to.deep.equal([
      {
        reason: 'no_value',
        category: 'STANDARD_INDIVIDUAL',
        feature: 'TIERING',
        key: 'accountTier',
      },
    ]);
    expect(detail!.fix).to.contain('categorizationOverrides');
    expect(detail!.fix).to.contain('{"TIERING":{"accountTier":"<value>"}}');

    // Not offered; the default moves to one that can be opened.
    expect(optionsOf(categorization).map((o) => [o.name, o.checked])).to.deep.equal([
      ['Basic account', true],
      ['Extended account', false],
    ]);
    expect(bannerText(el)).to.equal('');
    await expect(el).to.be.accessible();

    buttonNamed(root(categorization), 'Continue').click();
    await step(el, 'finhub-step-individual-registration');
  });

  it('a host-preset category that cannot be filled asks the person instead', async () => {
    const { el, errors } = await inPage(hierarchyWith(tiered('STANDARD_INDIVIDUAL')), {
      category: 'STANDARD_INDIVIDUAL',
    });
    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    expect(errors.map((e) => [e.code, e.category])).to.deep.equal([
      ['categorization_unsatisfiable', 'STANDARD_INDIVIDUAL'],
    ]);
    expect(optionsOf(categorization).map((o) => o.name)).to.deep.equal([
      'Basic account',
      'Extended account',
    ]);
  });

  it('with none left: no form, no button, the host’s support link', async () => {
    const { el, errors } = await inPage(
      hierarchyWith(tiered('LOW_RISK_INDIVIDUAL', 'STANDARD_INDIVIDUAL', 'HIGH_RISK_INDIVIDUAL')),
      { 'support-url': 'mailto:help@bank.example' },
    );
    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'a', 'the contact link');
    const scope = root(categorization);
    expect(scope.querySelector('form')).to.equal(null);
    expect(scope.querySelectorAll('button')).to.have.length(0);
    expect(scope.textContent!.replace(/\s+/g, ' ')).to.contain(
      'No account types can be opened online right now.',
    );
    const link = scope.querySelector('a')!;
    expect(link.textContent!.trim()).to.equal('Contact us to open your account.');
    expect(link.getAttribute('href')).to.equal('mailto:help@bank.example');
    expect(errors.map((e) => [e.category, e.recoverable])).to.deep.equal([
      ['LOW_RISK_INDIVIDUAL', false],
      ['STANDARD_INDIVIDUAL', false],
      ['HIGH_RISK_INDIVIDUAL', false],
    ]);
    await expect(el).to.be.accessible();
  });

  for (const [label, url] of [
    ['no support-url', undefined],
    ['a javascript: support-url', 'javascript:alert(1)'],
  ] as const) {
    it(`with none left and ${label}: says whom to contact, links nothing`, async () => {
      const { el } = await inPage(
        hierarchyWith(tiered('LOW_RISK_INDIVIDUAL', 'STANDARD_INDIVIDUAL', 'HIGH_RISK_INDIVIDUAL')),
        url ? { 'support-url': url } : {},
      );
      const categorization = await step(el, 'finhub-step-categorization');
      await waitUntil(() => root(categorization).querySelector('p'), 'no message', {
        timeout: 8000,
      });
      await waitUntil(() => !root(categorization).querySelector('progress'), 'still loading', {
        timeout: 8000,
      });
      const scope = root(categorization);
      expect(scope.querySelector('a')).to.equal(null);
      expect(scope.querySelectorAll('button')).to.have.length(0);
      expect(scope.textContent!.replace(/\s+/g, ' ')).to.contain(
        'No account types can be opened online right now. Contact us to open your account.',
      );
    });
  }

  it('refused by FinHub at registration: back to the categories without it, details kept', async () => {
    // The hierarchy allows sepaEnabled=yes, which FinHub (the sandbox) then refuses.
    const { el, errors, registrations } = await inPage(
      hierarchyWith((h) => {
        const feature = h['features']!['INTERNATIONAL_PAYMENTS'] as {
          allowedValues: Record<string, string[]>;
        };
        feature.allowedValues['sepaEnabled'] = ['yes'];
      }),
    );
    let categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    expect(errors).to.deep.equal([]);
    expect(optionsOf(categorization).find((o) => o.checked)!.name).to.equal('Standard account');
    buttonNamed(root(categorization), 'Continue').click();

    let registration = await step(el, 'finhub-step-individual-registration');
    const email = uniqueEmail();
    await fillRegistration(root(registration), {
      Email: email,
      'Create a password': PASSWORD,
      'Repeat the password': PASSWORD,
    });
    buttonNamed(root(registration), 'Create account').click();

    await waitUntil(() => errors.length > 0, 'no finhub-error', { timeout: 8000 });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.deep.include({
      step: 'registration',
      code: 'categorization_invalid',
      category: 'STANDARD_INDIVIDUAL',
      feature: 'INTERNATIONAL_PAYMENTS',
      key: 'sepaEnabled',
      override: { INTERNATIONAL_PAYMENTS: { sepaEnabled: '<value>' } },
      recoverable: true,
    });
    categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    expect(bannerText(el)).to.equal('This account type cannot be opened right now.');
    // That one is gone and nothing is preselected: the person chooses.
    expect(optionsOf(categorization).map((o) => [o.name, o.checked])).to.deep.equal([
      ['Basic account', false],
      ['Extended account', false],
    ]);
    await expect(el).to.be.accessible();

    // Another type, and what the person typed is still there.
    (root(categorization).querySelector('input[type="radio"]') as HTMLInputElement).click();
    buttonNamed(root(categorization), 'Continue').click();
    registration = await step(el, 'finhub-step-individual-registration');
    expect(bannerText(el)).to.equal('');
    expect((await showField(root(registration), 'Email')).value).to.equal(email);
    await fillRegistration(root(registration), {
      Email: email,
      'Create a password': PASSWORD,
      'Repeat the password': PASSWORD,
    });
    buttonNamed(root(registration), 'Create account').click();
    await step(el, 'finhub-step-verification');
    const sent = registrations() as { customerCategory: { name: string } }[];
    expect(sent.map((body) => body.customerCategory.name)).to.deep.equal([
      'Standard Individual Customer',
      'Low Risk Individual Customer',
    ]);
  });
});

describe('categorization overrides from the host (test server stack)', () => {
  it('an override outside the allowed values: the host hears what is allowed', async () => {
    const wrapper = container();
    const details: FinHubErrorDetail[] = [];
    wrapper.addEventListener('finhub-error', (event) => details.push(event.detail));
    const el = document.createElement('finhub-onboarding');
    el.setAttribute('token-url', '/onboarding/token');
    el.setAttribute('api-base', '/onboarding/api');
    el.categorizationOverrides = { TRANSACTION_LIMITS: { MONTHLY_LIMIT: '99999999' } };
    wrapper.append(el);
    const categorization = await step(el, 'finhub-step-categorization');
    await waitUntil(() => !root(categorization).querySelector('progress'), 'still loading', {
      timeout: 8000,
    });
    // Every individual category has TRANSACTION_LIMITS: none can be opened.
    expect(root(categorization).querySelector('form')).to.equal(null);
    expect(details.map((d) => d.category)).to.deep.equal([
      'LOW_RISK_INDIVIDUAL',
      'STANDARD_INDIVIDUAL',
      'HIGH_RISK_INDIVIDUAL',
    ]);
    expect(details[0]).to.deep.include({
      feature: 'TRANSACTION_LIMITS',
      key: 'monthlyLimit',
      override: { TRANSACTION_LIMITS: { monthlyLimit: '20000' } },
    });
    expect(details[0]!.problems![0]).to.deep.equal({
      reason: 'override_refused',
      category: 'LOW_RISK_INDIVIDUAL',
      feature: 'TRANSACTION_LIMITS',
      key: 'monthlyLimit',
      value: '99999999',
      allowed: ['1000-50000'],
    });
  });

  it('the categorization-overrides attribute reaches the registration FinHub receives', async () => {
    const deviceId = crypto.randomUUID();
    const wrapper = container();
    wrapper.innerHTML = `<finhub-onboarding token-url="/onboarding/token" api-base="/onboarding/api"
      device-id="${deviceId}"
      categorization-overrides='{"transaction_limits":{"MONTHLY_LIMIT":30000}}'></finhub-onboarding>`;
    const el = wrapper.querySelector('finhub-onboarding')!;
    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    buttonNamed(root(categorization), 'Continue').click();
    const registration = await step(el, 'finhub-step-individual-registration');
    await fillRegistration(root(registration), {
      Email: uniqueEmail(),
      'Create a password': PASSWORD,
      'Repeat the password': PASSWORD,
    });
    buttonNamed(root(registration), 'Create account').click();
    await step(el, 'finhub-step-verification');
    const registered = (await journal(deviceId)).find((entry) =>
      entry.path.endsWith('/customer/individual/registration'),
    )!;
    const body = registered.body as {
      individualCustomer: {
        categorization: {
          categoryFeatureRelations: {
            feature: { code: string };
            parametrization: { name: string; value: string }[];
          }[];
        };
      };
    };
    const limits = body.individualCustomer.categorization.categoryFeatureRelations.find(
      (r) => r.feature.code === 'TRANSACTION_LIMITS',
    )!;
    expect(limits.parametrization).to.deep.include({ name: 'monthlyLimit', value: '30000' });
  });
});
