/**
 * People entered once: the admin from registration, an employee, a director, picked again for
 * another role ("Use someone you’ve already added"), their details filled in and editable, and
 * what FinHub receives carries them.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { buttonNamed, enter, root } from '../components/helpers.js';
import {
  button,
  entriesFor,
  field,
  journal,
  mountOrganization,
  registerCompany,
  sectionOf,
  step,
  type Json,
  type Section,
} from './helpers.js';
import type { LitElement } from 'lit';

async function openRow(people: LitElement, section: Section, add: string) {
  button(sectionOf(people, section), add).click();
  await people.updateComplete;
  return root(people).querySelector<HTMLFormElement>(`#${section}-form`)!;
}

/** The reuse select's choices (without "Choose…"). */
const choices = (form: HTMLFormElement) =>
  [...field(form, 'Use someone you’ve already added (optional)').querySelectorAll('option')]
    .slice(1)
    .map((option) => option.textContent!.trim());

async function pick(people: LitElement, form: HTMLFormElement, name: string) {
  const select = field(form, 'Use someone you’ve already added (optional)') as HTMLSelectElement;
  const option = [...select.options].find((o) => o.textContent!.trim().startsWith(name));
  if (!option) throw new Error(`${name} is not offered`);
  enter(select, option.value);
  await people.updateComplete;
}

describe('people entered once (organization)', () => {
  it('offers the admin, an employee and a director again, filling only what each role uses', async () => {
    const { el, deviceId } = await mountOrganization();
    const { email } = await registerCompany(el);
    const people = await step(el, 'finhub-step-personnel');

    // The admin user from registration: their email fills the first employee.
    let form = await openRow(people, 'employees', 'Add an employee');
    expect(choices(form)).to.deep.equal([`${email} · Admin user`]);
    await pick(people, form, email);
    expect(field(form, 'Email').value).to.equal(email);
    expect(field(form, 'First name').value).to.equal('');
    enter(field(form, 'First name'), 'Ona');
    enter(field(form, 'Last name'), 'Admin');
    enter(field(form, 'Phone number (optional)'), '+37060012345');
    enter(field(form, 'Position'), 'CEO');
    button(form, 'Add employee').click();
    await people.updateComplete;

    // The director is the same person: names and email filled, what a director adds is empty.
    form = await openRow(people, 'directors', 'Add a director');
    expect(choices(form)).to.deep.equal(['Ona Admin · Admin user and Employee']);
    await expect(el).to.be.accessible();
    await pick(people, form, 'Ona Admin');
    expect(field(form, 'First name').value).to.equal('Ona');
    expect(field(form, 'Last name').value).to.equal('Admin');
    expect(field(form, 'Email').value).to.equal(email);
    expect(field(form, 'Date of birth').value).to.equal('');
    // Editable: a fix here is what is sent.
    enter(field(form, 'Last name'), 'Adminaitė');
    enter(field(form, 'Date of birth'), '1980-05-15');
    enter(field(form, 'Nationality'), 'LT');
    enter(field(form, 'Director role'), 'MANAGING_DIRECTOR');
    button(form, 'Add director').click();
    await people.updateComplete;

    // As a shareholder: a person, with the names only.
    form = await openRow(people, 'shareholders', 'Add a shareholder');
    // One person in three roles (the same email), with the director's correction.
    expect(choices(form)).to.deep.equal(['Ona Adminaitė · Admin user, Employee, and Director']);
    await pick(people, form, 'Ona Adminaitė');
    expect((field(form, 'A person') as HTMLInputElement).checked).to.be.true;
    expect(field(form, 'First name').value).to.equal('Ona');
    expect(field(form, 'Last name').value).to.equal('Adminaitė');
    expect(field(form, 'Ownership (%)').value).to.equal('');
    enter(field(form, 'Ownership (%)'), '100');
    (field(form, 'No') as HTMLInputElement).click();
    await people.updateComplete;
    await expect(el).to.be.accessible();
    button(form, 'Add shareholder').click();
    await people.updateComplete;
    buttonNamed(root(people), 'Continue').click();

    await step(el, 'finhub-step-verification');
    const seen = await journal(deviceId);
    await waitUntil(() => entriesFor(seen, 'POST', '/shareholders').length > 0);
    const employee = entriesFor(seen, 'POST', '/employee')[0]!.body as Json;
    expect(employee.person as Json).to.include({ firstName: 'Ona', lastName: 'Admin', email });
    const director = JSON.stringify(entriesFor(seen, 'POST', '/director')[0]!.body);
    for (const value of ['"Ona"', '"Adminaitė"', `"${email}"`, '1980-05-15'])
      expect(director).to.contain(value);
    const holder = entriesFor(seen, 'POST', '/shareholders')[0]!.body as Json;
    expect(holder).to.include({
      type: 'INDIVIDUAL',
      firstName: 'Ona',
      lastName: 'Adminaitė',
      ownershipPercentage: 100,
    });
  });
});
