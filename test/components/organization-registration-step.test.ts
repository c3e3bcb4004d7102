import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineOnce } from '../../src/element/define-once.js';
import { FinHubOrganizationRegistrationStep } from '../../src/steps/registration/organization-registration-view.js';
import {
  StepAnnounceEvent,
  StepDraftEvent,
  StepSubmitEvent,
} from '../../src/steps/common/step-events.js';
import {
  toRegisterOrganizationRequest,
  type OrganizationRegistrationDraft,
  type OrganizationRegistrationValues,
} from '../../src/steps/registration/organization-registration.schema.js';
import {
  buttonNamed,
  byLabel,
  enter,
  errorOf,
  fillPages,
  leave,
  pageHeading,
  root,
  showField,
  summaryOf,
} from './helpers.js';

const TAG = 'finhub-step-organization-registration';
defineOnce(TAG, FinHubOrganizationRegistrationStep);

const PASSWORD = 'Correct-Horse-9';

const VALID: Record<string, string> = {
  'Legal name': 'Acme Robotics UAB',
  'Trading name (optional)': 'Acme',
  'Registration number': '305123456',
  'Tax ID': 'LT100012345678',
  'Date of incorporation': '2015-03-20',
  'Legal form': 'LIMITED_LIABILITY_COMPANY',
  Industry: 'TECHNOLOGY',
  'Business description': 'Industrial robots for warehouses.',
  'Website (optional)': 'https://acme.example',
  'Company email': 'info@acme.example',
  'Company phone number': '+370 600 12345',
  'Street address': 'Gedimino pr. 1',
  'Town or city': 'Vilnius',
  'Postal code': '01103',
  Country: 'LT',
  'Admin email': 'rita@acme.example',
  'Create a password': PASSWORD,
  'Repeat the password': PASSWORD,
};

async function open(setup: (el: FinHubOrganizationRegistrationStep) => void = () => {}) {
  const el = await fixture<FinHubOrganizationRegistrationStep>(
    html`<finhub-step-organization-registration></finhub-step-organization-registration>`,
  );
  setup(el);
  await el.updateComplete;
  return { el, form: root(el) };
}

/** Fills the pages with valid details (and `overrides`), ending on the last page. */
const fill = (form: ShadowRoot, overrides: Record<string, string> = {}) =>
  fillPages(form, { ...VALID, ...overrides });

const PAGES: [string, string[]][] = [
  [
    'Part 1 of 4 About the company',
    [
      'Legal name',
      'Trading name (optional)',
      'Registration number',
      'Tax ID',
      'Date of incorporation',
      'Legal form',
    ],
  ],
  [
    'Part 2 of 4 Business and contact',
    [
      'Industry',
      'Business description',
      'Website (optional)',
      'Company email',
      'Company phone number',
    ],
  ],
  ['Part 3 of 4 Registered address', ['Street address', 'Town or city', 'Postal code', 'Country']],
  ['Part 4 of 4 Admin user', ['Admin email', 'Create a password', 'Repeat the password']],
];

const labels = (form: ShadowRoot) =>
  [...form.querySelectorAll('label')].map((label) => label.textContent!.trim());

/** Records the step's events. */
function record(el: HTMLElement) {
  const submits: StepSubmitEvent<OrganizationRegistrationValues>[] = [];
  const announcements: string[] = [];
  const drafts: OrganizationRegistrationDraft[] = [];
  el.addEventListener(StepSubmitEvent.eventName, (e) =>
    submits.push(e as StepSubmitEvent<OrganizationRegistrationValues>),
  );
  el.addEventListener(StepAnnounceEvent.eventName, (e) =>
    announcements.push((e as StepAnnounceEvent).message),
  );
  el.addEventListener(StepDraftEvent.eventName, (e) =>
    drafts.push((e as StepDraftEvent<OrganizationRegistrationDraft>).draft),
  );
  return { submits, announcements, drafts };
}

const submit = (form: ShadowRoot) => buttonNamed(form, 'Register company').click();

const today = () => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

