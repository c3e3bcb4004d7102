/**
 * Vue 3 hosting `<finhub-onboarding>` against the real relay and sandbox: a template compiled with
 * `isCustomElement` (as demo/vue/ does through @vitejs/plugin-vue) and a render function. Props
 * and attributes pass through, `v-on` handlers receive the events, and one onboarding starts.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createApp, h, nextTick, type App } from 'vue';
import { FinHubOnboarding } from '../../src/define.js';
import type { FinHubReadyEvent, FinHubStepChangeEvent } from '../../src/index.js';
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

describe('Vue 3', () => {
  let container: HTMLElement;
  let app: App | undefined;
  let fetches: FetchLog;

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    fetches = recordFetches();
  });

  afterEach(() => {
    app?.unmount();
    app = undefined;
    container.remove();
    fetches.restore();
  });

  function rendered(): FinHubOnboarding {
    const el = container.querySelector('finhub-onboarding');
    if (!(el instanceof FinHubOnboarding)) throw new Error('Vue rendered no <finhub-onboarding>');
    return el;
  }

  it('in a template: attributes and props pass through, @finhub-* handlers fire', async () => {
    const deviceId = uniqueDeviceId('vue-template');
    const ready: FinHubReadyEvent[] = [];
    const changes: FinHubStepChangeEvent[] = [];
    const unknownComponents: string[] = [];
    app = createApp({
      template: `<finhub-onboarding
        :token-url="tokenUrl"
        :api-base="apiBase"
        :device-id="deviceId"
        :prefill="prefill"
        flow="individual"
        @finhub-ready="onReady"
        @finhub-step-change="onStepChange"
      ></finhub-onboarding>`,
      data: () => ({ ...RELAY, deviceId, prefill: { firstName: 'Ona' } }),
      methods: {
        onReady: (event: FinHubReadyEvent) => ready.push(event),
        onStepChange: (event: FinHubStepChangeEvent) => changes.push(event),
      },
    });
    app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('finhub-');
    app.config.warnHandler = (message) => void unknownComponents.push(message);
    app.mount(container);
    await nextTick();

    const el = rendered();
    expect(unknownComponents, 'Vue warnings (e.g. "Failed to resolve component")').to.deep.equal(
      [],
    );
    expect(el.tokenUrl).to.equal(RELAY.tokenUrl);
    expect(el.apiBase).to.equal(RELAY.apiBase);
    expect(el.deviceId).to.equal(deviceId);
    expect(el.prefill, 'object bound as a property').to.deep.equal({ firstName: 'Ona' });
    expect(el.hasAttribute('prefill')).to.equal(false);

    await firstScreen(el);
    await settle();
    expect(ready, 'finhub-ready through v-on').to.have.length(1);
    expect(ready[0]!.detail).to.deep.equal({ flow: 'individual', step: 'categorization' });
    expect(fetches.count(RELAY.tokenUrl), 'token requests').to.equal(1);
    expect(await hierarchyReads(deviceId)).to.have.length(0);

    await chooseCategoryAndContinue(el);
    await waitUntil(() => changes.length > 0, 'no finhub-step-change reached the v-on handler');
    expect(changes.map((event) => event.detail)).to.deep.equal([
      { from: 'categorization', to: 'registration' },
    ]);
  });

  it('in a render function: reactive props update the element, handlers fire', async () => {
    const { ref } = await import('vue');
    const deviceId = uniqueDeviceId('vue-render');
    const flow = ref<'individual' | 'organization'>('organization');
    const ready: FinHubReadyEvent[] = [];
    app = createApp({
      render: () =>
        h('finhub-onboarding', {
          'token-url': RELAY.tokenUrl,
          'api-base': RELAY.apiBase,
          'device-id': deviceId,
          flow: flow.value,
          'onFinhub-ready': (event: FinHubReadyEvent) => ready.push(event),
        }),
    });
    app.mount(container);
    await nextTick();
    const el = rendered();
    await el.updateComplete;
    expect(el.flow).to.equal('organization');
    expect(el.getAttribute('flow')).to.equal('organization');
    await waitUntil(() => ready.length === 1, 'finhub-ready did not reach the handler');
    expect(ready[0]!.detail.flow).to.equal('organization');

    flow.value = 'individual';
    await nextTick();
    expect(el.flow, 'a changed binding reaches the same element').to.equal('individual');
    expect(rendered()).to.equal(el);
    await firstScreen(el);
    expect(await hierarchyReads(deviceId)).to.have.length(0);
  });
});
