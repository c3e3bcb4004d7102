import { expect } from '@open-wc/testing';
import { passThroughHeaders, stripRequestSecrets } from '../../src/server/forward.js';
import {
  ADMIN,
  RELAY,
  TENANT_ID,
  TENANT_KEY,
  TENANT_SECRET,
  api,
  buildRequest,
  createTestRelay,
  json,
  mint,
  registerIndividual,
  signInIndividual,
} from './helpers.js';

const HIERARCHY = `/customer/individual/categorization/hierarchy/${TENANT_ID}`;

describe('relay: allow-list', () => {
  it('answers 404 in FinHub envelope for endpoints the flows do not use, without forwarding', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await registerIndividual(relay);
    const before = finhub.calls.length;
    const refused: [string, string][] = [
      ['POST', `/admin/organization/${ADMIN.organizationId}/users/${ADMIN.userId}/sessions`],
      ['POST', '/verifications/ver-1/approve'],
      ['GET', `/customer/individual/${customerId}`],
      ['DELETE', `/customer/individual/${customerId}/activation`],
      ['GET', `/customer/individual/${customerId}/activation`], // listed for POST only
      ['POST', `/customer/individual/${customerId}/consents/marketing`],
      ['POST', '/webhooks/subscriptions'],
      ['POST', '/customer/individual/registration/'],
    ];
    for (const [method, path] of refused) {
      const response = await api(relay, method, path, {
        token,
        body: method === 'GET' ? undefined : {},
      });
      expect(response.status, `${method} ${path}`).to.equal(404);
      const body = await response.json();
      expect(body).to.deep.equal({
        code: 404,
        message: 'Not found.',
        data: { error: 'endpoint_not_allowed' },
      });
    }
    expect(finhub.calls.length).to.equal(before);
  });

  it('answers 404 outside {prefix}/token and {prefix}/api/v2.1', async () => {
    const { relay, finhub } = createTestRelay();
    for (const url of [
      `${RELAY}/api/v2/customer/individual/registration`,
      `${RELAY}/other`,
      'http://relay.test/api/v2.1/verifications',
    ]) {
      expect((await relay(buildRequest('POST', url, { body: {} }))).status, url).to.equal(404);
    }
    expect(finhub.calls).to.have.length(0);
  });

  it('honours a custom prefix', async () => {
    const { relay } = createTestRelay({ prefix: '/partner/kyc/' });
    expect(
      (await relay(buildRequest('POST', 'http://relay.test/partner/kyc/token'))).status,
    ).to.equal(200);
    expect((await relay(buildRequest('POST', `${RELAY}/token`))).status).to.equal(404);
  });

  it('refuses a hierarchy request for another tenant (403) and does not forward it', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const response = await api(
      relay,
      'GET',
      '/customer/individual/categorization/hierarchy/other-tenant',
      {
        token: accessToken,
      },
    );
    expect(response.status).to.equal(403);
    expect((await response.json()).data.error).to.equal('tenant_mismatch');
    expect(finhub.calls).to.have.length(0);
  });

  it('drops the query string instead of forwarding it', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    await relay(
      buildRequest('GET', `${RELAY}/api/v2.1${HIERARCHY}?tenantId=other`, { token: accessToken }),
    );
    expect(finhub.apiCalls()[0]!.search).to.equal('');
  });
});

