/**
 * The relay's protections (issue 7 item 6), one block each. Every refusal is checked three ways:
 * the status and `data.error` the browser gets, that nothing reached FinHub, and (at the end) that
 * the log line it left names the refusal and carries no secret.
 */
import { expect } from '@open-wc/testing';
import {
  ADMIN,
  CUSTOMER_PASSWORD,
  RELAY,
  SIGNING_SECRET,
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
  type FakeFinHub,
  type LogEntry,
} from './helpers.js';

const HIERARCHY = `/customer/individual/categorization/hierarchy/${TENANT_ID}`;

const b64url = (text: string) =>
  btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const claimsOf = (token: string): Record<string, unknown> => {
  const payload = token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload + '='.repeat((4 - (payload.length % 4)) % 4)));
};

/** Everything FinHub received, as one string (headers and bodies), for "never reached" checks. */
const upstreamText = (finhub: FakeFinHub) =>
  JSON.stringify(
    finhub.calls.map((c) => ({
      url: c.path + c.search,
      headers: [...c.headers],
      body: c.body,
    })),
  );

async function expectRefused(
  response: Response,
  status: number,
  error: string,
  finhub: FakeFinHub,
  callsBefore: number,
  label = '',
) {
  expect(response.status, label).to.equal(status);
  expect((await response.json()).data.error, label).to.equal(error);
  expect(finhub.calls.length, `${label}: nothing forwarded`).to.equal(callsBefore);
}

describe('relay protections: onboarding tokens', () => {
  it('refuses a bound token whose claims were edited to another customer (401 invalid)', async () => {
    const { relay, finhub } = createTestRelay();
    const a = await registerIndividual(relay);
    const b = await registerIndividual(relay);
    const [payload, signature] = a.token.split('.') as [string, string];
    const edited = b64url(JSON.stringify({ ...claimsOf(a.token), cid: b.customerId }));
    expect(edited).not.to.equal(payload);
    const before = finhub.calls.length;
    const response = await api(
      relay,
      'POST',
      `/customer/individual/${b.customerId}/consents/terms`,
      { token: `${edited}.${signature}`, body: { accepted: true, version: '1.0' } },
    );
    await expectRefused(response, 401, 'onboarding_token_invalid', finhub, before);
  });

  it('refuses unsigned, truncated and JWT-shaped tokens (401 invalid)', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const [payload] = accessToken.split('.') as [string, string];
    for (const token of [
      payload, // no signature
      `${payload}.`, // empty signature
      `${payload}.${b64url('x'.repeat(32))}`, // right length, wrong bytes
      `${b64url('{"alg":"none"}')}.${payload}.`, // three parts, alg none
      `${accessToken}x`,
    ]) {
      const response = await api(relay, 'GET', HIERARCHY, { token });
      await expectRefused(response, 401, 'onboarding_token_invalid', finhub, 0, token);
    }
  });

  it('refuses an expired bound token (401 expired) on a customer call', async () => {
    const { relay, finhub, clock } = createTestRelay();
    const { token, customerId } = await registerIndividual(relay);
    clock.advance(900_000);
    const before = finhub.calls.length;
    const response = await api(relay, 'POST', `/customer/individual/${customerId}/consents/terms`, {
      token,
      body: { accepted: true, version: '1.0' },
    });
    await expectRefused(response, 401, 'onboarding_token_expired', finhub, before);
  });

  it('renewal does not revoke the token it replaces: it keeps working until its own expiry', async () => {
    // Decision (types.ts `tokenTtlSeconds`): a request already in flight with the old token
    // must not fail, and the old token grants nothing the new one does not.
    const { relay, finhub, clock } = createTestRelay();
    const { token: old, customerId } = await registerIndividual(relay);
    const consent = (token: string) =>
      api(relay, 'POST', `/customer/individual/${customerId}/consents/terms`, {
        token,
        body: { accepted: true, version: '1.0' },
      });
    clock.advance(600_000);
    const renewed = (await mint(relay, { token: old })).accessToken;
    expect(claimsOf(renewed).oid).to.equal(claimsOf(old).oid);
    expect((await consent(old)).status).to.equal(200);
    expect((await consent(renewed)).status).to.equal(200);
    clock.advance(300_000); // the old token's 900 s are over, the renewed one has 600 s left
    const before = finhub.calls.length;
    await expectRefused(await consent(old), 401, 'onboarding_token_expired', finhub, before);
    expect((await consent(renewed)).status).to.equal(200);
    // An expired token cannot be renewed either: presenting it starts a new, unbound onboarding.
    const fresh = (await mint(relay, { token: old })).accessToken;
    expect(claimsOf(fresh)).not.to.have.property('cid');
    expect(claimsOf(fresh).oid).not.to.equal(claimsOf(old).oid);
  });

  it('refuses the unbound token once a resuming sign-in has bound the onboarding (401 revoked)', async () => {
    const { relay, finhub } = createTestRelay();
    const { customerId, userId } = await registerIndividual(relay);
    const { accessToken: unbound } = await mint(relay);
    const path = `/customer/individual/${customerId}/users/${userId}/sessions`;
    const body = { username: 'marcus@example.com', password: CUSTOMER_PASSWORD };
    expect((await api(relay, 'POST', path, { token: unbound, body })).status).to.equal(200);
    const before = finhub.calls.length;
    const again = await api(relay, 'POST', path, { token: unbound, body });
    await expectRefused(again, 401, 'onboarding_token_revoked', finhub, before);
  });
});

