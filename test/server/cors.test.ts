import { expect } from '@open-wc/testing';
import { CLIENT_REQUEST_HEADERS } from '../../src/api/headers.js';
import {
  RELAY,
  TENANT_ID,
  api,
  buildRequest,
  createTestRelay,
  mint,
  registerIndividual,
} from './helpers.js';

const PARTNER = 'https://shop.partner.test';
const HIERARCHY = `/customer/individual/categorization/hierarchy/${TENANT_ID}`;

describe('relay: origins and CORS', () => {
  it('serves an allowed origin with CORS headers that expose the re-issued token', async () => {
    const { relay } = createTestRelay({ allowedOrigins: [PARTNER] });
    const minted = await relay(
      buildRequest('POST', `${RELAY}/token`, { serverHeaders: { Origin: PARTNER } }),
    );
    expect(minted.status).to.equal(200);
    expect(minted.headers.get('Access-Control-Allow-Origin')).to.equal(PARTNER);
    expect(minted.headers.get('Vary')).to.contain('Origin');
    const { accessToken } = await minted.json();
    const registered = await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      body: { email: 'a@b.c' },
      serverHeaders: { Origin: PARTNER },
    });
    expect(registered.headers.get('Access-Control-Allow-Origin')).to.equal(PARTNER);
    const exposed = registered.headers.get('Access-Control-Expose-Headers')!.split(/,\s*/);
    expect(exposed).to.include.members([
      'X-Onboarding-Token',
      'X-Onboarding-Token-Expires-In',
      'Retry-After',
    ]);
    expect(registered.headers.get('X-Onboarding-Token')).to.be.a('string');
  });

  it('refuses an origin that is not listed: 403, no CORS headers, nothing minted or forwarded', async () => {
    const { relay, finhub } = createTestRelay({ allowedOrigins: [PARTNER] });
    const minted = await relay(
      buildRequest('POST', `${RELAY}/token`, { serverHeaders: { Origin: 'https://evil.test' } }),
    );
    expect(minted.status).to.equal(403);
    expect(minted.headers.has('Access-Control-Allow-Origin')).to.be.false;
    expect((await minted.json()).data.error).to.equal('origin_not_allowed');

    const { accessToken } = await mint(relay);
    const forwarded = await api(relay, 'GET', HIERARCHY, {
      token: accessToken,
      serverHeaders: { Origin: 'https://shop.partner.test.evil.test' },
    });
    expect(forwarded.status).to.equal(403);
    expect(finhub.calls).to.have.length(0);
  });

  it('serves same-origin requests without any allowedOrigins entry', async () => {
    const { relay } = createTestRelay();
    const response = await relay(
      buildRequest('POST', `${RELAY}/token`, { serverHeaders: { Origin: 'http://relay.test' } }),
    );
    expect(response.status).to.equal(200);
    expect(response.headers.has('Access-Control-Allow-Origin')).to.be.false;
  });

  it('answers an allowed preflight with 204, methods, request headers and exposed headers', async () => {
    const { relay, finhub } = createTestRelay({ allowedOrigins: [PARTNER] });
    const response = await relay(
      buildRequest('OPTIONS', `${RELAY}/api/v2.1/verifications`, {
        serverHeaders: {
          Origin: PARTNER,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type, deviceid',
        },
      }),
    );
    expect(response.status).to.equal(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).to.equal(PARTNER);
    expect(response.headers.get('Access-Control-Allow-Methods')!.split(/,\s*/)).to.include.members([
      'GET',
      'POST',
    ]);
    // Exactly the headers the element sends (one list, src/api/headers.ts), X-Tenant-ID included.
    const allowed = response.headers.get('Access-Control-Allow-Headers')!.split(/,\s*/);
    expect(allowed).to.have.members([...CLIENT_REQUEST_HEADERS]);
    expect(allowed).to.include('X-Tenant-ID');
    expect(response.headers.get('Access-Control-Expose-Headers')).to.contain('X-Onboarding-Token');
    expect(finhub.calls).to.have.length(0);
  });

  it('refuses a preflight from an unlisted origin', async () => {
    const { relay } = createTestRelay({ allowedOrigins: [PARTNER] });
    const response = await relay(
      buildRequest('OPTIONS', `${RELAY}/token`, {
        serverHeaders: { Origin: 'https://evil.test', 'Access-Control-Request-Method': 'POST' },
      }),
    );
    expect(response.status).to.equal(403);
    expect(response.headers.has('Access-Control-Allow-Origin')).to.be.false;
    expect(response.headers.has('Access-Control-Allow-Methods')).to.be.false;
  });

  it('adds CORS headers to relay errors too, so the element can read them', async () => {
    const { relay } = createTestRelay({ allowedOrigins: [PARTNER] });
    const { token } = await registerIndividual(relay);
    const response = await api(relay, 'POST', '/customer/individual/someone-else/activation', {
      token,
      body: {},
      serverHeaders: { Origin: PARTNER },
    });
    expect(response.status).to.equal(403);
    expect(response.headers.get('Access-Control-Allow-Origin')).to.equal(PARTNER);
  });
});
