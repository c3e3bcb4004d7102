import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { FinHubOnboarding } from '../../src/index.js';
import type { FinHubErrorEvent, FinHubSignInRequestEvent } from '../../src/index.js';
import type { FinHubCategorizationStep } from '../../src/steps/categorization/categorization-view.js';
import type { FinHubIndividualRegistrationStep } from '../../src/steps/registration/individual-registration-view.js';
import { latestBirthDate } from '../../src/steps/registration/individual-registration.schema.js';
import {
  apiError,
  buttonNamed,
  byLabel,
  deferred,
  enter,
  errorOf,
  fillPages,
  fillRegistration,
  leave,
  pageHeading,
  recordingBackend,
  registrationValues,
  root,
  showField,
  stepOf,
  summaryOf,
  VALID_PASSWORD,
} from './helpers.js';
import type { FlowBackend } from '../../src/flow/backend.js';
import { createLocalBackend } from '../doubles/local-backend.js';

const REGISTRATION = 'finhub-step-individual-registration';

async function openRegistration(
  backend?: FlowBackend,
  setup: (el: FinHubOnboarding) => void = () => {},
) {
  const el = await fixture<FinHubOnboarding>(
    html`<finhub-onboarding .backend=${backend ?? createLocalBackend()}></finhub-onboarding>`,
  );
  setup(el);
  const categorization = await stepOf<FinHubCategorizationStep>(el, 'finhub-step-categorization');
  await waitUntil(() => root(categorization).querySelector('input[type="radio"]'));
  buttonNamed(root(categorization), 'Continue').click();
  const step = await stepOf<FinHubIndividualRegistrationStep>(el, REGISTRATION);
  return { el, step, form: root(step) };
}

const submit = (form: ShadowRoot) => buttonNamed(form, 'Create account').click();

const statusText = (el: FinHubOnboarding) =>
  root(el).querySelector('[role="status"]')!.textContent!.trim();

const dayAfter = (iso: string) => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
};

