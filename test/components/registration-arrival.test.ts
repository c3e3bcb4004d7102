/**
 * A registration reached before its country list was prepared (the person moved on at once) still
 * arrives in short tasks: the form renders first, and the list (naming and sorting 249 countries,
 * the page's first `Intl` use) is built in a task after it (issue 17: no long task on a
 * transition). `updateComplete` waits for it, so nothing that awaits the element sees a short list.
 */
import { expect } from '@open-wc/testing';
import { FinHubIndividualRegistrationStep } from '../../src/steps/registration/individual-registration-view.js';
import { defineOnce } from '../../src/element/define-once.js';

describe('registration arriving before its country list is prepared', () => {
  const Original = Intl.DisplayNames;
  const intl = Intl as { DisplayNames: typeof Intl.DisplayNames }; // writable at run time
  afterEach(() => {
    intl.DisplayNames = Original;
  });

  it('renders the form in one task and builds the list in a later one', async () => {
    defineOnce('finhub-step-individual-registration', FinHubIndividualRegistrationStep);
    const seen: { inFirstTask: boolean; formShown: boolean }[] = [];
    let firstTask = true;
    const step = document.createElement(
      'finhub-step-individual-registration',
    ) as FinHubIndividualRegistrationStep;
    // A locale no other test in this page has built a list for.
    step.locale = 'fr';
    intl.DisplayNames = class extends Original {
      constructor(locales: string | string[], options: Intl.DisplayNamesOptions) {
        super(locales, options);
        if (options.type === 'region') {
          seen.push({
            inFirstTask: firstTask,
            formShown: Boolean(step.shadowRoot?.querySelector('input')),
          });
        }
      }
    } as typeof Intl.DisplayNames;
    document.body.append(step);
    setTimeout(() => {
      firstTask = false;
    }, 0);
    try {
      await step.updateComplete;
      const options = step.shadowRoot!.querySelectorAll('#nationality option');
      expect(options.length, 'the list is there once updateComplete resolves').to.equal(250);
      expect(
        step.shadowRoot!.querySelector('#nationality option[value="LT"]')!.textContent!.trim(),
      ).to.equal('Lituanie');
      expect(seen).to.deep.equal([{ inFirstTask: false, formShown: true }]);
    } finally {
      step.remove();
    }
  });
});
