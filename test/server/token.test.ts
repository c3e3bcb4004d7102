import { expect } from '@open-wc/testing';
import { createOnboardingHandler } from '../../src/server/index.js';
import {
  ADMIN,
  RELAY,
  SIGNING_SECRET,
  TENANT_ID,
  TENANT_KEY,
  TENANT_SECRET,
  api,
  buildRequest,
  createTestRelay,
  mint,
  registerIndividual,
} from './helpers.js';

const HIERARCHY = `/customer/individual/categorization/hierarchy/${TENANT_ID}`;

const decodeClaims = (token: string): Record<string, unknown> => {
  const payload = token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload + '='.repeat((4 - (payload.length % 4)) % 4)));
};
const encodeClaims = (claims: Record<string, unknown>) =>
  btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('relay: onboarding token endpoint', () => {
  it('mints a signed, short-lived, unbound token with no-store caching', async () => {
    const { relay, clock } = createTestRelay();
    const response = await relay(buildRequest('POST', `${RELAY}/token`));
    expect(response.status).to.equal(200);
    expect(response.headers.get('Cache-Control')).to.equal('no-store');
    const body = await response.json();
    expect(Object.keys(body).sort()).to.deep.equal([
      'accessToken',
      'expiresAt',
      'expiresIn',
      'tenantId',
    ]);
    expect(body.expiresIn).to.equal(900);
    expect(body.tenantId).to.equal(TENANT_ID);
    expect(Date.parse(body.expiresAt)).to.equal(clock.now() + 900_000);
    expect(body.accessToken).to.match(/^[\w-]+\.[\w-]+$/);
    const claims = decodeClaims(body.accessToken);
    expect(claims).to.include({
      v: 1,
      tid: TENANT_ID,
      iat: clock.now() / 1000,
      exp: clock.now() / 1000 + 900,
    });
    expect(claims.jti).to.be.a('string');
    expect(claims).not.to.have.property('cid');
    // No secret ends up in the (readable) claims.
    expect(JSON.stringify(claims)).not.to.contain(TENANT_SECRET);
  });

  it('gives every token its own jti', async () => {
    const { relay } = createTestRelay();
    const a = decodeClaims((await mint(relay)).accessToken);
    const b = decodeClaims((await mint(relay)).accessToken);
    expect(a.jti).not.to.equal(b.jti);
  });

  it('honours tokenTtlSeconds and refuses the token once it has expired', async () => {
    const { relay, clock, finhub } = createTestRelay({ tokenTtlSeconds: 60 });
    const { accessToken, expiresIn } = await mint(relay);
    expect(expiresIn).to.equal(60);
    clock.advance(59_000);
    expect((await api(relay, 'GET', HIERARCHY, { token: accessToken })).status).to.equal(200);
    clock.advance(1_000);
    const expired = await api(relay, 'GET', HIERARCHY, { token: accessToken });
    expect(expired.status).to.equal(401);
    expect(await expired.json()).to.deep.equal({
      code: 401,
      message: 'The onboarding token has expired.',
      data: { error: 'onboarding_token_expired' },
    });
    expect(finhub.apiCalls()).to.have.length(1);
  });

  it('refuses a missing token, a forged signature and tampered claims without calling FinHub', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const [payload, signature] = accessToken.split('.') as [string, string];

    const missing = await api(relay, 'GET', HIERARCHY);
    expect(missing.status).to.equal(401);
    expect((await missing.json()).data.error).to.equal('onboarding_token_missing');

    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    const forged = await api(relay, 'GET', HIERARCHY, { token: `${payload}.${flipped}` });
    expect(forged.status).to.equal(401);
    expect((await forged.json()).data.error).to.equal('onboarding_token_invalid');

    // Bind the token to someone else's customer and keep the old signature.
    const tampered = encodeClaims({
      ...decodeClaims(accessToken),
      kind: 'individual',
      cid: 'cust-x',
      uids: ['u'],
    });
    const response = await api(relay, 'POST', '/customer/individual/cust-x/consents/terms', {
      token: `${tampered}.${signature}`,
      body: { accepted: true, version: '1.0' },
    });
    expect(response.status).to.equal(401);
    expect((await response.json()).data.error).to.equal('onboarding_token_invalid');

    // A token signed by a relay with another secret.
    const other = createOnboardingHandler({
      finhubBaseUrl: 'https://finhub.test',
      tenantId: TENANT_ID,
      tenantKey: TENANT_KEY,
      tenantSecret: TENANT_SECRET,
      admin: ADMIN,
      signingSecret: 'another-signing-secret-0123456789abcdef',
      fetch: finhub.fetch,
      tokenCategories: false,
    });
    const foreign = await mint(other);
    const foreignResponse = await api(relay, 'GET', HIERARCHY, { token: foreign.accessToken });
    expect(foreignResponse.status).to.equal(401);
    expect((await foreignResponse.json()).data.error).to.equal('onboarding_token_invalid');
    expect(finhub.calls).to.have.length(0);
  });

  it('refuses signing secrets shorter than 32 characters at construction', () => {
    const make = (signingSecret: string) => () =>
      createOnboardingHandler({
        finhubBaseUrl: 'https://finhub.test',
        tenantId: TENANT_ID,
        tenantKey: TENANT_KEY,
        tenantSecret: TENANT_SECRET,
        admin: ADMIN,
        signingSecret,
      });
    expect(make('x'.repeat(31))).to.throw(/at least 32 characters/);
    expect(make(SIGNING_SECRET)).not.to.throw();
  });

  it('answers 405 to GET on the token endpoint', async () => {
    const { relay } = createTestRelay();
    const response = await relay(buildRequest('GET', `${RELAY}/token`));
    expect(response.status).to.equal(405);
    expect(response.headers.get('Allow')).to.contain('POST');
  });

  it('renews a bound token with its binding when it is presented to the token endpoint', async () => {
    const { relay, clock } = createTestRelay();
    const { token, customerId } = await registerIndividual(relay);
    clock.advance(600_000);
    const renewed = await mint(relay, { token });
    expect(renewed.expiresIn).to.equal(900);
    const claims = decodeClaims(renewed.accessToken);
    expect(claims).to.include({ kind: 'individual', cid: customerId });
    expect(claims.jti).not.to.equal(decodeClaims(token).jti);
    const consent = await api(relay, 'POST', `/customer/individual/${customerId}/consents/terms`, {
      token: renewed.accessToken,
      body: { accepted: true, version: '1.0' },
    });
    expect(consent.status).to.equal(200);
  });

  it('caps renewals at maxOnboardingSeconds', async () => {
    const { relay, clock } = createTestRelay({ tokenTtlSeconds: 600, maxOnboardingSeconds: 1000 });
    const { token } = await registerIndividual(relay);
    clock.advance(500_000);
    const renewed = await mint(relay, { token });
    expect(renewed.expiresIn).to.equal(500);
  });

  it('does not renew an unbound or invalid token: it starts a new onboarding', async () => {
    const { relay } = createTestRelay();
    const first = await mint(relay);
    const second = await mint(relay, { token: first.accessToken });
    expect(decodeClaims(second.accessToken).oid).not.to.equal(decodeClaims(first.accessToken).oid);
    const garbage = await mint(relay, { token: 'not-a-token' });
    expect(garbage.expiresIn).to.equal(900);
  });
});
