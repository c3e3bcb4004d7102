import { expect, fixture, html } from '@open-wc/testing';
import { defineOnce } from '../../src/element/define-once.js';
import { FinHubPersonnelStep } from '../../src/steps/personnel/personnel-view.js';
import { StepAnnounceEvent, StepSubmitEvent } from '../../src/steps/common/step-events.js';
import { personnelRequests } from '../../src/steps/personnel/personnel-requests.js';
import type {
  PersonnelValues,
  SavedPersonnel,
} from '../../src/steps/personnel/personnel.schema.js';
import { enter, errorOf, leave, root, summaryOf, type Control } from './helpers.js';

const TAG = 'finhub-step-personnel';
defineOnce(TAG, FinHubPersonnelStep);

const ADMIN_REASON =
  'At least one employee needs the Admin user role: they can manage the account.';

type SectionName = 'employees' | 'directors' | 'shareholders';

async function open(setup: (el: FinHubPersonnelStep) => void = () => {}) {
  const el = await fixture<FinHubPersonnelStep>(
    html`<finhub-step-personnel></finhub-step-personnel>`,
  );
  const events = record(el);
  setup(el);
  await el.updateComplete;
  return { el, shadow: root(el), ...events };
}

function record(el: HTMLElement) {
  const submits: PersonnelValues[] = [];
  const announcements: string[] = [];
  el.addEventListener(StepSubmitEvent.eventName, (e) =>
    submits.push((e as StepSubmitEvent<PersonnelValues>).value),
  );
  el.addEventListener(StepAnnounceEvent.eventName, (e) =>
    announcements.push((e as StepAnnounceEvent).message),
  );
  return { submits, announcements };
}

const sectionOf = (el: FinHubPersonnelStep, name: SectionName): HTMLElement =>
  root(el).querySelector<HTMLElement>(`section[aria-labelledby="${name}-heading"]`)!;

