/**
 * The classic-script build (`dist/cdn/finhub-onboarding.iife.js`) on a page whose relay is on
 * another origin behind a path prefix: the whole individual flow, in Chromium, with nothing of
 * the element loaded from source.
 */
import { expect } from '@open-wc/testing';
import { loadScript, requireBuilt } from './helpers.js';
import { runWholeFlowCrossOrigin } from './cross-origin.js';

const BUNDLE = '/dist/cdn/finhub-onboarding.iife.js';

describe('cross-origin relay with the IIFE build', () => {
  before(async () => {
    await requireBuilt(BUNDLE);
    expect(customElements.get('finhub-onboarding'), 'defined before loading').to.equal(undefined);
    await loadScript(BUNDLE, 'classic');
    // The loader defines the element once its core chunk is in (a load event later).
    await customElements.whenDefined('finhub-onboarding');
  });

  it('runs the whole individual flow', async function () {
    this.timeout(60_000);
    await runWholeFlowCrossOrigin();
  });
});
