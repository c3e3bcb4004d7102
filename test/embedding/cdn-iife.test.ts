/**
 * The classic-script build (`dist/cdn/finhub-onboarding.iife.js`, built by `npm run build`): loaded with
 * a plain `<script src>` (no modules) as a host page would, it registers the element and renders the first
 * screen on its own, with nothing else fetched from dist/.
 */
import { expect } from '@open-wc/testing';
import {
  RELAY,
  firstScreen,
  loadScript,
  requireBuilt,
  sandboxRequests,
  hierarchyRequests,
  uniqueDeviceId,
} from './helpers.js';

const BUNDLE = '/dist/cdn/finhub-onboarding.iife.js';

describe('script tag: classic-script (IIFE) bundle', () => {
  before(async () => {
    await requireBuilt(BUNDLE);
    expect(customElements.get('finhub-onboarding'), 'defined before loading').to.equal(undefined);
    await loadScript(BUNDLE, 'classic');
  });

  it('registers <finhub-onboarding> when the script runs', () => {
    const ctor = customElements.get('finhub-onboarding');
    expect(ctor).to.be.a('function');
    expect(document.createElement('finhub-onboarding')).to.be.instanceOf(ctor!);
  });

  it('renders the first screen from attributes alone, talking to the relay', async () => {
    const deviceId = uniqueDeviceId('cdn-iife');
    const el = document.createElement('finhub-onboarding');
    el.setAttribute('token-url', RELAY.tokenUrl);
    el.setAttribute('api-base', RELAY.apiBase);
    el.setAttribute('device-id', deviceId);
    document.body.append(el);
    try {
      const radios = await firstScreen(el);
      expect(radios.length).to.be.greaterThan(0);
      expect(hierarchyRequests(await sandboxRequests(deviceId))).to.have.length(1);
    } finally {
      el.remove();
    }
  });

  it('is self-contained: nothing else was fetched from dist/ (no dynamic import)', () => {
    const fromDist = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/dist/'));
    expect([...new Set(fromDist)]).to.deep.equal([BUNDLE]);
  });
});