/** A control inside `scope` found by its visible label text. */
function field(scope: Element, label: string): Control {
  const match = [...scope.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  if (!match) throw new Error(`No label "${label}"`);
  const control = (scope.getRootNode() as ShadowRoot).getElementById(match.htmlFor);
  if (!control) throw new Error(`Label "${label}" names no control`);
  return control as Control;
}

/** A button by its accessible name (aria-label, else its text). */
function button(scope: Element | ShadowRoot, name: string): HTMLButtonElement {
  const found = [...scope.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  );
  if (!found) throw new Error(`No button "${name}"`);
  return found;
}

const hasButton = (scope: Element | ShadowRoot, name: string) =>
  [...scope.querySelectorAll('button')].some(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  );

const formOf = (el: FinHubPersonnelStep, name: SectionName) =>
  root(el).querySelector<HTMLFormElement>(`#${name}-form`);

/** The text a fieldset's aria-describedby points to (hint and errors). */
const describedText = (node: Element) =>
  (node.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => (node.getRootNode() as ShadowRoot).getElementById(id)?.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

const listItems = (el: FinHubPersonnelStep, name: SectionName) =>
  [...sectionOf(el, name).querySelectorAll('ul.rows > li')].map((li) =>
    li.querySelector('.row-name')!.textContent!.trim(),
  );

const problemOf = (el: FinHubPersonnelStep, name: SectionName) =>
  root(el).getElementById(`${name}-problem`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const totalText = (el: FinHubPersonnelStep) =>
  root(el).getElementById('ownership-total')!.textContent!.replace(/\s+/g, ' ').trim();

async function clickAdd(el: FinHubPersonnelStep, name: SectionName, label: string) {
  button(sectionOf(el, name), label).click();
  await el.updateComplete;
  return formOf(el, name)!;
}

interface EmployeeInput {
  first: string;
  last: string;
  email: string;
  position?: string;
  phone?: string;
  /** Role labels to tick in addition to the defaults / untick when already ticked. */
  toggle?: string[];
}

async function addEmployee(el: FinHubPersonnelStep, input: EmployeeInput) {
  const form = await clickAdd(el, 'employees', 'Add an employee');
  enter(field(form, 'First name'), input.first);
  enter(field(form, 'Last name'), input.last);
  enter(field(form, 'Email'), input.email);
  if (input.phone) enter(field(form, 'Phone number (optional)'), input.phone);
  enter(field(form, 'Position'), input.position ?? 'EMPLOYEE');
  for (const role of input.toggle ?? []) (field(form, role) as HTMLInputElement).click();
  await el.updateComplete;
  button(form, 'Add employee').click();
  await el.updateComplete;
}

async function addDirector(
  el: FinHubPersonnelStep,
  first: string,
  last: string,
  email: string,
  extra: { appointmentDate?: string } = {},
) {
  const form = await clickAdd(el, 'directors', 'Add a director');
  enter(field(form, 'First name'), first);
  enter(field(form, 'Last name'), last);
  enter(field(form, 'Email'), email);
  enter(field(form, 'Date of birth'), '1980-05-15');
  enter(field(form, 'Nationality'), 'LT');
  enter(field(form, 'Director role'), 'MANAGING_DIRECTOR');
  if (extra.appointmentDate)
    enter(field(form, 'Appointment date (optional)'), extra.appointmentDate);
  button(form, 'Add director').click();
  await el.updateComplete;
}

async function addShareholder(
  el: FinHubPersonnelStep,
  holder: { person?: [string, string]; company?: string; percent: string; pep?: 'Yes' | 'No' },
) {
  const form = await clickAdd(el, 'shareholders', 'Add a shareholder');
  (field(form, holder.company ? 'A company' : 'A person') as HTMLInputElement).click();
  await el.updateComplete;
  if (holder.company) enter(field(form, 'Company name'), holder.company);
  else {
    enter(field(form, 'First name'), holder.person![0]);
    enter(field(form, 'Last name'), holder.person![1]);
  }
  enter(field(form, 'Ownership (%)'), holder.percent);
  (field(form, holder.pep ?? 'No') as HTMLInputElement).click();
  await el.updateComplete;
  button(form, 'Add shareholder').click();
  await el.updateComplete;
}

/** A valid set: an admin employee, a director, one 100% holder. */
async function fillValid(el: FinHubPersonnelStep) {
  await addEmployee(el, {
    first: 'Rita',
    last: 'Admin',
    email: 'rita@acme.example',
    position: 'CEO',
  });
  await addDirector(el, 'Rita', 'Director', 'rita.d@acme.example');
  await addShareholder(el, { person: ['Ona', 'Owner'], percent: '100' });
}

const clickContinue = async (el: FinHubPersonnelStep) => {
  button(root(el), 'Continue').click();
  await el.updateComplete;
};

describe('personnel step', () => {
  it('shows three headed, empty sections with a live ownership total', async () => {
    const { el, shadow } = await open();
    const headings = [...shadow.querySelectorAll('h3')].map((h) => h.textContent!.trim());
    expect(headings).to.deep.equal(['Employees', 'Directors', 'Shareholders']);
    expect(sectionOf(el, 'employees').textContent).to.contain('No employees yet.');
    expect(sectionOf(el, 'directors').textContent).to.contain('No directors yet.');
    const total = shadow.getElementById('ownership-total')!;
    expect(total.getAttribute('role')).to.equal('status');
    expect(totalText(el)).to.equal('Total ownership: 0% — 100% left to allocate');
    await expect(el).to.be.accessible();
    // All three row forms open at once keep unique ids and labels.
    await clickAdd(el, 'employees', 'Add an employee');
    await clickAdd(el, 'directors', 'Add a director');
    const holder = await clickAdd(el, 'shareholders', 'Add a shareholder');
    (field(holder, 'A company') as HTMLInputElement).click();
    await el.updateComplete;
    expect(field(holder, 'Company name')).to.exist;
    expect(
      field(formOf(el, 'directors')!, 'Nationality').querySelectorAll('option'),
    ).to.have.length(250);
    await expect(el).to.be.accessible();
  });

  it('ticks Admin user for the first employee and says why', async () => {
    const { el } = await open();
    const form = await clickAdd(el, 'employees', 'Add an employee');
    expect(root(el).activeElement).to.equal(field(form, 'First name'));
    const admin = field(form, 'Admin user') as HTMLInputElement;
    expect(admin.checked).to.be.true;
    expect((field(form, 'Employee') as HTMLInputElement).checked).to.be.false;
    const roles = form.querySelector('fieldset#employee-roles')!;
    expect(roles.querySelector('legend')!.textContent!.trim()).to.equal('Roles');
    expect(describedText(roles)).to.contain(ADMIN_REASON);
    await expect(el).to.be.accessible();
    // Once an admin exists, the next employee starts without it and without the note.
    button(form, 'Cancel').click();
    await el.updateComplete;
    await addEmployee(el, { first: 'Rita', last: 'Admin', email: 'rita@acme.example' });
    const second = await clickAdd(el, 'employees', 'Add an employee');
    expect((field(second, 'Admin user') as HTMLInputElement).checked).to.be.false;
    expect(describedText(second.querySelector('fieldset#employee-roles')!)).to.not.contain(
      ADMIN_REASON,
    );
  });

  it('validates a row before adding it, with messages on the fields', async () => {
    const { el, announcements } = await open();
    const form = await clickAdd(el, 'employees', 'Add an employee');
    (field(form, 'Admin user') as HTMLInputElement).click(); // untick: no role left
    enter(field(form, 'Email'), 'rita@');
    leave(field(form, 'Email'));
    await el.updateComplete;
    expect(errorOf(field(form, 'Email'))).to.equal('Enter an email address like name@example.com');
    expect(errorOf(field(form, 'First name'))).to.equal(''); // untouched
    button(form, 'Add employee').click();
    await el.updateComplete;
    expect(errorOf(field(form, 'First name'))).to.equal('Enter the employee’s first name');
    expect(errorOf(field(form, 'Last name'))).to.equal('Enter the employee’s last name');
    expect(errorOf(field(form, 'Position'))).to.equal('Choose the employee’s position');
    expect(describedText(form.querySelector('fieldset#employee-roles')!)).to.contain(
      'Choose at least one role',
    );
    // The summary at the top of the row form lists them, and has the focus.
    expect(root(el).activeElement?.id).to.equal('employees-summary');
    expect(summaryOf(root(el), 'employees-summary')!.items).to.have.length(5);
    summaryOf(root(el), 'employees-summary')!.links[0]!.click();
    expect(root(el).activeElement?.id).to.equal(field(form, 'First name').id);
    void announcements;
    expect(listItems(el, 'employees')).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('adds, edits and removes rows, naming each row’s buttons and moving focus sensibly', async () => {
    const { el, announcements } = await open();
    await addDirector(el, 'Rita', 'Director', 'rita.d@acme.example');
    expect(root(el).activeElement).to.equal(button(sectionOf(el, 'directors'), 'Add a director'));
    expect(announcements.at(-1)).to.equal('Added Rita Director.');
    await addDirector(el, 'Jonas', 'Board', 'jonas@acme.example');
    expect(listItems(el, 'directors')).to.deep.equal(['Rita Director', 'Jonas Board']);
    const list = sectionOf(el, 'directors').querySelector('ul')!;
    expect(list.getAttribute('aria-labelledby')).to.equal('directors-heading');
    expect(list.querySelectorAll('li')).to.have.length(2);

    // Edit (before sending): the form opens with the row's values.
    button(list, 'Edit Rita Director').click();
    await el.updateComplete;
    const form = formOf(el, 'directors')!;
    expect(form.querySelector('h4')!.textContent!.trim()).to.equal('Edit Rita Director');
    expect(field(form, 'Email').value).to.equal('rita.d@acme.example');
    expect(root(el).activeElement).to.equal(field(form, 'First name'));
    expect(hasButton(list, 'Remove Rita Director')).to.be.false; // not while being edited
    enter(field(form, 'Last name'), 'Chair');
    button(form, 'Update director').click();
    await el.updateComplete;
    expect(listItems(el, 'directors')).to.deep.equal(['Rita Chair', 'Jonas Board']);
    expect(root(el).activeElement).to.equal(button(list, 'Edit Rita Chair'));
    expect(announcements.at(-1)).to.equal('Updated Rita Chair.');

    // Remove: focus goes to the next row's Remove, then to Add when the list is empty.
    button(list, 'Remove Rita Chair').click();
    await el.updateComplete;
    expect(listItems(el, 'directors')).to.deep.equal(['Jonas Board']);
    expect(root(el).activeElement).to.equal(button(root(el), 'Remove Jonas Board'));
    expect(announcements.at(-1)).to.equal('Removed Rita Chair.');
    button(root(el), 'Remove Jonas Board').click();
    await el.updateComplete;
    expect(listItems(el, 'directors')).to.deep.equal([]);
    expect(root(el).activeElement).to.equal(button(sectionOf(el, 'directors'), 'Add a director'));

    // Cancel returns focus to where the form was opened from.
    await clickAdd(el, 'directors', 'Add a director');
    button(formOf(el, 'directors')!, 'Cancel').click();
    await el.updateComplete;
    expect(formOf(el, 'directors')).to.equal(null);
    expect(root(el).activeElement).to.equal(button(sectionOf(el, 'directors'), 'Add a director'));

    // Removing the last row while a new-row form is open focuses that form's heading.
    await addDirector(el, 'Rita', 'Director', 'rita.d@acme.example');
    await clickAdd(el, 'directors', 'Add a director');
    button(root(el), 'Remove Rita Director').click();
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(root(el).getElementById('directors-form-heading'));
  });

  it('refuses Continue without an Admin user employee, before any request', async () => {
    const { el, submits, announcements } = await open();
    await addEmployee(el, {
      first: 'Eve',
      last: 'Staff',
      email: 'eve@acme.example',
      toggle: ['Admin user', 'Employee'],
    });
    await addDirector(el, 'Rita', 'Director', 'rita.d@acme.example');
    await addShareholder(el, { person: ['Ona', 'Owner'], percent: '100' });
    await clickContinue(el);
    expect(submits).to.have.length(0);
    expect(problemOf(el, 'employees')).to.equal(
      'Add an employee with the Admin user role: at least one is needed, and they can manage the account.',
    );
    expect(root(el).activeElement).to.equal(root(el).getElementById('employees-problem'));
    expect(announcements.at(-1)).to.equal(problemOf(el, 'employees'));
    expect(problemOf(el, 'directors')).to.equal('');
    expect(problemOf(el, 'shareholders')).to.equal('');
    await expect(el).to.be.accessible();
    // Fixing it clears the message at once.
    button(root(el), 'Edit Eve Staff').click();
    await el.updateComplete;
    (field(formOf(el, 'employees')!, 'Admin user') as HTMLInputElement).click();
    button(formOf(el, 'employees')!, 'Update employee').click();
    await el.updateComplete;
    expect(problemOf(el, 'employees')).to.equal('');
  });

  it('refuses Continue without a director', async () => {
    const { el, submits } = await open();
    await addEmployee(el, { first: 'Rita', last: 'Admin', email: 'rita@acme.example' });
    await addShareholder(el, { company: 'Acme Holdings', percent: '100' });
    await clickContinue(el);
    expect(submits).to.have.length(0);
    expect(problemOf(el, 'directors')).to.equal(
      'Add at least one director: the account cannot be activated without one.',
    );
    expect(root(el).activeElement).to.equal(root(el).getElementById('directors-problem'));
    expect(
      button(sectionOf(el, 'directors'), 'Add a director').getAttribute('aria-describedby'),
    ).to.equal('directors-problem');
  });

  it('refuses 90% and 110% ownership with what is left or over', async () => {
    const { el, submits, announcements } = await open();
    await addEmployee(el, { first: 'Rita', last: 'Admin', email: 'rita@acme.example' });
    await addDirector(el, 'Rita', 'Director', 'rita.d@acme.example');
    await addShareholder(el, { person: ['Ona', 'Owner'], percent: '60' });
    await addShareholder(el, { company: 'Acme Holdings', percent: '30' });
    expect(totalText(el)).to.equal('Total ownership: 90% — 10% left to allocate');
    await clickContinue(el);
    expect(submits).to.have.length(0);
    expect(problemOf(el, 'shareholders')).to.equal(
      'Ownership adds up to 90%; 10% is still unallocated.',
    );
    expect(announcements.at(-1)).to.contain('10% is still unallocated');
    expect(root(el).activeElement).to.equal(root(el).getElementById('shareholders-problem'));
    await expect(el).to.be.accessible();

    await addShareholder(el, { person: ['Jonas', 'Extra'], percent: '20' });
    expect(totalText(el)).to.equal('Total ownership: 110% — 10% over 100%');
    expect(problemOf(el, 'shareholders')).to.equal('Ownership adds up to 110%; reduce it by 10%.');
    await clickContinue(el);
    expect(submits).to.have.length(0);
  });

  it('accepts exactly 100% across three holders with decimals', async () => {
    const { el, submits } = await open();
    await addEmployee(el, { first: 'Rita', last: 'Admin', email: 'rita@acme.example' });
    await addDirector(el, 'Rita', 'Director', 'rita.d@acme.example');
    await addShareholder(el, { person: ['Ona', 'One'], percent: '33.33' });
    await addShareholder(el, { person: ['Ona', 'Two'], percent: '33,33' });
    await addShareholder(el, { company: 'Three UAB', percent: '33.34' });
    expect(totalText(el)).to.equal('Total ownership: 100% — fully allocated');
    await clickContinue(el);
    expect(submits).to.have.length(1);
    expect(submits[0]!.shareholders.map((s) => s.ownershipPercentage)).to.deep.equal([
      33.33, 33.33, 33.34,
    ]);
  });

  it('flags a beneficial owner at 25% and not at 24.99%, live and in the row', async () => {
    const { el, submits } = await open();
    const form = await clickAdd(el, 'shareholders', 'Add a shareholder');
    (field(form, 'A person') as HTMLInputElement).click();
    await el.updateComplete;
    const flag = () => form.querySelector<HTMLElement>('.owner-flag')!;
    enter(field(form, 'Ownership (%)'), '24.99');
    await el.updateComplete;
    expect(flag().hidden).to.be.true;
    enter(field(form, 'Ownership (%)'), '25');
    await el.updateComplete;
    expect(flag().hidden).to.be.false;
    expect(flag().textContent!.trim()).to.equal('Owns 25% or more');
    button(form, 'Cancel').click();
    await el.updateComplete;

    await addEmployee(el, { first: 'Rita', last: 'Admin', email: 'rita@acme.example' });
    await addDirector(el, 'Rita', 'Director', 'rita.d@acme.example');
    await addShareholder(el, { person: ['Big', 'Owner'], percent: '25' });
    await addShareholder(el, { person: ['Small', 'Owner'], percent: '24.99' });
    await addShareholder(el, { company: 'Rest UAB', percent: '50.01', pep: 'Yes' });
    const rows = [...sectionOf(el, 'shareholders').querySelectorAll('li')];
    const badges = rows.map((li) =>
      [...li.querySelectorAll('.badge')].map((b) => b.textContent!.trim()),
    );
    expect(badges).to.deep.equal([
      ['Owns 25% or more'],
      [],
      ['Owns 25% or more', 'Politically exposed person'],
    ]);
    await clickContinue(el);
    expect(submits[0]!.shareholders.map((s) => [s.isBeneficialOwner, s.isPEP])).to.deep.equal([
      [true, false],
      [false, false],
      [true, true],
    ]);
  });

  it('requires a PEP declaration and explains what a PEP is', async () => {
    const { el } = await open();
    const form = await clickAdd(el, 'shareholders', 'Add a shareholder');
    (field(form, 'A person') as HTMLInputElement).click();
    await el.updateComplete;
    enter(field(form, 'First name'), 'Ona');
    enter(field(form, 'Last name'), 'Owner');
    enter(field(form, 'Ownership (%)'), '100');
    const pep = form.querySelector('fieldset#shareholder-pep')!;
    expect(pep.querySelector('legend')!.textContent!.trim()).to.equal(
      'Is this person a politically exposed person (PEP)?',
    );
    expect(describedText(pep)).to.contain('A politically exposed person (PEP) holds');
    button(form, 'Add shareholder').click();
    await el.updateComplete;
    expect(describedText(pep)).to.contain(
      'Answer whether this shareholder is a politically exposed person',
    );
    expect(pep.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).activeElement?.id).to.equal('shareholders-summary');
    summaryOf(root(el), 'shareholders-summary')!.links[0]!.click();
    expect(root(el).activeElement?.id).to.equal(field(form, 'Yes').id);
    expect(listItems(el, 'shareholders')).to.deep.equal([]);
    await expect(el).to.be.accessible();
    (field(form, 'No') as HTMLInputElement).click();
    button(form, 'Add shareholder').click();
    await el.updateComplete;
    expect(listItems(el, 'shareholders')).to.deep.equal(['Ona Owner']);
  });

  it('shows saved rows as saved, not editable or removable, and counts them in the rules', async () => {
    const saved: SavedPersonnel = {
      employees: [
        { firstName: 'Rita', lastName: 'Admin', email: 'rita@acme.example', roles: ['ADMIN_USER'] },
      ],
      directors: [
        {
          directorId: 'd1',
          firstName: 'Rita',
          lastName: 'Director',
          email: 'rita.d@acme.example',
          role: 'CEO',
          appointedDate: '2020-01-15',
          status: 'ACTIVE',
        },
      ],
      shareholders: [
        {
          type: 'CORPORATE',
          companyName: 'Acme Holdings',
          ownershipPercentage: 60,
          isBeneficialOwner: true,
          isPEP: false,
        },
      ],
    };
    const { el, submits } = await open((step) => (step.saved = saved));
    for (const name of ['employees', 'directors', 'shareholders'] as const) {
      const items = sectionOf(el, name).querySelectorAll('li');
      expect(items, name).to.have.length(1);
      expect(items[0]!.querySelector('.badge')!.textContent!.trim()).to.equal('Saved');
      expect(items[0]!.querySelectorAll('button'), name).to.have.length(0);
    }
    expect(sectionOf(el, 'directors').textContent).to.contain('CEO'); // FinHub's role as given
    expect(hasButton(root(el), 'Remove Rita Director')).to.be.false;
    expect(totalText(el)).to.equal('Total ownership: 60% — 40% left to allocate');
    // The same email as a saved director is refused.
    const form = await clickAdd(el, 'directors', 'Add a director');
    enter(field(form, 'Email'), 'RITA.D@acme.example');
    leave(field(form, 'Email'));
    await el.updateComplete;
    expect(errorOf(field(form, 'Email'))).to.equal(
      'Another director already has this email address',
    );
    button(form, 'Cancel').click();
    await el.updateComplete;
    // The saved admin and director satisfy the rules; only the new holder is sent.
    await addShareholder(el, { person: ['Ona', 'Owner'], percent: '40' });
    await clickContinue(el);
    expect(submits).to.deep.equal([
      {
        employees: [],
        directors: [],
        shareholders: [
          {
            type: 'INDIVIDUAL',
            firstName: 'Ona',
            lastName: 'Owner',
            ownershipPercentage: 40,
            isBeneficialOwner: true,
            isPEP: false,
          },
        ],
      },
    ]);
    await expect(el).to.be.accessible();
  });

  it('emits only new rows, shaped as requests, employees → directors → shareholders', async () => {
    const { el, submits } = await open();
    await addEmployee(el, {
      first: 'Eve',
      last: 'Staff',
      email: 'eve@acme.example',
      toggle: ['Admin user', 'Transaction approver'],
      position: 'TRANSACTION_APPROVER',
    });
    await addEmployee(el, {
      first: 'Rita',
      last: 'Admin',
      email: 'rita@acme.example',
      phone: '+370 600 12345',
      position: 'COMPLIANCE_OFFICER',
      toggle: ['Compliance officer'], // Admin user starts ticked: no employee has it yet
    });
    await addDirector(el, 'Rita', 'Director', 'rita.d@acme.example', {
      appointmentDate: '2020-01-15',
    });
    await addShareholder(el, { company: 'Acme Holdings', percent: '100' });
    await expect(el).to.be.accessible();
    await clickContinue(el);
    expect(submits).to.have.length(1);
    const value = submits[0]!;
    expect(Object.keys(value)).to.deep.equal(['employees', 'directors', 'shareholders']);
    // FinHub refuses a first employee without ADMIN_USER (docs/finhub-contract.md#employees): the
    // admin goes first.
    expect(value.employees).to.deep.equal([
      {
        person: {
          firstName: 'Rita',
          lastName: 'Admin',
          email: 'rita@acme.example',
          phoneNumber: '+37060012345',
        },
        position: 'COMPLIANCE_OFFICER',
        roles: ['ADMIN_USER', 'COMPLIANCE_OFFICER'],
      },
      {
        person: { firstName: 'Eve', lastName: 'Staff', email: 'eve@acme.example' },
        position: 'TRANSACTION_APPROVER',
        roles: ['TRANSACTION_APPROVER'],
      },
    ]);
    expect(listItems(el, 'employees')).to.deep.equal(['Rita Admin', 'Eve Staff']);
    expect(value.directors).to.deep.equal([
      {
        firstName: 'Rita',
        lastName: 'Director',
        email: 'rita.d@acme.example',
        role: 'MANAGING_DIRECTOR',
        dateOfBirth: '1980-05-15',
        nationality: 'LT',
        appointmentDate: '2020-01-15',
      },
    ]);
    expect(value.shareholders).to.deep.equal([
      {
        type: 'CORPORATE',
        companyName: 'Acme Holdings',
        ownershipPercentage: 100,
        isBeneficialOwner: true,
        isPEP: false,
      },
    ]);
    expect(personnelRequests(value).map((r) => r.section)).to.deep.equal([
      'employees',
      'employees',
      'directors',
      'shareholders',
    ]);
  });

  it('refuses Continue while a started row form is open, and drops an untouched one', async () => {
    const { el, submits } = await open();
    await fillValid(el);
    const form = await clickAdd(el, 'directors', 'Add a director');
    enter(field(form, 'First name'), 'Half');
    await clickContinue(el);
    expect(submits).to.have.length(0);
    expect(problemOf(el, 'directors')).to.equal('Finish or cancel the director you are editing.');
    button(formOf(el, 'directors')!, 'Cancel').click();
    await el.updateComplete;
    await clickAdd(el, 'employees', 'Add an employee');
    await clickContinue(el);
    expect(submits).to.have.length(1);
    expect(formOf(el, 'employees')).to.equal(null);
  });

  it('does not call the row being fixed unfinished until Continue is pressed again', async () => {
    const { el, submits } = await open();
    await fillValid(el);
    await addDirector(el, 'Jonas', 'Board', 'jonas@acme.example');
    await clickContinue(el);
    expect(submits).to.have.length(1);
    // FinHub refused the director; the person opens it to fix it.
    el.rowErrors = [{ section: 'directors', index: 1, message: 'Director already exists' }];
    await el.updateComplete;
    button(root(el), 'Edit Jonas Board').click();
    await el.updateComplete;
    enter(field(formOf(el, 'directors')!, 'Email'), 'jonas.b@acme.example');
    await el.updateComplete;
    expect(problemOf(el, 'directors')).to.equal('');
    // Continue with the form still open: now it is unfinished.
    await clickContinue(el);
    expect(problemOf(el, 'directors')).to.equal('Finish or cancel the director you are editing.');
    expect(submits).to.have.length(1);
  });

  it('shows a server error on the pending row it names and clears it once edited', async () => {
    const { el, announcements } = await open();
    await fillValid(el);
    await addDirector(el, 'Jonas', 'Board', 'jonas@acme.example');
    el.rowErrors = [{ section: 'directors', index: 1, message: 'Director already exists' }];
    await el.updateComplete;
    const rows = [...sectionOf(el, 'directors').querySelectorAll('li')];
    expect(rows[0]!.textContent).to.not.contain('Director already exists');
    expect(rows[1]!.querySelector('.field-error')!.textContent!.trim()).to.equal(
      'Director already exists',
    );
    const edit = button(root(el), 'Edit Jonas Board');
    expect(root(el).getElementById(edit.getAttribute('aria-describedby')!)!.textContent).to.contain(
      'Director already exists',
    );
    expect(root(el).activeElement).to.equal(edit);
    expect(announcements.at(-1)).to.equal('Director already exists');
    await expect(el).to.be.accessible();
    edit.click();
    await el.updateComplete;
    enter(field(formOf(el, 'directors')!, 'Email'), 'jonas.b@acme.example');
    button(formOf(el, 'directors')!, 'Update director').click();
    await el.updateComplete;
    expect(sectionOf(el, 'directors').textContent).to.not.contain('Director already exists');
  });

  it('drops rows FinHub now holds after a partial save', async () => {
    const { el } = await open();
    await fillValid(el);
    await addDirector(el, 'Jonas', 'Board', 'jonas@acme.example');
    el.removeSentRows({ employees: 1, directors: 1 });
    el.saved = {
      employees: [
        { firstName: 'Rita', lastName: 'Admin', email: 'rita@acme.example', roles: ['ADMIN_USER'] },
      ],
      directors: [{ firstName: 'Rita', lastName: 'Director' }],
      shareholders: [],
    };
    await el.updateComplete;
    expect(el.pending.employees).to.deep.equal([]);
    expect(el.pending.directors.map((d) => d.firstName)).to.deep.equal(['Jonas']);
    expect(listItems(el, 'directors')).to.deep.equal(['Rita Director', 'Jonas Board']);
    expect(hasButton(root(el), 'Remove Jonas Board')).to.be.true;
    expect(hasButton(root(el), 'Remove Rita Director')).to.be.false;
  });

  it('does nothing on Continue while busy and shows progress', async () => {
    const { el, submits, announcements } = await open();
    await fillValid(el);
    el.addEventListener(StepSubmitEvent.eventName, () => (el.busy = true));
    const next = button(root(el), 'Continue');
    next.click();
    next.click();
    await el.updateComplete;
    expect(submits).to.have.length(1);
    expect(next.getAttribute('aria-disabled')).to.equal('true');
    expect(root(el).querySelector('progress[part="progress"]')).to.exist;
    expect(announcements.at(-1)).to.equal('Saving the company’s people…');
    // Rows cannot change under a save in flight.
    button(root(el), 'Remove Rita Director').click();
    await el.updateComplete;
    expect(listItems(el, 'directors')).to.deep.equal(['Rita Director']);
    await expect(el).to.be.accessible();
  });
});
