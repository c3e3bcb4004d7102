import { expect } from '@open-wc/testing';
import {
  REGISTRATION_BODY,
  TENANT_ID,
  api,
  claimsOf,
  createTestRelay,
  json,
  mint,
  registerIndividual,
} from './helpers.js';

describe('relay: binding an onboarding token to what it registered', () => {
  it('lets an unbound token read the hierarchy but nothing customer-scoped', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const hierarchy = await api(
      relay,
      'GET',
      `/customer/individual/categorization/hierarchy/${TENANT_ID}`,
      {
        token: accessToken,
      },
    );
    expect(hierarchy.status).to.equal(200);
    const consent = await api(relay, 'POST', '/customer/individual/cust-1/consents/terms', {
      token: accessToken,
      body: { accepted: true, version: '1.0' },
    });
    expect(consent.status).to.equal(403);
    expect((await consent.json()).data.error).to.equal('registration_required');
    expect(finhub.apiCalls().map((c) => c.method + ' ' + c.path)).to.deep.equal([
      `GET /api/v2.1/customer/individual/categorization/hierarchy/${TENANT_ID}`,
    ]);
  });

  it('re-issues a token bound to the registered customer and user, exposed in response headers', async () => {
    const { relay, finhub } = createTestRelay();
    const { unbound, token, customerId, userId, response } = await registerIndividual(relay);
    expect(customerId).to.equal('cust-1');
    expect(userId).to.equal('user-1');
    expect(response.headers.get('X-Onboarding-Token-Expires-In')).to.equal('900');
    expect(claimsOf(token)).to.include({ kind: 'individual', cid: 'cust-1' });
    expect(claimsOf(token).uids).to.deep.equal(['user-1']);
    expect(claimsOf(token).jti).not.to.equal(claimsOf(unbound).jti);
    // Registration went out with the admin token (docs/finhub-contract.md#individual-registration).
    const [registration] = finhub.apiCalls();
    expect(registration!.headers.get('Authorization')).to.equal('Bearer admin-token-1');
    expect(registration!.body).to.deep.equal(REGISTRATION_BODY);
  });

  it('refuses a replay of the unbound token after registration (401), on any endpoint', async () => {
    const { relay, finhub } = createTestRelay();
    const { unbound } = await registerIndividual(relay);
    const before = finhub.apiCalls().length;
    const replay = await api(relay, 'POST', '/customer/individual/registration', {
      token: unbound,
      body: { ...REGISTRATION_BODY, email: 'second@example.com' },
    });
    expect(replay.status).to.equal(401);
    expect((await replay.json()).data.error).to.equal('onboarding_token_revoked');
    const hierarchy = await api(
      relay,
      'GET',
      `/customer/individual/categorization/hierarchy/${TENANT_ID}`,
      {
        token: unbound,
      },
    );
    expect(hierarchy.status).to.equal(401);
    expect(finhub.apiCalls().length).to.equal(before);
  });

  it('refuses a second registration with the bound token (403), individual or organization', async () => {
    const { relay, finhub } = createTestRelay();
    const { token } = await registerIndividual(relay);
    const before = finhub.apiCalls().length;
    for (const path of [
      '/customer/individual/registration',
      '/customer/organization/registration',
    ]) {
      const response = await api(relay, 'POST', path, { token, body: REGISTRATION_BODY });
      expect(response.status).to.equal(403);
      expect((await response.json()).data.error).to.equal('already_registered');
    }
    expect(finhub.apiCalls().length).to.equal(before);
  });

  it('registers only once when the same unbound token is sent twice at the same moment', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const send = () =>
      api(relay, 'POST', '/customer/individual/registration', {
        token: accessToken,
        body: REGISTRATION_BODY,
      });
    const statuses = (await Promise.all([send(), send()])).map((r) => r.status).sort();
    expect(statuses).to.deep.equal([200, 401]);
    expect(finhub.apiCalls().filter((c) => c.path.endsWith('/registration'))).to.have.length(1);
  });

  it('hands out a fresh unbound token when registration fails, so a corrected retry can succeed', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const remove = finhub.on('POST', /registration$/, () =>
      json({ code: 409, message: 'Email already exists', data: {} }, 409),
    );
    const failed = await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      body: REGISTRATION_BODY,
    });
    expect(failed.status).to.equal(409);
    const retryToken = failed.headers.get('X-Onboarding-Token');
    expect(retryToken).to.be.a('string');
    expect(claimsOf(retryToken!)).not.to.have.property('cid');
    remove();
    // The spent token cannot try again; the fresh one can.
    const again = await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      body: REGISTRATION_BODY,
    });
    expect(again.status).to.equal(401);
    const retried = await api(relay, 'POST', '/customer/individual/registration', {
      token: retryToken!,
      body: REGISTRATION_BODY,
    });
    expect(retried.status).to.equal(200);
    expect(claimsOf(retried.headers.get('X-Onboarding-Token')!)).to.include({ cid: 'cust-1' });
  });

  it('refuses ids outside the binding with 403, in the path and in the body, never forwarding', async () => {
    const { relay, finhub } = createTestRelay();
    const a = await registerIndividual(relay);
    const b = await registerIndividual(relay);
    expect(a.customerId).not.to.equal(b.customerId);
    const before = finhub.apiCalls().length;
    const attempts: [string, string, unknown?][] = [
      [
        'POST',
        `/customer/individual/${b.customerId}/consents/terms`,
        { accepted: true, version: '1.0' },
      ],
      [
        'POST',
        `/customer/individual/${a.customerId}/users/${b.userId}/sessions`,
        { username: 'x', password: 'y' },
      ],
      [
        'POST',
        `/customer/individual/${b.customerId}/users/${b.userId}/sessions`,
        { username: 'x', password: 'y' },
      ],
      ['GET', `/customer/individual/${b.customerId}/owner/${TENANT_ID}/activation/check`],
      ['GET', `/customer/individual/${a.customerId}/owner/other-tenant/activation/check`],
      ['GET', `/customer/individual/${b.customerId}/documents`],
      ['POST', '/verifications', { customerId: b.customerId, type: 'IDENTITY_VERIFICATION' }],
      [
        'POST',
        '/verifications/ver-999/documents',
        { customerId: a.customerId, documentType: 'PASSPORT' },
      ],
      ['POST', `/customer/organization/${a.customerId}/verify`, {}],
    ];
    for (const [method, path, body] of attempts) {
      const response = await api(relay, method, path, { token: a.token, body });
      expect(response.status, `${method} ${path}`).to.equal(403);
    }
    expect(finhub.apiCalls().length).to.equal(before);
  });

  it('refuses a body naming another tenant (403), registration included', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const registration = await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      body: {
        ...REGISTRATION_BODY,
        individualCustomer: { tenantId: 'other-tenant', customerName: 'M' },
      },
    });
    expect(registration.status).to.equal(403);
    expect((await registration.json()).data.error).to.equal('tenant_mismatch');
    const { token, customerId } = await registerIndividual(relay);
    const verification = await api(relay, 'POST', '/verifications', {
      token,
      body: { customerId, requestedByTenantId: 'other-tenant' },
    });
    expect(verification.status).to.equal(403);
    expect(finhub.apiCalls().filter((c) => c.path === '/api/v2.1/verifications')).to.have.length(0);
  });

  it('binds verification ids created through the relay and accepts documents for them only', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await registerIndividual(relay);
    const created = await api(relay, 'POST', '/verifications', {
      token,
      body: { customerId, type: 'IDENTITY_VERIFICATION', requestedLevel: 'TENANT_VERIFIED' },
    });
    expect(created.status).to.equal(200);
    const { verificationId } = (await created.json()).data;
    const bound = created.headers.get('X-Onboarding-Token')!;
    expect(claimsOf(bound).vids).to.deep.equal([verificationId]);

    const document = {
      verificationId,
      customerId,
      documentType: 'PASSPORT',
      mimeType: 'application/pdf',
      fileName: 'p.pdf',
      fileContent: 'JVBERi0=',
    };
    // The token from before the verification existed does not cover it.
    expect(
      (
        await api(relay, 'POST', `/verifications/${verificationId}/documents`, {
          token,
          body: document,
        })
      ).status,
    ).to.equal(403);
    const upload = await api(relay, 'POST', `/verifications/${verificationId}/documents`, {
      token: bound,
      body: document,
    });
    expect(upload.status).to.equal(200);
    expect(finhub.apiCalls().at(-1)!.path).to.equal(
      `/api/v2.1/verifications/${verificationId}/documents`,
    );
    // A body naming another verification than the bound ones is refused.
    const mismatch = await api(relay, 'POST', `/verifications/${verificationId}/documents`, {
      token: bound,
      body: { ...document, verificationId: 'ver-other' },
    });
    expect(mismatch.status).to.equal(403);
  });

  it('binds organization registration, employees and the org-user session', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const registered = await api(relay, 'POST', '/customer/organization/registration', {
      token: accessToken,
      body: { email: 'admin@acme.test', organizationCustomer: { customerName: 'Acme' } },
    });
    expect(registered.status).to.equal(200);
    let token = registered.headers.get('X-Onboarding-Token')!;
    expect(claimsOf(token)).to.include({ kind: 'organization', cid: 'org-1' });
    expect(claimsOf(token).uids).to.deep.equal(['orguser-1']);

    // Individual endpoints are not for an organization onboarding.
    const wrongFlow = await api(relay, 'POST', '/customer/individual/org-1/consents/terms', {
      token,
      body: {},
    });
    expect(wrongFlow.status).to.equal(403);

    const employee = await api(relay, 'POST', '/customer/organization/org-1/employee', {
      token,
      body: { person: { firstName: 'Jane' }, roles: ['ADMIN_USER'] },
    });
    expect(employee.status).to.equal(200);
    token = employee.headers.get('X-Onboarding-Token')!;
    expect(claimsOf(token).uids).to.deep.equal(['orguser-1', 'emp-2']);

    const session = await api(
      relay,
      'POST',
      '/customer/organization/org-1/users/orguser-1/sessions',
      {
        token,
        body: { username: 'admin@acme.test', password: 'x' },
      },
    );
    expect(session.status).to.equal(200);
    token = session.headers.get('X-Onboarding-Token')!;

    const verify = await api(relay, 'POST', '/customer/organization/org-1/verify', {
      token,
      headers: { 'X-User-ID': 'orguser-1', 'X-User-Roles': 'ADMIN_USER' },
      body: { customerId: 'org-1', type: 'BUSINESS_VERIFICATION' },
    });
    expect(verify.status).to.equal(200);
    const call = finhub.apiCalls().at(-1)!;
    expect(call.headers.get('Authorization')).to.equal('Bearer customer-token-1');
    expect(call.headers.get('X-User-ID')).to.equal('orguser-1');
    expect(call.headers.get('X-User-Roles')).to.equal('ADMIN_USER');

    // X-User-ID must name a user of this onboarding.
    const spoofed = await api(relay, 'POST', '/customer/organization/org-1/activation', {
      token,
      headers: { 'X-User-ID': 'someone-else' },
      body: {},
    });
    expect(spoofed.status).to.equal(403);
  });
});

