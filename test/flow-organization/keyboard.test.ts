/**
 * Keyboard only, from the first screen to an activated company: Tab to each control by its label,
 * type, Space/Enter/arrows to act. Only the operating system's file dialog is stood in for (a test
 * cannot type into it): the chosen files are handed to the documents step's file input.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { deepActive, tabTo } from '../components/keyboard.js';
import {
  buttonNamed,
  byLabel,
  root,
  uploadEveryDocument,
  shownIban,
} from '../components/helpers.js';
import {
  PASSWORD,
  activationCode,
  button,
  decide,
  eventSeen,
  field,
  heading,
  inside,
  mountOrganization,
  sectionOf,
  step,
  uniqueEmail,
  type Json,
  type Section,
  verificationIdOf,
  organizationIdOf,
  walletReady,
} from './helpers.js';

async function typeInto(control: Element, what: string, text: string): Promise<void> {
  await tabTo(control, what);
  await sendKeys({ type: text });
}

async function press(target: Element, what: string, key: string): Promise<void> {
  await tabTo(target, what);
  await sendKeys({ press: key });
}

/** Opens a row form with its Add button and returns the form. */
async function openRow(people: LitElement, section: Section, add: string) {
  await press(button(sectionOf(people, section), add), add, 'Enter');
  await people.updateComplete;
  return root(people).querySelector<HTMLFormElement>(`#${section}-form`)!;
}

describe('keyboard only (organization)', () => {
  it('completes the company onboarding to ACTIVE without a mouse', async function () {
    // Every control reached by Tab across eight screens: longer than the default on a busy machine.
    this.timeout(60_000);
    const { el, events } = await mountOrganization();
    const email = uniqueEmail('keys-admin');

    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    await press(buttonNamed(root(categorization), 'Continue'), 'Continue', 'Enter');

    const registration = await step(el, 'finhub-step-organization-registration');
    const form = root(registration);
    const pages: [string, string][][] = [
      [
        ['Legal name', 'Keys Company UAB'],
        ['Registration number', `KEY-${Date.now()}`],
        ['Tax ID', 'LT100007777777'],
        ['Date of incorporation', '03202015'],
        ['Legal form', 'Limited'],
      ],
      [
        ['Industry', 'Technology'],
        ['Business description', 'Keyboards.'],
        ['Company email', 'hello@keys.example'],
        ['Company phone number', '+37060012345'],
      ],
      [
        ['Street address', 'Gedimino pr. 9'],
        ['Town or city', 'Vilnius'],
        ['Postal code', '01103'],
        ['Country', 'Lithuania'],
      ],
      [
        ['Admin email', email],
        ['Create a password', PASSWORD],
        ['Repeat the password', PASSWORD],
      ],
    ];
    for (const [index, typed] of pages.entries()) {
      for (const [label, text] of typed) await typeInto(byLabel(form, label), label, text);
      if (index === 0) {
        expect(byLabel(form, 'Date of incorporation').value).to.equal('2015-03-20');
        expect(byLabel(form, 'Legal form').value).to.equal('LIMITED_LIABILITY_COMPANY');
      }
      if (index === 2) expect(byLabel(form, 'Country').value).to.equal('LT');
      if (index === pages.length - 1) break;
      await press(buttonNamed(form, 'Continue'), 'Continue', 'Enter');
      const next = pages[index + 1]![0]![0];
      await waitUntil(
        () => [...form.querySelectorAll('label')].some((l) => l.textContent!.trim() === next),
        `${next} never showed`,
      );
    }
    await press(buttonNamed(form, 'Register company'), 'Register company', 'Enter');

    // People: rows added with Enter, the roles checkbox left as it starts (Admin user).
    const people = await step(el, 'finhub-step-personnel');
    expect(deepActive()).to.equal(root(el).querySelector('#step-heading'));
    let row = await openRow(people, 'employees', 'Add an employee');
    await typeInto(field(row, 'First name'), 'First name', 'Ona');
    await typeInto(field(row, 'Last name'), 'Last name', 'Admin');
    await typeInto(field(row, 'Email'), 'Email', email);
    await typeInto(field(row, 'Position'), 'Position', 'Chief executive');
    expect((field(row, 'Admin user') as HTMLInputElement).checked).to.be.true;
    await press(button(row, 'Add employee'), 'Add employee', 'Enter');
    await people.updateComplete;

    row = await openRow(people, 'directors', 'Add a director');
    await typeInto(field(row, 'First name'), 'First name', 'Rita');
    await typeInto(field(row, 'Last name'), 'Last name', 'Director');
    await typeInto(field(row, 'Email'), 'Email', uniqueEmail('keys-rita'));
    await typeInto(field(row, 'Date of birth'), 'Date of birth', '05151980');
    await typeInto(field(row, 'Nationality'), 'Nationality', 'Lithuania');
    await typeInto(field(row, 'Director role'), 'Director role', 'Managing');
    await press(button(row, 'Add director'), 'Add director', 'Enter');
    await people.updateComplete;

    row = await openRow(people, 'shareholders', 'Add a shareholder');
    await press(field(row, 'A person'), 'A person', 'ArrowDown'); // → A company
    await people.updateComplete;
    row = root(people).querySelector<HTMLFormElement>('#shareholders-form')!;
    expect((field(row, 'A company') as HTMLInputElement).checked).to.be.true;
    await typeInto(field(row, 'Company name'), 'Company name', 'Holdco Ltd');
    await typeInto(field(row, 'Ownership (%)'), 'Ownership (%)', '100');
    await press(field(row, 'Yes'), 'Yes', 'ArrowDown'); // → No
    await people.updateComplete;
    row = root(people).querySelector<HTMLFormElement>('#shareholders-form')!;
    expect((field(row, 'No') as HTMLInputElement).checked).to.be.true;
    await press(button(row, 'Add shareholder'), 'Add shareholder', 'Enter');
    await people.updateComplete;
    await press(buttonNamed(root(people), 'Continue'), 'Continue', 'Enter');

    const verification = await step(el, 'finhub-step-verification');
    await inside(verification, 'li', 'required documents');
    expect(deepActive()).to.equal(root(el).querySelector('#step-heading'));
    await press(buttonNamed(root(verification), 'Continue'), 'Continue', 'Enter');

    const documents = await step(el, 'finhub-step-documents');
    await inside(documents, 'section[part="document"]', 'document cards');
    await uploadEveryDocument(documents); // the OS file dialog's part
    await press(buttonNamed(root(documents), 'Continue'), 'Continue', 'Enter');

    const consents = await step(el, 'finhub-step-consents');
    for (const box of root(consents).querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
      await press(box, box.id, 'Space');
    }
    await press(buttonNamed(root(consents), 'Accept and continue'), 'Accept', 'Enter');

    const activation = await step(el, 'finhub-step-activation');
    await decide(verificationIdOf(events), 'approve');
    const code = await inside(activation, '#code', 'the activation code field');
    await typeInto(code, 'Activation code', await activationCode(email));
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => root(activation).textContent!.includes('The company account is activated.'),
      'the provisioning state never showed',
      { timeout: 8000 },
    );
    await walletReady(organizationIdOf(events)); // the sandbox's wallet, when the test says

    await eventSeen(events, 'finhub-complete', 15000);
    await el.updateComplete;
    expect(heading(el)).to.equal('You are all set');
    await waitUntil(() => shownIban(el), 'no IBAN shown');
    expect((events.at(-1)!.detail as Json).status).to.equal('ACTIVE');
    expect(deepActive()).to.equal(root(el).querySelector('#step-heading'));
  });
});
