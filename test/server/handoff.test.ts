/**
 * The relay's phone hand-off (src/server/handoff.ts): the code (random, single use, short-lived,
 * one live per onboarding), its exchange (rate-limited, distinct refusals), the phone's token
 * (only the documents of its verification, refused once cancelled or complete), the status the
 * computer polls, and the store failing closed or lying.
 */
import { expect } from '@open-wc/testing';
import { readHandoffCode } from '../../src/api/handoff-protocol.js';
import { ROUTES, createMemoryStore } from '../../src/server/index.js';
import type { RelayStore } from '../../src/server/types.js';
import {
  RELAY,
  START,
  TENANT_ID,
  api,
  buildRequest,
  claimsOf,
  createTestRelay,
  errorOf,
  json,
  mint,
  registerIndividual,
  refusal,
} from './helpers.js';
import {
  DOCUMENTS,
  PHONE,
  atDocumentsStep,
  documentUpload,
  exchange,
  handoff,
  startHandoff,
  uploadAs,
} from './handoff-helpers.js';

const PHONE_PAGE = 'https://phone.partner.test';

/** A relay with an individual at the documents step and a hand-off code for it. */
async function withHandoff(options: Parameters<typeof createTestRelay>[0] = {}) {
  const setup = createTestRelay(options);
  const onboarding = await atDocumentsStep(setup.relay);
  const created = await startHandoff(setup.relay, onboarding.token, onboarding.verificationId);
  return { ...setup, ...onboarding, created };
}

/** A memory store whose calls can be made to fail, or whose answers can be rewritten. */
function controllableStore() {
  const memory = createMemoryStore();
  const written = new Map<string, string | undefined>();
  const control = {
    fail: (_key: string) => false,
    rewrite: (_key: string, value: string | undefined) => value,
  };
  const guard = <T>(key: string, call: () => Promise<T>) =>
    control.fail(key) ? Promise.reject(new Error('store down')) : call();
  const store: RelayStore = {
    setOnce: (key, ttl, value) =>
      guard(key, () => {
        written.set(key, value);
        return memory.setOnce(key, ttl, value);
      }),
    has: (key) => guard(key, () => memory.has(key)),
    increment: (key, ttl) => guard(key, () => memory.increment(key, ttl)),
    get: (key) => guard(key, async () => control.rewrite(key, await memory.get(key))),
  };
  return { store, control, written };
}

