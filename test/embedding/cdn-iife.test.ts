/**
 * The classic-script build (`dist/cdn/finhub-onboarding.iife.js`, built by `npm run build`): loaded with
 * a plain `<script src>` (no module script on the page) as a host page would, it registers the element
 * and renders the first screen, loading the ES build's chunks from its own folder as the module build
 * does (issue 17: lazy, not one file with everything).
 */
import { expect } from '@open-wc/testing';
import { firstScreenOnRelay, loadScript, requireBuilt } from './helpers.js';

const BUNDLE = '/dist/cdn/finhub-onboarding.iife.js';

describe('script tag: classic-script (IIFE) bundle', () => {
  before(async () => {
    await requireBuilt(BUNDLE);
    expect(customElements.get('finhub-onboarding'), 'defined before loading').to.equal(undefined);
    await loadScript(BUNDLE, 'classic');
    // The loader defines the element once its core chunk is in (a load event later).
    await customElements.whenDefined('finhub-onboarding');
  });

  it('registers <finhub-onboarding> once its first chunk is in', () => {
    const ctor = customElements.get('finhub-onboarding');
    expect(ctor).to.be.a('function');
    expect(document.createElement('finhub-onboarding')).to.be.instanceOf(ctor!);
  });

  it('renders the first screen from attributes alone, talking to the relay', async () => {
    const { radios, reads } = await firstScreenOnRelay('cdn-iife');
    expect(radios.length).to.be.greaterThan(0);
    expect(reads).to.have.length(0);
  });

  it('loads the first step from its own folder, and not the other flow or locale', () => {
    const fromDist = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path, index, all) => path.startsWith('/dist/') && all.indexOf(path) === index);
    // The loader, then the core chunk (element, flow, first step, its API calls) with the bundler's
    // runtime, both asked for at once: resolved against the script's URL. The later steps' chunks may follow while the first step shows, but not the
    // other flow's or the Lithuanian catalogue.
    expect(fromDist[0]).to.equal(BUNDLE);
    expect(fromDist.slice(1, 3).some((path) => /^\/dist\/cdn\/chunks\/core-[\w-]+\.js$/.test(path)))
      .to.be.true;
    expect(
      fromDist.filter((path) => /\/chunks\/(lt|organization|personnel)-/.test(path)),
    ).to.deep.equal([]);
    expect(fromDist.every((path) => path.startsWith('/dist/cdn/'))).to.be.true;
  });
});
