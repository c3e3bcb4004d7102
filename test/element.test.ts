import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { FinHubOnboarding } from '../src/index.js';

describe('<finhub-onboarding> registration', () => {
  it('upgrades and reflects its flow attribute', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        flow="organization"
        token-url="/onboarding/token"
      ></finhub-onboarding>`,
    );
    expect(el.flow).to.equal('organization');
    expect(el.tokenUrl).to.equal('/onboarding/token');
    expect(el.shadowRoot).to.exist;
  });
});