describe('relay: phone hand-off, creating a code', () => {
  it('answers a 192-bit code valid 10 minutes by default, a new one each time', async () => {
    const { relay, token, verificationId, created } = await withHandoff();
    expect(created.code).to.match(/^[A-Za-z0-9_-]{32}$/);
    expect(created.expiresIn).to.equal(600);
    expect(created.expiresAt).to.equal(new Date(START + 600_000).toISOString());
    expect(created).not.to.have.property('url');
    const again = await startHandoff(relay, token, verificationId);
    expect(again.code).not.to.equal(created.code);
  });

  it('handoffTtlSeconds sets the lifetime; handoffUrl puts the code in the page’s fragment', async () => {
    const { created } = await withHandoff({
      handoffTtlSeconds: 120,
      handoffUrl: 'https://www.partner.test/phone?from=qr#top',
    });
    expect(created.expiresIn).to.equal(120);
    expect(created.url).to.equal(
      `https://www.partner.test/phone?from=qr#top&handoff=${created.code}`,
    );
    expect(readHandoffCode(created.url!)).to.equal(created.code);
    // A path is a page on the relay's origin.
    const onRelay = await withHandoff({ handoffUrl: '/phone.html' });
    expect(onRelay.created.url).to.equal(
      `http://relay.test/phone.html#handoff=${onRelay.created.code}`,
    );
  });

  it('needs a token bound to a customer and to the verification; nothing reaches FinHub', async () => {
    const { relay, finhub, token, verificationId } = await withHandoff();
    const { accessToken: unbound } = await mint(relay);
    const registeredOnly = await registerIndividual(relay); // bound, but no verification yet
    const calls = finhub.calls.length;
    const body = { verificationId, documents: DOCUMENTS };
    const refusals = [
      [await handoff(relay, 'POST', '', { body }), 401, 'onboarding_token_missing'],
      [await handoff(relay, 'POST', '', { token: unbound, body }), 403, 'registration_required'],
      [
        await handoff(relay, 'POST', '', { token: registeredOnly.token, body }),
        403,
        'binding_mismatch',
      ],
      [
        await handoff(relay, 'POST', '', {
          token,
          body: { verificationId: 'ver-someone-else', documents: DOCUMENTS },
        }),
        403,
        'binding_mismatch',
      ],
    ] as const;
    for (const [response, status, code] of refusals) {
      expect(response.status, code).to.equal(status);
      expect(await errorOf(response)).to.equal(code);
    }
    expect(finhub.calls.length).to.equal(calls);
  });

  it('refuses a body that does not list 1 to 10 distinct documents (400 invalid_body)', async () => {
    const { relay, token, verificationId } = await withHandoff();
    const many = Array.from({ length: 11 }, (_, i) => ({ type: `DOC_${i}` }));
    for (const body of [
      undefined,
      { verificationId },
      { verificationId, documents: [] },
      { verificationId, documents: many },
      { verificationId, documents: [{ type: 'PASSPORT' }, { type: 'PASSPORT' }] },
      { verificationId, documents: [{ type: 'has space' }] },
      { verificationId: '../x', documents: DOCUMENTS },
    ]) {
      const response = await handoff(relay, 'POST', '', { token, body });
      expect(response.status, JSON.stringify(body)).to.equal(400);
      expect(await errorOf(response)).to.equal('invalid_body');
    }
  });

  it('keeps one live hand-off per onboarding: a new one cancels the old code and the old phone', async () => {
    const { relay, token, customerId, verificationId, created } = await withHandoff();
    const phone = await exchange(relay, created.code);
    const unused = await startHandoff(relay, token, verificationId);
    const latest = await startHandoff(relay, token, verificationId);

    const oldPhone = await uploadAs(
      relay,
      phone.accessToken,
      verificationId,
      documentUpload(customerId, verificationId),
    );
    expect(await refusal(oldPhone)).to.deep.equal({ status: 410, error: 'handoff_cancelled' });
    const oldCode = await handoff(relay, 'POST', '/exchange', { body: { code: unused.code } });
    expect(await refusal(oldCode)).to.deep.equal({ status: 410, error: 'handoff_cancelled' });
    // The newest is untouched.
    expect((await exchange(relay, latest.code)).verificationId).to.equal(verificationId);
  });

  it('allows 20 hand-offs per onboarding, then 429 too_many_handoffs', async () => {
    const { relay, token, verificationId } = await withHandoff(); // 1
    for (let i = 2; i <= 20; i++) await startHandoff(relay, token, verificationId);
    const refused = await handoff(relay, 'POST', '', {
      token,
      body: { verificationId, documents: DOCUMENTS },
    });
    expect(await refusal(refused)).to.deep.equal({ status: 429, error: 'too_many_handoffs' });
    expect(Number(refused.headers.get('Retry-After'))).to.be.greaterThan(0);
  });
});

