import { expect } from '@open-wc/testing';

describe('importing the package entry', () => {
  it('registers nothing and configures nothing (SSR-safe, side-effect free)', async () => {
    const entry = await import('../../src/index.js');
    expect(entry.FinHubOnboarding).to.be.a('function');
    expect(entry.FinHubReadyEvent).to.be.a('function');
    expect(customElements.get('finhub-onboarding')).to.equal(undefined);
    expect(customElements.get('finhub-step-categorization')).to.equal(undefined);
    // @lit/localize is configured on first use, so a host may still configure it first.
    const { configureLocalization } = await import('@lit/localize');
    expect(() =>
      configureLocalization({
        sourceLocale: 'en',
        targetLocales: [],
        loadLocale: () => Promise.reject(new Error('unused')),
      }),
    ).to.not.throw();
  });
});

describe('when the page configured @lit/localize itself', () => {
  it('still renders, following the page’s locale instead of throwing', async () => {
    // The previous test configured localization for the page (source locale only).
    const { fixture, html } = await import('@open-wc/testing');
    await import('../../src/define.js');
    const el = await fixture(html`<finhub-onboarding locale="lt"></finhub-onboarding>`);
    await (el as unknown as { updateComplete: Promise<boolean> }).updateComplete; // a LitElement
    const heading = el.shadowRoot!.querySelector('#step-heading')!;
    expect(heading.textContent!.trim()).to.equal('Account type');
  });
});
