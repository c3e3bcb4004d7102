/**
 * The hand-off client (src/api/handoff.ts): computer and phone through the relay and sandbox the
 * test server runs (same origin, and the partner's phone page on another origin), refusals as
 * FinHubHandoffError with the relay's code, and its own timeout, abort and 401 refresh against
 * doubles that hang or answer what a test needs.
 */
import { expect } from '@open-wc/testing';
import { FinHubApiError } from '../../src/api/errors.js';
import {
  FinHubHandoffError,
  createHandoffClient,
  handoffLink,
  handoffTokenSource,
  readHandoffCode,
  type HandoffSession,
} from '../../src/api/handoff.js';
import type { Sandbox } from '../../sandbox/index.js';
import { PASSWORD, documentBody, individualBody } from '../sandbox/helpers.js';
import { FakeTokens, hangingFetch, json, recordingFetch, rejection } from './client-fakes.js';

const DOCUMENTS = [{ type: 'GOVERNMENT_ID', label: 'Passport or national ID' }];

/** A person registered, signed in and with a verification, through the relay at `relay`. */
async function documentsStep(relay: string) {
  const deviceId = `handoff-client-${crypto.randomUUID()}`;
  const minted = (await (await fetch(`${relay}/token`, { method: 'POST' })).json()) as {
    accessToken: string;
    tenantId: string;
  };
  let token = minted.accessToken;
  const call = async (path: string, body: unknown, bearer = token) => {
    const response = await fetch(`${relay}/api/v2.1${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${bearer}`,
        'Content-Type': 'application/json',
        deviceId,
        platform: 'web',
        'X-Forwarded-From': 'web-app',
      },
      body: JSON.stringify(body),
    });
    expect(response.status, path).to.equal(200);
    token = response.headers.get('X-Onboarding-Token') ?? token;
    return (await response.json()) as { data: Record<string, unknown> };
  };
  // The bodies only need the tenant id of the sandbox behind the relay.
  const body = individualBody({ credentials: { tenantId: minted.tenantId } } as Sandbox);
  const registered = await call('/customer/individual/registration', body);
  const customerId = registered.data.id as string;
  const userId = (registered.data.user as { id: string }).id;
  await call(`/customer/individual/${customerId}/users/${userId}/sessions`, {
    username: body.email,
    password: PASSWORD,
    credentialType: 'PASSWORD',
  });
  const verification = await call(`/customer/individual/${customerId}/verification`, {
    verificationType: 'STANDARD',
  });
  const verificationId = verification.data.verificationId as string;
  const upload = (session: HandoffSession) =>
    call(
      `/verifications/${verificationId}/documents`,
      { ...documentBody('PASSPORT', 'image/jpeg'), verificationId, customerId },
      session.accessToken,
    );
  return { token: () => token, customerId, verificationId, upload };
}

/** `http://127.0.0.1:<port>/partner/onboarding`: the test server's relay on a second origin. */
async function crossOriginRelay(): Promise<string> {
  const { relay } = (await (await fetch('/__cross-origin')).json()) as { relay: string };
  expect(new URL(relay).origin).not.to.equal(location.origin);
  return relay;
}

/** `promise`'s FinHubHandoffError. */
async function refusal(promise: Promise<unknown>): Promise<FinHubHandoffError> {
  const error = await rejection(promise);
  expect(error).to.be.instanceOf(FinHubHandoffError);
  return error as FinHubHandoffError;
}

