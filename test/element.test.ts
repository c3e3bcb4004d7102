import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import { defineFinHubOnboarding } from '../src/define.js';
import { FinHubOnboarding } from '../src/index.js';

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

  it('maps every documented attribute to its property', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        api-base="/onboarding/api"
        tenant-id="97e7ff29-15f3-49ef-9681-3bbfcce4f6cd"
        device-id="device-1"
        category="INDIVIDUAL_STANDARD"
        theme="dark"
        locale="en"
      ></finhub-onboarding>`,
    );
    expect(el.apiBase).to.equal('/onboarding/api');
    expect(el.tenantId).to.equal('97e7ff29-15f3-49ef-9681-3bbfcce4f6cd');
    expect(el.deviceId).to.equal('device-1');
    expect(el.category).to.equal('INDIVIDUAL_STANDARD');
    expect(el.theme).to.equal('dark');
    expect(el.locale).to.equal('en');
    expect(el.fetchToken).to.equal(undefined);
    el.fetchToken = async () => ({ accessToken: 'token', expiresIn: 60 });
    expect(await el.fetchToken!(new AbortController().signal, {})).to.deep.equal({
      accessToken: 'token',
      expiresIn: 60,
    });
  });

  it('treats an unknown flow value as individual', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding flow="business"></finhub-onboarding>`,
    );
    // The individual flow's five steps a person acts on (a company has People as well).
    const steps = el.shadowRoot!.querySelectorAll('ol[part="stepper"] > li');
    expect(steps).to.have.length(5);
    expect(el.shadowRoot!.querySelector('[part="progress-summary"]')!.textContent).to.equal(
      'Step 1 of 5 · Account type',
    );
  });

  it('warns instead of throwing when the tag is taken by another class', () => {
    class Other extends HTMLElement {}
    customElements.define('finhub-taken', Other);
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      expect(() => defineFinHubOnboarding('finhub-taken')).to.not.throw();
      defineFinHubOnboarding(); // already ours: silent
    } finally {
      console.warn = original;
    }
    expect(warnings).to.deep.equal([
      '<finhub-taken> is already defined by another class; keeping that one.',
    ]);
    expect(customElements.get('finhub-onboarding')).to.equal(FinHubOnboarding);
  });
});
