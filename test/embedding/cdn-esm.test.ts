/**
 * The script-tag ES module (`dist/cdn/finhub-onboarding.js`, built by `npm run build`): loaded with
 * `<script type="module">` as a host page would, it registers the element and renders the first
 * screen on its own, with nothing else fetched from dist/.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { RELAY, firstScreenOnRelay, loadScript, requireBuilt, uniqueDeviceId } from './helpers.js';

const BUNDLE = '/dist/cdn/finhub-onboarding.js';

describe('script tag: ES module bundle', () => {
  before(async () => {
    await requireBuilt(BUNDLE);
    expect(customElements.get('finhub-onboarding'), 'defined before loading').to.equal(undefined);
    await loadScript(BUNDLE, 'module');
  });

  it('registers <finhub-onboarding> once its core chunk has loaded', async () => {
    // The entry is a guarded loader: the tag is defined when the chunk it imports has run.
    await waitUntil(() => customElements.get('finhub-onboarding'), 'the tag was never defined', {
      timeout: 5000,
    });
    const ctor = customElements.get('finhub-onboarding');
    expect(ctor).to.be.a('function');
    expect(document.createElement('finhub-onboarding')).to.be.instanceOf(ctor!);
  });

  it('renders the first screen from attributes alone, talking to the relay', async () => {
    const { radios, reads } = await firstScreenOnRelay('cdn-esm');
    expect(radios.length).to.be.greaterThan(0);
    expect(reads).to.have.length(0);
  });

  it('reads the hierarchy itself when the host’s token comes without the categories', async () => {
    // The reader and the analysis are a chunk of their own (a token endpoint that sends the
    // categories never loads them): the built bundle must still find and run them.
    const { radios, reads } = await firstScreenOnRelay('cdn-esm-hierarchy', async () => {
      const response = await fetch(RELAY.tokenUrl, { method: 'POST' });
      const token = (await response.json()) as Record<string, unknown>;
      delete token['categories'];
      return token;
    });
    expect(radios.length).to.be.greaterThan(0);
    expect(reads).to.have.length(1);
  });

  it('is self-contained: only the bundle and its own chunks (dist/cdn/chunks/) were fetched', () => {
    const fromDist = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/dist/'));
    expect(fromDist).to.include(BUNDLE);
    // Steps, the API client and locales are chunks of the bundle itself, loaded on demand.
    expect(
      fromDist.filter((path) => path !== BUNDLE && !/^\/dist\/cdn\/chunks\/[\w-]+\.js$/.test(path)),
    ).to.deep.equal([]);
  });

  // Last: the locale is the page's (one @lit/localize configuration per page).
  it('in Lithuanian, the first step shows from its part of the catalogue, the next step from the rest', async () => {
    const el = document.createElement('finhub-onboarding');
    el.setAttribute('token-url', RELAY.tokenUrl);
    el.setAttribute('api-base', RELAY.apiBase);
    el.setAttribute('device-id', uniqueDeviceId('cdn-esm-lt'));
    el.setAttribute('locale', 'lt');
    document.body.append(el);
    const scope = (tag: string) => el.shadowRoot?.querySelector(tag)?.shadowRoot;
    const buttonNamed = (root: ShadowRoot | null | undefined, text: string) =>
      [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === text);
    try {
      const first = 'finhub-step-categorization';
      await waitUntil(() => buttonNamed(scope(first), 'Tęsti'), 'no Lithuanian first step', {
        timeout: 10000,
      });
      scope(first)!.querySelector<HTMLInputElement>('input[type="radio"]')!.click();
      buttonNamed(scope(first), 'Tęsti')!.click();
      const registration = 'finhub-step-individual-registration';
      await waitUntil(() => scope(registration)?.querySelector('label'), 'no registration', {
        timeout: 10000,
      });
      const labels = [...scope(registration)!.querySelectorAll('label')].map((label) =>
        label.textContent?.trim(),
      );
      expect(labels).to.include('Vardas'); // "First name": a message of the catalogue's rest
      const catalogues = performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => /\/chunks\/lt-/.test(path));
      // The main catalogue (the first step's part), its rest, and the individual flow's part.
      expect(catalogues.map((path) => path.replace(/-[\w-]{8}\.js$/, ''))).to.have.members([
        '/dist/cdn/chunks/lt',
        '/dist/cdn/chunks/lt-rest',
        '/dist/cdn/chunks/lt-individual',
      ]);
    } finally {
      el.remove();
    }
  });
});
