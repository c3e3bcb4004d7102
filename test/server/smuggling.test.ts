/**
 * Ids the binding guards cannot be slipped past it (issue 16, finding 2): not in another spelling
 * of the key (which a server that binds JSON keys case-insensitively, as many .NET services do,
 * reads as the same field), not through an id FinHub created for someone else, not through
 * `X-User-Roles`, and not by growing the token until the relay refuses its own token.
 */
import { expect } from '@open-wc/testing';
import {
  RELAY,
  TENANT_ID,
  api,
  buildRequest,
  claimsOf,
  createTestRelay,
  errorOf,
  json,
  mint,
  registerIndividual,
  type UpstreamCall,
  refusal,
} from './helpers.js';

/** What a case-insensitive binder makes of a body: the last key spelled like `name` wins. */
function looseField(body: unknown, name: string): unknown {
  let found: unknown;
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (key.replace(/_/g, '').toLowerCase() === name.toLowerCase()) found = child;
      else visit(child);
    }
  };
  visit(body);
  return found;
}

/** A FinHub whose `POST /verifications` reads `customerId` loosely and echoes whom it served. */
function looseFinHub() {
  const setup = createTestRelay();
  let seq = 0;
  setup.finhub.on('POST', /\/api\/v2\.1\/verifications$/, (call: UpstreamCall) =>
    json({
      code: 200,
      data: {
        verificationId: `ver-loose-${++seq}`,
        customerId: looseField(call.body, 'customerId'),
      },
    }),
  );
  return setup;
}

describe('relay: id keys in another spelling', () => {
  for (const key of ['CustomerId', 'CUSTOMERID', 'customer_id', 'Customer-Id']) {
    it(`refuses ${key} naming another customer (400 ambiguous_field), forwarding nothing`, async () => {
      const { relay, finhub } = looseFinHub();
      const { token, customerId } = await registerIndividual(relay);
      const before = finhub.apiCalls().length;
      const response = await api(relay, 'POST', '/verifications', {
        token,
        body: { customerId, [key]: 'victim-customer', type: 'IDENTITY_VERIFICATION' },
      });
      expect(await refusal(response)).to.deep.equal({ status: 400, error: 'ambiguous_field' });
      expect(finhub.apiCalls()).to.have.length(before);
    });
  }

  it('refuses variants at any depth and of every bound key: verification, organization, tenant', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await registerIndividual(relay);
    const created = await api(relay, 'POST', `/customer/individual/${customerId}/verification`, {
      token,
      body: {},
    });
    const bound = created.headers.get('X-Onboarding-Token')!;
    const vid = ((await created.json()) as { data: { verificationId: string } }).data
      .verificationId;
    const before = finhub.apiCalls().length;
    const bodies = [
      { document: { VerificationId: 'ver-other', content: 'QQ==' } },
      { items: [{ verification_id: 'ver-other' }] },
      { ORGANIZATIONID: 'org-other' },
      { meta: { TenantId: 'other-tenant' } },
      { requested_by_tenant_id: 'other-tenant' },
    ];
    for (const body of bodies) {
      const response = await api(relay, 'POST', `/verifications/${vid}/documents`, {
        token: bound,
        body,
      });
      expect(response.status, JSON.stringify(body)).to.equal(400);
      expect(await errorOf(response)).to.equal('ambiguous_field');
    }
    expect(finhub.apiCalls()).to.have.length(before);
  });

  it('passes a variant that carries the bound value (nothing to smuggle)', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await registerIndividual(relay);
    const response = await api(relay, 'POST', `/customer/individual/${customerId}/verification`, {
      token,
      body: { CustomerId: customerId, TENANT_ID: TENANT_ID },
    });
    expect(response.status).to.equal(200);
    expect(finhub.apiCalls().at(-1)!.body).to.deep.include({ CustomerId: customerId });
  });

  it('refuses variants before registration and in a sign-in body too', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const register = await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      body: { email: 'a@b.c', Customer_Id: 'victim-customer' },
    });
    expect(register.status).to.equal(400);
    const signIn = await api(relay, 'POST', '/customer/individual/c1/users/u1/sessions', {
      token: accessToken,
      body: { username: 'a', password: 'b', TenantID: 'other-tenant' },
    });
    expect(await refusal(signIn)).to.deep.equal({ status: 400, error: 'ambiguous_field' });
    expect(finhub.apiCalls()).to.have.length(0);
  });
});

describe('relay: ids FinHub returns', () => {
  it('binds a new verification only when FinHub made it for the bound customer', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await registerIndividual(relay);
    // An upstream answering with a verification of someone else's (a bug, or a loose binder).
    finhub.on('POST', /\/verifications$/, () =>
      json({ code: 200, data: { verificationId: 'ver-victim', customerId: 'victim-customer' } }),
    );
    const response = await api(relay, 'POST', '/verifications', {
      token,
      body: { customerId, type: 'IDENTITY_VERIFICATION' },
    });
    expect(response.status).to.equal(200);
    expect(response.headers.has('X-Onboarding-Token')).to.be.false;
    const read = await api(relay, 'GET', '/verifications/ver-victim', { token });
    expect(read.status).to.equal(403);
  });

  it('binds one whose answer names no owner when the request named the bound customer', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await registerIndividual(relay);
    finhub.on('POST', /\/verifications$/, () =>
      json({ code: 200, data: { verificationId: 'ver-mine' } }),
    );
    const response = await api(relay, 'POST', '/verifications', {
      token,
      body: { customerId, type: 'IDENTITY_VERIFICATION' },
    });
    expect(claimsOf(response.headers.get('X-Onboarding-Token')!).vids).to.deep.equal(['ver-mine']);
  });
});

