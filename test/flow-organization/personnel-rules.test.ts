/**
 * The people step's rules
 * (docs/finhub-contract.md#organization-flow, #employees, #directors, #shareholders) are refused on
 * the element, with a message that says what to do, before any personnel request leaves the
 * browser: no ADMIN_USER employee, no director, ownership of 90% and of 110%. And a row FinHub
 * itself refuses names that row.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { buttonNamed, errorOf, root, summaryOf } from '../components/helpers.js';
import {
  addDirector,
  addEmployee,
  addShareholder,
  bannerText,
  button,
  entriesFor,
  fault,
  journal,
  mountOrganization,
  problemOf,
  registerCompany,
  sectionOf,
  step,
  uniqueEmail,
  type Json,
} from './helpers.js';

const PERSONNEL_PATHS = ['/employee', '/director', '/shareholders'];

describe('organization people rules', () => {
  it('refuses no admin user, no director, 90% and 110% with clear messages and no request', async () => {
    const { el, deviceId, events } = await mountOrganization();
    const { email } = await registerCompany(el);
    const people = await step(el, 'finhub-step-personnel');
    const cont = () => buttonNamed(root(people), 'Continue').click();

    // Nothing at all: each section says what it needs.
    cont();
    await people.updateComplete;
    expect(problemOf(people, 'employees')).to.equal(
      'Add an employee with the Admin user role: at least one is needed, and they can manage the account.',
    );
    expect(problemOf(people, 'directors')).to.equal(
      'Add at least one director: the account cannot be activated without one.',
    );
    expect(problemOf(people, 'shareholders')).to.equal(
      'Add the company’s shareholders: ownership must add up to 100%.',
    );
    // Focus moves to the first problem.
    expect(root(people).activeElement?.id).to.equal('employees-problem');
    await expect(el).to.be.accessible();

    // An employee without the Admin user role (unticked), a director, 90%.
    await addEmployee(people, {
      first: 'Ona',
      last: 'Clerk',
      email,
      position: 'EMPLOYEE',
      toggle: ['Admin user', 'Employee'],
    });
    await addDirector(people, { first: 'Rita', last: 'Director', email: uniqueEmail('rita') });
    await addShareholder(people, { person: ['Rita', 'Director'], percent: '90' });
    cont();
    await people.updateComplete;
    expect(problemOf(people, 'employees')).to.contain('Admin user role');
    expect(problemOf(people, 'directors')).to.equal('');
    expect(problemOf(people, 'shareholders')).to.equal(
      'Ownership adds up to 90%; 10% is still unallocated.',
    );
    await expect(el).to.be.accessible();

    // 110%: over the top.
    await addShareholder(people, { company: 'Holdco Ltd', percent: '20' });
    cont();
    await people.updateComplete;
    expect(problemOf(people, 'shareholders')).to.equal(
      'Ownership adds up to 110%; reduce it by 10%.',
    );
    expect(root(people).getElementById('ownership-total')!.textContent).to.contain('10% over 100%');
    await expect(el).to.be.accessible();

    // No director: remove the only one.
    button(sectionOf(people, 'directors'), 'Remove Rita Director').click();
    await people.updateComplete;
    cont();
    await people.updateComplete;
    expect(problemOf(people, 'directors')).to.contain('Add at least one director');

    // Nothing about people reached FinHub, and the element raised no error event for rules.
    const seen = await journal(deviceId);
    for (const path of PERSONNEL_PATHS) expect(entriesFor(seen, 'POST', path)).to.have.length(0);
    expect(events.filter((e) => e.type === 'finhub-error')).to.have.length(0);
    expect(events.filter((e) => e.type === 'finhub-step-complete')).to.have.length(2);
  });

  it('names the row FinHub refuses, keeps what it saved, and sends only the rest again', async () => {
    const deviceId = crypto.randomUUID();
    const { el, events } = await mountOrganization({ deviceId });
    const { email } = await registerCompany(el);
    const people = await step(el, 'finhub-step-personnel');
    await addEmployee(people, { first: 'Ona', last: 'Admin', email });
    await addDirector(people, { first: 'Rita', last: 'Director', email: uniqueEmail('rita') });
    await addShareholder(people, { company: 'Holdco Ltd', percent: '100' });
    // FinHub refuses the director once (400 with the field).
    await fault({ path: '/director', method: 'POST', deviceId, status: 400 });
    buttonNamed(root(people), 'Continue').click();

    await waitUntil(
      () => events.some((e) => e.type === 'finhub-error'),
      'no finhub-error for the refused row',
      { timeout: 8000 },
    );
    await people.updateComplete;
    await el.updateComplete;
    // The employee is now listed as saved; the director row carries the error.
    const employees = sectionOf(people, 'employees').textContent!;
    expect(employees).to.contain('Ona Admin');
    expect(employees).to.contain('Saved');
    const directors = sectionOf(people, 'directors');
    expect(directors.querySelector('.field-error')?.textContent).to.match(/\S/);
    expect(bannerText(el)).to.equal(''); // shown on the row, not in the banner
    const error = events.find((e) => e.type === 'finhub-error')!.detail as Json;
    expect(error).to.include({ step: 'personnel', recoverable: true });
    await expect(el).to.be.accessible();

    // Continue again: the employee is not sent twice.
    buttonNamed(root(people), 'Continue').click();
    await step(el, 'finhub-step-verification');
    const seen = await journal(deviceId);
    expect(entriesFor(seen, 'POST', '/employee')).to.have.length(1);
    expect(entriesFor(seen, 'POST', '/director')).to.have.length(2);
    expect(entriesFor(seen, 'POST', '/shareholders')).to.have.length(1);
  });

  it('a director FinHub refuses for a field opens on that field: message there, summary focused', async () => {
    const deviceId = crypto.randomUUID();
    const { el, events } = await mountOrganization({ deviceId });
    const { email } = await registerCompany(el);
    const people = await step(el, 'finhub-step-personnel');
    await addEmployee(people, { first: 'Ona', last: 'Admin', email });
    await addDirector(people, { first: 'Rita', last: 'Director', email: uniqueEmail('rita') });
    await addShareholder(people, { company: 'Holdco Ltd', percent: '100' });
    const said = 'Date of birth: the director must be at least 18 years old';
    await fault({
      path: '/director',
      method: 'POST',
      deviceId,
      status: 400,
      body: {
        code: 400,
        message: 'Validation failed',
        data: { errors: [{ field: 'dateOfBirth', message: said }] },
      },
    });
    buttonNamed(root(people), 'Continue').click();
    await waitUntil(() => events.some((e) => e.type === 'finhub-error'), 'no finhub-error', {
      timeout: 8000,
    });
    await waitUntil(
      () => root(people).activeElement?.id === 'directors-summary',
      'the summary of the director’s form did not take the focus',
      { timeout: 8000 },
    );
    const form = root(people).getElementById('directors-form')!;
    const label = [...form.querySelectorAll('label')].find(
      (candidate) => candidate.textContent?.trim() === 'Date of birth',
    )!;
    const birth = root(people).getElementById(label.htmlFor) as HTMLInputElement;
    expect(errorOf(birth)).to.contain(said);
    const summary = summaryOf(root(people), 'directors-summary')!;
    expect(summary.items.join(' ')).to.contain(said);
    summary.links[0]!.click();
    await people.updateComplete;
    expect(root(people).activeElement?.id).to.equal(birth.id);
    await expect(el).to.be.accessible();
  });

  it('a 503 while saving shows the banner with Try again, which sends only what is left', async () => {
    const deviceId = crypto.randomUUID();
    const { el, events } = await mountOrganization({ deviceId });
    const { email } = await registerCompany(el);
    const people = await step(el, 'finhub-step-personnel');
    await addEmployee(people, { first: 'Ona', last: 'Admin', email });
    await addDirector(people, { first: 'Rita', last: 'Director', email: uniqueEmail('rita') });
    await addShareholder(people, { company: 'Holdco Ltd', percent: '100' });
    await fault({ path: '/shareholders', method: 'POST', deviceId, status: 503, times: 1 });
    buttonNamed(root(people), 'Continue').click();

    await waitUntil(() => bannerText(el) !== '', 'no banner', { timeout: 8000 });
    expect(bannerText(el)).to.contain('Something went wrong on our side. Please try again.');
    const error = events.find((e) => e.type === 'finhub-error')!.detail as Json;
    expect(error).to.include({ step: 'personnel', code: 'server_error', recoverable: true });
    await expect(el).to.be.accessible();

    buttonNamed(root(el), 'Try again').click();
    await step(el, 'finhub-step-verification');
    const seen = await journal(deviceId);
    expect(entriesFor(seen, 'POST', '/employee')).to.have.length(1);
    expect(entriesFor(seen, 'POST', '/director')).to.have.length(1);
    expect(entriesFor(seen, 'POST', '/shareholders')).to.have.length(2);
  });
});
