/**
 * Helpers for the organization (B2B) flow through the real stack (relay + in-memory sandbox on the
 * test server), on top of the individual flow's helpers: mounting with `flow="organization"`,
 * filling the company form and the people step by their labels, and an earlier visit made through
 * the API client (for resume).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/define.js';
import { OrganizationClient } from '../../src/api/organization-client.js';
import type { FinHubOnboarding, FinHubResume } from '../../src/index.js';
import { buttonNamed, enter, fillPages, root, type Control } from '../components/helpers.js';
import {
  PASSWORD,
  container,
  defaultCategorization,
  inside,
  relayClient,
  signIn,
  step,
  uniqueEmail,
  type JournalEntry,
  type Mounted,
  type Recorded,
} from '../flow-individual/helpers.js';

export {
  PASSWORD,
  PDF_BASE64_PREFIX,
  activationCode,
  bannerText,
  decide,
  eventText,
  fault,
  heading,
  inside,
  journal,
  route,
  routes,
  step,
  uniqueEmail,
  type JournalEntry,
  type Mounted,
  type Recorded,
} from '../flow-individual/helpers.js';

export type Json = Record<string, unknown>;

const EVENT_TYPES = [
  'finhub-ready',
  'finhub-step-change',
  'finhub-step-complete',
  'finhub-complete',
  'finhub-error',
  'finhub-sign-in-request',
];

export interface OrganizationMountOptions {
  /** The clock the element waits on (polling, Retry-After); the wall clock by default. */
  clock?: FinHubOnboarding['clock'];
  deviceId?: string;
  organizationId?: string;
  userId?: string;
  resume?: FinHubResume;
}

/** `<finhub-onboarding flow="organization">` as a partner page mounts it, events recorded. */
export async function mountOrganization(options: OrganizationMountOptions = {}): Promise<Mounted> {
  const deviceId = options.deviceId ?? crypto.randomUUID();
  const events: Recorded[] = [];
  const wrapper = container();
  for (const type of EVENT_TYPES) {
    wrapper.addEventListener(type, (event) =>
      events.push({ type, detail: (event as CustomEvent).detail }),
    );
  }
  const el = document.createElement('finhub-onboarding');
  el.setAttribute('flow', 'organization');
  el.setAttribute('token-url', '/onboarding/token');
  el.setAttribute('api-base', '/onboarding/api');
  el.setAttribute('device-id', deviceId);
  if (options.organizationId) el.setAttribute('organization-id', options.organizationId);
  if (options.userId) el.setAttribute('user-id', options.userId);
  if (options.resume) el.resume = options.resume;
  if (options.clock) el.clock = options.clock;
  wrapper.append(el);
  await el.updateComplete;
  return { el, events, deviceId };
}

/** The company form's values by label (valid unless overridden). */
export function companyValues(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'Legal name': 'Acme Analytics UAB',
    'Trading name (optional)': 'Acme',
    'Registration number': `REG-${Date.now()}`,
    'Tax ID': 'LT100001234567',
    'Date of incorporation': '2015-03-20',
    'Legal form': 'LIMITED_LIABILITY_COMPANY',
    Industry: 'TECHNOLOGY',
    'Business description': 'Analytics software for retailers.',
    'Website (optional)': 'acme.example',
    'Company email': 'info@acme.example',
    'Company phone number': '+37060012345',
    'Street address': 'Konstitucijos pr. 7',
    'Town or city': 'Vilnius',
    'Postal code': '09308',
    Country: 'LT',
    'Admin email': uniqueEmail('admin'),
    'Create a password': PASSWORD,
    'Repeat the password': PASSWORD,
    ...overrides,
  };
}