describe('relay protections: cross-customer ids (A’s token on B)', () => {
  it('refuses B’s ids in paths and anywhere in bodies with 403 binding_mismatch', async () => {
    const { relay, finhub } = createTestRelay();
    const a = await signInIndividual(relay);
    const b = await signInIndividual(relay);
    // A verification of B's, created with B's token.
    const bVerification = await api(relay, 'POST', '/verifications', {
      token: b.token,
      body: { customerId: b.customerId, type: 'IDENTITY_VERIFICATION' },
    });
    const bVid = (await bVerification.json()).data.verificationId as string;
    // And one of A's, so A's token has a verification bound.
    const aVerification = await api(relay, 'POST', '/verifications', {
      token: a.token,
      body: { customerId: a.customerId, type: 'IDENTITY_VERIFICATION' },
    });
    const aToken = aVerification.headers.get('X-Onboarding-Token')!;
    const aVid = (await aVerification.json()).data.verificationId as string;
    const document = {
      verificationId: aVid,
      documentType: 'PASSPORT',
      mimeType: 'application/pdf',
      fileName: 'p.pdf',
      fileContent: 'JVBERi0=',
    };
    const attempts: [string, string, unknown?][] = [
      ['GET', `/verifications/${bVid}`],
      ['POST', `/verifications/${bVid}/documents`, { ...document, verificationId: bVid }],
      ['POST', `/customer/individual/${b.customerId}/activation`, { code: 'X' }],
      ['POST', `/customer/individual/${b.customerId}/verification`, {}],
      // Right path, B's ids in the body: top level, nested
      // (docs/finhub-contract.md#document-upload's `document {…}`), in arrays.
      ['POST', `/verifications/${aVid}/documents`, { ...document, customerId: b.customerId }],
      [
        'POST',
        `/verifications/${aVid}/documents`,
        { ...document, document: { customerId: b.customerId } },
      ],
      [
        'POST',
        `/verifications/${aVid}/documents`,
        { ...document, context: [{ verificationId: bVid }] },
      ],
      [
        'POST',
        `/customer/individual/${a.customerId}/consents/terms`,
        { accepted: true, organizationId: b.customerId },
      ],
    ];
    const before = finhub.calls.length;
    for (const [method, path, body] of attempts) {
      const response = await api(relay, method, path, { token: aToken, body });
      await expectRefused(response, 403, 'binding_mismatch', finhub, before, `${method} ${path}`);
    }
    // The same calls on A's own ids go through, so the refusals above are about the ids.
    const own = await api(relay, 'POST', `/verifications/${aVid}/documents`, {
      token: aToken,
      body: { ...document, customerId: a.customerId, document: { customerId: a.customerId } },
    });
    expect(own.status).to.equal(200);
  });
});

