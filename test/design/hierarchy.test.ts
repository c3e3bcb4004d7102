import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import {
  apiError,
  buttonNamed,
  byLabel,
  enter,
  recordingBackend,
  root,
  stepOf,
} from '../components/helpers.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import type { FinHubOnboarding } from '../../src/index.js';
import { SCHEMES, WIDTHS, expectNoOverflow, viewport } from './layout.js';

const style = (node: Element) => getComputedStyle(node);
const px = (value: string) => parseFloat(value);

/** On the individual registration form (the shared form styles at work). */
async function registration(theme = 'light') {
  const el = await fixture<FinHubOnboarding>(
    html`<finhub-onboarding theme=${theme} .backend=${createLocalBackend()}></finhub-onboarding>`,
  );
  const categorization = await stepOf(el, 'finhub-step-categorization');
  await waitUntil(() => root(categorization).querySelector('input[type="radio"]'), 'no categories');
  buttonNamed(root(categorization), 'Continue').click();
  const form = await stepOf(el, 'finhub-step-individual-registration');
  return { el, form };
}

describe('hierarchy', () => {
  afterEach(() => viewport(1280));

  it('section headings are bigger and bolder than labels; the step heading bigger still', async () => {
    const { el, form } = await registration();
    // The registration's page heading ("Part 1 of 3 · About you") is its section heading.
    const section = root(form).querySelector('#page-heading, fieldset.section > legend')!;
    const label = root(form).querySelector('label')!;
    const heading = root(el).querySelector('#step-heading')!;
    expect(px(style(section).fontSize)).to.be.greaterThan(px(style(label).fontSize));
    expect(Number(style(section).fontWeight)).to.be.greaterThan(Number(style(label).fontWeight));
    expect(px(style(heading).fontSize)).to.be.greaterThan(px(style(section).fontSize));
  });

  it('one filled primary action; secondary actions are outlined, thinner and not filled', async () => {
    const { form } = await registration();
    const primaries = root(form).querySelectorAll('.button-primary');
    expect(primaries).to.have.length(1);
    const primary = style(primaries[0]!);
    const back = style(buttonNamed(root(form), 'Back'));
    expect(primary.backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    expect(back.backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(px(back.borderTopWidth)).to.be.lessThan(px(primary.borderTopWidth));
  });

  it('side by side, inputs line up when only one field has a hint', async () => {
    await viewport(1280);
    const { form } = await registration();
    // Date of birth has a hint, Gender beside it has none.
    const birth = byLabel(root(form), 'Date of birth');
    const gender = byLabel(root(form), 'Gender');
    expect(birth.getAttribute('aria-describedby')).to.match(/-hint\b/);
    expect(gender.getAttribute('aria-describedby') ?? '').to.not.match(/-hint\b/);
    const a = birth.getBoundingClientRect();
    const b = gender.getBoundingClientRect();
    expect(Math.abs(a.left - b.left)).to.be.greaterThan(50); // really side by side
    expect(Math.abs(a.top - b.top)).to.be.below(1);
  });

  it('the step heading shows focus as an underline, not a box', async () => {
    const { el } = await registration();
    await sendKeys({ press: 'Shift' }); // keyboard modality
    const heading = root(el).querySelector<HTMLElement>('#step-heading')!;
    heading.focus();
    expect(style(heading).outlineStyle).to.equal('none');
    expect(style(heading).textDecorationLine).to.equal('underline');
    // The heading is as wide as its words, not the whole row.
    const container = root(el).querySelector('[part="container"]')!.getBoundingClientRect();
    expect(heading.getBoundingClientRect().width).to.be.below(container.width / 2);
  });

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      it(`the error banner (with its sign) and the sign-in screen reflow at ${width} px, ${scheme}; axe`, async () => {
        await viewport(width, scheme);
        const { backend } = recordingBackend({
          loadCategories: async () => {
            throw apiError({ code: 'server_error', message: 'HTTP 503', status: 503 });
          },
        });
        const el = await fixture<FinHubOnboarding>(
          html`<finhub-onboarding theme=${scheme} .backend=${backend}></finhub-onboarding>`,
        );
        await waitUntil(() => root(el).querySelector('[part="error"]'), 'no banner', {
          timeout: 8000,
        });
        // A sign as well as colour: the circled "!" before the message.
        const sign = getComputedStyle(
          root(el).querySelector('[part="error"] .banner-message')!,
          '::before',
        );
        expect(sign.content).to.contain('!');
        expect(sign.borderTopStyle).to.equal('solid');
        expectNoOverflow(el, `banner ${width} px ${scheme}`);
        await expect(el).to.be.accessible();
        el.remove();

        const returning = await fixture<FinHubOnboarding>(
          html`<finhub-onboarding
            theme=${scheme}
            customer-id="c-1"
            user-id="u-1"
            .backend=${createLocalBackend()}
          ></finhub-onboarding>`,
        );
        const signIn = await stepOf(returning, 'finhub-step-sign-in');
        expect(root(signIn).querySelector('svg.icon-lock')).to.exist;
        buttonNamed(root(signIn), 'Sign in').click();
        await waitUntil(() => root(signIn).querySelector('.field-error'), 'no errors');
        // The error summary (its links lead to the fields), not the button: as on every form.
        expect(root(signIn).activeElement?.id).to.equal('error-summary');
        expectNoOverflow(returning, `sign-in errors ${width} px ${scheme}`);
        await expect(returning).to.be.accessible();
      });
    }
  }

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      it(`the identity check (a document icon per document) reflows at ${width} px, ${scheme}; axe`, async () => {
        await viewport(width, scheme);
        const { backend } = recordingBackend({
          checkActivation: async () => ({
            allowed: false,
            consentOk: false,
            verificationOk: false,
            missingConsents: ['terms', 'privacy', 'data-processing'],
          }),
        });
        const el = await fixture<FinHubOnboarding>(
          html`<finhub-onboarding
            theme=${scheme}
            customer-id="c-1"
            user-id="u-1"
            .backend=${backend}
          ></finhub-onboarding>`,
        );
        const signIn = await stepOf(el, 'finhub-step-sign-in');
        enter(byLabel(root(signIn), 'Email'), 'ona@example.com');
        enter(byLabel(root(signIn), 'Password'), 'Correct-Horse-9');
        buttonNamed(root(signIn), 'Sign in').click();
        const verification = await stepOf(el, 'finhub-step-verification');
        await waitUntil(() => root(verification).querySelector('li'), 'no documents listed', {
          timeout: 8000,
        });
        expect(root(verification).querySelectorAll('li svg.icon-document')).to.have.length(
          root(verification).querySelectorAll('li').length,
        );
        // Information only: not counted, so the line names the step without a number.
        expect(root(el).querySelector('[part="progress-summary"]')!.textContent!.trim()).to.equal(
          'Identity check',
        );
        expectNoOverflow(el, `${width} px ${scheme}`);
        await expect(el).to.be.accessible();
      });
    }
  }
});
