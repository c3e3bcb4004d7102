/**
 * The script-tag loader sends the token request of an element already in the page beside the core
 * chunk, not after it (issue 17: the first step in one round trip), and the element uses that
 * request instead of sending its own: one token request, sent before the core chunk arrived, with
 * the same method, headers and body the element's token provider sends.
 */
import { expect } from '@open-wc/testing';
import { RELAY, firstScreen, loadScript, requireBuilt, uniqueDeviceId } from './helpers.js';

const BUNDLE = '/dist/cdn/finhub-onboarding.js';

describe('script tag: the token request starts beside the core chunk', () => {
  const sent: { url: string; init: RequestInit | undefined; at: number }[] = [];
  const realFetch = window.fetch;
  let el: HTMLElement;

  before(async () => {
    await requireBuilt(BUNDLE);
    expect(customElements.get('finhub-onboarding'), 'defined before loading').to.equal(undefined);
    window.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes(RELAY.tokenUrl)) sent.push({ url, init, at: performance.now() });
      return realFetch(input, init);
    };
    // As a host page has it: the element in the markup, then the module script.
    el = document.createElement('finhub-onboarding');
    el.setAttribute('token-url', ` ${RELAY.tokenUrl} `);
    el.setAttribute('api-base', RELAY.apiBase);
    el.setAttribute('device-id', uniqueDeviceId('cdn-token-request'));
    document.body.append(el);
    await loadScript(BUNDLE, 'module');
  });

  after(() => {
    window.fetch = realFetch;
    el.remove();
  });

  it('sends one token request, before the core chunk has arrived, and shows the first step', async () => {
    const radios = await firstScreen(el);
    expect(radios.length).to.be.greaterThan(0);
    expect(sent.map((request) => request.url)).to.deep.equal([RELAY.tokenUrl]);
    const core = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
      (entry) => /\/dist\/cdn\/chunks\/core-[\w-]+\.js$/.test(new URL(entry.name).pathname),
    );
    expect(core, 'the core chunk was fetched').to.not.equal(undefined);
    expect(sent[0]!.at).to.be.below(core!.responseEnd);
  });

  it('sends what the token provider sends: POST, JSON headers, same-origin credentials, {}', () => {
    const init = sent[0]!.init!;
    expect(init.method).to.equal('POST');
    expect(new Headers(init.headers).get('Accept')).to.equal('application/json');
    expect(new Headers(init.headers).get('Content-Type')).to.equal('application/json');
    expect(new Headers(init.headers).has('Authorization')).to.equal(false);
    expect(init.credentials).to.equal('same-origin');
    expect(init.body).to.equal('{}');
  });
});
