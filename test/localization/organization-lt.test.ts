/**
 * A company's Lithuanian, in a page of its own: the catalogue keeps one table per locale, so a
 * person's flow run before in the same page would lend it the individual part's messages.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/define.js';
import type { FinHubOnboarding } from '../../src/index.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import { buttonNamed, fillPages, root } from '../components/helpers.js';
import { companyValues } from '../flow-organization/helpers.js';

async function stepOf<T extends LitElement>(el: FinHubOnboarding, tag: string): Promise<T> {
  await waitUntil(() => root(el).querySelector(tag), `<${tag}> was not rendered`, {
    timeout: 10000,
  });
  const step = root(el).querySelector<T>(tag)!;
  await step.updateComplete;
  return step;
}

describe('localization: a company in Lithuanian', () => {
  let el: FinHubOnboarding | undefined;
  afterEach(async () => {
    if (el) el.locale = 'en';
    await el?.updateComplete;
    el = undefined;
  });

  it('words the people step in Lithuanian, its labels shared with the person’s form included', async () => {
    // "First name", "Last name"… are also the individual registration's: they belong to the main
    // catalogue, not to the individual flow's part, which a company never loads.
    el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        flow="organization"
        .backend=${createLocalBackend()}
      ></finhub-onboarding>`,
    );
    const categorization = await stepOf(el, 'finhub-step-categorization');
    await waitUntil(
      () => root(categorization).querySelector('input[type="radio"]'),
      'no categories',
    );
    buttonNamed(root(categorization), 'Continue').click();
    const registration = await stepOf(el, 'finhub-step-organization-registration');
    await fillPages(root(registration), companyValues());
    buttonNamed(root(registration), 'Register company').click();
    const people = await stepOf(el, 'finhub-step-personnel');
    el.locale = 'lt';
    await el.updateComplete;
    await waitUntil(
      () => root(people).textContent?.includes('Darbuotojai'),
      'the people step did not switch to Lithuanian',
    );
    buttonNamed(root(people), 'Pridėti darbuotoją').click();
    await people.updateComplete;
    const form = root(people).querySelector('#employees-form')!;
    const shown = [...form.querySelectorAll('label')].map((label) => label.textContent!.trim());
    expect(shown).to.include.members(['Vardas', 'Pavardė']);
    expect(shown).to.not.include.members(['First name']);
  });
});
