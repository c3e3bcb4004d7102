/**
 * Helpers for the individual flow through the real stack: the element at `/onboarding/token` +
 * `/onboarding/api` (relay) in front of the in-memory sandbox, over loopback on the test server.
 * Each test uses its own device id, so the sandbox journal and faults are scoped to it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/define.js';
import { buildCategorization, pickDefaultCategory } from '../../src/api/categorization.js';
import type { FinHubClientBase, FinHubClientOptions } from '../../src/api/client-base.js';
import { IndividualClient } from '../../src/api/individual-client.js';
import { resolveDeviceHints } from '../../src/api/device.js';
import { createTokenProvider } from '../../src/api/token-provider.js';
import type { TokenSource } from '../../src/api/types.js';
import type { FinHubOnboarding, FinHubResume } from '../../src/index.js';
import { buttonNamed, byLabel, enter, root, stepOf } from '../components/helpers.js';
import { decide, journal, route } from '../sandbox-controls.js';

export { activationCode, decide, journal, route, type JournalEntry } from '../sandbox-controls.js';

export const PASSWORD = 'Correct-Horse-42!';
export const PDF_BASE64_PREFIX = btoa('%PDF-1.4'); // what a base64 of the test PDFs starts with

export const uniqueEmail = (label = 'ona') =>
  `${label}.${crypto.randomUUID().slice(0, 8)}@example.com`;

export async function routes(deviceId: string): Promise<string[]> {
  return (await journal(deviceId)).map(route);
}

export async function fault(rule: Record<string, unknown>): Promise<void> {
  const response = await fetch('/__sandbox/faults', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(response.status, await response.clone().text()).to.equal(200);
}

export interface Recorded {
  type: string;
  detail: unknown;
}

const EVENT_TYPES = [
  'finhub-ready',
  'finhub-step-change',
  'finhub-step-complete',
  'finhub-complete',
  'finhub-error',
  'finhub-sign-in-request',
];

export interface Mounted {
  el: FinHubOnboarding;
  events: Recorded[];
  deviceId: string;
}

export interface MountOptions {
  /** The clock the element waits on (polling, Retry-After); the wall clock by default. */
  clock?: FinHubOnboarding['clock'];
  deviceId?: string;
  customerId?: string;
  userId?: string;
  resume?: FinHubResume;
  category?: string;
  /** Instead of `token-url`. */
  fetchToken?: FinHubOnboarding['fetchToken'];
  consents?: FinHubOnboarding['consents'];
}

const containers: HTMLElement[] = [];

/**
 * A container in the page, removed after the test. Not open-wc's `fixture`: for a plain element
 * it waits for an animation frame, which never comes while another test file's page has the
 * keyboard focus (background pages get no frames).
 */
export function container(): HTMLDivElement {
  const div = document.createElement('div');
  document.body.append(div);
  containers.push(div);
  return div;
}

afterEach(() => {
  for (const div of containers.splice(0)) div.remove();
});

/**
 * A partner's own token endpoint that hands no categories along (the relay's token, its
 * `categories` dropped): the element then reads the hierarchy itself, as tests of that request's
 * failures need (docs/architecture.md#categories-with-the-token).
 */
export const tokenWithoutCategories: NonNullable<FinHubOnboarding['fetchToken']> = async (
  signal,
) => {
  const response = await fetch('/onboarding/token', { method: 'POST', body: '{}', signal });
  const token = await response.json();
  delete token.categories;
  return token;
};

/** The element as a partner page would mount it, with every public event recorded in order. */
export async function mount(options: MountOptions = {}): Promise<Mounted> {
  const deviceId = options.deviceId ?? crypto.randomUUID();
  const events: Recorded[] = [];
  const wrapper = container();
  for (const type of EVENT_TYPES) {
    wrapper.addEventListener(type, (event) =>
      events.push({ type, detail: (event as CustomEvent).detail }),
    );
  }
  const el = document.createElement('finhub-onboarding');
  if (!options.fetchToken) el.setAttribute('token-url', '/onboarding/token');
  el.setAttribute('api-base', '/onboarding/api');
  el.setAttribute('device-id', deviceId);
  if (options.customerId) el.setAttribute('customer-id', options.customerId);
  if (options.userId) el.setAttribute('user-id', options.userId);
  if (options.category) el.setAttribute('category', options.category);
  if (options.resume) el.resume = options.resume;
  if (options.clock) el.clock = options.clock;
  if (options.fetchToken) el.fetchToken = options.fetchToken;
  if (options.consents) el.consents = options.consents;
  wrapper.append(el);
  await el.updateComplete;
  return { el, events, deviceId };
}

export const heading = (el: FinHubOnboarding) =>
  root(el).querySelector<HTMLElement>('#step-heading')!.textContent!.trim();