describe('relay: X-User-Roles', () => {
  async function organization() {
    const setup = createTestRelay();
    const { accessToken } = await mint(setup.relay);
    const registered = await api(setup.relay, 'POST', '/customer/organization/registration', {
      token: accessToken,
      body: { email: 'admin@acme.test', organizationCustomer: { customerName: 'Acme' } },
    });
    return { ...setup, token: registered.headers.get('X-Onboarding-Token')! };
  }

  it('refuses roles an onboarding user may not claim (403 role_not_allowed), forwarding nothing', async () => {
    const { relay, finhub, token } = await organization();
    const before = finhub.apiCalls().length;
    for (const roles of ['TENANT_ADMIN', 'ADMIN_USER,SUPER_ADMIN', 'ADMIN_USER;x']) {
      const response = await api(relay, 'POST', '/customer/organization/org-1/verify', {
        token,
        headers: { 'X-User-ID': 'orguser-1', 'X-User-Roles': roles },
        body: {},
      });
      expect(await refusal(response), roles).to.deep.equal({
        status: 403,
        error: 'role_not_allowed',
      });
    }
    // Roles without the user they belong to.
    const anonymous = await api(relay, 'POST', '/customer/organization/org-1/activation', {
      token,
      headers: { 'X-User-Roles': 'ADMIN_USER' },
      body: {},
    });
    expect(anonymous.status).to.equal(403);
    expect(finhub.apiCalls()).to.have.length(before);
  });

  it('forwards the roles the host allows, for a bound user', async () => {
    const { relay, finhub, token } = await organization();
    const response = await api(relay, 'POST', '/customer/organization/org-1/verify', {
      token,
      headers: { 'X-User-ID': 'orguser-1', 'X-User-Roles': 'ADMIN_USER, COMPLIANCE_OFFICER' },
      body: {},
    });
    expect(response.status).to.equal(200);
    expect(finhub.apiCalls().at(-1)!.headers.get('X-User-Roles')).to.equal(
      'ADMIN_USER,COMPLIANCE_OFFICER',
    );
  });

  it('lets a person claim no roles, and drops them before registration', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId, userId } = await registerIndividual(relay);
    const person = await api(relay, 'POST', `/customer/individual/${customerId}/activation`, {
      token,
      headers: { 'X-User-ID': userId, 'X-User-Roles': 'ADMIN_USER' },
      body: {},
    });
    expect(person.status).to.equal(403);
    const { accessToken } = await mint(relay);
    await relay(
      buildRequest(
        'GET',
        `${RELAY}/api/v2.1/customer/individual/categorization/hierarchy/${TENANT_ID}`,
        {
          token: accessToken,
          headers: { 'X-User-Roles': 'ADMIN_USER', 'X-User-ID': 'someone' },
        },
      ),
    );
    const hierarchy = finhub.apiCalls().at(-1)!;
    expect(hierarchy.path).to.contain('/hierarchy/');
    expect(hierarchy.headers.has('X-User-Roles')).to.be.false;
    expect(hierarchy.headers.has('X-User-ID')).to.be.false;
  });
});

describe('relay: token size', () => {
  it('stays bounded however many verifications an onboarding makes; renewal keeps the binding', async () => {
    const { relay, finhub } = createTestRelay();
    // FinHub's ids are UUIDs (36 characters), as in docs/finhub-contract.md's examples.
    finhub.on('POST', /\/verification$/, () =>
      json({ code: 200, data: { verificationId: crypto.randomUUID(), status: 'PENDING' } }),
    );
    let { token } = await registerIndividual(relay);
    const cid = (claimsOf(token) as { cid: string }).cid;
    let last = '';
    for (let i = 0; i < 200; i++) {
      const response = await api(relay, 'POST', `/customer/individual/${cid}/verification`, {
        token,
        body: {},
      });
      expect(response.status, `verification ${i}`).to.equal(200);
      token = response.headers.get('X-Onboarding-Token')!;
      last = ((await response.json()) as { data: { verificationId: string } }).data.verificationId;
    }
    expect(token.length).to.be.below(4096);
    const renewed = await relay(buildRequest('POST', `${RELAY}/token`, { token }));
    expect(renewed.status).to.equal(200);
    const { accessToken } = (await renewed.json()) as { accessToken: string };
    expect(claimsOf(accessToken)).to.include({ kind: 'individual', cid });
    // The newest verifications stay reachable.
    expect(
      (await api(relay, 'GET', `/verifications/${last}`, { token: accessToken })).status,
    ).to.equal(200);
  });
});
