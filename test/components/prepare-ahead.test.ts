/**
 * Work the next step's first render would do is done while the person is still on the step
 * before (issue 17: no long task on a transition): the registration form's country list, named
 * and sorted for the locale, is built when the page is idle on the categorization step, so
 * arriving at registration builds none.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { FinHubOnboarding } from '../../src/index.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import { buttonNamed, root, stepOf } from './helpers.js';

describe('preparing the next step ahead', () => {
  const built: string[] = [];
  const Original = Intl.DisplayNames;
  const intl = Intl as { DisplayNames: typeof Intl.DisplayNames }; // writable at run time
  before(() => {
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
    const before = built.length;

    buttonNamed(root(categorization), 'Continue').click();
    const registration = await stepOf(el, 'finhub-step-individual-registration');
    await registration.updateComplete;
    expect(root(registration).querySelector('select option[value="LT"]')).to.exist;
    expect(built.length, 'a country list was built on arrival').to.equal(before);
  });
});
