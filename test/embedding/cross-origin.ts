/**
 * Helpers for the cross-origin embedding tests: the relay on a second origin (127.0.0.1 at its own
 * port, behind `/partner/onboarding`, see dev/cross-origin.ts) and the whole individual flow walked
 * as a person does it. Nothing here defines the element, so a page may load it from dist/cdn.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import {
  buttonNamed,
  byLabel,
  enter,
  fillRegistration,
  root,
  stepOf,
  uploadEveryDocument,
} from '../components/helpers.js';
import { activationCode, decide, journal, route } from '../sandbox-controls.js';
import type { FinHubOnboarding } from '../../src/index.js';

/** `http://127.0.0.1:<port>/partner/onboarding`: the relay the test server started on a second origin. */
export async function crossOriginRelayBase(): Promise<string> {
  const response = await fetch('/__cross-origin');
  const { relay } = (await response.json()) as { relay?: string };
  if (!relay) throw new Error('the test server started no cross-origin relay');
  expect(new URL(relay).origin, 'the relay is on another origin').not.to.equal(location.origin);
  return relay;
}

export interface Walk {
  el: FinHubOnboarding;
  events: { type: string; detail: Record<string, unknown> }[];
  deviceId: string;
}

/** The element as a partner page on another origin mounts it: absolute URLs to the relay. */
export function mountWithRelayAt(base: string): Walk {
  // The page's resource timings are what the walk checks: start from none, with room for all
  // (the browser keeps 250 by default, and loading the test modules alone can fill that).
  performance.clearResourceTimings();
  performance.setResourceTimingBufferSize(10_000);
  const deviceId = `cross-origin-${crypto.randomUUID()}`;
  const el = document.createElement('finhub-onboarding') as FinHubOnboarding;
  const events: Walk['events'] = [];
  for (const type of ['finhub-step-complete', 'finhub-complete', 'finhub-error']) {
    el.addEventListener(type, (event) =>
      events.push({ type, detail: (event as CustomEvent<Record<string, unknown>>).detail }),
    );
  }
  el.setAttribute('token-url', `${base}/token`);
  el.setAttribute('api-base', `${base}/api`);
  el.setAttribute('device-id', deviceId);
  document.body.append(el);
  return { el, events, deviceId };
}

async function waitFor(scope: LitElement, selector: string): Promise<HTMLElement> {
  await waitUntil(() => root(scope).querySelector(selector), `${selector} never showed`, {
    timeout: 8000,
  });
  return root(scope).querySelector<HTMLElement>(selector)!;
}

/** From the first screen to `finhub-complete`: every step, every request the flow makes. */
export async function walkIndividualFlow({ el, events }: Walk): Promise<void> {
  const email = `cors.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const categorization = await stepOf(el, 'finhub-step-categorization');
  await waitFor(categorization, 'input[type="radio"]');
  buttonNamed(root(categorization), 'Continue').click();

  const registration = await stepOf(el, 'finhub-step-individual-registration');
  await fillRegistration(root(registration), { Email: email });
  buttonNamed(root(registration), 'Create account').click();

  const verification = await stepOf(el, 'finhub-step-verification');
  await waitFor(verification, 'ul li');
  buttonNamed(root(verification), 'Continue').click();

  const documents = await stepOf(el, 'finhub-step-documents');
  await uploadEveryDocument(documents);
  buttonNamed(root(documents), 'Continue').click();

  const consents = await stepOf(el, 'finhub-step-consents');
  for (const label of [
    'I accept the terms and conditions',
    'I accept the privacy policy',
    'I agree to the processing of my personal data',
  ]) {
    (byLabel(root(consents), label) as HTMLInputElement).click();
  }
  buttonNamed(root(consents), 'Accept and continue').click();

  const activation = await stepOf(el, 'finhub-step-activation');
  const verified = events.find(
    (e) => e.type === 'finhub-step-complete' && e.detail.step === 'verification',
  );
  const { verificationId } = (verified!.detail as { ids: { verificationId: string } }).ids;
  await decide(verificationId, 'approve');
  await waitFor(activation, '#code');
  enter(byLabel(root(activation), 'Activation code'), await activationCode(email));
  buttonNamed(root(activation), 'Activate account').click();
  await waitUntil(() => events.some((e) => e.type === 'finhub-complete'), 'never completed', {
    timeout: 8000,
  });
}

/** Checks what a finished cross-origin walk sent: every call to the relay's origin, FinHub's order. */
export async function expectCompletedThrough(base: string, walk: Walk): Promise<void> {
  expect(walk.events.filter((e) => e.type === 'finhub-error')).to.deep.equal([]);
  const calls = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('/onboarding/'));
  expect(calls.length).to.be.greaterThan(10);
  for (const url of calls) expect(url.startsWith(`${base}/`), url).to.be.true;
  const paths = (await journal(walk.deviceId)).map(route);
  expect(paths).to.include.members([
    'POST /customer/individual/registration',
    'POST /verifications/:id/documents',
    'POST /customer/individual/:id/consents/terms',
    'POST /customer/individual/:id/activation',
  ]);
  expect(paths.filter((p) => p.endsWith('/registration'))).to.have.length(1);
}

/** Mounts the element against the cross-origin relay, walks the whole flow and checks it. */
export async function runWholeFlowCrossOrigin(): Promise<void> {
  const base = await crossOriginRelayBase();
  // Room for every relay call after the page's many module loads (the default buffer is 250).
  performance.setResourceTimingBufferSize(5000);
  const walk = mountWithRelayAt(base);
  try {
    await walkIndividualFlow(walk);
    await expectCompletedThrough(base, walk);
  } finally {
    walk.el.remove();
  }
}