describe('hand-off client, through the relay and sandbox', () => {
  it('takes computer and phone from the code to complete', async () => {
    const step = await documentsStep('/onboarding');
    const client = createHandoffClient({ apiBase: '/onboarding/api' });
    const created = await client.create(step.token(), {
      verificationId: step.verificationId,
      documents: DOCUMENTS,
    });
    expect(created.code).to.match(/^[A-Za-z0-9_-]{32}$/);
    expect(Date.parse(created.expiresAt) - Date.now()).to.be.within(590_000, 600_000);
    expect(await client.status(step.token())).to.deep.include({
      state: 'waiting',
      total: 1,
      pollAfter: 2,
    });

    const phone = await client.exchange(created.code);
    expect(phone).to.deep.include({
      flow: 'individual',
      customerId: step.customerId,
      verificationId: step.verificationId,
      documents: DOCUMENTS,
    });
    await step.upload(phone);
    const opened = await client.status(phone.accessToken);
    expect(opened.state).to.equal('opened');
    expect(opened.received).to.deep.equal([{ documentType: 'PASSPORT', fileName: 'passport.jpg' }]);

    expect((await client.complete(phone.accessToken)).state).to.equal('complete');
    const seen = await client.status(step.token());
    expect(seen).to.deep.include({ state: 'complete', total: 1 });
    expect(seen).not.to.have.property('pollAfter');
  });

  it('turns the relay’s refusals into FinHubHandoffError with its code', async () => {
    const step = await documentsStep('/onboarding');
    const client = createHandoffClient({ apiBase: '/onboarding/api/' });
    const { code } = await client.create(step.token(), {
      verificationId: step.verificationId,
      documents: DOCUMENTS,
    });
    const phone = await client.exchange(code);

    const used = await refusal(client.exchange(code));
    expect(used).to.be.instanceOf(FinHubApiError);
    expect([used.relayCode, used.status, used.code, used.endpoint]).to.deep.equal([
      'handoff_used',
      410,
      'bad_request',
      'POST /handoff/exchange',
    ]);
    const unknown = await refusal(client.exchange('Q'.repeat(32)));
    expect([unknown.relayCode, unknown.code]).to.deep.equal(['handoff_unknown', 'not_found']);
    const scope = await refusal(client.cancel(phone.accessToken));
    expect([scope.relayCode, scope.code]).to.deep.equal(['handoff_scope', 'forbidden']);

    expect((await client.cancel(step.token())).state).to.equal('cancelled');
    const cancelled = await refusal(client.status(phone.accessToken));
    expect([cancelled.relayCode, cancelled.status]).to.deep.equal(['handoff_cancelled', 410]);
  });

  it('serves the partner’s phone page on another origin (a DELETE preflight included)', async () => {
    const relay = await crossOriginRelay();
    const step = await documentsStep(relay);
    const client = createHandoffClient({ apiBase: `${relay}/api` });
    const { code } = await client.create(step.token(), {
      verificationId: step.verificationId,
      documents: DOCUMENTS,
    });
    const phone = await client.exchange(code);
    await step.upload(phone);
    expect((await client.status(phone.accessToken)).received).to.have.length(1);
    expect((await client.cancel(step.token())).state).to.equal('cancelled');
  });
});

