import { expect } from '@open-wc/testing';
import { createSandbox } from '../../sandbox/index.js';
import { Client, customerToken, documentBody, registerIndividual } from './helpers.js';

const control = (
  sandbox: ReturnType<typeof createSandbox>,
  method: string,
  path: string,
  body?: unknown,
) =>
  sandbox.control(
    new Request(`http://localhost/__sandbox${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    }),
  );

describe('sandbox: fault injection', () => {
  const sandbox = createSandbox();
  const client = new Client(sandbox);
  let admin: string;
  before(async () => {
    admin = await client.adminToken();
  });
  const hierarchy = `/customer/individual/categorization/hierarchy/${createSandbox().credentials.tenantId}`;
  const get = (c = client, signal?: AbortSignal) =>
    c.call('GET', hierarchy, { token: admin, signal });

  it('answers the status N times, then normally', async () => {
    sandbox.injectFault({
      path: 'categorization/hierarchy',
      status: 503,
      times: 2,
      deviceId: client.deviceId,
    });
    const first = await get();
    expect(first.status).to.equal(503);
    expect(first.json).to.deep.include({ code: 503, message: 'Service unavailable' });
    expect((await get()).status).to.equal(503);
    expect((await get()).status).to.equal(200);
  });

  it('sends Retry-After (429 by default)', async () => {
    sandbox.injectFault({ path: 'hierarchy', retryAfter: 7, deviceId: client.deviceId });
    const reply = await get();
    expect(reply.status).to.equal(429);
    expect(reply.headers.get('retry-after')).to.equal('7');
    expect(reply.json.code).to.equal(429);
  });

  it('delays, then answers normally', async () => {
    sandbox.injectFault({ path: 'hierarchy', delayMs: 150, deviceId: client.deviceId });
    const started = performance.now();
    const reply = await get();
    expect(performance.now() - started).to.be.greaterThanOrEqual(140);
    expect(reply.status).to.equal(200);
  });

  it('a delay honours the request signal', async () => {
    sandbox.injectFault({ path: 'hierarchy', delayMs: 5000, deviceId: client.deviceId });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    let error: unknown;
    try {
      await get(client, abort.signal);
    } catch (e) {
      error = e;
    }
    expect((error as DOMException | undefined)?.name).to.equal('AbortError');
  });

  it('scopes a rule to one deviceId and clears by deviceId', async () => {
    const other = new Client(sandbox);
    sandbox.injectFault({ path: 'hierarchy', status: 500, times: 5, deviceId: client.deviceId });
    sandbox.injectFault({ path: 'hierarchy', status: 502, times: 5, deviceId: other.deviceId });
    expect((await get(new Client(sandbox))).status).to.equal(200);
    expect((await get(client)).status).to.equal(500);
    const cleared = await control(sandbox, 'DELETE', `/faults?deviceId=${client.deviceId}`);
    expect(await cleared.json()).to.deep.equal({ removed: 1 });
    expect((await get(client)).status).to.equal(200);
    expect((await get(other)).status).to.equal(502);
    sandbox.clearFaults();
    expect((await get(other)).status).to.equal(200);
  });

  /** What reading the body threw, if anything. */
  const bodyFailure = async (response: Response): Promise<unknown> => {
    try {
      await response.text();
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it('drops the connection: the body stream errors', async () => {
    sandbox.injectFault({ path: 'hierarchy', drop: true, deviceId: client.deviceId });
    const response = await sandbox.fetch(client.request('GET', hierarchy, { token: admin }));
    expect(await bodyFailure(response), 'the body breaks').to.be.instanceOf(TypeError);
  });

  it('loses the answer: the request is carried out, its answer breaks on the way back', async () => {
    sandbox.injectFault({ path: 'hierarchy', loseAnswer: true, deviceId: client.deviceId });
    const response = await sandbox.fetch(client.request('GET', hierarchy, { token: admin }));
    expect(response.status, 'the status of what was carried out').to.equal(200);
    expect(await bodyFailure(response), 'the body breaks').to.be.instanceOf(TypeError);
    const refused = await control(sandbox, 'POST', '/faults', {
      path: 'hierarchy',
      loseAnswer: true,
      status: 500,
    });
    expect(refused.status).to.equal(400);
    expect((await refused.json()).error).to.match(/loseAnswer carries the request out/);
  });

  it('takes rules over the control API, with /regex/ paths and a method filter', async () => {
    const bad = await control(sandbox, 'POST', '/faults', { status: 500 });
    expect(bad.status).to.equal(400);
    expect((await bad.json()).error).to.match(/path is required/);
    const created = await control(sandbox, 'POST', '/faults', {
      method: 'POST',
      path: '/\\/registration$/',
      status: 500,
      deviceId: client.deviceId,
    });
    expect(created.status).to.equal(200);
    const { id } = (await created.json()) as { id: string };
    const list = await (await control(sandbox, 'GET', '/faults')).json();
    expect(list.faults.map((f: { id: string }) => f.id)).to.include(id);
    expect((await get()).status).to.equal(200); // GET is not matched by a POST rule
    const reg = await client.call('POST', '/customer/individual/registration', {
      token: admin,
      body: {},
    });
    expect(reg.status).to.equal(500);
    expect(reg.json.data.error).to.equal('INJECTED_FAULT');
    const again = await client.call('POST', '/customer/individual/registration', {
      token: admin,
      body: {},
    });
    expect(again.status).to.equal(400); // times defaults to 1
  });
});

describe('sandbox: request journal and inbox controls', () => {
  it('records what arrived for a device: lower-case headers, token kind, body with file bytes elided', async () => {
    const sandbox = createSandbox();
    const client = new Client(sandbox);
    const admin = await client.adminToken();
    const who = await registerIndividual(client, admin);
    const token = await customerToken(client, admin, who);
    const v = await client.call('POST', `/customer/individual/${who.customerId}/verification`, {
      token,
    });
    const doc = documentBody('PASSPORT');
    await client.call('POST', `/verifications/${v.json.data.verificationId}/documents`, {
      token,
      body: doc,
    });
    await new Client(sandbox).adminLogin(); // another device

    const reply = await control(sandbox, 'GET', `/requests?deviceId=${client.deviceId}`);
    const { requests } = await reply.json();
    expect(
      requests.map(
        (r: { method: string; path: string }) =>
          `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ':id')}`,
      ),
    ).to.deep.equal([
      'POST /api/v2.1/admin/organization/:id/users/:id/sessions',
      'POST /api/v2.1/customer/individual/registration',
      'POST /api/v2.1/customer/individual/:id/users/:id/sessions',
      'POST /api/v2.1/customer/individual/:id/verification',
      'POST /api/v2.1/verifications/:id/documents',
    ]);
    const [login, registration, session, , upload] = requests;
    expect(login.tokenKind).to.equal('none');
    // The journal says whether the configured secret arrived, never the secret itself.
    expect(login.body.tenantSecret).to.equal('<tenantSecret:matches>');
    expect(login.body.password).to.equal('<redacted>');
    expect(JSON.stringify(requests)).not.to.contain(sandbox.credentials.tenantSecret);
    expect(JSON.stringify(requests)).not.to.contain(sandbox.credentials.admin.password);
    expect(upload.headers.authorization).to.equal('Bearer <redacted:CONSUMER>');
    expect(JSON.stringify(requests)).not.to.contain(token);
    expect(registration.tokenKind).to.equal('ADMIN');
    expect(registration.headers['x-forwarded-for']).to.equal('203.0.113.7');
    expect(registration.headers.deviceid).to.equal(client.deviceId);
    expect(registration.status).to.equal(200);
    expect(session.tokenKind).to.equal('ADMIN');
    expect(session.body.tenantKey).to.equal(sandbox.credentials.tenantKey);
    expect(upload.tokenKind).to.equal('CONSUMER');
    expect(upload.body.fileContent).to.equal(`<base64: ${doc.fileContent.length} chars>`);
    expect(upload.body.documentType).to.equal('PASSPORT');
    expect(sandbox.requests().length).to.equal(6);
  });

  it('keeps the journal bounded', async () => {
    const sandbox = createSandbox({ journalLimit: 3 });
    const client = new Client(sandbox);
    for (let i = 0; i < 5; i++) await client.adminLogin();
    const entries = sandbox.requests(client.deviceId);
    expect(entries.map((e) => e.seq)).to.deep.equal([3, 4, 5]);
  });

  it('serves the inbox newest first, filtered by recipient', async () => {
    const sandbox = createSandbox();
    const client = new Client(sandbox);
    const admin = await client.adminToken();
    const a = await registerIndividual(client, admin);
    const b = await registerIndividual(client, admin);
    const all = await (await control(sandbox, 'GET', '/inbox')).json();
    expect(all.messages.map((m: { to: string }) => m.to)).to.deep.equal([b.email, a.email]);
    const onlyA = await (
      await control(sandbox, 'GET', `/inbox?to=${encodeURIComponent(a.email.toUpperCase())}`)
    ).json();
    expect(onlyA.messages).to.have.length(1);
    const [message] = onlyA.messages;
    expect(Object.keys(message).sort()).to.deep.equal([
      'code',
      'id',
      'sentAt',
      'subject',
      'text',
      'to',
    ]);
    expect(message.code).to.not.equal(all.messages[0].code);
    const unknown = await control(sandbox, 'GET', '/nothing');
    expect(unknown.status).to.equal(404);
  });
});