/** A control inside `scope` (a row form or section) by its visible label. */
export function field(scope: Element, label: string): Control {
  const match = [...scope.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  if (!match) throw new Error(`No label "${label}"`);
  const control = (scope.getRootNode() as ShadowRoot).getElementById(match.htmlFor);
  if (!control) throw new Error(`Label "${label}" names no control`);
  return control as Control;
}

/** A button by its accessible name (aria-label, else its text). */
export function button(scope: Element | ShadowRoot, name: string): HTMLButtonElement {
  const found = [...scope.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  );
  if (!found) throw new Error(`No button "${name}"`);
  return found;
}

/** Categorization (the smart default) → the company form, filled and submitted. */
export async function registerCompany(
  el: FinHubOnboarding,
  overrides: Record<string, string> = {},
): Promise<{ email: string; registration: LitElement }> {
  const categorization = await step(el, 'finhub-step-categorization');
  await inside(categorization, 'input[type="radio"]', 'categories');
  buttonNamed(root(categorization), 'Continue').click();
  const registration = await step(el, 'finhub-step-organization-registration');
  const values = companyValues(overrides);
  await fillPages(root(registration), values);
  buttonNamed(root(registration), 'Register company').click();
  return { email: values['Admin email']!, registration };
}

export type Section = 'employees' | 'directors' | 'shareholders';

export const sectionOf = (people: LitElement, name: Section): HTMLElement =>
  root(people).querySelector<HTMLElement>(`section[aria-labelledby="${name}-heading"]`)!;

export const problemOf = (people: LitElement, name: Section) =>
  root(people).getElementById(`${name}-problem`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function openRowForm(people: LitElement, name: Section, add: string) {
  button(sectionOf(people, name), add).click();
  await people.updateComplete;
  return root(people).querySelector<HTMLFormElement>(`#${name}-form`)!;
}

export async function addEmployee(
  people: LitElement,
  input: { first: string; last: string; email: string; position?: string; toggle?: string[] },
): Promise<void> {
  const form = await openRowForm(people, 'employees', 'Add an employee');
  enter(field(form, 'First name'), input.first);
  enter(field(form, 'Last name'), input.last);
  enter(field(form, 'Email'), input.email);
  enter(field(form, 'Position'), input.position ?? 'CEO');
  for (const role of input.toggle ?? []) (field(form, role) as HTMLInputElement).click();
  await people.updateComplete;
  button(form, 'Add employee').click();
  await people.updateComplete;
}

export async function addDirector(
  people: LitElement,
  input: { first: string; last: string; email: string },
): Promise<void> {
  const form = await openRowForm(people, 'directors', 'Add a director');
  enter(field(form, 'First name'), input.first);
  enter(field(form, 'Last name'), input.last);
  enter(field(form, 'Email'), input.email);
  enter(field(form, 'Date of birth'), '1980-05-15');
  enter(field(form, 'Nationality'), 'LT');
  enter(field(form, 'Director role'), 'MANAGING_DIRECTOR');
  button(form, 'Add director').click();
  await people.updateComplete;
}

export async function addShareholder(
  people: LitElement,
  holder: { person?: [string, string]; company?: string; percent: string; pep?: 'Yes' | 'No' },
): Promise<void> {
  const form = await openRowForm(people, 'shareholders', 'Add a shareholder');
  (field(form, holder.company ? 'A company' : 'A person') as HTMLInputElement).click();
  await people.updateComplete;
  if (holder.company) enter(field(form, 'Company name'), holder.company);
  else {
    enter(field(form, 'First name'), holder.person![0]);
    enter(field(form, 'Last name'), holder.person![1]);
  }
  enter(field(form, 'Ownership (%)'), holder.percent);
  (field(form, holder.pep ?? 'No') as HTMLInputElement).click();
  await people.updateComplete;
  button(form, 'Add shareholder').click();
  await people.updateComplete;
}

/** An admin employee (the registrant's email), a director, shareholders at 60% + 40%. */
export async function addValidPeople(people: LitElement, adminEmail: string): Promise<void> {
  await addEmployee(people, { first: 'Ona', last: 'Admin', email: adminEmail });
  await addDirector(people, { first: 'Rita', last: 'Director', email: uniqueEmail('rita') });
  await addShareholder(people, { person: ['Rita', 'Director'], percent: '60' });
  await addShareholder(people, { company: 'Holdco Ltd', percent: '40' });
}

/** Waits until a `finhub-*` event of `type` has been recorded. */
export async function eventSeen(events: Recorded[], type: string, timeout = 10000): Promise<void> {
  await waitUntil(() => events.some((e) => e.type === type), `${type} never fired`, { timeout });
}

/** `change a→b` / `complete step` / event type, for comparing event order. */
export const sequence = (events: Recorded[]) =>
  events.map((e) => {
    const d = e.detail as Json;
    return e.type === 'finhub-step-change'
      ? `change ${d.from}→${d.to}`
      : e.type === 'finhub-step-complete'
        ? `complete ${d.step}`
        : e.type;
  });

export interface OrganizationSetup {
  client: OrganizationClient;
  deviceId: string;
  email: string;
  organizationId: string;
  userId: string;
}

/**
 * An earlier visit through the API client: the company registered (and, unless `people` is
 * false, its people saved), signed in, so the relay's token is bound to it.
 */
export async function registerOrganizationViaApi(
  options: { people?: boolean; deviceId?: string } = {},
): Promise<OrganizationSetup> {
  const deviceId = options.deviceId ?? crypto.randomUUID();
  const { client } = relayClient(deviceId, OrganizationClient);
  const { customerCategory, categorization } = await defaultCategorization(client, 'organization');
  const email = uniqueEmail('earlier-admin');
  const registered = await client.registerOrganization({
    email,
    password: PASSWORD,
    customerCategory,
    categorization,
    organization: {
      legalName: 'Earlier Company UAB',
      registrationNumber: `REG-${Date.now()}`,
      taxId: 'LT100009999999',
      incorporationDate: '2012-01-10',
      legalForm: 'LIMITED_LIABILITY_COMPANY',
      industry: 'RETAIL',
      businessDescription: 'Shops',
      phone: '+37060000002',
      address: { street: 'Pilies g. 1', city: 'Vilnius', postalCode: '01123', country: 'LT' },
    },
  });
  const organizationId = registered.organizationId;
  const userId = registered.adminUserId!;
  expect(userId, 'the admin user id').to.be.a('string');
  if (options.people !== false) {
    await client.addEmployee(organizationId, {
      person: { firstName: 'Earl', lastName: 'Admin', email },
      position: 'CEO',
      roles: ['ADMIN_USER'],
    });
    await client.addDirector(organizationId, {
      firstName: 'Dana',
      lastName: 'Director',
      email: uniqueEmail('dana'),
      role: 'MANAGING_DIRECTOR',
      nationality: 'LT',
      dateOfBirth: '1975-02-02',
    });
    await client.addShareholder(organizationId, {
      type: 'CORPORATE',
      companyName: 'Parent Ltd',
      ownershipPercentage: 100,
      isBeneficialOwner: true,
      isPEP: false,
    });
  }
  return { client, deviceId, email, organizationId, userId };
}

/** The organization's id, from the flow's `finhub-step-complete` events. */
export function organizationIdOf(events: Recorded[]): string {
  const done = events.find(
    (e) => e.type === 'finhub-step-complete' && (e.detail as Json).step === 'registration',
  );
  const ids = (done?.detail as { ids?: { organizationId?: string } } | undefined)?.ids;
  if (!ids?.organizationId) throw new Error('no organization was registered');
  return ids.organizationId;
}

/** The sandbox provisions the activated company's wallet now (tests decide when). */
export async function walletReady(organizationId: string): Promise<void> {
  const response = await fetch(`/__sandbox/organizations/${organizationId}/wallet`, {
    method: 'POST',
  });
  expect(response.status, await response.clone().text()).to.equal(200);
}

/** The verification id the flow started, from its `finhub-step-complete` event. */
export function verificationIdOf(events: Recorded[]): string {
  const done = events.find(
    (e) => e.type === 'finhub-step-complete' && (e.detail as Json).step === 'verification',
  );
  if (!done) throw new Error('the verification step never completed');
  return (done.detail as { ids: { verificationId: string } }).ids.verificationId;
}

/**
 * An organization registered earlier with its people (registerOrganizationViaApi), resumed in a
 * new element: the admin signs in and continues from KYB to the documents step.
 */
export async function resumeToDocuments(): Promise<
  Mounted & { setup: OrganizationSetup; documents: LitElement }
> {
  const setup = await registerOrganizationViaApi();
  const mounted = await mountOrganization({
    deviceId: crypto.randomUUID(),
    organizationId: setup.organizationId,
    userId: setup.userId,
  });
  await signIn(mounted.el, setup.email);
  const verification = await step(mounted.el, 'finhub-step-verification');
  await inside(verification, 'ul li', 'required documents');
  buttonNamed(root(verification), 'Continue').click();
  const documents = await step(mounted.el, 'finhub-step-documents');
  return { ...mounted, setup, documents };
}

/** The entries for `path` (substring) among what reached FinHub. */
export const entriesFor = (seen: JournalEntry[], method: string, path: string) =>
  seen.filter((entry) => entry.method === method && entry.path.includes(path));
