/**
 * The page and the relay on different origins (the page on the test server, the relay on
 * 127.0.0.1 at another port, behind `/partner/onboarding`), as a partner whose relay is on an
 * API host runs it: the whole individual flow, in Chromium, through real CORS preflights. The
 * relay allows exactly the headers the element sends (src/api/headers.ts).
 */
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { CLIENT_REQUEST_HEADERS } from '../../src/api/headers.js';
import { crossOriginRelayBase, runWholeFlowCrossOrigin } from './cross-origin.js';

describe('cross-origin relay behind a path prefix', () => {
  it('runs the whole individual flow from a page on another origin', async function () {
    this.timeout(60_000);
    await runWholeFlowCrossOrigin();
  });

  it('preflight allows every header the element sends, and exposes the re-issued token', async () => {
    const base = await crossOriginRelayBase();
    // The browser sends the preflight itself; a request carrying every client header must pass it.
    const headers = Object.fromEntries(CLIENT_REQUEST_HEADERS.map((name) => [name, 'x']));
    const response = await fetch(`${base}/api/v2.1/verifications`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', Authorization: 'Bearer x' },
      body: '{}',
    });
    // Past CORS: the relay's own refusal of the made-up token is readable.
    expect(response.status).to.equal(401);
    expect(((await response.json()) as { data: { error: string } }).data.error).to.equal(
      'onboarding_token_invalid',
    );
  });
});