describe('relay: headers to FinHub', () => {
  it('sends the admin token, the configured tenant and the connection address', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const response = await api(relay, 'GET', HIERARCHY, {
      token: accessToken,
      headers: {
        deviceId: 'device-123',
        platform: 'web',
        'X-Forwarded-From': 'web-app',
        'Accept-Language': 'lt-LT',
        'X-Forwarded-For': '6.6.6.6',
        'X-Tenant-ID': 'spoofed-tenant',
        'X-Tenant-Key': 'browser-key',
        'X-Something-Else': 'dropped',
      },
      connection: { remoteAddress: '::ffff:198.51.100.23' },
    });
    expect(response.status).to.equal(200);
    expect(response.headers.get('Cache-Control')).to.equal('no-store');
    const [call] = finhub.apiCalls();
    expect(call!.method).to.equal('GET');
    expect(call!.path).to.equal(`/api/v2.1${HIERARCHY}`);
    expect(call!.headers.get('Authorization')).to.equal('Bearer admin-token-1');
    expect(call!.headers.get('X-Tenant-ID')).to.equal(TENANT_ID);
    expect(call!.headers.get('X-Forwarded-For')).to.equal('198.51.100.23');
    expect(call!.headers.get('deviceId')).to.equal('device-123');
    expect(call!.headers.get('platform')).to.equal('web');
    expect(call!.headers.get('X-Forwarded-From')).to.equal('web-app');
    expect(call!.headers.get('Accept-Language')).to.equal('lt-LT');
    expect(call!.headers.has('X-Tenant-Key')).to.be.false;
    expect(call!.headers.has('X-Something-Else')).to.be.false;
  });

  it('takes X-Forwarded-For from the clientIp hook when given, never from the browser', async () => {
    const seen: (string | undefined)[] = [];
    const { relay, finhub } = createTestRelay({
      clientIp: (request, connection) => {
        seen.push(connection?.remoteAddress);
        return request.headers.get('X-Real-IP') ?? undefined;
      },
    });
    const { accessToken } = await mint(relay);
    await api(relay, 'GET', HIERARCHY, {
      token: accessToken,
      headers: { 'X-Real-IP': '192.0.2.55', 'X-Forwarded-For': '6.6.6.6' },
      connection: { remoteAddress: '10.0.0.1' },
    });
    // The hook also serves the token rate limit (the mint above had no connection).
    expect(seen.at(-1)).to.equal('10.0.0.1');
    expect(finhub.apiCalls()[0]!.headers.get('X-Forwarded-For')).to.equal('192.0.2.55');
  });

  it('sends no X-Forwarded-For at all when the client address is unknown (not the browser value)', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const request = buildRequest('GET', `${RELAY}/api/v2.1${HIERARCHY}`, {
      token: accessToken,
      headers: { 'X-Forwarded-For': '6.6.6.6' },
    });
    await relay(request);
    expect(finhub.apiCalls()[0]!.headers.get('X-Forwarded-For')).to.equal(null);
  });

  it('passes only the documented headers (cookies, browser Authorization, tenant secrets dropped)', () => {
    const headers = passThroughHeaders(
      new Headers({
        Cookie: 'session=abc',
        Authorization: 'Bearer browser',
        'X-Tenant-Key': 'k',
        'X-Tenant-Secret': 's',
        'X-Forwarded-For': '6.6.6.6',
        'User-Agent': 'Mozilla/5.0 test',
        'sec-ch-ua-platform': '"Windows"',
        'X-User-Roles': 'ADMIN_USER',
        Accept: 'application/json',
      }),
    );
    expect([...headers.keys()].sort()).to.deep.equal([
      'accept',
      'sec-ch-ua-platform',
      'user-agent',
      'x-user-roles',
    ]);
  });

  it('strips secret-looking fields the browser put anywhere in a JSON body', () => {
    expect(
      stripRequestSecrets({
        tenantKey: 'k',
        tenantSecret: 's',
        adminToken: 't',
        password: 'kept',
        nested: [{ client_secret: 'x', apiKey: 'y', name: 'kept' }],
      }),
    ).to.deep.equal({ password: 'kept', nested: [{ name: 'kept' }] });
  });

  it('never forwards browser-supplied tenant credentials in a registration body', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      body: {
        email: 'a@b.c',
        tenantKey: 'browser-key',
        individualCustomer: { tenantSecret: 'browser-secret', customerName: 'A' },
      },
    });
    expect(finhub.apiCalls()[0]!.body).to.deep.equal({
      email: 'a@b.c',
      individualCustomer: { customerName: 'A' },
    });
    expect(JSON.stringify(finhub.apiCalls()[0]!.body)).not.to.contain(TENANT_SECRET);
  });

  it('answers 400 when a body is not JSON', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const response = await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      body: 'name=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).to.equal(400);
    expect((await response.json()).data.error).to.equal('invalid_body');
    expect(finhub.apiCalls()).to.have.length(0);
  });
});