export const bannerText = (el: FinHubOnboarding) =>
  root(el).querySelector('[part="error"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The step element `tag`, once rendered (waits longer than the default for network steps). */
export async function step<T extends LitElement = LitElement>(
  el: FinHubOnboarding,
  tag: string,
): Promise<T> {
  await waitUntil(() => root(el).querySelector(tag), `<${tag}> was not rendered`, {
    timeout: 8000,
  });
  return stepOf<T>(el, tag);
}

/** On the sign-in step of a resumed onboarding: signs in as `email` with the test password. */
export async function signIn(el: FinHubOnboarding, email: string): Promise<void> {
  const form = await step(el, 'finhub-step-sign-in');
  enter(byLabel(root(form), 'Email'), email);
  enter(byLabel(root(form), 'Password'), PASSWORD);
  buttonNamed(root(form), 'Sign in').click();
}

/** Waits for `selector` inside a step's shadow root. */
export async function inside(scope: LitElement, selector: string, what = selector) {
  await waitUntil(() => root(scope).querySelector(selector), `${what} never showed`, {
    timeout: 8000,
  });
  await scope.updateComplete;
  return root(scope).querySelector<HTMLElement>(selector)!;
}

export interface ApiSetup {
  client: IndividualClient;
  tokens: TokenSource;
  deviceId: string;
  email: string;
  customerId: string;
  userId: string;
}

/**
 * A flow's API client as the element builds it (the person's unless `Client` says otherwise), on
 * the relay of the test server, for `deviceId`.
 */
export function relayClient<C extends FinHubClientBase = IndividualClient>(
  deviceId: string,
  Client: new (options: FinHubClientOptions) => C = IndividualClient as never,
): { client: C; tokens: TokenSource } {
  const tokens = createTokenProvider({ tokenUrl: '/onboarding/token' });
  const client = new Client({
    apiBase: '/onboarding/api',
    tenantId: () => tokens.tenantId,
    tokens,
    device: resolveDeviceHints({ deviceId }, { storage: null }),
  });
  return { client, tokens };
}

/** The tenant's smart-default category for `flow`, with the categorization FinHub wants for it. */
export async function defaultCategorization(
  client: FinHubClientBase,
  flow: 'individual' | 'organization',
) {
  const hierarchy = await client.getCategorizationHierarchy();
  return buildCategorization(hierarchy, pickDefaultCategory(hierarchy, flow)!.key);
}

/** Registers (and signs in) a person through the API client, as an earlier visit would have. */
export async function registerViaApi(
  options: { email?: string; deviceId?: string } = {},
): Promise<ApiSetup> {
  const deviceId = options.deviceId ?? crypto.randomUUID();
  const { client, tokens } = relayClient(deviceId);
  const { customerCategory, categorization } = await defaultCategorization(client, 'individual');
  const email = options.email ?? uniqueEmail('earlier');
  const registered = await client.registerIndividual({
    firstName: 'Ona',
    lastName: 'Jonaitė',
    email,
    phone: '+37060012345',
    password: PASSWORD,
    dateOfBirth: '1990-05-15',
    gender: 'FEMALE',
    nationality: 'LT',
    placeOfBirth: 'Vilnius',
    address: { street: 'Gedimino pr. 1', city: 'Vilnius', postalCode: '01103', country: 'LT' },
    customerCategory,
    categorization,
  });
  await client.createCustomerSession(registered.customerId, registered.userId, {
    username: email,
    password: PASSWORD,
  });
  return {
    client,
    tokens,
    deviceId,
    email,
    customerId: registered.customerId,
    userId: registered.userId,
  };
}

const PDF_BASE64 = btoa('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** Starts the verification and, unless `documents` is false, uploads every required document. */
export async function verifyViaApi(
  setup: ApiSetup,
  options: { documents?: boolean } = {},
): Promise<string> {
  const verification = await setup.client.createIndividualVerification(setup.customerId, {
    verificationType: 'STANDARD',
  });
  if (options.documents !== false) {
    for (const required of verification.requiredDocuments) {
      const documentType = required === 'GOVERNMENT_ID' ? 'PASSPORT' : required;
      await setup.client.uploadVerificationDocument(verification.verificationId, {
        documentType,
        mimeType: 'application/pdf',
        fileName: `${documentType.toLowerCase()}.pdf`,
        fileContent: PDF_BASE64,
        customerId: setup.customerId,
      });
    }
  }
  return verification.verificationId;
}

export async function consentViaApi(
  setup: ApiSetup,
  kinds: readonly ('terms' | 'privacy' | 'data-processing')[] = [
    'terms',
    'privacy',
    'data-processing',
  ],
): Promise<void> {
  for (const kind of kinds) {
    await setup.client.acceptIndividualConsent(setup.customerId, kind, { version: '1.0' });
  }
}

/**
 * A person who registered, started KYC and accepted the consents earlier (through the API),
 * resumed in a new element and signed in: on the activation step. `approve` decides the KYC
 * first, so the step asks for the code; otherwise it polls the readiness check.
 */
export async function resumeAtActivation(options: {
  approve: boolean;
  clock?: MountOptions['clock'];
}) {
  const setup = await registerViaApi();
  const verificationId = await verifyViaApi(setup);
  await consentViaApi(setup);
  if (options.approve) await decide(verificationId, 'approve');
  const mounted = await mount({
    customerId: setup.customerId,
    userId: setup.userId,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await signIn(mounted.el, setup.email);
  const activation = await step(mounted.el, 'finhub-step-activation');
  if (options.approve) await inside(activation, '#code');
  return { ...mounted, setup, activation };
}

/** Every recorded event detail as one string, to check that no secret is in any of them. */
export const eventText = (events: Recorded[]) => JSON.stringify(events.map((e) => e.detail));