describe('relay: resuming an onboarding by signing in', () => {
  const signIn = (relay: Parameters<typeof api>[0], token: string, cid: string, uid: string) =>
    api(relay, 'POST', `/customer/individual/${cid}/users/${uid}/sessions`, {
      token,
      body: { username: 'marcus@example.com', password: 'whatever-they-typed' },
    });

  it('binds a fresh unbound token to the account a successful sign-in proves', async () => {
    const { relay, finhub } = createTestRelay();
    const { customerId, userId } = await registerIndividual(relay);
    const { accessToken: fresh } = await mint(relay);

    const response = await signIn(relay, fresh, customerId, userId);
    expect(response.status).to.equal(200);
    const resumed = response.headers.get('X-Onboarding-Token')!;
    expect(claimsOf(resumed)).to.include({ kind: 'individual', cid: customerId });
    expect(claimsOf(resumed).uids).to.deep.equal([userId]);

    const consent = await api(relay, 'POST', `/customer/individual/${customerId}/consents/terms`, {
      token: resumed,
      body: { accepted: true, version: '1.0' },
    });
    expect(consent.status).to.equal(200);
    // The resumed token is bound: another customer stays out of reach.
    const other = await api(relay, 'POST', '/customer/individual/cust-999/consents/terms', {
      token: resumed,
      body: { accepted: true, version: '1.0' },
    });
    expect(other.status).to.equal(403);
    // And the unbound token it replaced is retired.
    const replay = await signIn(relay, fresh, 'cust-999', 'user-999');
    expect(replay.status).to.equal(401);
    expect(finhub.apiCalls().filter((c) => c.path.includes('cust-999'))).to.have.length(0);
  });

  it('leaves the token unbound when FinHub refuses the sign-in', async () => {
    const { relay, finhub } = createTestRelay();
    finhub.on('POST', /\/customer\/individual\/.*\/sessions$/, () =>
      json(
        {
          code: 401,
          message: 'Authentication failed',
          data: { success: false, errorType: 'AUTHENTICATION', attempts: 1, maxAttempts: 5 },
        },
        401,
      ),
    );
    const { accessToken: fresh } = await mint(relay);
    const response = await signIn(relay, fresh, 'cust-1', 'user-1');
    expect(response.status).to.equal(401);
    expect(response.headers.get('X-Onboarding-Token')).to.equal(null);
    const consent = await api(relay, 'POST', '/customer/individual/cust-1/consents/terms', {
      token: fresh,
      body: { accepted: true, version: '1.0' },
    });
    expect(consent.status).to.equal(403);
    expect((await consent.json()).data.error).to.equal('registration_required');
  });
});