const tomorrow = () => {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

describe('organization registration step', () => {
  it('labels every field visibly, names the choices and states the password rules up front', async () => {
    const { el, form } = await open();
    // Four short pages, each with its own fields, checked on Continue.
    for (const [index, [heading, fields]] of PAGES.entries()) {
      expect(pageHeading(form)).to.equal(heading);
      expect(labels(form).filter((label) => label in VALID)).to.deep.equal(fields);
      await expect(el).to.be.accessible();
      if (index < PAGES.length - 1) {
        for (const label of fields) enter(byLabel(form, label), VALID[label]!);
        buttonNamed(form, 'Continue').click();
        await el.updateComplete;
      }
    }
    expect(buttonNamed(form, 'Register company')).to.exist;
    const password = byLabel(form, 'Create a password');
    const hint = form.getElementById(password.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).to.contain('At least 12 characters');
    expect(byLabel(form, 'Admin email').getAttribute('type')).to.equal('email');
    expect((await showField(form, 'Date of incorporation')).getAttribute('max')).to.equal(today());
    expect(byLabel(form, 'Trading name (optional)').hasAttribute('required')).to.be.false;
    expect(byLabel(form, 'Legal name').hasAttribute('required')).to.be.true;
    const legalForms = [...(await showField(form, 'Legal form')).querySelectorAll('option')].map(
      (o) => [o.value, o.textContent!.trim()],
    );
    expect(legalForms).to.deep.equal([
      ['', 'Choose…'],
      ['LIMITED_LIABILITY_COMPANY', 'Limited liability company (Ltd, LLC)'],
      ['PUBLIC_LIMITED_COMPANY', 'Public limited company (PLC)'],
      ['SOLE_PROPRIETORSHIP', 'Sole proprietorship'],
      ['PARTNERSHIP', 'Partnership'],
      ['OTHER', 'Other'],
    ]);
    const industries = [...(await showField(form, 'Industry')).querySelectorAll('option')].map(
      (o) => o.value,
    );
    expect(industries).to.deep.equal([
      '',
      'TECHNOLOGY',
      'FINANCE',
      'RETAIL',
      'MANUFACTURING',
      'SERVICES',
      'OTHER',
    ]);
    const countries = (await showField(form, 'Country')).querySelectorAll('option');
    expect(countries).to.have.length(250);
    expect(form.querySelector('#country option[value="LT"]')!.textContent!.trim()).to.equal(
      'Lithuania',
    );
    expect((await showField(form, 'Business description')).tagName).to.equal('TEXTAREA');
  });

  it('shows an error only after a field is left, then keeps it current while typing', async () => {
    const { el, form } = await open();
    // Tabbing through an empty field says nothing yet.
    leave(byLabel(form, 'Registration number'));
    await el.updateComplete;
    expect(errorOf(byLabel(form, 'Registration number'))).to.equal('');
    const name = byLabel(form, 'Legal name');
    enter(name, 'A');
    await el.updateComplete;
    expect(errorOf(name)).to.equal('');
    expect(name.getAttribute('aria-invalid')).to.equal('false');
    leave(name);
    await el.updateComplete;
    expect(errorOf(name)).to.equal('Enter at least 2 characters');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(errorOf(byLabel(form, 'Tax ID'))).to.equal('');
    // Typed in and emptied again: leaving it says what is missing.
    enter(name, '');
    leave(name);
    await el.updateComplete;
    expect(errorOf(name)).to.equal('Enter the company’s legal name');
    enter(name, 'Acme');
    await el.updateComplete;
    expect(errorOf(name)).to.equal('');
  });

  it('shows each rule’s own message, tied to its field with aria-describedby', async () => {
    const { el, form } = await open();
    await fill(form);
    const cases: [string, string, string][] = [
      ['Legal name', ' ', 'Enter the company’s legal name'],
      ['Legal name', 'A', 'Enter at least 2 characters'],
      ['Registration number', '', 'Enter the company registration number'],
      ['Registration number', '#42', 'Use 2 to 40 letters, digits, spaces or . / -'],
      ['Tax ID', '', 'Enter the company’s tax ID'],
      ['Tax ID', 'LT*1', 'Use 2 to 40 letters, digits, spaces or . / -'],
      ['Date of incorporation', '', 'Enter the date of incorporation'],
      ['Date of incorporation', tomorrow(), 'The date of incorporation cannot be in the future'],
      ['Date of incorporation', '1700-01-01', 'Check the year of incorporation'],
      ['Legal form', '', 'Choose the legal form'],
      ['Industry', '', 'Choose the industry'],
      ['Business description', '  ', 'Describe what the business does'],
      ['Business description', 'x'.repeat(1001), 'Use 1000 characters or fewer'],
      ['Website (optional)', 'acme', 'Enter a web address like https://example.com'],
      ['Company email', '', 'Enter the company’s email address'],
      ['Company email', 'info.acme', 'Enter an email address like name@example.com'],
      ['Company phone number', '', 'Enter the company’s phone number'],
      [
        'Company phone number',
        '860012345',
        'Enter the phone number in international format: + and the country code, for example +37060012345',
      ],
      ['Street address', '', 'Enter the street address'],
      ['Town or city', '', 'Enter the town or city'],
      ['Postal code', '', 'Enter the postal code'],
      ['Country', '', 'Choose the country'],
      ['Admin email', '', 'Enter the admin user’s email address'],
      ['Admin email', 'rita@', 'Enter an email address like name@example.com'],
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
      if (label === 'Create a password') enter(byLabel(form, 'Repeat the password'), value);
      await el.updateComplete;
      expect(errorOf(control), `${label} = "${value}"`).to.equal(message);
      expect(control.getAttribute('aria-invalid'), label).to.equal('true');
      enter(control, before);
      if (label === 'Create a password') enter(byLabel(form, 'Repeat the password'), before);
      await el.updateComplete;
      expect(errorOf(control), `${label} fixed`).to.equal('');
    }
    // Optional fields may stay empty.
    for (const label of ['Trading name (optional)', 'Website (optional)']) {
      const control = await showField(form, label);
      enter(control, '');
      leave(control);
      await el.updateComplete;
      expect(errorOf(control), label).to.equal('');
    }
  });

  it('Continue on an empty page lists its problems in a focused summary that links to each field', async () => {
    const { el, form } = await open();
    const { submits, announcements } = record(el);
    enter(byLabel(form, 'Tax ID'), 'LT100012345678');
    buttonNamed(form, 'Continue').click();
    await el.updateComplete;
    expect(pageHeading(form)).to.equal('Part 1 of 4 About the company');
    const summary = summaryOf(form)!;
    expect(summary.title).to.equal('There is a problem');
    expect(summary.items).to.deep.equal([
      'Enter the company’s legal name',
      'Enter the company registration number',
      'Enter the date of incorporation',
      'Choose the legal form',
    ]);
    expect(form.activeElement?.id).to.equal('error-summary');
    expect(summary.box.getAttribute('tabindex')).to.equal('-1');
    // Only this page's fields: nothing on the later pages is checked yet.
    expect(errorOf(byLabel(form, 'Legal name'))).to.equal('Enter the company’s legal name');
    expect(errorOf(byLabel(form, 'Tax ID'))).to.equal('');
    summary.links[2]!.click();
    expect(form.activeElement?.id).to.equal(byLabel(form, 'Date of incorporation').id);
    expect(submits).to.have.length(0);
    expect(announcements).to.deep.equal([]);
    expect(byLabel(form, 'Tax ID').value).to.equal('LT100012345678');
    await expect(el).to.be.accessible();
    // Fixing a field takes it off the summary; with none left, the summary goes.
    enter(byLabel(form, 'Legal name'), 'Acme Robotics UAB');
    await el.updateComplete;
    expect(summaryOf(form)!.items).to.have.length(3);
    for (const label of ['Registration number', 'Date of incorporation', 'Legal form'])
      enter(byLabel(form, label), VALID[label]!);
    await el.updateComplete;
    expect(summaryOf(form)).to.equal(undefined);
  });

  it('the last page checks the whole form before sending', async () => {
    const { el, form } = await open();
    const { submits } = record(el);
    await fill(form, { 'Repeat the password': 'Other-Horse-9' });
    submit(form);
    await el.updateComplete;
    expect(submits).to.have.length(0);
    expect(summaryOf(form)!.items).to.deep.equal(['The passwords do not match']);
    expect(errorOf(byLabel(form, 'Repeat the password'))).to.equal('The passwords do not match');
    expect(form.activeElement?.id).to.equal('error-summary');
    // Nothing typed is lost, passwords included.
    expect(byLabel(form, 'Create a password').value).to.equal(PASSWORD);
    expect((await showField(form, 'Legal name')).value).to.equal('Acme Robotics UAB');
    expect(byLabel(form, 'Legal form').value).to.equal('LIMITED_LIABILITY_COMPANY');
  });

  it('submits values that map onto the expected RegisterOrganizationRequest', async () => {
    const { el, form } = await open();
    await fill(form, {
      'Legal name': '  Acme Robotics UAB ',
      'Website (optional)': 'acme.example',
    });
    const event = oneEvent(el, StepSubmitEvent.eventName) as Promise<
      StepSubmitEvent<OrganizationRegistrationValues>
    >;
    submit(form);
    const { value } = await event;
    const category = { id: 'fs-cat-b2b-small-001', name: 'Small Business' };
    expect(toRegisterOrganizationRequest(value, category)).to.deep.equal({
      email: 'rita@acme.example',
      password: PASSWORD,
      matchingPassword: PASSWORD,
      customerCategory: category,
      customerName: 'Acme',
      organization: {
        legalName: 'Acme Robotics UAB',
        tradingName: 'Acme',
        registrationNumber: '305123456',
        taxId: 'LT100012345678',
        incorporationDate: '2015-03-20',
        legalForm: 'LIMITED_LIABILITY_COMPANY',
        industry: 'TECHNOLOGY',
        businessDescription: 'Industrial robots for warehouses.',
        website: 'https://acme.example',
        email: 'info@acme.example',
        phone: '+37060012345',
        address: {
          type: 'REGISTERED',
          street: 'Gedimino pr. 1',
          city: 'Vilnius',
          postalCode: '01103',
          country: 'LT',
        },
      },
    });
  });

  it('takes FinHub’s field errors to the page of the first, in a summary linking to each', async () => {
    const { el, form } = await open();
    const { announcements } = record(el);
    await fill(form);
    el.serverErrors = [
      { field: 'email', message: 'Email domain not allowed' },
      {
        field: 'organizationCustomer.organization.addresses[0].postalCode',
        message: 'Postal code is invalid',
      },
      { field: 'organizationCustomer.organization.email', message: 'Company email bounced' },
      { field: 'customerCategory.id', message: 'Category is inactive' },
    ];
    await el.updateComplete;
    // From the last page to the page of the first field in the form's order.
    expect(pageHeading(form)).to.equal('Part 2 of 4 Business and contact');
    expect(errorOf(byLabel(form, 'Company email'))).to.equal('Company email bounced');
    const summary = summaryOf(form)!;
    expect(summary.items).to.deep.equal([
      'Category is inactive',
      'Company email bounced',
      'Postal code is invalid',
      'Email domain not allowed',
    ]);
    expect(form.activeElement?.id).to.equal('error-summary');
    expect(announcements).to.deep.equal([]);
    await expect(el).to.be.accessible();
    // A link to a field on another page turns to it.
    summary.links[2]!.click();
    await el.updateComplete;
    expect(pageHeading(form)).to.equal('Part 4 of 4 Admin user');
    expect(form.activeElement?.id).to.equal(byLabel(form, 'Admin email').id);
    expect(errorOf(byLabel(form, 'Admin email'))).to.equal('Email domain not allowed');
    expect(byLabel(form, 'Create a password').value).to.equal(PASSWORD);
    // Editing the field clears the server's verdict on it, and only on it.
    const postal = await showField(form, 'Postal code');
    expect(postal.getAttribute('aria-invalid')).to.equal('true');
    expect(byLabel(form, 'Street address').value).to.equal('Gedimino pr. 1');
    enter(postal, '01104');
    await el.updateComplete;
    expect(errorOf(postal)).to.equal('');
    expect(errorOf(await showField(form, 'Company email'))).to.equal('Company email bounced');
  });

  it('shows a duplicate admin email with a "Sign in instead" action', async () => {
    const { el, form } = await open();
    await fill(form);
    el.duplicateEmail = true;
    await el.updateComplete;
    const email = byLabel(form, 'Admin email');
    expect(errorOf(email)).to.equal('This email is already registered');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(summaryOf(form)!.items).to.deep.equal(['This email is already registered']);
    expect(form.activeElement?.id).to.equal('error-summary');
    await expect(el).to.be.accessible();
    const signIn = oneEvent(el, 'finhub-step-sign-in');
    buttonNamed(form, 'Sign in instead').click();
    await signIn;
    enter(email, 'rita2@acme.example');
    await el.updateComplete;
    expect(errorOf(email)).to.equal('');
    expect([...form.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.not.include(
      'Sign in instead',
    );
    // The company email is not the login: it stays valid.
    expect(errorOf(await showField(form, 'Company email'))).to.equal('');
  });

  it('toggles password visibility with a real pressed button', async () => {
    const { el, form } = await open();
    await fill(form);
    const toggle = buttonNamed(form, 'Show passwords');
    expect(toggle.getAttribute('type')).to.equal('button');
    expect(toggle.getAttribute('aria-controls')).to.equal('password matchingPassword');
    expect(byLabel(form, 'Create a password').getAttribute('type')).to.equal('password');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(byLabel(form, 'Create a password').getAttribute('type')).to.equal('text');
    expect(byLabel(form, 'Repeat the password').getAttribute('type')).to.equal('text');
  });

  it('sends nothing while busy and shows progress; a second click in the same task is ignored', async () => {
    const { el, form } = await open();
    const { submits, announcements } = record(el);
    // The shell sets `busy` as soon as it receives the submit.
    el.addEventListener(StepSubmitEvent.eventName, () => (el.busy = true));
    await fill(form);
    const button = buttonNamed(form, 'Register company');
    button.click();
    button.click();
    await el.updateComplete;
    form.querySelector('form')!.requestSubmit();
    await el.updateComplete;
    expect(submits).to.have.length(1);
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(form.querySelector('progress[part="progress"]')).to.exist;
    expect(form.textContent).to.contain('Registering the company…');
    expect(announcements).to.deep.equal(['Registering the company…']);
    await expect(el).to.be.accessible();
  });

  it('prefills from the host but never the passwords, and sends drafts without them', async () => {
    const { el, form } = await open((step) => {
      step.prefill = {
        legalName: 'Acme Robotics UAB',
        city: 'Kaunas',
        country: 'LT',
        email: 'rita@acme.example',
        ...({ password: 'Leaked-Secret-1', matchingPassword: 'Leaked-Secret-1' } as object),
      };
    });
    const { drafts } = record(el);
    expect(byLabel(form, 'Legal name').value).to.equal('Acme Robotics UAB');
    enter(byLabel(form, 'Tax ID'), 'LT1');
    leave(byLabel(form, 'Tax ID'));
    expect(drafts.at(-1)).to.deep.equal({
      legalName: 'Acme Robotics UAB',
      taxId: 'LT1',
      city: 'Kaunas',
      country: 'LT',
      email: 'rita@acme.example',
    });
    // A later prefill does not overwrite what the person typed.
    el.prefill = { taxId: 'FROM-HOST', city: 'Kaunas' };
    await el.updateComplete;
    expect(byLabel(form, 'Tax ID').value).to.equal('LT1');
    const typed = ['Create a password', 'Repeat the password', 'Admin email', 'Town or city'];
    await fillPages(
      form,
      Object.fromEntries(Object.entries(VALID).filter(([label]) => !typed.includes(label))),
    );
    expect(pageHeading(form)).to.equal('Part 4 of 4 Admin user');
    expect(byLabel(form, 'Admin email').value).to.equal('rita@acme.example');
    expect(byLabel(form, 'Create a password').value).to.equal('');
    expect(byLabel(form, 'Repeat the password').value).to.equal('');
    enter(byLabel(form, 'Create a password'), PASSWORD);
    leave(byLabel(form, 'Create a password'));
    expect(drafts.at(-1)).to.not.have.property('password');
    expect(JSON.stringify(drafts)).to.not.contain(PASSWORD);
    expect((await showField(form, 'Town or city')).value).to.equal('Kaunas');
    expect(byLabel(form, 'Country').value).to.equal('LT');
  });
});
