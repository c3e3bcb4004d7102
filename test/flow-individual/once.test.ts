/**
 * Nothing runs twice when the element is moved, removed and re-added (as React StrictMode's
 * mount → unmount → mount does) or re-rendered with a new `fetchToken` function: one token
 * request, and no hierarchy request (the token brings the categories). And an element set up without a token source says so.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { FinHubOnboarding } from '../../src/index.js';
import { buttonNamed, fillRegistration, root } from '../components/helpers.js';
import {
  PASSWORD,
  bannerText,
  container,
  inside,
  mount,
  routes,
  step,
  uniqueEmail,
} from './helpers.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('each request once', () => {
  it('one token request and no hierarchy request across moves, re-mounts and new fetchToken functions', async () => {
    let tokenRequests = 0;
    const fetchToken =
      (label: string) => async (signal: AbortSignal, context: { currentToken?: string }) => {
        tokenRequests++;
        const response = await fetch('/onboarding/token', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            ...(context.currentToken ? { Authorization: `Bearer ${context.currentToken}` } : {}),
            'X-Test-Caller': label,
          },
          body: '{}',
          signal,
        });
        return (await response.json()) as { accessToken: string; expiresIn: number };
      };
    const { el, deviceId } = await mount({ fetchToken: fetchToken('first') });
    const first = el.parentElement!;
    const second = container();

    // A move in the same task, then two real re-mounts while the first requests are in flight.
    second.append(el);
    first.append(el);
    el.remove();
    await tick();
    first.append(el);
    el.remove();
    await tick();
    second.append(el);
    // A host re-rendering with a fresh function (React inline callback).
    el.fetchToken = fetchToken('second');

    const categorization = await step(el, 'finhub-step-categorization');
    await inside(categorization, 'input[type="radio"]', 'categories');
    await expect(el).to.be.accessible();
    el.remove();
    await tick();
    second.append(el);
    await el.updateComplete;

    buttonNamed(root(categorization), 'Continue').click();
    const registration = await step(el, 'finhub-step-individual-registration');
    await fillRegistration(root(registration), {
      Email: uniqueEmail('once'),
      'Create a password': PASSWORD,
      'Repeat the password': PASSWORD,
    });
    buttonNamed(root(registration), 'Create account').click();
    await step(el, 'finhub-step-verification');

    const paths = await routes(deviceId);
    // The token brought the categories, each with what registration sends for it.
    expect(paths.filter((p) => p.includes('/hierarchy/'))).to.have.length(0);
    expect(paths.filter((p) => p.endsWith('/registration'))).to.have.length(1);
    expect(paths.filter((p) => p.endsWith('/sessions'))).to.have.length(1);
    // Registration and sign-in re-bound the token through response headers, not new requests.
    expect(tokenRequests).to.equal(1);
  });

  it('without token-url or fetchToken it says onboarding is not set up, and offers no retry', async () => {
    const events: unknown[] = [];
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        api-base="/onboarding/api"
        @finhub-error=${(e: CustomEvent) => events.push(e.detail)}
      ></finhub-onboarding>`,
    );
    await waitUntil(() => bannerText(el) !== '', 'no banner');
    expect(bannerText(el)).to.equal(
      'Onboarding is not set up on this page. Please contact support.',
    );
    expect(root(el).querySelector('[part="error"] button')).to.equal(null);
    expect(events).to.deep.equal([
      {
        step: 'categorization',
        code: 'not_configured',
        message: 'Onboarding is not set up on this page. Please contact support.',
        recoverable: false,
      },
    ]);
    await expect(el).to.be.accessible();
  });
});