describe('relay protections: allow-list and path tricks', () => {
  /** Sends `rawPath` (appended to the relay's API base) exactly as a client could write it. */
  const raw = (rawPath: string) => `${RELAY}/api/v2.1${rawPath}`;

  it('refuses traversal, encoded dots and slashes, double slashes and admin paths (404)', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await signInIndividual(relay);
    const created = await api(relay, 'POST', '/verifications', {
      token,
      body: { customerId, type: 'IDENTITY_VERIFICATION' },
    });
    const bound = created.headers.get('X-Onboarding-Token')!;
    const vid = (await created.json()).data.verificationId as string;
    const adminSessions = `admin/organization/${ADMIN.organizationId}/users/${ADMIN.userId}/sessions`;
    const paths: [string, string][] = [
      ['POST', `/customer/individual/../../${adminSessions}`],
      ['POST', `/customer/individual/%2e%2e/%2e%2e/${adminSessions}`],
      ['POST', `/customer/individual/%2E%2E/%2E%2E/${adminSessions}`],
      ['POST', `/customer/individual/${customerId}/..%2f..%2f..%2f${adminSessions}`],
      ['POST', `/customer/individual/${customerId}%2F..%2F..%2Fadmin/consents/terms`],
      ['POST', `/verifications/${vid}/approve`],
      ['POST', `/verifications/${vid}/documents/../approve`],
      ['POST', `/verifications/${vid}/documents/%2e%2e/approve`],
      ['POST', `/verifications/${vid}/approve?status=APPROVED`],
      ['POST', `/customer//individual/${customerId}/consents/terms`],
      ['POST', `//customer/individual/${customerId}/consents/terms`],
      ['POST', `/customer/individual/${customerId}//consents/terms`],
      ['POST', `/customer/individual/${customerId}/consents/terms/`],
      ['POST', `/Customer/Individual/${customerId}/consents/terms`],
      ['PUT', `/customer/individual/${customerId}/consents/terms`],
      ['DELETE', `/customer/individual/${customerId}/users/u/sessions/s`],
      ['GET', `/customer/individual/${customerId}`],
      ['GET', '/webhooks/subscriptions'],
    ];
    const before = finhub.calls.length;
    for (const [method, path] of paths) {
      const response = await relay(
        buildRequest(method, raw(path), { token: bound, body: method === 'GET' ? undefined : {} }),
        { remoteAddress: '203.0.113.7' },
      );
      await expectRefused(response, 404, 'endpoint_not_allowed', finhub, before, path);
    }
    // The relay's own prefix cannot be doubled or escaped either.
    for (const url of [
      `http://relay.test/onboarding//api/v2.1/customer/individual/${customerId}/consents/terms`,
      `http://relay.test/onboarding/api/v2.1/../../../api/v2.1/verifications`,
      `http://relay.test/onboarding/api/v2.1/%2e%2e/v2/customer/individual/registration`,
    ]) {
      const response = await relay(buildRequest('POST', url, { token: bound, body: {} }));
      await expectRefused(response, 404, 'endpoint_not_allowed', finhub, before, url);
    }
  });

  it('checks and forwards the same, normalized path: traversal cannot reach another customer', async () => {
    const { relay, finhub } = createTestRelay();
    const a = await registerIndividual(relay);
    const b = await registerIndividual(relay);
    const before = finhub.calls.length;
    const toB = await relay(
      buildRequest(
        'POST',
        raw(`/customer/individual/${a.customerId}/../${b.customerId}/consents/terms`),
        { token: a.token, body: { accepted: true, version: '1.0' } },
      ),
    );
    await expectRefused(toB, 403, 'binding_mismatch', finhub, before);
    const toA = await relay(
      buildRequest(
        'POST',
        raw(`/customer/individual/${b.customerId}/%2e%2e/${a.customerId}/consents/terms?x=../y`),
        { token: a.token, body: { accepted: true, version: '1.0' } },
      ),
    );
    expect(toA.status).to.equal(200);
    const call = finhub.calls.at(-1)!;
    expect(call.path).to.equal(`/api/v2.1/customer/individual/${a.customerId}/consents/terms`);
    expect(call.search).to.equal('');
    expect(upstreamText(finhub)).not.to.contain('..');
    expect(upstreamText(finhub)).not.to.contain('%2e');
  });

  it('never forwards a query string (a second channel for ids and flags)', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const response = await relay(
      buildRequest('POST', raw('/customer/individual/registration?tenantId=other&admin=true'), {
        token: accessToken,
        body: { email: 'a@b.c' },
      }),
    );
    expect(response.status).to.equal(200);
    expect(finhub.apiCalls()[0]!.path).to.equal('/api/v2.1/customer/individual/registration');
    expect(finhub.apiCalls()[0]!.search).to.equal('');
  });
});

