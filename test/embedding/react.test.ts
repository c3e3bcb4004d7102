/**
 * React 19 under `<StrictMode>` (development build: effects and refs run twice), against the real
 * relay and sandbox: the `finhub-onboarding/react` wrapper, and the bare tag without it. Either
 * way one onboarding token, no hierarchy request (the categories come with it) and one
 * `finhub-ready`, and the event props receive the typed events.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { StrictMode, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { FinHubOnboarding, FinHubOnboardingElement } from '../../src/react.js';
import type {
  FinHubReadyEvent,
  FinHubStepChangeEvent,
  FinHubStepCompleteEvent,
} from '../../src/index.js';
import {
  RELAY,
  chooseCategoryAndContinue,
  firstScreen,
  hierarchyReads,
  recordFetches,
  settle,
  uniqueDeviceId,
  type FetchLog,
} from './helpers.js';

interface Received {
  ready: FinHubReadyEvent[];
  stepChange: FinHubStepChangeEvent[];
  stepComplete: FinHubStepCompleteEvent[];
}

const received = (): Received => ({ ready: [], stepChange: [], stepComplete: [] });

describe('React 19 in StrictMode', () => {
  let container: HTMLElement;
  let root: Root | undefined;
  let fetches: FetchLog;

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    fetches = recordFetches();
  });

  afterEach(() => {
    root?.unmount();
    root = undefined;
    container.remove();
    fetches.restore();
  });

  /** Mounts `element` in StrictMode and returns the `<finhub-onboarding>` React rendered. */
  function mount(element: ReturnType<typeof createElement>): Element {
    root = createRoot(container);
    flushSync(() => root!.render(createElement(StrictMode, null, element)));
    const el = container.querySelector('finhub-onboarding');
    if (!el) throw new Error('React rendered no <finhub-onboarding>');
    return el;
  }

  async function expectOneOnboarding(el: Element, deviceId: string, events: Received) {
    await firstScreen(el);
    await settle();
    expect(fetches.count(RELAY.tokenUrl), 'token requests').to.equal(1);
    expect(await hierarchyReads(deviceId), 'hierarchy requests reaching FinHub').to.have.length(0);
    expect(events.ready, 'finhub-ready events').to.have.length(1);
    expect(events.ready[0]!.detail).to.deep.equal({ flow: 'individual', step: 'categorization' });
  }

  async function expectOneTransition(el: Element, events: Received) {
    await chooseCategoryAndContinue(el);
    await waitUntil(() => events.stepChange.length > 0, 'no finhub-step-change reached React');
    await settle();
    expect(events.stepChange.map((event) => event.detail)).to.deep.equal([
      { from: 'categorization', to: 'registration' },
    ]);
    expect(events.stepComplete).to.have.length(1);
    expect(events.stepComplete[0]!.detail).to.include({
      step: 'categorization',
      flow: 'individual',
    });
  }

  describe('through the finhub-onboarding/react wrapper', () => {
    it('registers the element once and passes camel-case props as properties', async () => {
      expect(customElements.get('finhub-onboarding')).to.equal(FinHubOnboardingElement);
      const deviceId = uniqueDeviceId('react-props');
      const el = mount(
        createElement(FinHubOnboarding, {
          tokenUrl: RELAY.tokenUrl,
          apiBase: RELAY.apiBase,
          deviceId,
          flow: 'organization',
          locale: 'en',
        }),
      ) as FinHubOnboardingElement;
      expect(el).to.be.instanceOf(FinHubOnboardingElement);
      expect(el.tokenUrl).to.equal(RELAY.tokenUrl);
      expect(el.apiBase).to.equal(RELAY.apiBase);
      expect(el.deviceId).to.equal(deviceId);
      await el.updateComplete;
      expect(el.getAttribute('flow'), 'reflected').to.equal('organization');
    });

    it('makes one token request, no hierarchy request, and fires finhub-ready once', async () => {
      const deviceId = uniqueDeviceId('react-wrapper');
      const events = received();
      const el = mount(
        createElement(FinHubOnboarding, {
          tokenUrl: RELAY.tokenUrl,
          apiBase: RELAY.apiBase,
          deviceId,
          onReady: (event) => events.ready.push(event),
          onStepChange: (event) => events.stepChange.push(event),
          onStepComplete: (event) => events.stepComplete.push(event),
        }),
      );
      await expectOneOnboarding(el, deviceId, events);
      await expectOneTransition(el, events);
    });
  });

  describe('with the bare <finhub-onboarding> tag (React 19 custom element support)', () => {
    it('makes one token request, no hierarchy request, and events reach on<event-name> props', async () => {
      const deviceId = uniqueDeviceId('react-bare');
      const events = received();
      // React 19: hyphenated names become attributes, `on` + the exact event name a listener.
      const el = mount(
        createElement('finhub-onboarding', {
          'token-url': RELAY.tokenUrl,
          'api-base': RELAY.apiBase,
          'device-id': deviceId,
          'onfinhub-ready': (event: FinHubReadyEvent) => events.ready.push(event),
          'onfinhub-step-change': (event: FinHubStepChangeEvent) => events.stepChange.push(event),
          'onfinhub-step-complete': (event: FinHubStepCompleteEvent) =>
            events.stepComplete.push(event),
        }),
      );
      expect(el.getAttribute('token-url')).to.equal(RELAY.tokenUrl);
      await expectOneOnboarding(el, deviceId, events);
      await expectOneTransition(el, events);
    });

    it('sets object props such as prefill as properties', async () => {
      const prefill = { firstName: 'Ona', lastName: 'Jonaitė' };
      const el = mount(
        createElement('finhub-onboarding', {
          'token-url': RELAY.tokenUrl,
          'api-base': RELAY.apiBase,
          'device-id': uniqueDeviceId('react-prefill'),
          prefill,
        }),
      ) as FinHubOnboardingElement;
      expect(el.prefill).to.equal(prefill);
      expect(el.hasAttribute('prefill')).to.equal(false);
      await firstScreen(el);
    });
  });
});