describe('relay: body limit, timeouts and failures', () => {
  it('answers 413 for a body over maxBodyBytes, without forwarding', async () => {
    const { relay, finhub } = createTestRelay({ maxBodyBytes: 1024 });
    const { token } = await registerIndividual(relay);
    const calls = finhub.calls.length;
    const response = await api(relay, 'POST', '/verifications', {
      token,
      body: { note: 'x'.repeat(2000) },
    });
    expect(response.status).to.equal(413);
    expect((await response.json()).data.error).to.equal('payload_too_large');
    expect(finhub.calls.length).to.equal(calls);
  });

  it('refuses on Content-Length before reading the body', async () => {
    const { relay, finhub } = createTestRelay({ maxBodyBytes: 1024 });
    const { token } = await registerIndividual(relay);
    const calls = finhub.calls.length;
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled += 1;
          controller.enqueue(new Uint8Array(10));
          controller.close();
        },
      },
      { highWaterMark: 0 }, // pull only when read
    );
    const request = new Request(`${RELAY}/api/v2.1/verifications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit); // `duplex` (streaming bodies) is missing from this DOM lib's RequestInit
    const response = await relay(
      new Proxy(request, {
        get(target, prop) {
          if (prop === 'headers')
            return new Headers([...target.headers, ['Content-Length', '999999']]);
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    );
    expect(response.status).to.equal(413);
    expect((await response.json()).data.error).to.equal('payload_too_large');
    expect(pulled).to.equal(0);
    expect(finhub.calls.length).to.equal(calls);
  });

  it('stops reading an endless chunked upload (no Content-Length) once it passes the limit', async () => {
    const { relay, finhub } = createTestRelay({ maxBodyBytes: 64 * 1024 });
    const { token } = await registerIndividual(relay);
    const calls = finhub.calls.length;
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const response = await relay(
      new Request(`${RELAY}/api/v2.1/verifications`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: endless,
        duplex: 'half',
      } as RequestInit), // see above: `duplex`
    );
    expect(response.status).to.equal(413);
    expect((await response.json()).data.error).to.equal('payload_too_large');
    expect(sent).to.be.below(64 * 1024 + 16 * 1024 * 4);
    expect(finhub.calls.length).to.equal(calls);
  });

  it('answers 504 when FinHub does not answer within upstreamTimeoutMs', async () => {
    const { relay, finhub } = createTestRelay({ upstreamTimeoutMs: 50 });
    const { accessToken } = await mint(relay);
    await api(relay, 'GET', HIERARCHY, { token: accessToken }); // admin session ready
    finhub.on('GET', /hierarchy/, () => new Promise<Response>(() => undefined));
    const response = await api(relay, 'GET', HIERARCHY, { token: accessToken });
    expect(response.status).to.equal(504);
    expect(await response.json()).to.deep.equal({
      code: 504,
      message: 'FinHub did not answer in time.',
      data: { error: 'upstream_timeout' },
    });
  });

  it('answers 502 when FinHub cannot be reached', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    await api(relay, 'GET', HIERARCHY, { token: accessToken });
    finhub.on('GET', /hierarchy/, () => Promise.reject(new TypeError('Failed to fetch')));
    const response = await api(relay, 'GET', HIERARCHY, { token: accessToken });
    expect(response.status).to.equal(502);
    expect((await response.json()).data.error).to.equal('upstream_unreachable');
  });

  it('answers 502 when the admin login is refused, and tries again on the next request', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const remove = finhub.on('POST', /\/admin\//, () =>
      json({ code: 403, message: 'Invalid tenant', data: {} }, 403),
    );
    const response = await api(relay, 'GET', HIERARCHY, { token: accessToken });
    expect(response.status).to.equal(502);
    expect((await response.json()).data.error).to.equal('upstream_auth_failed');
    expect(finhub.apiCalls()).to.have.length(0);
    remove();
    expect((await api(relay, 'GET', HIERARCHY, { token: accessToken })).status).to.equal(200);
  });

  it("passes FinHub's error status and body through", async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const error = {
      code: 400,
      message: 'Request validation failed',
      data: {
        errors: [
          {
            field: 'matchingPassword',
            message: 'Password and matching password must be identical',
          },
        ],
      },
    };
    finhub.on('POST', /registration$/, () => json(error, 400));
    const response = await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      body: {},
    });
    expect(response.status).to.equal(400);
    expect(await response.json()).to.deep.equal(error);
    expect(response.headers.get('Cache-Control')).to.equal('no-store');
  });

  it('passes Retry-After from a FinHub 429', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await registerIndividual(relay);
    finhub.on('POST', /consents/, () =>
      json({ code: 429, message: 'Too many requests', data: {} }, 429, { 'Retry-After': '7' }),
    );
    const response = await api(relay, 'POST', `/customer/individual/${customerId}/consents/terms`, {
      token,
      body: { accepted: true, version: '1.0' },
    });
    expect(response.status).to.equal(429);
    expect(response.headers.get('Retry-After')).to.equal('7');
  });

  it('strips tenant credentials and tokens from any FinHub response', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await signInIndividual(relay);
    finhub.on('POST', /activation$/, () =>
      json({
        code: 200,
        message: 'Success',
        data: {
          iban: 'LT61',
          tenantSecret: TENANT_SECRET,
          tenantKey: TENANT_KEY,
          wallet: { token: 'w' },
        },
      }),
    );
    const response = await api(relay, 'POST', `/customer/individual/${customerId}/activation`, {
      token,
      body: { userId: 'marcus@example.com', code: 'ACTIVATION_CODE_1' },
    });
    expect(await response.json()).to.deep.equal({
      code: 200,
      message: 'Success',
      data: { iban: 'LT61', wallet: {} },
    });
  });
});