describe('relay protections: body size', () => {
  it('by default accepts a 20 MiB document as base64 (the largest docs/finhub-contract.md#document-upload allows) and forwards it whole', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId } = await signInIndividual(relay);
    const created = await api(relay, 'POST', '/verifications', {
      token,
      body: { customerId, type: 'IDENTITY_VERIFICATION' },
    });
    const bound = created.headers.get('X-Onboarding-Token')!;
    const vid = (await created.json()).data.verificationId as string;
    const fileContent = `JVBERi0x${'A'.repeat(Math.ceil((20 * 1024 * 1024) / 3) * 4 - 8)}`;
    expect(fileContent.length).to.equal(27_962_028);
    const response = await api(relay, 'POST', `/verifications/${vid}/documents`, {
      token: bound,
      body: {
        verificationId: vid,
        customerId,
        documentType: 'FINANCIAL_STATEMENTS',
        mimeType: 'application/pdf',
        fileName: 'statements-2025.pdf',
        fileContent,
      },
    });
    expect(response.status).to.equal(200);
    const upload = finhub.apiCalls().at(-1)! as { body: { fileContent: string } };
    expect(upload.body.fileContent.length).to.equal(fileContent.length);
  });

  it('by default refuses a declared Content-Length over 28 MiB (413) without reading or forwarding', async () => {
    const { relay, finhub } = createTestRelay();
    const { token } = await registerIndividual(relay);
    const before = finhub.calls.length;
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled += 1;
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request(`${RELAY}/api/v2.1/verifications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit); // `duplex` (streaming bodies) is missing from this DOM lib's RequestInit
    const headers = new Headers(request.headers);
    headers.set('Content-Length', String(28 * 1024 * 1024 + 1));
    const response = await relay(
      new Proxy(request, {
        get(target, prop) {
          if (prop === 'headers') return headers;
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    );
    await expectRefused(response, 413, 'payload_too_large', finhub, before);
    expect(pulled).to.equal(0);
  });

  it('refuses a body that is too large although its Content-Length claims otherwise', async () => {
    const { relay, finhub } = createTestRelay({ maxBodyBytes: 1024 });
    const { token } = await registerIndividual(relay);
    const before = finhub.calls.length;
    const response = await api(relay, 'POST', '/verifications', {
      token,
      body: { notes: 'x'.repeat(4096) },
      serverHeaders: { 'Content-Length': '10' },
    });
    await expectRefused(response, 413, 'payload_too_large', finhub, before);
  });
});

describe('relay protections: origins', () => {
  const PARTNER = 'https://shop.partner.test';

  it('serves the listed origin exactly; refuses look-alikes and "null" with 403 and no CORS headers', async () => {
    const { relay, finhub } = createTestRelay({ allowedOrigins: [PARTNER] });
    const { accessToken } = await mint(relay);
    for (const origin of [
      'null', // sandboxed iframes, file: pages
      'http://shop.partner.test', // other scheme
      'https://shop.partner.test:8443', // other port
      'https://evil.shop.partner.test',
      'https://shop.partner.test.evil.test',
      'HTTPS://SHOP.PARTNER.TEST',
    ]) {
      const response = await api(relay, 'GET', HIERARCHY, {
        token: accessToken,
        serverHeaders: { Origin: origin },
      });
      expect(response.headers.has('Access-Control-Allow-Origin'), origin).to.equal(false);
      await expectRefused(response, 403, 'origin_not_allowed', finhub, 0, origin);
    }
    const allowed = await api(relay, 'GET', HIERARCHY, {
      token: accessToken,
      serverHeaders: { Origin: PARTNER },
    });
    expect(allowed.status).to.equal(200);
    expect(allowed.headers.get('Access-Control-Allow-Origin')).to.equal(PARTNER);
    expect(finhub.apiCalls()).to.have.length(1);
  });
});

describe('relay protections: the client address', () => {
  it('replaces browser-sent X-Forwarded-For, Forwarded and X-Real-IP with the connection address', async () => {
    const { relay, finhub } = createTestRelay();
    const spoofed = {
      'X-Forwarded-For': '6.6.6.6, 7.7.7.7',
      Forwarded: 'for=6.6.6.6;proto=https',
      'X-Real-IP': '6.6.6.6',
      'X-Client-IP': '6.6.6.6',
      'True-Client-IP': '6.6.6.6',
      'CF-Connecting-IP': '6.6.6.6',
      'X-Original-Forwarded-For': '6.6.6.6',
    };
    const connection = { remoteAddress: '::ffff:198.51.100.23' };
    const { accessToken } = await mint(relay);
    const registered = await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      body: { email: 'a@b.c' },
      headers: spoofed,
      connection,
    });
    const token = registered.headers.get('X-Onboarding-Token')!;
    const { id: customerId, user } = (await registered.json()).data;
    await api(relay, 'POST', `/customer/individual/${customerId}/users/${user.id}/sessions`, {
      token,
      body: { username: 'a@b.c', password: CUSTOMER_PASSWORD },
      headers: spoofed,
      connection,
    });
    const calls = finhub.apiCalls();
    expect(calls).to.have.length(2);
    for (const call of calls) {
      expect(call.headers.get('X-Forwarded-For'), call.path).to.equal('198.51.100.23');
      for (const name of Object.keys(spoofed).filter((n) => n !== 'X-Forwarded-For')) {
        expect(call.headers.has(name), `${call.path} ${name}`).to.equal(false);
      }
    }
    expect(upstreamText(finhub)).not.to.contain('6.6.6.6');
  });
});

describe('relay protections: credentials the browser sends', () => {
  it('never forwards a browser tenantSecret/tenantKey (header or body) and injects the configured ones only on sign-in', async () => {
    const { relay, finhub } = createTestRelay();
    const forged = {
      tenantSecret: 'BROWSER-SECRET-1',
      'X-Tenant-Secret': 'BROWSER-SECRET-2',
      tenantKey: 'BROWSER-KEY-1',
      'X-Tenant-Key': 'BROWSER-KEY-2',
      'X-Api-Key': 'BROWSER-KEY-3',
    };
    const bodySecrets = {
      tenantSecret: 'BROWSER-SECRET-3',
      tenantKey: 'BROWSER-KEY-4',
      nested: { tenant_secret: 'BROWSER-SECRET-4', clientSecret: 'BROWSER-SECRET-5' },
      list: [{ apiKey: 'BROWSER-KEY-5' }],
    };
    const { accessToken } = await mint(relay);
    const registered = await api(relay, 'POST', '/customer/individual/registration', {
      token: accessToken,
      headers: forged,
      body: { email: 'a@b.c', ...bodySecrets },
    });
    const token = registered.headers.get('X-Onboarding-Token')!;
    const { id: customerId, user } = (await registered.json()).data;
    const signedIn = await api(
      relay,
      'POST',
      `/customer/individual/${customerId}/users/${user.id}/sessions`,
      {
        token,
        headers: forged,
        body: { username: 'a@b.c', password: CUSTOMER_PASSWORD, ...bodySecrets },
      },
    );
    const sessionToken = signedIn.headers.get('X-Onboarding-Token')!;
    await api(relay, 'POST', `/customer/individual/${customerId}/consents/terms`, {
      token: sessionToken,
      headers: forged,
      body: { accepted: true, version: '1.0', ...bodySecrets },
    });

    const [registration, session, consent] = finhub.apiCalls();
    expect(upstreamText(finhub)).not.to.match(/BROWSER-(SECRET|KEY)/);
    expect(registration!.body).to.deep.equal({ email: 'a@b.c', nested: {}, list: [{}] });
    expect(session!.body).to.deep.include({ tenantSecret: TENANT_SECRET, tenantKey: TENANT_KEY });
    expect(consent!.body).to.deep.equal({ accepted: true, version: '1.0', nested: {}, list: [{}] });
    // The configured secret goes to the sign-in body and nowhere else.
    for (const call of [registration!, consent!]) {
      expect(JSON.stringify(call.body)).not.to.contain(TENANT_SECRET);
      expect([...call.headers].flat().join(' ')).not.to.contain(TENANT_SECRET);
    }
  });

  it('never forwards the browser’s Authorization, cookies or proxy credentials', async () => {
    const { relay, finhub } = createTestRelay();
    const { token, customerId, unbound } = await signInIndividual(relay);
    await api(relay, 'POST', `/customer/individual/${customerId}/consents/terms`, {
      token,
      body: { accepted: true, version: '1.0' },
      serverHeaders: {
        Cookie: 'partner_session=abc123',
        'Proxy-Authorization': 'Basic YWRtaW46YWRtaW4=',
      },
      headers: { 'X-Authorization': 'Bearer smuggled', 'X-Access-Token': 'smuggled' },
    });
    const calls = finhub.apiCalls();
    expect(calls.map((c) => c.headers.get('Authorization'))).to.deep.equal([
      'Bearer admin-token-1', // registration (docs/finhub-contract.md#individual-registration)
      'Bearer admin-token-1', // sign-in (docs/finhub-contract.md#customer-session)
      'Bearer customer-token-1', // the customer's own session (docs/finhub-contract.md#individual-flow)
    ]);
    const text = upstreamText(finhub);
    for (const leaked of [token, unbound, 'abc123', 'YWRtaW46YWRtaW4=', 'smuggled']) {
      expect(text, leaked).not.to.contain(leaked);
    }
  });

  it('refuses a FinHub JWT presented as the onboarding token (401), forwarding nothing', async () => {
    const { relay, finhub } = createTestRelay();
    const jwt = `${b64url('{"typ":"JWT","alg":"HS256"}')}.${b64url('{"userType":"ADMIN"}')}.c2ln`;
    const response = await api(relay, 'GET', HIERARCHY, { token: jwt });
    await expectRefused(response, 401, 'onboarding_token_invalid', finhub, 0);
  });
});

describe('relay protections: what goes back to the browser', () => {
  it('drops session tokens, tenant credentials, password strings and cookies from FinHub answers', async () => {
    const { relay, finhub } = createTestRelay();
    const { token } = await signInIndividual(relay);
    finhub.on('POST', /\/employee$|\/activation$/, () =>
      json(
        {
          code: 200,
          message: 'Success',
          data: {
            iban: 'LT61',
            user: { id: 'u-9', password: 'echoed-Pa55', passwordHash: '$2b$10$abc' },
            individual: { userId: 'emp-9', temporaryPassword: 'Temp-Pa55-9' },
            mustChangePassword: true,
            session: { accessToken: 'at', refreshToken: 'rt', tenantSecret: TENANT_SECRET },
          },
        },
        200,
        { 'Set-Cookie': 'finhub_session=s3cr3t; HttpOnly' },
      ),
    );
    const response = await api(relay, 'POST', '/customer/individual/cust-1/activation', {
      token,
      body: { userId: 'marcus@example.com', code: 'X' },
    });
    expect(response.status).to.equal(200);
    expect(response.headers.has('Set-Cookie')).to.equal(false);
    expect(response.headers.get('Cache-Control')).to.equal('no-store');
    expect((await response.json()).data).to.deep.equal({
      iban: 'LT61',
      user: { id: 'u-9' },
      individual: { userId: 'emp-9' },
      mustChangePassword: true,
      session: {},
    });
  });
});

describe('relay protections: refusals are logged, without secrets', () => {
  it('writes one warn line per refusal with its reason, and no password, token, secret, document or address', async () => {
    const logs: LogEntry[] = [];
    const { relay, finhub } = createTestRelay({
      allowedOrigins: ['https://shop.partner.test'],
      maxSignInAttempts: 1,
      maxBodyBytes: 64 * 1024,
      tokenRateLimit: { max: 2, windowSeconds: 60 },
      logger: (entry) => logs.push(entry),
    });
    const { token, unbound, customerId, userId } = await signInIndividual(relay);
    const [payload, signature] = token.split('.') as [string, string];
    const forged = `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const document = `JVBERi0xLjQK${'Q'.repeat(100 * 1024)}`;
    const before = finhub.calls.length;
    // One after another, so the log lines come in this order.
    const attempts: [string, () => Promise<Response>][] = [
      ['onboarding_token_invalid', () => api(relay, 'GET', HIERARCHY, { token: forged })],
      ['onboarding_token_revoked', () => api(relay, 'GET', HIERARCHY, { token: unbound })],
      [
        'binding_mismatch',
        () =>
          api(relay, 'POST', '/customer/individual/cust-other/consents/terms', { token, body: {} }),
      ],
      [
        'endpoint_not_allowed',
        () => api(relay, 'POST', '/verifications/v/approve', { token, body: {} }),
      ],
      [
        'payload_too_large',
        () =>
          api(relay, 'POST', '/verifications', {
            token,
            body: { customerId, fileContent: document, password: CUSTOMER_PASSWORD },
          }),
      ],
      [
        'origin_not_allowed',
        () =>
          api(relay, 'GET', HIERARCHY, { token, serverHeaders: { Origin: 'https://evil.test' } }),
      ],
      [
        'too_many_sign_in_attempts',
        () =>
          api(relay, 'POST', `/customer/individual/${customerId}/users/${userId}/sessions`, {
            token,
            body: { username: 'marcus@example.com', password: CUSTOMER_PASSWORD },
          }),
      ],
    ];
    for (const [reason, send] of attempts) {
      const response = await send();
      expect((await response.json()).data.error).to.equal(reason);
    }
    // Token requests from one address: the third is over the limit of 2.
    for (let i = 0; i < 3; i++) {
      await relay(buildRequest('POST', `${RELAY}/token`), { remoteAddress: '192.0.2.44' });
    }
    expect(finhub.calls.length).to.equal(before);

    const refusals = logs.filter((e) => e.event === 'relay.request' && e.level === 'warn');
    expect(refusals.map((e) => e.reason)).to.deep.equal([
      ...attempts.map(([reason]) => reason),
      'too_many_token_requests',
    ]);
    expect(refusals.map((e) => e.status)).to.deep.equal([401, 401, 403, 404, 413, 403, 429, 429]);
    const text = JSON.stringify(logs);
    for (const secret of [
      CUSTOMER_PASSWORD,
      ADMIN.password,
      TENANT_SECRET,
      TENANT_KEY,
      SIGNING_SECRET,
      token,
      unbound,
      forged,
      signature,
      'customer-token-1',
      'admin-token-1',
      document.slice(0, 32),
      customerId,
      '203.0.113.7',
      '192.0.2.44',
      'evil.test',
    ]) {
      expect(text, secret).not.to.contain(secret);
    }
  });
});