describe('relay: phone hand-off, exchanging the code', () => {
  it('gives the phone a token scoped to the hand-off, once', async () => {
    const { relay, customerId, userId, verificationId, created } = await withHandoff();
    const session = await exchange(relay, created.code);
    expect(session).to.deep.include({
      expiresIn: 900,
      tenantId: TENANT_ID,
      flow: 'individual',
      verificationId,
      customerId,
      documents: DOCUMENTS,
    });
    const claims = claimsOf(session.accessToken);
    expect(claims).to.deep.include({ kind: 'individual', cid: customerId, vids: [verificationId] });
    expect(claims.uids).to.deep.equal([userId]);
    expect(claims.hof).to.be.a('string');
    expect(claims.ses, 'uploads go with the customer’s own FinHub session').to.be.a('string');

    const reused = await handoff(relay, 'POST', '/exchange', { body: { code: created.code } });
    expect(await refusal(reused)).to.deep.equal({ status: 410, error: 'handoff_used' });
    expect(reused.headers.get('X-Onboarding-Token')).to.equal(null);
  });

  it('two exchanges at once: exactly one gets a token', async () => {
    const { relay, created } = await withHandoff();
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        handoff(relay, 'POST', '/exchange', { body: { code: created.code } }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).to.deep.equal([200, 410, 410, 410]);
  });

  it('an expired code is refused (410 handoff_expired), by the relay’s clock', async () => {
    const { relay, clock, token, verificationId, created } = await withHandoff({
      handoffTtlSeconds: 60,
    });
    clock.advance(59_999);
    const inTime = await startHandoff(relay, token, verificationId); // cancels `created`
    clock.advance(59_999);
    expect((await exchange(relay, inTime.code)).verificationId).to.equal(verificationId);

    const late = await startHandoff(relay, token, verificationId);
    clock.advance(60_000);
    const expired = await handoff(relay, 'POST', '/exchange', { body: { code: late.code } });
    expect(await refusal(expired)).to.deep.equal({ status: 410, error: 'handoff_expired' });
    expect(created.code).not.to.equal(late.code);
  });

  it('a cancelled code is refused (410 handoff_cancelled)', async () => {
    const { relay, token, created } = await withHandoff();
    expect((await handoff(relay, 'DELETE', '', { token })).status).to.equal(200);
    const refused = await handoff(relay, 'POST', '/exchange', { body: { code: created.code } });
    expect(await refusal(refused)).to.deep.equal({ status: 410, error: 'handoff_cancelled' });
  });

  it('an unknown, altered or malformed code is 404 handoff_unknown; a bad body 400', async () => {
    const { relay, created } = await withHandoff();
    const altered = `${created.code.slice(0, -1)}${created.code.endsWith('A') ? 'B' : 'A'}`;
    for (const code of [altered, 'x'.repeat(32), created.code.slice(1), `${created.code}=`, '']) {
      const response = await handoff(relay, 'POST', '/exchange', { body: { code } });
      expect(await refusal(response), code).to.deep.equal({
        status: 404,
        error: 'handoff_unknown',
      });
    }
    for (const body of [undefined, { code: 42 }, ['code']]) {
      const response = await handoff(relay, 'POST', '/exchange', { body });
      expect(await refusal(response)).to.deep.equal({ status: 400, error: 'invalid_body' });
    }
    // None of that spent the real code.
    expect((await exchange(relay, created.code)).flow).to.equal('individual');
  });

  it('limits exchanges to 10 a minute per client address, good codes included', async () => {
    const { relay, clock, created } = await withHandoff();
    clock.set(START + 20_000); // 20 s into a minute window
    const guess = () =>
      handoff(relay, 'POST', '/exchange', { body: { code: 'A'.repeat(32) }, connection: PHONE });
    for (let i = 0; i < 10; i++) expect((await guess()).status).to.equal(404);
    const limited = await handoff(relay, 'POST', '/exchange', { body: { code: created.code } });
    expect(await refusal(limited)).to.deep.equal({
      status: 429,
      error: 'too_many_handoff_exchanges',
    });
    expect(limited.headers.get('Retry-After')).to.equal('40');
    // Another address, or the next window, is served; the code was not spent by the refusal.
    clock.advance(40_000);
    expect((await exchange(relay, created.code)).flow).to.equal('individual');
  });

  it('handoffExchangeRateLimit sets the limit, false turns it off', async () => {
    const strict = await withHandoff({ handoffExchangeRateLimit: { max: 2, windowSeconds: 10 } });
    const guess = (relay: typeof strict.relay) =>
      handoff(relay, 'POST', '/exchange', { body: { code: 'A'.repeat(32) } });
    expect([
      (await guess(strict.relay)).status,
      (await guess(strict.relay)).status,
      (await guess(strict.relay)).status,
    ]).to.deep.equal([404, 404, 429]);
    const open = await withHandoff({ handoffExchangeRateLimit: false });
    for (let i = 0; i < 30; i++) expect((await guess(open.relay)).status).to.equal(404);
  });
});

