import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import type { FinHubOnboarding } from '../../src/index.js';
import { buttonNamed, root, stepOf } from '../components/helpers.js';
import { SCHEMES, WIDTHS, expectNoOverflow, viewport } from './layout.js';

const summary = (el: FinHubOnboarding) =>
  root(el).querySelector('[part="progress-summary"]')!.textContent!.trim();
const listed = (el: FinHubOnboarding) =>
  [...root(el).querySelectorAll('ol[part="stepper"] .label')].map((label) => label.textContent);

async function onboarding(flow: 'individual' | 'organization', extra = {}) {
  const el = await fixture<FinHubOnboarding>(
    html`<finhub-onboarding
      flow=${flow}
      .backend=${createLocalBackend()}
      ...=${extra}
    ></finhub-onboarding>`,
  );
  const step = await stepOf(el, 'finhub-step-categorization');
  await waitUntil(() => root(step).querySelector('input[type="radio"]'), 'no categories');
  return el;
}

describe('progress indicator', () => {
  afterEach(() => viewport(1280));

  it('counts only the steps the person acts on (not the automatic sign-in, not the identity check)', async () => {
    const person = await onboarding('individual');
    expect(summary(person)).to.equal('Step 1 of 5 · Account type');
    expect(listed(person)).to.deep.equal([
      'Account type',
      'Your details',
      'Documents',
      'Agreements',
      'Activation',
    ]);
    const company = await onboarding('organization');
    expect(summary(company)).to.equal('Step 1 of 6 · Account type');
    expect(listed(company)).to.not.include('Identity check');
    expect(listed(company)).to.not.include('Sign in');
  });

  it('does not count a category the host preset (the step runs by itself)', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        category="INDIVIDUAL_STANDARD"
        .backend=${createLocalBackend()}
      ></finhub-onboarding>`,
    );
    await stepOf(el, 'finhub-step-individual-registration');
    expect(summary(el)).to.equal('Step 1 of 4 · Your details');
    expect(listed(el)).to.not.include('Account type');
  });

  it('moves the bar with the step', async () => {
    const el = await onboarding('individual');
    const bar = () => root(el).querySelector<HTMLProgressElement>('[part="progress-bar"]')!;
    expect(bar().localName).to.equal('progress');
    expect(bar().getAttribute('aria-hidden')).to.equal('true'); // the line above says it
    expect(bar().value / bar().max).to.be.closeTo(1 / 5, 0.001);
    expect(bar().getBoundingClientRect().height).to.be.within(2, 6);
    buttonNamed(root(root(el).querySelector('finhub-step-categorization')!), 'Continue').click();
    await stepOf(el, 'finhub-step-individual-registration');
    await waitUntil(() => summary(el).startsWith('Step 2 of 5'), 'still on step 1');
    expect(bar().value / bar().max).to.be.closeTo(2 / 5, 0.001);
  });

  it('shows the full list on request, from the keyboard', async () => {
    const el = await onboarding('individual');
    const details = root(el).querySelector('details')!;
    const list = root(el).querySelector('ol[part="stepper"]')!;
    expect(details.open).to.be.false;
    expect(list.checkVisibility()).to.be.false;
    const toggle = root(el).querySelector<HTMLElement>('[part="progress-toggle"]')!;
    expect(toggle.localName).to.equal('summary');
    expect(toggle.textContent!.trim()).to.equal('All steps');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => details.open, 'Enter did not open the list');
    expect(list.checkVisibility()).to.be.true;
    const current = root(el).querySelector('[aria-current="step"]')!;
    expect(current.textContent).to.contain('Account type');
    await sendKeys({ press: 'Space' });
    await waitUntil(() => !details.open, 'Space did not close the list');
  });

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      it(`fits on one or two lines and reflows at ${width} px, ${scheme}, list open, axe clean`, async () => {
        await viewport(width, scheme);
        const el = await onboarding('organization', { theme: scheme });
        const line = root(el).querySelector('[part="progress-summary"]')!;
        const lineHeight = parseFloat(getComputedStyle(line).lineHeight);
        expect(line.getBoundingClientRect().height).to.be.at.most(lineHeight * 2 + 1);
        root(el).querySelector('details')!.open = true;
        await el.updateComplete;
        expectNoOverflow(el, `${width} px ${scheme}`);
        await expect(el).to.be.accessible();
      });
    }
  }

  it('has no box around everything on a phone, a box on a laptop', async () => {
    await viewport(375);
    const el = await onboarding('individual');
    const container = root(el).querySelector('[part="container"]')!;
    expect(getComputedStyle(container).borderTopColor).to.equal('rgba(0, 0, 0, 0)');
    await viewport(1280);
    await waitUntil(
      () => getComputedStyle(container).borderTopColor !== 'rgba(0, 0, 0, 0)',
      'no border at 1280 px',
    );
  });
});