describe('hand-off client, on its own', () => {
  const status = { state: 'waiting', received: [], total: 1, pollAfter: 2 };

  it('gives up after its timeout (client default, or per call)', async () => {
    const client = createHandoffClient({ apiBase: '/api', fetch: hangingFetch, timeoutMs: 40 });
    const started = performance.now();
    const error = await refusal(client.status('t'));
    expect([error.code, error.endpoint, error.retryable]).to.deep.equal([
      'timeout',
      'GET /handoff',
      true,
    ]);
    expect(performance.now() - started).to.be.below(5000);
    const slow = createHandoffClient({ apiBase: '/api', fetch: hangingFetch });
    expect((await refusal(slow.exchange('c', { timeoutMs: 30 }))).code).to.equal('timeout');
  });

  it('stops when the caller aborts, and sends nothing when already aborted', async () => {
    const controller = new AbortController();
    const { fetch, requests } = recordingFetch((request) => {
      setTimeout(() => controller.abort(), 10);
      return hangingFetch(request);
    });
    const client = createHandoffClient({ apiBase: '/api', fetch });
    const error = await refusal(client.cancel('t', { signal: controller.signal }));
    expect(error.code).to.equal('aborted');
    expect(requests).to.have.length(1);
    const before = await refusal(client.status('t', { signal: controller.signal }));
    expect(before.code).to.equal('aborted');
    expect(requests).to.have.length(1);
  });

  it('maps a network failure and an answer that is not the protocol', async () => {
    const down = createHandoffClient({
      apiBase: '/api',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    expect((await refusal(down.status('t'))).code).to.equal('network_error');
    const odd = createHandoffClient({
      apiBase: '/api',
      fetch: () => Promise.resolve(json({ state: 'sleeping', received: [], total: 1 })),
    });
    const error = await refusal(odd.status('t'));
    expect([error.code, error.field]).to.deep.equal(['invalid_response', 'state']);
  });

  it('keeps Retry-After of a 429 and the relay’s code', async () => {
    const client = createHandoffClient({
      apiBase: '/api',
      fetch: () =>
        Promise.resolve(
          json(
            { code: 429, message: 'Too many', data: { error: 'too_many_handoff_exchanges' } },
            429,
            { 'Retry-After': '40' },
          ),
        ),
    });
    const error = await refusal(client.exchange('c'));
    expect([error.code, error.retryAfter, error.relayCode]).to.deep.equal([
      'rate_limited',
      40,
      'too_many_handoff_exchanges',
    ]);
  });

  it('sends the request the relay expects: path, method, token, JSON body', async () => {
    const { fetch, requests } = recordingFetch(() =>
      json({ code: 'c'.repeat(32), expiresAt: '2026-03-01T10:10:00.000Z', expiresIn: 600 }),
    );
    const client = createHandoffClient({ apiBase: 'https://relay.test/onboarding/api/', fetch });
    const body = { verificationId: 'ver-1', documents: DOCUMENTS };
    await client.create('computer-token', body);
    const [request] = requests;
    expect([request!.method, request!.url]).to.deep.equal([
      'POST',
      'https://relay.test/onboarding/api/handoff',
    ]);
    expect(request!.headers.get('Authorization')).to.equal('Bearer computer-token');
    expect(request!.headers.get('Content-Type')).to.equal('application/json');
    expect(await request!.json()).to.deep.equal(body);

    const exchangeFetch = recordingFetch(() => json({}, 500));
    await refusal(
      createHandoffClient({ apiBase: '/api', fetch: exchangeFetch.fetch }).exchange('the-code'),
    );
    const [sent] = exchangeFetch.requests;
    expect(sent!.headers.has('Authorization'), 'the phone has no token yet').to.be.false;
    expect(await sent!.json()).to.deep.equal({ code: 'the-code' });
  });

  it('refreshes a token source once after a 401; a bare token is not refreshed', async () => {
    const expired = () =>
      json({ code: 401, message: 'expired', data: { error: 'onboarding_token_expired' } }, 401);
    const { fetch, requests } = recordingFetch((_request, index) =>
      index === 0 ? expired() : json(status),
    );
    const tokens = new FakeTokens();
    const client = createHandoffClient({ apiBase: '/api', fetch });
    expect((await client.status(tokens)).state).to.equal('waiting');
    expect(tokens.refreshCalls).to.equal(1);
    expect(requests.map((r) => r.headers.get('Authorization'))).to.deep.equal([
      'Bearer onb-token-1',
      'Bearer onb-token-refreshed-1',
    ]);

    const always = createHandoffClient({
      apiBase: '/api',
      fetch: () => Promise.resolve(expired()),
    });
    const error = await refusal(always.status('phone-token'));
    expect([error.code, error.relayCode]).to.deep.equal([
      'unauthorized',
      'onboarding_token_expired',
    ]);
  });
});

describe('hand-off link and phone token source', () => {
  const code = 'AbC-_0123456789abcdefghijklmnopq';

  it('puts the code in the fragment, keeping the page’s own, and reads it back from there only', () => {
    expect(handoffLink('https://bank.test/phone', code)).to.equal(
      `https://bank.test/phone#handoff=${code}`,
    );
    const kept = handoffLink('https://bank.test/app?x=1#/phone', code);
    expect(kept).to.equal(`https://bank.test/app?x=1#/phone&handoff=${code}`);
    expect(readHandoffCode(kept)).to.equal(code);
    expect(handoffLink('/phone', code, 'https://bank.test/start')).to.equal(
      `https://bank.test/phone#handoff=${code}`,
    );
    expect(readHandoffCode(`https://bank.test/phone?handoff=${code}`)).to.equal(undefined);
    expect(readHandoffCode('https://bank.test/phone#handoff=short')).to.equal(undefined);
    expect(readHandoffCode(`https://bank.test/phone#xhandoff=${code}`)).to.equal(undefined);
    expect(readHandoffCode('not a url')).to.equal(undefined);
  });

  it('gives the exchanged token to the API client and refuses to renew it', async () => {
    const source = handoffTokenSource({
      accessToken: 'phone-token',
      tenantId: 'tenant-1',
    } as HandoffSession);
    expect(source.tenantId).to.equal('tenant-1');
    expect(await source.getToken()).to.equal('phone-token');
    const error = await refusal(source.refresh());
    expect([error.code, error.relayCode]).to.deep.equal([
      'unauthorized',
      'onboarding_token_expired',
    ]);
  });
});
