import { expect } from '@open-wc/testing';
import { parseFinHubInstant } from '../../src/server/encoding.js';
import {
  ADMIN,
  TENANT_ID,
  TENANT_KEY,
  TENANT_SECRET,
  api,
  createTestRelay,
  fakeJwt,
  json,
  mint,
  zoneless,
} from './helpers.js';

const HIERARCHY = `/customer/individual/categorization/hierarchy/${TENANT_ID}`;

describe('relay: admin session', () => {
  it('logs in once with the admin credentials and tenant key/secret (docs/finhub-contract.md#admin-session)', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    await api(relay, 'GET', HIERARCHY, { token: accessToken });
    await api(relay, 'GET', HIERARCHY, { token: accessToken });
    const logins = finhub.adminLogins();
    expect(logins).to.have.length(1);
    expect(logins[0]!.method).to.equal('POST');
    expect(logins[0]!.path).to.equal(
      `/api/v2.1/admin/organization/${ADMIN.organizationId}/users/${ADMIN.userId}/sessions`,
    );
    expect(logins[0]!.headers.get('X-Tenant-ID')).to.equal(TENANT_ID);
    expect(logins[0]!.body).to.deep.equal({
      username: ADMIN.username,
      password: ADMIN.password,
      tenantKey: TENANT_KEY,
      tenantSecret: TENANT_SECRET,
    });
  });

  it('shares one login between concurrent requests', async () => {
    const { relay, finhub } = createTestRelay();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    finhub.on('POST', /\/admin\//, async () => {
      await gate;
      return json({
        code: 200,
        message: 'ok',
        data: { token: 'slow-admin', expiresAt: zoneless(Date.now() + 3600_000) },
      });
    });
    const { accessToken } = await mint(relay);
    const pending = Array.from({ length: 5 }, () =>
      api(relay, 'GET', HIERARCHY, { token: accessToken }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    const responses = await Promise.all(pending);
    expect(responses.map((r) => r.status)).to.deep.equal([200, 200, 200, 200, 200]);
    expect(finhub.adminLogins()).to.have.length(1);
    expect(finhub.apiCalls().map((c) => c.headers.get('Authorization'))).to.deep.equal(
      Array(5).fill('Bearer slow-admin'),
    );
  });

  it('refreshes shortly before the zoneless expiresAt, read as UTC', async () => {
    const { relay, finhub, clock } = createTestRelay({ tokenTtlSeconds: 7200 });
    const { accessToken } = await mint(relay);
    await api(relay, 'GET', HIERARCHY, { token: accessToken }); // admin-token-1, expires in 1 h
    clock.advance(58 * 60_000);
    await api(relay, 'GET', HIERARCHY, { token: accessToken });
    expect(finhub.adminLogins()).to.have.length(1);
    clock.advance(90_000); // 30 s before expiry: inside the refresh margin
    await api(relay, 'GET', HIERARCHY, { token: accessToken });
    expect(finhub.adminLogins()).to.have.length(2);
    expect(finhub.apiCalls().map((c) => c.headers.get('Authorization'))).to.deep.equal([
      'Bearer admin-token-1',
      'Bearer admin-token-1',
      'Bearer admin-token-2',
    ]);
  });

  it('falls back to the JWT exp claim when FinHub gives no expiresAt', async () => {
    const { relay, finhub, clock } = createTestRelay();
    let n = 0;
    finhub.on('POST', /\/admin\//, () => {
      n += 1;
      return json({
        code: 200,
        message: 'ok',
        data: { token: fakeJwt({ n, exp: clock.now() / 1000 + 300 }) },
      });
    });
    const { accessToken } = await mint(relay);
    await api(relay, 'GET', HIERARCHY, { token: accessToken });
    clock.advance(200_000);
    await api(relay, 'GET', HIERARCHY, { token: accessToken });
    expect(finhub.adminLogins()).to.have.length(1);
    clock.advance(50_000); // 50 s before exp: inside the one-minute margin
    await api(relay, 'GET', HIERARCHY, { token: accessToken });
    expect(finhub.adminLogins()).to.have.length(2);
  });

  it('on a FinHub 401 logs in again once and retries once, registration included', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    finhub.on('POST', /registration$/, (call) =>
      call.headers.get('Authorization') === 'Bearer admin-token-1'
        ? json({ code: 401, message: 'Invalid or expired token', data: {} }, 401)
        : json({ code: 200, message: 'ok', data: { id: 'cust-9', user: { id: 'user-9' } } }),
    );
    const response = await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      body: { email: 'a@b.c' },
    });
    expect(response.status).to.equal(200);
    expect(finhub.adminLogins()).to.have.length(2);
    expect(finhub.apiCalls().map((c) => c.headers.get('Authorization'))).to.deep.equal([
      'Bearer admin-token-1',
      'Bearer admin-token-2',
    ]);
  });

  it('retries only once: a second 401 goes back to the browser', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    finhub.on('GET', /hierarchy/, () =>
      json({ code: 401, message: 'Unauthorized', data: {} }, 401),
    );
    const response = await api(relay, 'GET', HIERARCHY, { token: accessToken });
    expect(response.status).to.equal(401);
    expect(finhub.apiCalls()).to.have.length(2);
    expect(finhub.adminLogins()).to.have.length(2);
  });

  it('never re-sends a registration whose outcome is unknown (timeout)', async () => {
    const { relay, finhub } = createTestRelay({ upstreamTimeoutMs: 50 });
    const { accessToken } = await mint(relay);
    finhub.on('POST', /registration$/, () => new Promise<Response>(() => undefined));
    const response = await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      body: {},
    });
    expect(response.status).to.equal(504);
    expect(finhub.apiCalls()).to.have.length(1);
  });

  it('parses FinHub instants: zoneless as UTC, up to 7 fractional digits, zones honoured', () => {
    expect(parseFinHubInstant('2026-01-13T22:21:48.9745432')).to.equal(
      Date.UTC(2026, 0, 13, 22, 21, 48, 974),
    );
    expect(parseFinHubInstant('2026-01-13T22:21:48')).to.equal(Date.UTC(2026, 0, 13, 22, 21, 48));
    expect(parseFinHubInstant('2026-01-13T22:21:48+02:00')).to.equal(
      Date.UTC(2026, 0, 13, 20, 21, 48),
    );
    expect(parseFinHubInstant('tomorrow')).to.equal(undefined);
    expect(parseFinHubInstant(42)).to.equal(undefined);
  });
});
