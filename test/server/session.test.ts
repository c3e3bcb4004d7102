import { expect } from '@open-wc/testing';
import {
  CUSTOMER_PASSWORD,
  TENANT_ID,
  TENANT_KEY,
  TENANT_SECRET,
  api,
  createTestRelay,
  fakeJwt,
  json,
  registerIndividual,
  signInIndividual,
  zoneless,
} from './helpers.js';

const sessionPath = (cid: string, uid: string) =>
  `/customer/individual/${cid}/users/${uid}/sessions`;

describe('relay: customer sign-in', () => {
  it('adds tenantKey, tenantSecret and tenantId to the login body and sends the admin token (docs/finhub-contract.md#customer-session)', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId, userId } = await registerIndividual(relay);
    const response = await api(relay, 'POST', sessionPath(customerId, userId), {
      token,
      body: {
        username: 'marcus@example.com',
        password: CUSTOMER_PASSWORD,
        credentialType: 'PASSWORD',
        tenantKey: 'browser-key',
        tenantSecret: 'browser-secret',
        tenantId: 'browser-tenant',
      },
    });
    expect(response.status).to.equal(200);
    const call = finhub.apiCalls().at(-1)!;
    expect(call.path).to.equal(`/api/v2.1${sessionPath(customerId, userId)}`);
    expect(call.headers.get('Authorization')).to.equal('Bearer admin-token-1');
    expect(call.body).to.deep.equal({
      username: 'marcus@example.com',
      password: CUSTOMER_PASSWORD,
      credentialType: 'PASSWORD',
      tenantKey: TENANT_KEY,
      tenantSecret: TENANT_SECRET,
      tenantId: TENANT_ID,
    });
  });

  it('keeps the FinHub session token and refresh token from the browser and seals them in the re-issued token', async () => {
    const { relay } = createTestRelay();
    const { token, signInResponse } = await signInIndividual(relay);
    const text = await signInResponse.text();
    expect(text).not.to.contain('customer-token-1');
    expect(text).not.to.contain('customer-refresh-1');
    const body = JSON.parse(text);
    expect(body.data).to.include({ sessionId: 'session-1', success: true });
    expect(body.data).not.to.have.property('token');
    expect(body.data).not.to.have.property('refreshToken');
    // The re-issued onboarding token carries the session, but not readably.
    expect(atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))).not.to.contain(
      'customer-token',
    );
  });

  it("uses the customer's own token for customer-scoped calls after sign-in", async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await signInIndividual(relay);
    for (const type of ['terms', 'privacy', 'data-processing']) {
      const response = await api(
        relay,
        'POST',
        `/customer/individual/${customerId}/consents/${type}`,
        {
          token,
          body: { accepted: true, version: '1.0' },
        },
      );
      expect(response.status).to.equal(200);
    }
    const calls = finhub.apiCalls().slice(-3);
    expect(calls.map((c) => c.headers.get('Authorization'))).to.deep.equal(
      Array(3).fill('Bearer customer-token-1'),
    );
    expect(calls.map((c) => c.body)).to.deep.equal(
      Array(3).fill({ accepted: true, version: '1.0' }),
    );
  });

  it('uses the admin token once the customer session has expired', async () => {
    const { relay, finhub, clock } = createTestRelay({ tokenTtlSeconds: 7200 });
    const { token, customerId } = await signInIndividual(relay);
    clock.advance(3600_000); // the fake customer session lasts one hour
    await api(
      relay,
      'GET',
      `/customer/individual/${customerId}/owner/${TENANT_ID}/activation/check`,
      { token },
    );
    expect(finhub.apiCalls().at(-1)!.headers.get('Authorization')).to.match(/^Bearer admin-token-/);
  });

  it('reads the customer session expiry from the JWT when FinHub gives none', async () => {
    const { relay, finhub, clock } = createTestRelay({ tokenTtlSeconds: 7200 });
    const jwt = fakeJwt({ sub: 'user-1', exp: clock.now() / 1000 + 600 });
    finhub.on('POST', /customer\/.*\/sessions$/, () =>
      json({ code: 200, message: 'ok', data: { token: jwt, success: true } }),
    );
    const { token, customerId } = await signInIndividual(relay);
    const check = `/customer/individual/${customerId}/owner/${TENANT_ID}/activation/check`;
    await api(relay, 'GET', check, { token });
    expect(finhub.apiCalls().at(-1)!.headers.get('Authorization')).to.equal(`Bearer ${jwt}`);
    clock.advance(600_000);
    await api(relay, 'GET', check, { token });
    expect(finhub.apiCalls().at(-1)!.headers.get('Authorization')).to.match(/^Bearer admin-token-/);
  });

  it('falls back to the admin token when FinHub refuses the customer token', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await signInIndividual(relay);
    finhub.on('POST', /consents/, (call) =>
      call.headers.get('Authorization') === 'Bearer customer-token-1'
        ? json({ code: 401, message: 'Token expired', data: {} }, 401)
        : json({ code: 200, message: 'Success', data: { status: 'PENDING' } }),
    );
    const response = await api(relay, 'POST', `/customer/individual/${customerId}/consents/terms`, {
      token,
      body: { accepted: true, version: '1.0' },
    });
    expect(response.status).to.equal(200);
    const consentCalls = finhub.apiCalls().filter((c) => c.path.includes('/consents/'));
    expect(consentCalls.map((c) => c.headers.get('Authorization'))).to.deep.equal([
      'Bearer customer-token-1',
      'Bearer admin-token-1',
    ]);
  });

  it('does not re-send a sign-in FinHub refused for wrong credentials', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId, userId } = await registerIndividual(relay);
    const refusal = {
      code: 401,
      message: 'Authentication failed',
      data: {
        success: false,
        errorType: 'AUTHENTICATION',
        message: 'Invalid username or password',
        attempts: 1,
        maxAttempts: 5,
        lockoutTime: null,
      },
    };
    finhub.on('POST', /customer\/.*\/sessions$/, () => json(refusal, 401));
    const response = await api(relay, 'POST', sessionPath(customerId, userId), {
      token,
      body: { username: 'marcus@example.com', password: 'wrong' },
    });
    expect(response.status).to.equal(401);
    expect(await response.json()).to.deep.equal(refusal);
    expect(response.headers.has('X-Onboarding-Token')).to.be.false;
    expect(finhub.apiCalls().filter((c) => c.path.endsWith('/sessions'))).to.have.length(1);
  });

  it('limits sign-in attempts per onboarding: 429 with Retry-After, FinHub not called', async () => {
    const { relay, finhub } = createTestRelay({ maxSignInAttempts: 3 });
    const { token, customerId, userId } = await registerIndividual(relay);
    finhub.on('POST', /customer\/.*\/sessions$/, () =>
      json(
        { code: 401, message: 'Authentication failed', data: { errorType: 'AUTHENTICATION' } },
        401,
      ),
    );
    const attempt = () =>
      api(relay, 'POST', sessionPath(customerId, userId), {
        token,
        body: { username: 'm', password: 'wrong' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).to.equal(401);
    const limited = await attempt();
    expect(limited.status).to.equal(429);
    // The counter lasts as long as the onboarding may (maxOnboardingSeconds, default 24 h).
    expect(limited.headers.get('Retry-After')).to.equal('86400');
    expect((await limited.json()).data.error).to.equal('too_many_sign_in_attempts');
    expect(finhub.apiCalls().filter((c) => c.path.endsWith('/sessions'))).to.have.length(3);
  });

  it('keeps counting sign-in attempts across re-issued tokens of the same onboarding', async () => {
    const { relay } = createTestRelay({ maxSignInAttempts: 2 });
    const { token, customerId, userId } = await registerIndividual(relay);
    const first = await api(relay, 'POST', sessionPath(customerId, userId), {
      token,
      body: { username: 'm', password: 'p' },
    });
    const next = first.headers.get('X-Onboarding-Token')!;
    expect(
      (await api(relay, 'POST', sessionPath(customerId, userId), { token: next, body: {} })).status,
    ).to.equal(200);
    expect(
      (await api(relay, 'POST', sessionPath(customerId, userId), { token: next, body: {} })).status,
    ).to.equal(429);
  });

  it('accepts a session whose expiresAt is zoneless and treats it as UTC', async () => {
    const { relay, finhub, clock } = createTestRelay({ tokenTtlSeconds: 7200 });
    finhub.on('POST', /customer\/.*\/sessions$/, () =>
      json({
        code: 200,
        message: 'ok',
        data: { token: 'short-lived', expiresAt: zoneless(clock.now() + 120_000) },
      }),
    );
    const { token, customerId } = await signInIndividual(relay);
    const check = `/customer/individual/${customerId}/owner/${TENANT_ID}/activation/check`;
    await api(relay, 'GET', check, { token });
    expect(finhub.apiCalls().at(-1)!.headers.get('Authorization')).to.equal('Bearer short-lived');
    clock.advance(100_000); // within the 30 s margin before expiry
    await api(relay, 'GET', check, { token });
    expect(finhub.apiCalls().at(-1)!.headers.get('Authorization')).to.match(/^Bearer admin-token-/);
  });
});
