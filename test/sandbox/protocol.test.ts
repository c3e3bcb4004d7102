import { expect } from '@open-wc/testing';
import { createSandbox } from '../../sandbox/index.js';
import { Client, customerToken, fakeClock, registerIndividual } from './helpers.js';

const decode = (part: string) => JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));

describe('sandbox: required headers, envelope, routing (docs/finhub-contract.md#headers, #errors)', () => {
  const sandbox = createSandbox({ verificationDelayMs: 10 });
  const client = new Client(sandbox);
  let admin: string;
  before(async () => {
    admin = await client.adminToken();
  });
  const hierarchy = () =>
    `/customer/individual/categorization/hierarchy/${sandbox.credentials.tenantId}`;

  it('answers 400 naming every missing required header', async () => {
    const reply = await client.call('GET', hierarchy(), {
      token: admin,
      omit: ['X-Forwarded-For', 'deviceId', 'platform'],
    });
    expect(reply.status).to.equal(400);
    expect(reply.json.code).to.equal(400);
    expect(reply.json.message).to.equal(
      'Missing required header(s): X-Forwarded-For, platform, deviceId',
    );
    expect(reply.json.data.missingHeaders).to.deep.equal([
      'X-Forwarded-For',
      'platform',
      'deviceId',
    ]);
  });

  for (const header of [
    'X-Tenant-ID',
    'X-Forwarded-For',
    'X-Forwarded-From',
    'platform',
    'deviceId',
  ]) {
    it(`requires ${header}`, async () => {
      const reply = await client.call('GET', hierarchy(), { token: admin, omit: [header] });
      expect(reply.status).to.equal(400);
      expect(reply.json.data.missingHeaders).to.deep.equal([header]);
    });
  }

  it('accepts the documented deviceId aliases X-Device-Id and device-id', async () => {
    // (sec-ch-ua-platform is accepted too, but page scripts cannot set Sec-* headers.)
    for (const alias of ['X-Device-Id', 'device-id']) {
      const reply = await client.call('GET', hierarchy(), {
        token: admin,
        omit: ['deviceId'],
        headers: { [alias]: 'abc' },
      });
      expect(reply.status).to.equal(200);
    }
  });

  it('requires Content-Type on a body and refuses non-JSON types', async () => {
    const request = client.request('POST', '/customer/individual/registration', {
      token: admin,
      raw: '{}',
    });
    const headers = new Headers(request.headers);
    headers.delete('content-type');
    const noType = await sandbox.fetch(
      new Request(request.url, { method: 'POST', headers, body: new Blob(['{}']) }),
    );
    expect(noType.status).to.equal(400);
    expect((await noType.json()).message).to.equal('Missing required header(s): Content-Type');

    const text = await client.call('POST', '/customer/individual/registration', {
      token: admin,
      raw: '{}',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.status).to.equal(415);
  });

  it('answers 403 when X-Tenant-ID is another tenant', async () => {
    const reply = await client.call('GET', hierarchy(), {
      token: admin,
      headers: { 'X-Tenant-ID': '11111111-2222-4333-8444-555555555555' },
    });
    expect(reply.status).to.equal(403);
    expect(reply.json).to.include({ code: 403, message: 'Tenant access denied' });
  });

  it('answers 404 in the envelope for an unknown route, 405 for a wrong method', async () => {
    const missing = await client.call('GET', '/customer/individual/nothing/here/at/all', {
      token: admin,
    });
    expect(missing.status).to.equal(404);
    expect(missing.json.code).to.equal(404);
    expect(missing.json.data.error).to.equal('NOT_FOUND');
    const outside = await sandbox.fetch(new Request('http://finhub.sandbox.test/api/v1/anything'));
    expect(outside.status).to.equal(404);

    const wrong = await client.call('DELETE', '/customer/individual/registration', {
      token: admin,
    });
    expect(wrong.status).to.equal(405);
    expect(wrong.headers.get('allow')).to.equal('POST');
  });

  it('answers 400 for malformed JSON', async () => {
    const reply = await client.call('POST', '/customer/individual/registration', {
      token: admin,
      raw: '{"firstName": ',
    });
    expect(reply.status).to.equal(400);
    expect(reply.json.message).to.equal('Malformed JSON request body');
    expect(reply.json.data.error).to.equal('INVALID_JSON');
  });

  it('answers 400 when the body is JSON but not an object', async () => {
    const reply = await client.call('POST', '/customer/individual/registration', {
      token: admin,
      body: [1, 2],
    });
    expect(reply.status).to.equal(400);
    expect(reply.json.message).to.equal('Request body must be a JSON object');
  });
});

describe('sandbox: admin session (docs/finhub-contract.md#admin-session)', () => {
  const sandbox = createSandbox();
  const client = new Client(sandbox);

  it('returns an HS256 JWT with the docs/finhub-contract.md#customer-session claims, a refresh token and expiresAt', async () => {
    const reply = await client.adminLogin();
    expect(reply.status).to.equal(200);
    const data = reply.json.data;
    expect(data).to.include({
      success: true,
      errorType: 'NONE',
      tokenType: 'Bearer',
      expiresIn: 3600,
    });
    expect(data.userId).to.equal(sandbox.credentials.admin.userId);
    const [header, payload] = (data.token as string).split('.');
    expect(decode(header ?? '')).to.deep.equal({ typ: 'JWT', alg: 'HS256' });
    const claims = decode(payload ?? '');
    expect(claims).to.include({
      iss: 'bff',
      aud: 'bff-clients',
      userType: 'ADMIN',
      tenantId: sandbox.credentials.tenantId,
    });
    expect(claims.exp - claims.iat).to.equal(3600);
    expect(Date.parse(data.expiresAt)).to.equal(claims.exp * 1000);
    expect(data.refreshToken).to.contain(sandbox.credentials.admin.userId);
  });

  it('refuses a wrong password with 401 and wrong tenant credentials with 403', async () => {
    const wrongPassword = await client.adminLogin({ password: 'nope' });
    expect(wrongPassword.status).to.equal(401);
    expect(wrongPassword.json.data.errorType).to.equal('AUTHENTICATION');
    const wrongSecret = await client.adminLogin({ tenantSecret: 'guess' });
    expect(wrongSecret.status).to.equal(403);
    expect(wrongSecret.json.message).to.equal('Invalid tenant credentials');
  });

  it('answers 400 when tenantKey or tenantSecret is missing', async () => {
    const { admin, tenantKey } = sandbox.credentials;
    const reply = await client.call(
      'POST',
      `/admin/organization/${admin.organizationId}/users/${admin.userId}/sessions`,
      { body: { username: admin.username, password: admin.password, tenantKey } },
    );
    expect(reply.status).to.equal(400);
    expect(reply.json.data.errors).to.deep.equal([
      { field: 'tenantSecret', message: 'Field is required' },
    ]);
  });
});

describe('sandbox: bearer tokens (docs/finhub-contract.md#headers, #customer-session)', () => {
  const clock = fakeClock();
  const sandbox = createSandbox({ now: clock.now });
  const client = new Client(sandbox);
  const hierarchy = () =>
    `/customer/individual/categorization/hierarchy/${sandbox.credentials.tenantId}`;

  it('answers 401 without a token', async () => {
    const reply = await client.call('GET', hierarchy());
    expect(reply.status).to.equal(401);
    expect(reply.json).to.include({ code: 401, message: 'Authentication required' });
  });

  it('answers 401 for a forged token (payload changed, signature kept)', async () => {
    const token = await client.adminToken();
    const [h, p, s] = token.split('.');
    const claims = decode(p ?? '');
    claims.userType = 'ADMIN';
    claims.roles = ['ADMIN', 'SUPER'];
    const forged = `${h}.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.${s}`;
    const reply = await client.call('GET', hierarchy(), { token: forged });
    expect(reply.status).to.equal(401);
    expect(reply.json.message).to.equal('Invalid token signature');
  });

  it('answers 401 for a token signed by another sandbox', async () => {
    const other = await createSandbox().issueAdminToken();
    const reply = await client.call('GET', hierarchy(), { token: other });
    expect(reply.status).to.equal(401);
  });

  it('answers 401 Token expired once exp has passed (fake clock)', async () => {
    const token = await sandbox.issueAdminToken();
    clock.advance(3599 * 1000);
    expect((await client.call('GET', hierarchy(), { token })).status).to.equal(200);
    clock.advance(1000);
    const reply = await client.call('GET', hierarchy(), { token });
    expect(reply.status).to.equal(401);
    expect(reply.json.message).to.equal('Token expired');
  });

  it('answers 401 for a garbage token', async () => {
    const reply = await client.call('GET', hierarchy(), { token: 'not-a-jwt' });
    expect(reply.status).to.equal(401);
    expect(reply.json.message).to.equal('Malformed bearer token');
  });

  it('requires an admin token for registration and hierarchy; customers reach only their own records', async () => {
    const admin = await sandbox.issueAdminToken();
    const ann = await registerIndividual(client, admin);
    const bob = await registerIndividual(client, admin);
    const annToken = await customerToken(client, admin, ann);

    const claims = decode(annToken.split('.')[1] ?? '');
    expect(claims).to.include({
      userType: 'CONSUMER',
      customerId: ann.customerId,
      userId: ann.userId,
      sub: ann.userId,
    });
    expect(claims.exp - claims.iat).to.equal(3600);

    expect((await client.call('GET', hierarchy(), { token: annToken })).status).to.equal(403);
    const reg = await client.call('POST', '/customer/individual/registration', {
      token: annToken,
      body: {},
    });
    expect(reg.status).to.equal(403);
    expect(reg.json.message).to.equal('Admin token required');

    const own = await client.call('POST', `/customer/individual/${ann.customerId}/verification`, {
      token: annToken,
    });
    expect(own.status).to.equal(200);
    const other = await client.call('POST', `/customer/individual/${bob.customerId}/verification`, {
      token: annToken,
    });
    expect(other.status).to.equal(403);
    // 403 also for ids that do not exist: a customer token cannot probe.
    const ghost = await client.call(
      'POST',
      `/customer/individual/${crypto.randomUUID()}/verification`,
      { token: annToken },
    );
    expect(ghost.status).to.equal(403);
    const ghostAdmin = await client.call(
      'POST',
      `/customer/individual/${crypto.randomUUID()}/verification`,
      { token: admin },
    );
    expect(ghostAdmin.status).to.equal(404);
  });

  it('logs out (docs/finhub-contract.md#logout-and-refresh): the session token stops working', async () => {
    const admin = await sandbox.issueAdminToken();
    const who = await registerIndividual(client, admin);
    const login = await client.call(
      'POST',
      `/customer/individual/${who.customerId}/users/${who.userId}/sessions`,
      {
        token: admin,
        body: {
          username: who.email,
          password: 'SecurePass123!',
          tenantKey: sandbox.credentials.tenantKey,
          tenantSecret: sandbox.credentials.tenantSecret,
        },
      },
    );
    const { token, sessionId } = login.json.data;
    const out = await client.call(
      'DELETE',
      `/customer/individual/${who.customerId}/users/${who.userId}/sessions/${sessionId}`,
      { token },
    );
    expect(out.status).to.equal(200);
    const after = await client.call('POST', `/customer/individual/${who.customerId}/verification`, {
      token,
    });
    expect(after.status).to.equal(401);
    expect(after.json.message).to.equal('Session has been terminated');
  });
});
