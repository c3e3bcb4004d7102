import { waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { FinHubApiError, type FinHubApiErrorInit } from '../../src/api/errors.js';
import type { AnyBackend } from '../../src/flow/backend.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import type { FinHubOnboarding } from '../../src/index.js';

export type Control = HTMLInputElement | HTMLSelectElement;

export const root = (el: Element): ShadowRoot => el.shadowRoot!;

/** The step element with `tag` inside the shell, once rendered and settled. */
export async function stepOf<T extends LitElement>(el: FinHubOnboarding, tag: string): Promise<T> {
  // Step elements are lazy chunks; the test server transforms each on first request (seconds
  // on a busy 2-core machine), so allow more than waitUntil's 1 s default.
  await waitUntil(() => root(el).querySelector(tag), `<${tag}> was not rendered`, {
    timeout: 8000,
  });
  const step = root(el).querySelector(tag) as T;
  await step.updateComplete;
  return step;
}

/** The control a visible label names (as a person finds it). */
export function byLabel(scope: ShadowRoot, text: string): Control {
  const label = [...scope.querySelectorAll('label')].find(
    (candidate) => candidate.textContent?.trim() === text,
  );
  if (!label) throw new Error(`No label "${text}"`);
  const control = scope.getElementById(label.htmlFor);
  if (!control) throw new Error(`Label "${text}" names no control`);
  return control as Control;
}

/** Types (or selects) a value as a person would, firing the events the form listens to. */
export function enter(control: Control, value: string): void {
  control.value = value;
  // By tag name: a framed page's controls come from another realm.
  control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input'));
}

export function leave(control: Control): void {
  control.dispatchEvent(new FocusEvent('blur'));
}

/** The error text tied to a control through aria-describedby (hints excluded). */
export function errorOf(control: Control): string {
  const scope = control.getRootNode() as ShadowRoot;
  return (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => scope.getElementById(id))
    .filter((node) => node?.classList.contains('field-error'))
    .map((node) => node!.textContent!.replace(/\s+/g, ' ').trim())
    .join(' ');
}

export function buttonNamed(scope: ShadowRoot, text: string): HTMLButtonElement {
  const button = [...scope.querySelectorAll('button')].find(
    (candidate) => candidate.textContent?.trim() === text,
  );
  if (!button) throw new Error(`No button "${text}"`);
  return button;
}

export const apiError = (init: FinHubApiErrorInit) => new FinHubApiError(init);

export interface Recorded {
  backend: AnyBackend;
  calls: { method: string; args: unknown[] }[];
}

/** The local backend with some methods replaced, recording every call. */
export function recordingBackend(overrides: Partial<AnyBackend> = {}): Recorded {
  const base: AnyBackend = { ...createLocalBackend(), ...overrides };
  const calls: Recorded['calls'] = [];
  const backend = {} as AnyBackend;
  for (const key of Object.keys(base) as (keyof AnyBackend)[]) {
    const method = base[key] as (...args: unknown[]) => Promise<unknown>;
    (backend as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => {
      calls.push({ method: key, args });
      return method(...args);
    }; // same signature, recorded
  }
  return { backend, calls };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export const VALID_PASSWORD = 'Correct-Horse-9';

/** The page heading of a paged form ("Part 1 of 3 About you"), or '' without one. */
export const pageHeading = (scope: ShadowRoot): string =>
  scope.querySelector('#page-heading')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/**
 * Fills a paged form (the registrations) as a person would: on each page, every control whose
 * label is in `values`, then Continue, until the last page (filled, not sent: the caller presses
 * its button). Stops on a page whose Continue found a problem, and returns that page's heading.
 * Throws if a label never showed on any page reached.
 */
export async function fillPages(
  scope: ShadowRoot,
  values: Record<string, string>,
): Promise<string> {
  const host = scope.host as LitElement;
  const left = new Map(Object.entries(values));
  await toFirstPage(scope);
  for (;;) {
    await host.updateComplete;
    for (const label of [...scope.querySelectorAll('label')].map((l) => l.textContent!.trim())) {
      const value = left.get(label);
      if (value === undefined) continue;
      enter(byLabel(scope, label), value);
      left.delete(label);
    }
    await host.updateComplete;
    const next = [...scope.querySelectorAll('button')].find((button) =>
      ['Continue', 'Tęsti'].includes(button.textContent!.trim()),
    );
    const page = pageHeading(scope);
    if (!next) break;
    next.click();
    await host.updateComplete;
    if (pageHeading(scope) === page) return page; // Continue found a problem on this page
  }
  if (left.size) throw new Error(`No field labelled ${[...left.keys()].join(', ')}`);
  return pageHeading(scope);
}

const hasLabel = (scope: ShadowRoot, text: string) =>
  [...scope.querySelectorAll('label')].some((label) => label.textContent?.trim() === text);

/** Clicks the button named `name` if there is one and waits for the render; false if none. */
async function press(scope: ShadowRoot, name: string): Promise<boolean> {
  const button = [...scope.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!button) return false;
  button.click();
  await (scope.host as LitElement).updateComplete;
  return true;
}

const onFirstPage = (scope: ShadowRoot) => /^(Part 1 |1 dalis )/.test(pageHeading(scope));

/** Back to a paged form's first page (never Back out of the step). */
async function toFirstPage(scope: ShadowRoot, until = () => false): Promise<void> {
  while (pageHeading(scope) && !onFirstPage(scope) && !until()) {
    if (!(await press(scope, 'Back')) && !(await press(scope, 'Atgal'))) break;
  }
}

/**
 * Turns a paged form to the page holding the control labelled `label` (Back to the first page,
 * then Continue while the pages pass) and returns the control.
 */
export async function showField(scope: ShadowRoot, label: string): Promise<Control> {
  await toFirstPage(scope, () => hasLabel(scope, label));
  while (!hasLabel(scope, label)) {
    const page = pageHeading(scope);
    if (!(await press(scope, 'Continue')) || pageHeading(scope) === page) break;
  }
  return byLabel(scope, label);
}

/** The error summary's heading and link texts, or undefined when none shows. */
export function summaryOf(scope: ShadowRoot, id = 'error-summary') {
  const box = scope.getElementById(id);
  if (!box) return undefined;
  return {
    box,
    title: box.querySelector('h3')!.textContent!.trim(),
    items: [...box.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim()),
    links: [...box.querySelectorAll('a')],
  };
}

/** The individual registration's valid details, by label. */
export const registrationValues = (overrides: Record<string, string> = {}) => ({
  'First name': 'Ona',
  'Last name': 'Jonaitė',
  Email: 'ona@example.com',
  'Phone number': '+37060012345',
  'Date of birth': '1990-05-15',
  Gender: 'FEMALE',
  Nationality: 'LT',
  'Place of birth': 'Vilnius',
  'Street address': 'Gedimino pr. 1',
  'Town or city': 'Vilnius',
  'Postal code': '01103',
  Country: 'LT',
  'Create a password': VALID_PASSWORD,
  'Repeat the password': VALID_PASSWORD,
  ...overrides,
});

/**
 * Fills the registration form with valid details through its labels, page by page, leaving the
 * person on the last page with "Create account" to press (or on the first page with a problem).
 */
export const fillRegistration = (scope: ShadowRoot, overrides: Record<string, string> = {}) =>
  fillPages(scope, registrationValues(overrides));

/** A small but real PDF (the documents step checks the magic bytes). */
export function pdfFile(name = 'passport.pdf'): File {
  return new File(['%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'], name, {
    type: 'application/pdf',
  });
}

/** Chooses `file` in the documents step's card number `index`, as the file picker would. */
export function chooseFile(scope: ShadowRoot, index: number, file: File): void {
  const input = scope.getElementById(`doc-${index}-file`) as HTMLInputElement | null;
  if (!input) throw new Error(`No file input for document ${index}`);
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Uploads a PDF for every card of the documents step and waits until each is done. */
export async function uploadEveryDocument(step: LitElement): Promise<void> {
  const scope = root(step);
  const cards = scope.querySelectorAll('section[part="document"]').length;
  if (cards === 0) throw new Error('The documents step shows no documents');
  for (let index = 0; index < cards; index++) {
    chooseFile(scope, index, pdfFile(`document-${index}.pdf`));
  }
  await waitUntil(
    () => scope.querySelectorAll('section[part="document"].done').length === cards,
    'documents were not all uploaded',
    { timeout: 10000 },
  );
  await step.updateComplete;
}

/** The IBAN the finish shows, without its grouping spaces (undefined until it shows). */
export function shownIban(el: Element): string | undefined {
  const ready = root(el).querySelector('finhub-account-ready');
  const text = ready?.shadowRoot?.querySelector('.iban')?.textContent;
  return text ? text.replace(/\s+/g, '') : undefined;
}