describe('individual registration step', () => {
  it('asks in three short pages, labels every field visibly and states the password rules up front', async () => {
    const { el, form, step } = await openRegistration();
    const values = registrationValues();
    const pages: [string, string[]][] = [
      [
        'Part 1 of 3 About you',
        ['First name', 'Last name', 'Date of birth', 'Gender', 'Nationality', 'Place of birth'],
      ],
      ['Part 2 of 3 Home address', ['Street address', 'Town or city', 'Postal code', 'Country']],
      [
        'Part 3 of 3 Contact and password',
        ['Email', 'Phone number', 'Create a password', 'Repeat the password'],
      ],
    ];
    for (const [index, [heading, fields]] of pages.entries()) {
      expect(pageHeading(form)).to.equal(heading);
      const shown = [...form.querySelectorAll('label')].map((l) => l.textContent!.trim());
      expect(shown.filter((label) => label in values)).to.deep.equal(fields);
      await expect(el).to.be.accessible();
      if (index < pages.length - 1) {
        for (const label of fields)
          enter(byLabel(form, label), values[label as keyof typeof values]);
        buttonNamed(form, 'Continue').click();
        await step.updateComplete;
        // The new page is said: focus on its heading.
        expect(form.activeElement?.id).to.equal('page-heading');
      }
    }
    expect(buttonNamed(form, 'Create account')).to.exist;
    const password = byLabel(form, 'Create a password');
    const hint = form.getElementById(password.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).to.contain('At least 12 characters');
    expect(byLabel(form, 'Email').getAttribute('type')).to.equal('email');
    expect((await showField(form, 'Date of birth')).getAttribute('max')).to.equal(
      latestBirthDate(),
    );
    const genders = [...byLabel(form, 'Gender').querySelectorAll('option')].map((o) => [
      o.value,
      o.textContent!.trim(),
    ]);
    expect(genders).to.deep.equal([
      ['', 'Choose…'],
      ['MALE', 'Male'],
      ['FEMALE', 'Female'],
      ['OTHER', 'Other'],
    ]);
  });

  it('lists ISO-2 countries by name in the current locale, sorted', async () => {
    const { form } = await openRegistration();
    const options = [...byLabel(form, 'Nationality').querySelectorAll('option')].slice(1);
    expect(options).to.have.length(249);
    const lithuania = options.find((o) => o.value === 'LT')!;
    expect(lithuania.textContent!.trim()).to.equal('Lithuania');
    const names = options.map((o) => o.textContent!.trim());
    const sorted = [...names].sort(new Intl.Collator('en', { sensitivity: 'base' }).compare);
    expect(names).to.deep.equal(sorted);
    await fillRegistration(form);
    expect((await showField(form, 'Country')).querySelectorAll('option')).to.have.length(250);
  });

  it('shows an error only after a field is left, then keeps it current while typing', async () => {
    const { form, step } = await openRegistration();
    // Tabbing through an empty field says nothing yet.
    leave(byLabel(form, 'First name'));
    await step.updateComplete;
    expect(errorOf(byLabel(form, 'First name'))).to.equal('');
    await fillRegistration(form);
    const email = byLabel(form, 'Email');
    enter(email, 'ona@');
    await step.updateComplete;
    expect(errorOf(email)).to.equal('');
    expect(email.getAttribute('aria-invalid')).to.equal('false');
    leave(email);
    await step.updateComplete;
    expect(errorOf(email)).to.equal('Enter an email address like name@example.com');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    // Other fields stay quiet.
    expect(errorOf(byLabel(form, 'Phone number'))).to.equal('');
    enter(email, 'ona@example.com');
    await step.updateComplete;
    expect(errorOf(email)).to.equal('');
    expect(email.getAttribute('aria-invalid')).to.equal('false');
  });

  it('shows each rule’s own message, tied to its field with aria-describedby', async () => {
    const { form, step } = await openRegistration();
    await fillRegistration(form);
    const cases: [string, string, string][] = [
      ['First name', '  ', 'Enter your first name'],
      ['Last name', '', 'Enter your last name'],
      ['Email', '', 'Enter your email address'],
      ['Email', 'ona.example.com', 'Enter an email address like name@example.com'],
      ['Phone number', '', 'Enter your phone number'],
      [
        'Phone number',
        '860012345',
        'Enter the phone number in international format: + and the country code, for example +37060012345',
      ],
      ['Date of birth', '', 'Enter your date of birth'],
      ['Date of birth', '2999-01-01', 'Your date of birth must be in the past'],
      ['Gender', '', 'Choose your gender'],
      ['Nationality', '', 'Choose your nationality'],
      ['Place of birth', '', 'Enter your place of birth'],
      ['Street address', '', 'Enter your street address'],
      ['Town or city', '', 'Enter your town or city'],
      ['Postal code', '', 'Enter your postal code'],
      ['Country', '', 'Choose the country you live in'],
      ['Create a password', '', 'Enter a password'],
      ['Create a password', 'Short-1a', 'Use at least 12 characters'],
      ['Create a password', 'lower-case-123', 'Add an uppercase letter'],
      ['Create a password', 'UPPER-CASE-123', 'Add a lowercase letter'],
      ['Create a password', 'No-Digits-Here', 'Add a digit'],
      ['Create a password', 'NoSymbols12345', 'Add a symbol, such as ! or #'],
      ['Repeat the password', '', 'Repeat your password'],
      ['Repeat the password', 'Correct-Horse-8', 'The passwords do not match'],
    ];
    for (const [label, value, message] of cases) {
      const control = await showField(form, label);
      const before = control.value;
      enter(control, value);
      leave(control);
      await step.updateComplete;
      expect(errorOf(control), `${label} = "${value}"`).to.equal(message);
      expect(control.getAttribute('aria-invalid'), label).to.equal('true');
      if (label === 'Create a password') enter(byLabel(form, 'Repeat the password'), value);
      enter(control, before);
      if (label === 'Create a password') enter(byLabel(form, 'Repeat the password'), before);
      await step.updateComplete;
      expect(errorOf(control), `${label} fixed`).to.equal('');
    }
    // The age rule names the latest allowed date.
    const birth = await showField(form, 'Date of birth');
    enter(birth, dayAfter(latestBirthDate()));
    await step.updateComplete;
    expect(errorOf(birth)).to.match(/^You must be 18 or older \(born on or before .+\)$/);
    await expect(step).to.be.accessible();
  });

  it('Continue on an empty page shows a focused summary whose links focus their fields', async () => {
    const { el, form, step } = await openRegistration();
    enter(byLabel(form, 'Last name'), 'Jonaitė');
    buttonNamed(form, 'Continue').click();
    await step.updateComplete;
    expect(pageHeading(form)).to.equal('Part 1 of 3 About you');
    const summary = summaryOf(form)!;
    expect(summary.title).to.equal('There is a problem');
    expect(summary.items).to.deep.equal([
      'Enter your first name',
      'Enter your date of birth',
      'Choose your gender',
      'Choose your nationality',
      'Enter your place of birth',
    ]);
    expect(summary.links.map((a) => a.getAttribute('href'))).to.deep.equal([
      '#firstName',
      '#dateOfBirth',
      '#gender',
      '#nationality',
      '#placeOfBirth',
    ]);
    expect(root(step).activeElement?.id).to.equal('error-summary');
    expect(errorOf(byLabel(form, 'First name'))).to.equal('Enter your first name');
    summary.links[3]!.click();
    expect(root(step).activeElement?.id).to.equal(byLabel(form, 'Nationality').id);
    // One error box at the top, then each field's own message: no announcement on top of it.
    await el.updateComplete;
    expect(statusText(el)).to.not.contain('Check these fields');
    expect(byLabel(form, 'Last name').value).to.equal('Jonaitė');
    await expect(el).to.be.accessible();
  });

  it('the last page checks what it holds and keeps everything typed', async () => {
    const { el, form, step } = await openRegistration();
    const reached = await fillRegistration(form, { Email: 'nope', 'Repeat the password': '' });
    expect(reached).to.equal('Part 3 of 3 Contact and password');
    submit(form);
    await step.updateComplete;
    expect(summaryOf(form)!.items).to.deep.equal([
      'Enter an email address like name@example.com',
      'Repeat your password',
    ]);
    expect(root(step).activeElement?.id).to.equal('error-summary');
    expect(errorOf(byLabel(form, 'Email'))).to.equal(
      'Enter an email address like name@example.com',
    );
    // Nothing typed is lost.
    expect(byLabel(form, 'Create a password').value).to.equal(VALID_PASSWORD);
    expect((await showField(form, 'First name')).value).to.equal('Ona');
    expect(byLabel(form, 'Nationality').value).to.equal('LT');
    await expect(el).to.be.accessible();
  });

  it('sends typed, validated values and nothing while invalid', async () => {
    const { backend, calls } = recordingBackend();
    const { form, step } = await openRegistration(backend);
    expect(await fillRegistration(form, { 'First name': '' })).to.equal('Part 1 of 3 About you');
    await step.updateComplete; // refused on the spot: nothing goes to the backend
    expect(calls.filter((c) => c.method === 'registerIndividual')).to.have.length(0);
    await fillRegistration(form, { 'First name': '  Ona ', 'Phone number': '+370 600 12345' });
    submit(form);
    await waitUntil(() => calls.some((c) => c.method === 'registerIndividual'));
    expect(calls.find((c) => c.method === 'registerIndividual')!.args[0]).to.deep.equal({
      firstName: 'Ona',
      lastName: 'Jonaitė',
      email: 'ona@example.com',
      phone: '+37060012345',
      dateOfBirth: '1990-05-15',
      gender: 'FEMALE',
      nationality: 'LT',
      placeOfBirth: 'Vilnius',
      street: 'Gedimino pr. 1',
      city: 'Vilnius',
      postalCode: '01103',
      country: 'LT',
      password: VALID_PASSWORD,
      matchingPassword: VALID_PASSWORD,
    });
  });

  it('takes FinHub’s field errors to the page of the first, in a summary, keeping what was typed', async () => {
    const { backend } = recordingBackend({
      registerIndividual: async () => {
        throw apiError({
          code: 'validation_failed',
          message: 'Request validation failed',
          status: 400,
          fieldErrors: [
            { field: 'individualCustomer.person.email', message: 'Email domain not allowed' },
            {
              field: 'matchingPassword',
              message: 'Password and matching password must be identical',
            },
            {
              field: 'individualCustomer.person.addresses[0].postalCode',
              message: 'Postal code is invalid',
            },
            { field: 'customerCategory.id', message: 'Category is inactive' },
          ],
        });
      },
    });
    const errors: FinHubErrorEvent['detail'][] = [];
    const { el, form, step } = await openRegistration(backend, (host) =>
      host.addEventListener('finhub-error', (e) => errors.push(e.detail)),
    );
    await fillRegistration(form);
    submit(form);
    // The person sent it from the last page; the postal code is on the address page.
    await waitUntil(() => summaryOf(form), 'server errors not shown');
    await step.updateComplete;
    expect(pageHeading(form)).to.equal('Part 2 of 3 Home address');
    expect(errorOf(byLabel(form, 'Postal code'))).to.equal('Postal code is invalid');
    expect(summaryOf(form)!.items).to.deep.equal([
      'Category is inactive',
      'Postal code is invalid',
      'Email domain not allowed',
      'Password and matching password must be identical',
    ]);
    expect(root(step).activeElement?.id).to.equal('error-summary');
    expect(byLabel(form, 'Street address').value).to.equal('Gedimino pr. 1');
    expect(errors.map((e) => e.code)).to.deep.equal(['validation_failed']);
    expect(root(el).querySelector('[part="error"]')).to.equal(null);
    await expect(el).to.be.accessible();
    // Editing the field clears the server's verdict on it.
    enter(byLabel(form, 'Postal code'), '01104');
    await step.updateComplete;
    expect(errorOf(byLabel(form, 'Postal code'))).to.equal('');
    // A link to another page's field turns to it.
    summaryOf(form)!
      .links.find((link) => link.textContent === 'Email domain not allowed')!
      .click();
    await step.updateComplete;
    expect(pageHeading(form)).to.equal('Part 3 of 3 Contact and password');
    expect(root(step).activeElement?.id).to.equal(byLabel(form, 'Email').id);
    expect(errorOf(byLabel(form, 'Email'))).to.equal('Email domain not allowed');
    expect(errorOf(byLabel(form, 'Repeat the password'))).to.equal(
      'Password and matching password must be identical',
    );
    expect(byLabel(form, 'Create a password').value).to.equal(VALID_PASSWORD);
  });

  it('shows a duplicate email on the email field with a "Sign in instead" action', async () => {
    const { backend } = recordingBackend({
      registerIndividual: async () => {
        throw apiError({ code: 'duplicate_email', message: 'Email exists', status: 409 });
      },
    });
    const { el, form, step } = await openRegistration(backend);
    await fillRegistration(form);
    submit(form);
    const email = byLabel(form, 'Email');
    await waitUntil(() => errorOf(email) !== '', 'duplicate not shown');
    expect(errorOf(email)).to.equal('This email is already registered');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(summaryOf(form)!.items).to.deep.equal(['This email is already registered']);
    expect(root(step).activeElement?.id).to.equal('error-summary');
    await expect(el).to.be.accessible();
    const request = oneEvent(el, 'finhub-sign-in-request') as Promise<FinHubSignInRequestEvent>;
    buttonNamed(form, 'Sign in instead').click();
    expect((await request).detail).to.deep.equal({
      flow: 'individual',
      step: 'registration',
      reason: 'duplicate_email',
    });
    enter(email, 'ona2@example.com');
    await step.updateComplete;
    expect(errorOf(email)).to.equal('');
    expect([...form.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.not.include(
      'Sign in instead',
    );
  });

  it('toggles password visibility with a real pressed button', async () => {
    const { form, step } = await openRegistration();
    await fillRegistration(form);
    const toggle = buttonNamed(form, 'Show passwords');
    expect(toggle.getAttribute('type')).to.equal('button');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(toggle.getAttribute('aria-controls')).to.equal('password matchingPassword');
    expect(byLabel(form, 'Create a password').getAttribute('type')).to.equal('password');
    enter(byLabel(form, 'Create a password'), 'Secret-Value-1');
    toggle.click();
    await step.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(byLabel(form, 'Create a password').getAttribute('type')).to.equal('text');
    expect(byLabel(form, 'Repeat the password').getAttribute('type')).to.equal('text');
    expect(byLabel(form, 'Create a password').value).to.equal('Secret-Value-1');
    toggle.click();
    await step.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(byLabel(form, 'Create a password').getAttribute('type')).to.equal('password');
  });

  it('blocks a double submit while busy and shows progress', async () => {
    const gate = deferred<object>();
    const { backend, calls } = recordingBackend({ registerIndividual: () => gate.promise });
    const { el, form, step } = await openRegistration(backend);
    await fillRegistration(form);
    const button = buttonNamed(form, 'Create account');
    button.click();
    button.click(); // same task
    await step.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(form.querySelector('progress[part="progress"]')).to.exist;
    expect(form.textContent).to.contain('Creating your account…');
    form.querySelector('form')!.requestSubmit(); // Enter
    button.click();
    await step.updateComplete; // busy: both ignored on the spot
    expect(calls.filter((c) => c.method === 'registerIndividual')).to.have.length(1);
    await el.updateComplete;
    expect(statusText(el)).to.equal('Creating your account…');
    await expect(el).to.be.accessible();
    gate.resolve({});
    await stepOf(el, 'finhub-step-verification');
  });

  it('prefills from the host but never the password', async () => {
    const { form } = await openRegistration(undefined, (el) => {
      el.prefill = {
        firstName: 'Ona',
        email: 'ona@example.com',
        nationality: 'LT',
        // A host in plain JS might try this:
        ...({ password: 'Leaked-Secret-1' } as object),
      };
    });
    expect(byLabel(form, 'First name').value).to.equal('Ona');
    expect(byLabel(form, 'Nationality').value).to.equal('LT');
    expect(byLabel(form, 'Last name').value).to.equal('');
    const {
      Email,
      'Create a password': p1,
      'Repeat the password': p2,
      ...rest
    } = registrationValues();
    void [Email, p1, p2];
    await fillPages(form, rest);
    expect(byLabel(form, 'Email').value).to.equal('ona@example.com');
    expect(byLabel(form, 'Create a password').value).to.equal('');
  });

  it('keeps each page’s draft across Back, and what was typed (not passwords) across the category', async () => {
    const { el, form, step } = await openRegistration();
    await fillRegistration(form, { 'Town or city': 'Kaunas' });
    enter(byLabel(form, 'Phone number'), '+37060099999');
    enter(byLabel(form, 'Create a password'), VALID_PASSWORD);
    buttonNamed(form, 'Back').click();
    await step.updateComplete;
    expect(pageHeading(form)).to.equal('Part 2 of 3 Home address');
    expect(byLabel(form, 'Town or city').value).to.equal('Kaunas');
    expect(byLabel(form, 'Country').value).to.equal('LT');
    buttonNamed(form, 'Back').click();
    await step.updateComplete;
    expect(pageHeading(form)).to.equal('Part 1 of 3 About you');
    expect(byLabel(form, 'First name').value).to.equal('Ona');
    expect(byLabel(form, 'Gender').value).to.equal('FEMALE');
    // Forward again: the later pages kept theirs too.
    buttonNamed(form, 'Continue').click();
    await step.updateComplete;
    expect(byLabel(form, 'Town or city').value).to.equal('Kaunas');
    buttonNamed(form, 'Continue').click();
    await step.updateComplete;
    expect(byLabel(form, 'Phone number').value).to.equal('+37060099999');
    expect(byLabel(form, 'Create a password').value).to.equal(VALID_PASSWORD);
    // Back from the first page leaves the step; returning starts from the draft.
    await showField(form, 'First name');
    buttonNamed(form, 'Back').click();
    const categorization = await stepOf<FinHubCategorizationStep>(el, 'finhub-step-categorization');
    buttonNamed(root(categorization), 'Continue').click();
    const again = root(await stepOf<FinHubIndividualRegistrationStep>(el, REGISTRATION));
    expect(pageHeading(again)).to.equal('Part 1 of 3 About you');
    expect(byLabel(again, 'First name').value).to.equal('Ona');
    expect(byLabel(again, 'Gender').value).to.equal('FEMALE');
    expect((await showField(again, 'Town or city')).value).to.equal('Kaunas');
    expect((await showField(again, 'Phone number')).value).to.equal('+37060099999');
    expect(byLabel(again, 'Create a password').value).to.equal('');
  });

  it('names countries in the element’s locale', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()} locale="lt"></finhub-onboarding>`,
    );
    try {
      const categorization = await stepOf<FinHubCategorizationStep>(
        el,
        'finhub-step-categorization',
      );
      await waitUntil(() => root(categorization).querySelector('input[type="radio"]'));
      buttonNamed(root(categorization), 'Tęsti').click();
      const step = await stepOf<FinHubIndividualRegistrationStep>(el, REGISTRATION);
      const form = root(step);
      expect(byLabel(form, 'Vardas')).to.exist;
      const lt = form.querySelector<HTMLOptionElement>('#nationality option[value="LT"]')!;
      expect(lt.textContent!.trim()).to.equal('Lietuva');
    } finally {
      el.locale = 'en';
      await el.updateComplete;
    }
  });
});
