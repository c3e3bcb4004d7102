/**
 * Work the next step's first render would do is done while the person is still on the step
 * before (issue 17: no long task on a transition): the registration form's country list, named
 * and sorted for the locale, is built when the page is idle on the categorization step, so
 * arriving at registration builds none; and so is its form's schema (with the date format of its
 * age message), in an idle callback of its own, so leaving the first field builds none either.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { FinHubOnboarding } from '../../src/index.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import { buttonNamed, root, stepOf } from './helpers.js';

describe('preparing the next step ahead', () => {
  const built: string[] = [];
  const dateFormats: string[] = [];
  const Original = Intl.DisplayNames;
  const OriginalDateFormat = Intl.DateTimeFormat;
  // writable at run time
  const intl = Intl as {
    DisplayNames: typeof Intl.DisplayNames;
    DateTimeFormat: typeof Intl.DateTimeFormat;
  };
  before(() => {
    // Counts the long date formats built in this page: the registration schema's age message.
    intl.DateTimeFormat = class extends OriginalDateFormat {
      constructor(locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
        super(locales, options);
        if (options?.dateStyle === 'long') dateFormats.push(String(locales));
      }
    } as typeof Intl.DateTimeFormat;
    // Counts every country-name list built in this page (one test file, one page).
    intl.DisplayNames = class extends Original {
      constructor(locales: string | string[], options: Intl.DisplayNamesOptions) {
        super(locales, options);
        if (options.type === 'region') built.push(String(locales));
      }
    } as typeof Intl.DisplayNames;
  });
  after(() => {
    intl.DisplayNames = Original;
    intl.DateTimeFormat = OriginalDateFormat;
  });

  it('builds the country list on the first step, so registration arrives without building it', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()}></finhub-onboarding>`,
    );
    const categorization = await stepOf(el, 'finhub-step-categorization');
    await waitUntil(
      () => root(categorization).querySelector('input[type="radio"]'),
      'no categories',
      { timeout: 10000 },
    );
    await waitUntil(() => built.length > 0, 'the country list was not prepared on the first step', {
      timeout: 10000,
    });
    await waitUntil(
      () => dateFormats.length > 0,
      'the registration schema was not prepared on the first step',
      { timeout: 10000 },
    );
    const before = built.length;
    const formatsBefore = dateFormats.length;

    buttonNamed(root(categorization), 'Continue').click();
    const registration = await stepOf(el, 'finhub-step-individual-registration');
    await registration.updateComplete;
    expect(root(registration).querySelector('select option[value="LT"]')).to.exist;
    expect(built.length, 'a country list was built on arrival').to.equal(before);
    // Leaving a field with something in it shows its error: the schema runs, already built.
    const first = root(registration).querySelector('input') as HTMLInputElement;
    first.value = ' ';
    first.dispatchEvent(new Event('input'));
    first.dispatchEvent(new Event('blur'));
    await registration.updateComplete;
    expect(root(registration).textContent).to.contain('Enter your first name');
    expect(dateFormats.length, 'the schema was built on the registration step').to.equal(
      formatsBefore,
    );
  });
});