describe('relay: phone hand-off, the phone’s token', () => {
  /** A path for `template` with the onboarding's own ids, so only the scope can refuse it. */
  const pathOf = (template: string, ids: Record<string, string>) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x');

  it('uploads to its verification and reads the person’s documents; every other route is 403 handoff_scope', async () => {
    const { relay, finhub, customerId, userId, verificationId, created } = await withHandoff();
    const phone = await exchange(relay, created.code);
    const ids = {
      tenantId: TENANT_ID,
      customerId,
      organizationId: customerId,
      userId,
      verificationId,
      consentType: 'terms',
    };
    const allowed = new Set([
      'POST /verifications/{verificationId}/documents',
      'GET /customer/individual/{customerId}/documents',
    ]);
    let checked = 0;
    for (const route of ROUTES) {
      const name = `${route.method} ${route.template}`;
      if (allowed.has(name)) continue;
      const calls = finhub.calls.length;
      const response = await api(relay, route.method, pathOf(route.template, ids), {
        token: phone.accessToken,
        body: route.method === 'POST' ? {} : undefined,
        connection: PHONE,
      });
      expect(await refusal(response), name).to.deep.equal({ status: 403, error: 'handoff_scope' });
      expect(finhub.calls.length, `${name} reached FinHub`).to.equal(calls);
      checked++;
    }
    expect(checked).to.equal(ROUTES.length - 2);

    const uploaded = await uploadAs(
      relay,
      phone.accessToken,
      verificationId,
      documentUpload(customerId, verificationId),
    );
    expect(uploaded.status).to.equal(200);
    const upstream = finhub.calls.at(-1)!;
    expect(upstream.path).to.equal(`/api/v2.1/verifications/${verificationId}/documents`);
    expect(upstream.headers.get('Authorization')).to.match(/^Bearer customer-token-/);
    const listed = await api(relay, 'GET', `/customer/individual/${customerId}/documents`, {
      token: phone.accessToken,
      connection: PHONE,
    });
    expect(listed.status).to.equal(200);
  });

  it('is refused on another verification of the same onboarding (403 binding_mismatch)', async () => {
    const { relay, customerId, token, verificationId, created } = await withHandoff();
    const second = await api(relay, 'POST', `/customer/individual/${customerId}/verification`, {
      token,
      body: {},
    });
    const other = ((await second.json()) as { data: { verificationId: string } }).data
      .verificationId;
    const phone = await exchange(relay, created.code);
    for (const [path, body] of [
      [other, documentUpload(customerId, other)],
      [verificationId, documentUpload(customerId, other)],
    ] as const) {
      const response = await uploadAs(relay, phone.accessToken, path, body);
      expect(await refusal(response)).to.deep.equal({ status: 403, error: 'binding_mismatch' });
    }
  });

  it('cannot start, cancel or renew a hand-off; the computer’s token cannot complete one', async () => {
    const { relay, token, verificationId, created } = await withHandoff();
    const phone = await exchange(relay, created.code);
    const refusals = [
      await handoff(relay, 'POST', '', {
        token: phone.accessToken,
        body: { verificationId, documents: DOCUMENTS },
      }),
      await handoff(relay, 'DELETE', '', { token: phone.accessToken }),
      await relay(buildRequest('POST', `${RELAY}/token`, { token: phone.accessToken }), PHONE),
      await handoff(relay, 'POST', '/complete', { token }),
    ];
    for (const response of refusals) {
      expect(await refusal(response)).to.deep.equal({ status: 403, error: 'handoff_scope' });
    }
    expect((await handoff(relay, 'GET', '', { token })).status).to.equal(200);
  });

  it('once the computer cancels, every call of the phone’s token is refused at once', async () => {
    const { relay, finhub, token, customerId, verificationId, created } = await withHandoff();
    const phone = await exchange(relay, created.code);
    const cancelled = await handoff(relay, 'DELETE', '', { token });
    expect((await cancelled.json()).state).to.equal('cancelled');
    const calls = finhub.calls.length;
    const refusals = [
      await uploadAs(
        relay,
        phone.accessToken,
        verificationId,
        documentUpload(customerId, verificationId),
      ),
      await api(relay, 'GET', `/customer/individual/${customerId}/documents`, {
        token: phone.accessToken,
      }),
      await handoff(relay, 'GET', '', { token: phone.accessToken }),
      await handoff(relay, 'POST', '/complete', { token: phone.accessToken }),
    ];
    for (const response of refusals) {
      expect(await refusal(response)).to.deep.equal({ status: 410, error: 'handoff_cancelled' });
    }
    expect(finhub.calls.length).to.equal(calls);
    // The computer carries on: its own uploads are not touched.
    const own = await api(relay, 'POST', `/verifications/${verificationId}/documents`, {
      token,
      body: documentUpload(customerId, verificationId),
    });
    expect(own.status).to.equal(200);
  });

  it('once the phone completes, it may upload no more (410 handoff_complete)', async () => {
    const { relay, token, customerId, verificationId, created } = await withHandoff();
    const phone = await exchange(relay, created.code);
    const completed = await handoff(relay, 'POST', '/complete', { token: phone.accessToken });
    expect(completed.status).to.equal(200);
    expect((await completed.json()).state).to.equal('complete');
    const late = await uploadAs(
      relay,
      phone.accessToken,
      verificationId,
      documentUpload(customerId, verificationId),
    );
    expect(await refusal(late)).to.deep.equal({ status: 410, error: 'handoff_complete' });
    // Completing again is harmless; a cancel afterwards still shows what happened.
    expect(
      (await handoff(relay, 'POST', '/complete', { token: phone.accessToken })).status,
    ).to.equal(200);
    expect((await (await handoff(relay, 'DELETE', '', { token })).json()).state).to.equal(
      'complete',
    );
  });

  it('lives tokenTtlSeconds and is not renewed; the computer then sees expired', async () => {
    const { relay, clock, token, customerId, verificationId, created } = await withHandoff({
      tokenTtlSeconds: 300,
    });
    const phone = await exchange(relay, created.code);
    expect(phone.expiresIn).to.equal(300);
    clock.advance(200_000);
    const renewed = await mint(relay, { token }); // the computer renews as it always does
    clock.advance(100_000);
    const late = await uploadAs(
      relay,
      phone.accessToken,
      verificationId,
      documentUpload(customerId, verificationId),
    );
    expect(await refusal(late)).to.deep.equal({ status: 401, error: 'onboarding_token_expired' });
    // Presented to the token endpoint, an expired token starts a new onboarding: no hand-off in it.
    const fresh = claimsOf((await mint(relay, { token: phone.accessToken })).accessToken);
    expect(fresh).not.to.have.any.keys('hof', 'kind', 'cid', 'vids');
    const seen = await handoff(relay, 'GET', '', { token: renewed.accessToken });
    expect((await seen.json()).state).to.equal('expired');
  });

  it('works for a company: the organization’s verification, organizationId in the answer', async () => {
    const { relay, finhub } = createTestRelay();
    const { accessToken } = await mint(relay);
    const registered = await api(relay, 'POST', '/customer/organization/registration', {
      token: accessToken,
      body: { organizationName: 'Acme' },
    });
    const organizationId = ((await registered.json()) as { data: { id: string } }).data.id;
    const verified = await api(relay, 'POST', `/customer/organization/${organizationId}/verify`, {
      token: registered.headers.get('X-Onboarding-Token')!,
      body: {},
    });
    const token = verified.headers.get('X-Onboarding-Token')!;
    const verificationId = ((await verified.json()) as { data: { verificationId: string } }).data
      .verificationId;
    const created = await startHandoff(relay, token, verificationId, [
      { type: 'CERTIFICATE_OF_INCORPORATION' },
    ]);
    const phone = await exchange(relay, created.code);
    expect(phone).to.deep.include({ flow: 'organization', organizationId, verificationId });
    expect(phone).not.to.have.property('customerId');
    const uploaded = await uploadAs(relay, phone.accessToken, verificationId, {
      verificationId,
      organizationId,
      documentType: 'CERTIFICATE_OF_INCORPORATION',
      mimeType: 'application/pdf',
      fileName: 'incorporation.pdf',
      fileContent: 'JVBERi0xLjQK',
    });
    expect(uploaded.status).to.equal(200);
    expect(finhub.calls.at(-1)!.path).to.equal(
      `/api/v2.1/verifications/${verificationId}/documents`,
    );
  });
});

