/**
 * Helpers for the reliability tests: walking the individual flow to a given step through the
 * relay + sandbox (by labels, as a person), watching and tampering with the page's fetch (the
 * browser side of a connection), and reading the sandbox journal with statuses.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { FinHubOnboarding } from '../../src/index.js';
import {
  buttonNamed,
  byLabel,
  fillRegistration,
  root,
  showField,
  uploadEveryDocument,
} from '../components/helpers.js';
import { PASSWORD, bannerText, inside, step, type Recorded } from '../flow-individual/helpers.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Entry {
  method: string;
  path: string;
  at: string;
  status?: number;
  fault?: string;
  body: unknown;
}

/** What reached the sandbox from `deviceId`, with statuses (oldest first). */
export async function entries(deviceId: string): Promise<Entry[]> {
  const response = await fetch(`/__sandbox/requests?deviceId=${encodeURIComponent(deviceId)}`);
  return ((await response.json()) as { requests: Entry[] }).requests;
}

/** Sandbox requests whose path ends with `suffix` (any method unless given). */
export async function hits(deviceId: string, suffix: string, method = 'POST'): Promise<Entry[]> {
  return (await entries(deviceId)).filter((e) => e.method === method && e.path.endsWith(suffix));
}

/** The same, only those the sandbox carried out (2xx, not answered by an injected fault). */
export async function done(deviceId: string, suffix: string, method = 'POST'): Promise<Entry[]> {
  return (await hits(deviceId, suffix, method)).filter(
    (e) => !e.fault && e.status !== undefined && e.status >= 200 && e.status < 300,
  );
}

// ---- the page's fetch ---------------------------------------------------------------------------

export interface Sent {
  method: string;
  /** Path and query. */
  url: string;
  authorization: string | null;
  /** The request's signal (aborted when the element cancels it). */
  signal: AbortSignal;
}

type Next = () => Promise<Response>;
/** Answers a request instead of the network, or `undefined` to let it through. */
export type Tamper = (request: Request, next: Next) => Promise<Response> | undefined;

const original = window.fetch;
let tampers: Tamper[] = [];
let log: Sent[] = [];

/** Wraps the page's fetch once: every request is logged, and tampers may answer it. */
window.fetch = async function patched(input: RequestInfo | URL, init?: RequestInit) {
  const request = new Request(input, init);
  const url = new URL(request.url, location.href);
  if (!url.pathname.startsWith('/__sandbox')) {
    log.push({
      method: request.method,
      url: url.pathname + url.search,
      authorization: request.headers.get('Authorization'),
      signal: request.signal,
    });
  }
  const next = () => original.call(window, request);
  for (const tamper of tampers) {
    const answer = tamper(request, next);
    if (answer) return answer;
  }
  return next();
};

/** Adds a tamper for this test (removed after each test). */
export function tamper(fn: Tamper): void {
  tampers.push(fn);
}

/** Requests the page sent since the test began (sandbox controls excluded). */
export const sent = () => [...log];
export const tokenRequests = () => log.filter((s) => s.url.startsWith('/onboarding/token'));

beforeEach(() => {
  log = [];
});
afterEach(() => {
  tampers = [];
});

const pathOf = (request: Request) => new URL(request.url, location.href).pathname;

/** `times` matching requests are answered by `answer` (the rest go through). */
export function failNext(
  match: (request: Request, path: string) => boolean,
  answer: (request: Request, next: Next) => Promise<Response>,
  times = 1,
): { count: () => number } {
  let used = 0;
  tamper((request, next) => {
    if (used >= times || !match(request, pathOf(request))) return undefined;
    used++;
    return answer(request, next);
  });
  return { count: () => used };
}

export const isToken = (_: Request, path: string) => path === '/onboarding/token';

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

// ---- walking the flow ----------------------------------------------------------------------------

export const errorsOf = (events: Recorded[]) =>
  events.filter((e) => e.type === 'finhub-error').map((e) => e.detail as Record<string, unknown>);

export async function waitForBanner(el: FinHubOnboarding, timeout = 8000): Promise<string> {
  await waitUntil(() => bannerText(el) !== '', 'no error banner', { timeout });
  await el.updateComplete;
  return bannerText(el);
}

/** The banner's retry action. */
export const retryButton = (el: FinHubOnboarding) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('[part~="error"] button')].find(
    (b) => b.textContent?.trim() === 'Try again',
  );

export async function passCategorization(el: FinHubOnboarding): Promise<void> {
  const categorization = await step(el, 'finhub-step-categorization');
  await inside(categorization, 'input[type="radio"]', 'categories');
  buttonNamed(root(categorization), 'Continue').click();
}

/** On the registration step, fills it (valid, with `email`) and returns it unsent. */
export async function fillRegistrationStep(el: FinHubOnboarding, email: string) {
  const registration = await step(el, 'finhub-step-individual-registration');
  await fillRegistration(root(registration), {
    Email: email,
    'Create a password': PASSWORD,
    'Repeat the password': PASSWORD,
  });
  await registration.updateComplete;
  return registration;
}

/** The values the registration form holds, by label (each page visited; back on the last). */
export async function registrationValues(
  registration: LitElement,
): Promise<Record<string, string>> {
  const scope = root(registration);
  const labels = [
    'First name',
    'Last name',
    'Email',
    'Phone number',
    'Date of birth',
    'Gender',
    'Nationality',
    'Place of birth',
    'Street address',
    'Town or city',
    'Postal code',
    'Country',
    'Create a password',
    'Repeat the password',
  ];
  const values: Record<string, string> = {};
  for (const label of labels) values[label] = (await showField(scope, label)).value;
  return values;
}

/** From a fresh element to the verification step (registered and signed in). */
export async function toVerification(el: FinHubOnboarding, email: string) {
  await passCategorization(el);
  const registration = await fillRegistrationStep(el, email);
  buttonNamed(root(registration), 'Create account').click();
  const verification = await step(el, 'finhub-step-verification');
  await inside(verification, 'ul li', 'required documents');
  return verification;
}

export async function toDocuments(el: FinHubOnboarding, email: string) {
  const verification = await toVerification(el, email);
  buttonNamed(root(verification), 'Continue').click();
  return step(el, 'finhub-step-documents');
}

export const CONSENT_LABELS = [
  'I accept the terms and conditions',
  'I accept the privacy policy',
  'I agree to the processing of my personal data',
];

/** On the consents step with every box ticked (not yet sent). */
export async function toConsents(el: FinHubOnboarding, email: string) {
  const documents = await toDocuments(el, email);
  await uploadEveryDocument(documents);
  buttonNamed(root(documents), 'Continue').click();
  const consents = await step(el, 'finhub-step-consents');
  for (const label of CONSENT_LABELS) (byLabel(root(consents), label) as HTMLInputElement).click();
  await consents.updateComplete;
  return consents;
}

export const ticked = (consents: LitElement) =>
  CONSENT_LABELS.map((label) => (byLabel(root(consents), label) as HTMLInputElement).checked);

export function expectNoBanner(el: FinHubOnboarding): void {
  expect(bannerText(el)).to.equal('');
}
