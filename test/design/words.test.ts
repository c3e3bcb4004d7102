import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { FinHubCategoryLabels, FinHubConsents, FinHubOnboarding } from '../../src/index.js';
import type { CategoryOption } from '../../src/flow/types.js';
import {
  buttonNamed,
  byLabel,
  enter,
  recordingBackend,
  root,
  stepOf,
} from '../components/helpers.js';
import { SCHEMES, WIDTHS, expectNoOverflow, viewport } from './layout.js';

/** The sandbox's individual categories, as FinHub names them (bank vocabulary). */
const RISK_CATEGORIES: CategoryOption[] = [
  {
    key: 'LOW_RISK_INDIVIDUAL',
    name: 'Low Risk Individual Customer',
    description: 'Salaried residents with low expected volumes. Government ID only.',
  },
  {
    key: 'STANDARD_INDIVIDUAL',
    name: 'Standard Individual Customer',
    description: 'Everyday retail customers. Government ID and proof of address.',
    isDefault: true,
  },
  {
    key: 'HIGH_RISK_INDIVIDUAL',
    name: 'High Risk Individual Customer',
    description: 'PEPs and high-volume customers. Enhanced due diligence and source of funds.',
    aliases: ['550e8400-e29b-41d4-a716-446655440001'],
  },
];

const text = (node: Node) => node.textContent!.replace(/\s+/g, ' ').trim();

async function categories(
  options: {
    labels?: FinHubCategoryLabels;
    locale?: string;
    theme?: string;
    list?: CategoryOption[];
  } = {},
) {
  const { backend } = recordingBackend({
    loadCategories: async () => (options.list ?? RISK_CATEGORIES).map((c) => ({ ...c })),
  });
  const el = await fixture<FinHubOnboarding>(
    html`<finhub-onboarding
      theme=${options.theme ?? 'light'}
      locale=${options.locale ?? ''}
      .categoryLabels=${options.labels}
      .backend=${backend}
    ></finhub-onboarding>`,
  );
  const step = await stepOf(el, 'finhub-step-categorization');
  await waitUntil(() => root(step).querySelector('input[type="radio"]'), 'no categories', {
    timeout: 8000,
  });
  const options_ = () =>
    [...root(step).querySelectorAll('.option')].map((option) => ({
      name: text(option.querySelector('label')!),
      description: option.querySelector('.hint') ? text(option.querySelector('.hint')!) : '',
    }));
  return { el, step, options: options_ };
}

describe('plain words', () => {
  afterEach(() => viewport(1280));

  it('shows risk classes as friendly account names, never the bank’s category names', async () => {
    const { el, options } = await categories();
    expect(options().map((o) => o.name)).to.deep.equal([
      'Basic account',
      'Standard account',
      'Extended account',
    ]);
    const shown =
      text(root(el)) +
      options()
        .map((o) => o.description)
        .join(' ');
    for (const word of ['Risk', 'Customer', 'PEP', 'due diligence', 'LOW_RISK']) {
      expect(shown).to.not.contain(word);
    }
    // The default is still the standard one.
    const checked = root(
      (await stepOf(el, 'finhub-step-categorization')) as never as Element,
    ).querySelector<HTMLInputElement>('input:checked')!;
    expect(checked.value).to.equal('STANDARD_INDIVIDUAL');
  });

  it('keeps names meant for customers as they are', async () => {
    const { options } = await categories({
      list: [{ key: 'INDIVIDUAL_PREMIUM', name: 'Premium', description: 'Higher limits.' }],
    });
    expect(options()).to.deep.equal([{ name: 'Premium', description: 'Higher limits.' }]);
  });

  it('takes the host’s words per locale (locale, then language, then default; code or id)', async () => {
    const labels: FinHubCategoryLabels = {
      default: {
        LOW_RISK_INDIVIDUAL: { name: 'Starter', description: 'Pocket money and small payments.' },
        '550e8400-e29b-41d4-a716-446655440001': { name: 'Private' },
      },
      lt: { low_risk_individual: { name: 'Pradinė', description: 'Kišenpinigiams.' } },
    };
    const english = await categories({ labels });
    expect(english.options()[0]).to.deep.equal({
      name: 'Starter',
      description: 'Pocket money and small payments.',
    });
    // A name only: the friendly description stays.
    expect(english.options()[2]!.name).to.equal('Private');
    expect(english.options()[2]!.description).to.contain('where your money comes from');
    // Not named by the host: the friendly default.
    expect(english.options()[1]!.name).to.equal('Standard account');

    english.el.locale = 'lt-LT';
    await english.el.updateComplete;
    await english.step.updateComplete;
    try {
      expect(english.options()[0]).to.deep.equal({
        name: 'Pradinė',
        description: 'Kišenpinigiams.',
      });
      // Friendly defaults speak Lithuanian too.
      expect(english.options()[1]!.name).to.equal('Standartinė sąskaita');
      expect(english.options()[2]!.name).to.equal('Private'); // from `default`
    } finally {
      english.el.locale = 'en';
      await english.el.updateComplete;
    }
  });

  it('ignores a malformed categoryLabels value', async () => {
    const { options } = await categories({
      labels: {
        default: 'nope',
        en: { LOW_RISK_INDIVIDUAL: null },
      } as unknown as FinHubCategoryLabels,
    });
    expect(options()[0]!.name).to.equal('Basic account');
  });

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      it(`account types reflow at ${width} px, ${scheme}, and pass axe; the error state too`, async () => {
        await viewport(width, scheme);
        const { el, step } = await categories({
          theme: scheme,
          list: RISK_CATEGORIES.map((c) => ({ ...c, isDefault: false })),
        });
        expectNoOverflow(el, `${width} px ${scheme}`);
        await expect(el).to.be.accessible();
        buttonNamed(root(step), 'Continue').click();
        await waitUntil(() => root(step).querySelector('.field-error'), 'no error');
        expect(root(step).activeElement?.id).to.equal('category-0'); // the field, not the button
        expectNoOverflow(el, `${width} px ${scheme}, error`);
        await expect(el).to.be.accessible();
      });
    }
  }
});