describe('relay: phone hand-off, the status the computer polls', () => {
  it('moves waiting → opened → complete and lists what FinHub accepted, never the bytes', async () => {
    const { relay, finhub, token, customerId, verificationId, created } = await withHandoff();
    const status = async (t: string) => (await handoff(relay, 'GET', '', { token: t })).json();
    expect(await status(token)).to.deep.equal({
      state: 'waiting',
      received: [],
      total: 2,
      expiresAt: created.expiresAt,
      pollAfter: 2,
    });

    const phone = await exchange(relay, created.code);
    const opened = await status(token);
    expect(opened).to.deep.equal({
      state: 'opened',
      received: [],
      total: 2,
      expiresAt: phone.expiresAt,
      pollAfter: 2,
    });

    const passport = documentUpload(customerId, verificationId, 'PASSPORT', 'passport.jpg');
    expect((await uploadAs(relay, phone.accessToken, verificationId, passport)).status).to.equal(
      200,
    );
    // One FinHub refuses is not listed; one the computer uploads itself is not the phone's.
    const undo = finhub.on('POST', /documents$/, () =>
      json({ code: 400, message: 'Invalid file', data: { error: 'Invalid file' } }, 400),
    );
    const refused = documentUpload(customerId, verificationId, 'UTILITY_BILL', 'bill.pdf');
    expect((await uploadAs(relay, phone.accessToken, verificationId, refused)).status).to.equal(
      400,
    );
    undo();
    await api(relay, 'POST', `/verifications/${verificationId}/documents`, {
      token,
      body: documentUpload(customerId, verificationId, 'PROOF_OF_ADDRESS', 'desk-scan.pdf'),
    });
    const bill = documentUpload(customerId, verificationId, 'UTILITY_BILL', 'bill.pdf');
    expect((await uploadAs(relay, phone.accessToken, verificationId, bill)).status).to.equal(200);

    const both = await handoff(relay, 'GET', '', { token });
    const text = await both.clone().text();
    expect(await both.json()).to.deep.include({
      state: 'opened',
      received: [
        { documentType: 'PASSPORT', fileName: 'passport.jpg' },
        { documentType: 'UTILITY_BILL', fileName: 'bill.pdf' },
      ],
      total: 2,
    });
    expect(text).not.to.contain(passport.fileContent);
    expect(both.headers.get('Cache-Control')).to.equal('no-store');
    // The phone reads the same.
    expect((await status(phone.accessToken)).received).to.have.length(2);

    await handoff(relay, 'POST', '/complete', { token: phone.accessToken });
    const done = await status(token);
    expect(done.state).to.equal('complete');
    expect(done).not.to.have.property('pollAfter');
  });

  it('reads the store only: polling calls FinHub never', async () => {
    const { relay, finhub, token } = await withHandoff();
    const calls = finhub.calls.length;
    for (let i = 0; i < 5; i++)
      expect((await handoff(relay, 'GET', '', { token })).status).to.equal(200);
    expect(finhub.calls.length).to.equal(calls);
  });

  it('without a hand-off: 404 handoff_unknown; before registration: 403 registration_required', async () => {
    const { relay } = createTestRelay();
    const { token } = await atDocumentsStep(relay);
    for (const method of ['GET', 'DELETE']) {
      const none = await handoff(relay, method, '', { token });
      expect(await refusal(none)).to.deep.equal({ status: 404, error: 'handoff_unknown' });
    }
    const { accessToken } = await mint(relay);
    const unbound = await handoff(relay, 'GET', '', { token: accessToken });
    expect(await refusal(unbound)).to.deep.equal({ status: 403, error: 'registration_required' });
  });

  it('answers 405 with Allow for another method, 404 for another path', async () => {
    const { relay, token } = await withHandoff();
    const put = await handoff(relay, 'PUT', '', { token, body: {} });
    expect(put.status).to.equal(405);
    expect(put.headers.get('Allow')).to.equal('GET, POST, DELETE, OPTIONS');
    const getExchange = await handoff(relay, 'GET', '/exchange');
    expect(getExchange.status).to.equal(405);
    expect(getExchange.headers.get('Allow')).to.equal('POST, OPTIONS');
    const other = await handoff(relay, 'POST', '/renew', { token });
    expect(await refusal(other)).to.deep.equal({ status: 404, error: 'endpoint_not_allowed' });
  });
});

describe('relay: phone hand-off, the same protections as the rest', () => {
  it('a store that fails answers 503 store_unavailable on every hand-off call, nothing forwarded', async () => {
    const { store, control } = controllableStore();
    const { relay, finhub, token, customerId, verificationId, created } = await withHandoff({
      store,
    });
    const phone = await exchange(relay, (await startHandoff(relay, token, verificationId)).code);
    control.fail = () => true;
    const calls = finhub.calls.length;
    const responses = [
      await handoff(relay, 'POST', '', { token, body: { verificationId, documents: DOCUMENTS } }),
      await handoff(relay, 'POST', '/exchange', { body: { code: created.code } }),
      await handoff(relay, 'GET', '', { token }),
      await handoff(relay, 'DELETE', '', { token }),
      await handoff(relay, 'POST', '/complete', { token: phone.accessToken }),
      await uploadAs(
        relay,
        phone.accessToken,
        verificationId,
        documentUpload(customerId, verificationId),
      ),
    ];
    for (const response of responses) {
      expect(await refusal(response)).to.deep.equal({ status: 503, error: 'store_unavailable' });
      expect(response.headers.get('Retry-After')).to.equal('5');
    }
    expect(finhub.calls.length).to.equal(calls);
  });

  it('a store that fails after FinHub took the phone’s upload: answered, logged, not listed', async () => {
    const { store, control } = controllableStore();
    const { relay, logs, token, customerId, verificationId, created } = await withHandoff({
      store,
    });
    const phone = await exchange(relay, created.code);
    control.fail = (key) => key.startsWith('handoff:n:');
    const uploaded = await uploadAs(
      relay,
      phone.accessToken,
      verificationId,
      documentUpload(customerId, verificationId),
    );
    expect(uploaded.status).to.equal(200);
    expect(logs).to.deep.include.members([
      {
        level: 'error',
        event: 'store.unavailable',
        route: 'POST /verifications/{verificationId}/documents',
        reason: 'error',
        during: 'handoff_upload',
      },
    ]);
    control.fail = () => false;
    expect((await (await handoff(relay, 'GET', '', { token })).json()).received).to.deep.equal([]);
  });

  it('believes no hand-off the relay did not write: a code pointed at another onboarding, an edited record', async () => {
    const { store, control, written } = controllableStore();
    const setup = createTestRelay({ store });
    const { relay, logs } = setup;
    const victim = await atDocumentsStep(relay);
    await startHandoff(relay, victim.token, victim.verificationId);
    const attacker = await atDocumentsStep(relay);
    const own = await startHandoff(relay, attacker.token, attacker.verificationId);
    const codeKeys = [...written.keys()].filter((key) => key.startsWith('handoff:code:'));
    const [victimHid, attackerHid] = codeKeys.map((key) => written.get(key)!);

    // Someone with write access to the store points the attacker's code at the victim's hand-off.
    control.rewrite = (key, value) =>
      key.startsWith('handoff:code:') && value === attackerHid ? victimHid : value;
    const redirected = await handoff(relay, 'POST', '/exchange', { body: { code: own.code } });
    expect(await refusal(redirected)).to.deep.equal({ status: 404, error: 'handoff_unknown' });

    // …or edits the attacker's own record to name the victim's customer and verification.
    control.rewrite = (key, value) => {
      if (key !== `handoff:rec:${attackerHid}` || !value) return value;
      const [payload, mac] = value.split('.');
      const record = JSON.parse(atob(payload!.replace(/-/g, '+').replace(/_/g, '/')));
      const edited = { ...record, cid: victim.customerId, vid: victim.verificationId };
      const encoded = btoa(JSON.stringify(edited)).replace(/\+/g, '-').replace(/\//g, '_');
      return `${encoded.replace(/=+$/, '')}.${mac}`;
    };
    const forged = await handoff(relay, 'POST', '/exchange', { body: { code: own.code } });
    expect(forged.status).to.equal(404);
    expect(logs.some((entry) => entry.event === 'handoff.record_invalid')).to.be.true;

    control.rewrite = (_key, value) => value;
    const honest = await exchange(relay, own.code);
    expect(honest.customerId).to.equal(attacker.customerId);
    // The store never holds a code in readable form.
    expect(JSON.stringify([...written])).not.to.contain(own.code);
  });

  it('serves a phone page on an allowed origin (DELETE in the preflight) and refuses others before the code is spent', async () => {
    const { relay, token, created } = await withHandoff({ allowedOrigins: [PHONE_PAGE] });
    const preflight = await relay(
      buildRequest('OPTIONS', `${RELAY}/api/handoff`, {
        serverHeaders: { Origin: PHONE_PAGE, 'Access-Control-Request-Method': 'DELETE' },
      }),
    );
    expect(preflight.headers.get('Access-Control-Allow-Origin')).to.equal(PHONE_PAGE);
    expect(preflight.headers.get('Access-Control-Allow-Methods')).to.contain('DELETE');

    const refused = await handoff(relay, 'POST', '/exchange', {
      body: { code: created.code },
      serverHeaders: { Origin: 'https://evil.test' },
    });
    expect(await refusal(refused)).to.deep.equal({ status: 403, error: 'origin_not_allowed' });
    const served = await handoff(relay, 'POST', '/exchange', {
      body: { code: created.code },
      serverHeaders: { Origin: PHONE_PAGE },
    });
    expect(served.status).to.equal(200);
    expect(served.headers.get('Access-Control-Allow-Origin')).to.equal(PHONE_PAGE);
    const cancelled = await handoff(relay, 'DELETE', '', {
      token,
      serverHeaders: { Origin: PHONE_PAGE },
    });
    expect(cancelled.headers.get('Access-Control-Allow-Origin')).to.equal(PHONE_PAGE);
  });

  it('bounds bodies to 16 KiB before parsing (413 payload_too_large)', async () => {
    const { relay, token, verificationId } = await withHandoff();
    const big = 'x'.repeat(16 * 1024);
    const exchangeBody = await handoff(relay, 'POST', '/exchange', { body: { code: big } });
    expect(exchangeBody.status).to.equal(413);
    const createBody = await handoff(relay, 'POST', '', {
      token,
      body: { verificationId, documents: [{ type: 'PASSPORT', label: big }] },
    });
    expect(createBody.status).to.equal(413);
  });

  it('logs route templates and refusal codes, never a code, a token, a file name or an id', async () => {
    const { relay, logs, token, customerId, userId, verificationId, created } = await withHandoff();
    const phone = await exchange(relay, created.code);
    const fileName = 'marcus-jensen-passport.jpg';
    await uploadAs(
      relay,
      phone.accessToken,
      verificationId,
      documentUpload(customerId, verificationId, 'PASSPORT', fileName),
    );
    await handoff(relay, 'POST', '/exchange', { body: { code: created.code } });
    await handoff(relay, 'GET', '', { token });
    await handoff(relay, 'DELETE', '', { token });
    await handoff(relay, 'GET', '', { token: phone.accessToken });
    const text = JSON.stringify(logs);
    const { oid, hof } = claimsOf(phone.accessToken) as { oid: string; hof: string };
    for (const secret of [
      created.code,
      phone.accessToken,
      token,
      fileName,
      customerId,
      userId,
      verificationId,
      oid,
      hof,
      PHONE.remoteAddress!,
    ]) {
      expect(text).not.to.contain(secret);
    }
    const routes = logs.filter((e) => e.event === 'relay.request').map((e) => e.route);
    expect(routes).to.include.members([
      'POST /handoff',
      'POST /handoff/exchange',
      'GET /handoff',
      'DELETE /handoff',
    ]);
    expect(logs.map((e) => e.reason)).to.include.members(['handoff_used', 'handoff_cancelled']);
  });
});