describe('agreements', () => {
  afterEach(() => viewport(1280));

  /** A returning person whose agreements are still to give lands on them after signing in. */
  async function agreements(consents?: FinHubConsents, theme = 'light') {
    const { backend } = recordingBackend({
      checkActivation: async () => ({
        allowed: false,
        consentOk: false,
        verificationOk: true,
        verificationStatus: 'APPROVED',
        missingConsents: ['terms', 'privacy', 'data-processing'],
      }),
    });
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        theme=${theme}
        customer-id="c-1"
        user-id="u-1"
        .consents=${consents}
        .backend=${backend}
      ></finhub-onboarding>`,
    );
    const signIn = await stepOf(el, 'finhub-step-sign-in');
    enter(byLabel(root(signIn), 'Email'), 'ona@example.com');
    enter(byLabel(root(signIn), 'Password'), 'Correct-Horse-9');
    buttonNamed(root(signIn), 'Sign in').click();
    const step = await stepOf(el, 'finhub-step-consents');
    return { el, step };
  }

  it('hides document versions unless the host asks (consents.showVersions)', async () => {
    const hidden = await agreements({ terms: { url: '/t', version: '2.1' } });
    expect(text(root(hidden.step))).to.not.match(/Version/);
    const shown = await agreements({ terms: { url: '/t', version: '2.1' }, showVersions: true });
    expect(text(root(shown.step))).to.contain('Version 2.1');
  });

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      it(`errors keep clear of the next checkbox at ${width} px, ${scheme}; reflow and axe`, async () => {
        await viewport(width, scheme);
        const { el, step } = await agreements(undefined, scheme);
        buttonNamed(root(step), 'Accept and continue').click();
        await waitUntil(
          () => root(step).querySelectorAll('.field-error').length === 3,
          'no errors',
        );
        const boxes = [...root(step).querySelectorAll('input[type="checkbox"]')];
        const errors = [...root(step).querySelectorAll('.field-error')];
        for (let i = 0; i < 2; i++) {
          const gap =
            boxes[i + 1]!.getBoundingClientRect().top - errors[i]!.getBoundingClientRect().bottom;
          expect(gap, `space between error ${i} and the next checkbox`).to.be.at.least(12);
        }
        // The error summary, not the button: its first link leads to the first checkbox.
        expect(root(step).activeElement?.id).to.equal('error-summary');
        root(step).querySelector<HTMLAnchorElement>('#error-summary a')!.click();
        expect(root(step).activeElement?.id).to.equal(boxes[0]!.id);
        expectNoOverflow(el, `${width} px ${scheme}`);
        await expect(el).to.be.accessible();
      });
    }
  }
});
