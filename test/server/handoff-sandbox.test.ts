/**
 * The phone's hand-off token against the in-memory FinHub sandbox, through the relay: its upload
 * lands on the bound verification (FinHub checks the file and counts it against the
 * requirements), it reaches nothing else, and after a cancel or with a spent, expired or unknown
 * code it reaches nothing at all. Relay and sandbox share one clock.
 */
import { expect } from '@open-wc/testing';
import type { HandoffSession } from '../../src/api/handoff-protocol.js';
import { createSandbox, type JournalEntry } from '../../sandbox/index.js';
import { PASSWORD, documentBody, fakeClock, individualBody } from '../sandbox/helpers.js';
import { organizationBody } from '../sandbox/org-helpers.js';
import { RELAY, buildRequest, errorOf, relayOnSandbox } from './helpers.js';
import { PHONE, handoff } from './handoff-helpers.js';

const BROWSER = { platform: 'web', 'X-Forwarded-From': 'web-app' };

function setup() {
  const clock = fakeClock();
  const sandbox = createSandbox({ verificationDelayMs: 60_000, now: clock.now });
  const relay = relayOnSandbox(sandbox, {
    now: clock.now,
  });
  /** One browser's call: the computer's (its own device id) or the phone's. */
  const call = async (
    who: 'computer' | 'phone',
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await relay(
      buildRequest(method, `${RELAY}/api/v2.1${path}`, {
        token,
        body,
        headers: { ...BROWSER, deviceId: `${who}-device`, ...headers },
      }),
      who === 'phone' ? PHONE : { remoteAddress: '203.0.113.7' },
    );
    const text = await response.clone().text();
    return { response, json: text ? JSON.parse(text) : null };
  };
  /** What FinHub received from the phone. */
  const fromPhone = (): JournalEntry[] => sandbox.requests('phone-device');
  return { clock, sandbox, relay, call, fromPhone };
}

/** An individual registered, signed in and with a verification, as the documents step has it. */
async function individualAtDocuments(stack: ReturnType<typeof setup>) {
  const { sandbox, relay, call } = stack;
  const minted = await relay(buildRequest('POST', `${RELAY}/token`));
  const body = individualBody(sandbox);
  const registered = await call(
    'computer',
    'POST',
    '/customer/individual/registration',
    (await minted.json()).accessToken,
    body,
  );
  expect(registered.response.status, JSON.stringify(registered.json)).to.equal(200);
  const customerId = registered.json.data.id as string;
  const userId = registered.json.data.user.id as string;
  const signedIn = await call(
    'computer',
    'POST',
    `/customer/individual/${customerId}/users/${userId}/sessions`,
    registered.response.headers.get('X-Onboarding-Token')!,
    { username: body.email, password: PASSWORD, credentialType: 'PASSWORD' },
  );
  expect(signedIn.response.status).to.equal(200);
  const verification = await call(
    'computer',
    'POST',
    `/customer/individual/${customerId}/verification`,
    signedIn.response.headers.get('X-Onboarding-Token')!,
    { verificationType: 'STANDARD' },
  );
  expect(verification.response.status).to.equal(200);
  return {
    customerId,
    userId,
    token: verification.response.headers.get('X-Onboarding-Token')!,
    verificationId: verification.json.data.verificationId as string,
    required: verification.json.data.requiredDocuments as unknown[],
  };
}

async function handOff(relay: ReturnType<typeof setup>['relay'], token: string, vid: string) {
  const created = await handoff(relay, 'POST', '', {
    token,
    body: { verificationId: vid, documents: [{ type: 'GOVERNMENT_ID' }] },
  });
  expect(created.status).to.equal(200);
  const { code } = (await created.json()) as { code: string };
  const exchanged = await handoff(relay, 'POST', '/exchange', { body: { code } });
  expect(exchanged.status).to.equal(200);
  return { code, phone: (await exchanged.json()) as HandoffSession };
}

describe('relay + sandbox: the phone’s hand-off token', () => {
  it('uploads a document FinHub files on the bound verification, as the customer', async () => {
    const stack = setup();
    const { call, fromPhone } = stack;
    const { customerId, token, verificationId, required } = await individualAtDocuments(stack);
    expect(required.length).to.be.greaterThan(0);
    const { phone } = await handOff(stack.relay, token, verificationId);

    const uploaded = await call(
      'phone',
      'POST',
      `/verifications/${verificationId}/documents`,
      phone.accessToken,
      { ...documentBody('PASSPORT', 'image/jpeg'), verificationId, customerId },
    );
    expect(uploaded.response.status, JSON.stringify(uploaded.json)).to.equal(200);
    const [upload] = fromPhone();
    expect(upload).to.deep.include({
      method: 'POST',
      path: `/api/v2.1/verifications/${verificationId}/documents`,
      tokenKind: 'CONSUMER',
      status: 200,
    });

    // FinHub counts it: the person's document list has it, and the computer sees it arrive.
    const listed = await call(
      'phone',
      'GET',
      `/customer/individual/${customerId}/documents`,
      phone.accessToken,
    );
    expect(listed.response.status).to.equal(200);
    expect(JSON.stringify(listed.json)).to.contain('PASSPORT');
    const status = await (await handoff(stack.relay, 'GET', '', { token })).json();
    expect(status.received).to.deep.equal([{ documentType: 'PASSPORT', fileName: 'passport.jpg' }]);
    const verification = await call('computer', 'GET', `/verifications/${verificationId}`, token);
    expect(JSON.stringify(verification.json)).to.contain('PASSPORT');
  });

  it('reaches nothing else: other steps, the verification itself, another verification; FinHub sees none of it', async () => {
    const stack = setup();
    const { call, fromPhone, sandbox } = stack;
    const { customerId, userId, token, verificationId } = await individualAtDocuments(stack);
    const { phone } = await handOff(stack.relay, token, verificationId);
    const tenantId = sandbox.credentials.tenantId;
    for (const [method, path, body] of [
      ['POST', `/customer/individual/${customerId}/consents/terms`, { accepted: true }],
      ['GET', `/customer/individual/${customerId}/owner/${tenantId}/activation/check`],
      ['POST', `/customer/individual/${customerId}/activation`, {}],
      ['POST', `/customer/individual/${customerId}/verification`, { verificationType: 'STANDARD' }],
      ['GET', `/verifications/${verificationId}`],
      [
        'POST',
        `/customer/individual/${customerId}/users/${userId}/sessions`,
        { username: 'x', password: 'y' },
      ],
    ] as const) {
      const refused = await call('phone', method, path, phone.accessToken, body);
      expect(refused.response.status, path).to.equal(403);
      expect(refused.json.data.error, path).to.equal('handoff_scope');
    }

    const second = await call(
      'computer',
      'POST',
      `/customer/individual/${customerId}/verification`,
      token,
      { verificationType: 'STANDARD' },
    );
    const other = second.json.data.verificationId as string;
    const elsewhere = await call(
      'phone',
      'POST',
      `/verifications/${other}/documents`,
      phone.accessToken,
      {
        ...documentBody('PASSPORT', 'image/jpeg'),
        verificationId: other,
        customerId,
      },
    );
    expect(elsewhere.response.status).to.equal(403);
    expect(elsewhere.json.data.error).to.equal('binding_mismatch');
    expect(fromPhone()).to.deep.equal([]);
  });

  it('after the computer cancels, the phone’s next upload is refused and never reaches FinHub', async () => {
    const stack = setup();
    const { call, fromPhone } = stack;
    const { customerId, token, verificationId } = await individualAtDocuments(stack);
    const { phone } = await handOff(stack.relay, token, verificationId);
    const document = { ...documentBody('PASSPORT', 'image/jpeg'), verificationId, customerId };
    const path = `/verifications/${verificationId}/documents`;
    expect(
      (await call('phone', 'POST', path, phone.accessToken, document)).response.status,
    ).to.equal(200);
    expect((await handoff(stack.relay, 'DELETE', '', { token })).status).to.equal(200);
    const refused = await call('phone', 'POST', path, phone.accessToken, document);
    expect(refused.response.status).to.equal(410);
    expect(refused.json.data.error).to.equal('handoff_cancelled');
    expect(fromPhone()).to.have.length(1);
  });

  it('a spent, expired, cancelled or unknown code gives no token', async () => {
    const stack = setup();
    const { relay, clock } = stack;
    const { token, verificationId } = await individualAtDocuments(stack);
    const exchangeOf = (code: string) => handoff(relay, 'POST', '/exchange', { body: { code } });
    const create = async () =>
      (
        (await (
          await handoff(relay, 'POST', '', {
            token,
            body: { verificationId, documents: [{ type: 'GOVERNMENT_ID' }] },
          })
        ).json()) as { code: string }
      ).code;

    const refusal = async (code: string) => {
      const response = await exchangeOf(code);
      return [response.status, await errorOf(response)];
    };
    const { code: spent } = await handOff(relay, token, verificationId);
    expect(await refusal(spent)).to.deep.equal([410, 'handoff_used']);
    const late = await create();
    clock.advance(600_000);
    expect(await refusal(late)).to.deep.equal([410, 'handoff_expired']);
    const cancelled = await create();
    await handoff(relay, 'DELETE', '', { token });
    expect(await refusal(cancelled)).to.deep.equal([410, 'handoff_cancelled']);
    expect(await refusal('Z'.repeat(32))).to.deep.equal([404, 'handoff_unknown']);
    // A spent code whose hand-off was replaced since says so.
    expect(await refusal(spent)).to.deep.equal([410, 'handoff_cancelled']);
    expect(stack.fromPhone()).to.deep.equal([]);
  });

  it('a company’s phone uploads the company’s documents to its KYB verification', async () => {
    const stack = setup();
    const { relay, call, fromPhone } = stack;
    const minted = await relay(buildRequest('POST', `${RELAY}/token`));
    const body = organizationBody();
    const registered = await call(
      'computer',
      'POST',
      '/customer/organization/registration',
      (await minted.json()).accessToken,
      body,
    );
    expect(registered.response.status, JSON.stringify(registered.json)).to.equal(200);
    const organizationId = registered.json.data.organizationId as string;
    const userId = registered.json.data.user.id as string;
    const signedIn = await call(
      'computer',
      'POST',
      `/customer/organization/${organizationId}/users/${userId}/sessions`,
      registered.response.headers.get('X-Onboarding-Token')!,
      { username: body.email, password: PASSWORD, credentialType: 'PASSWORD' },
    );
    expect(signedIn.response.status, JSON.stringify(signedIn.json)).to.equal(200);
    const verified = await call(
      'computer',
      'POST',
      `/customer/organization/${organizationId}/verify`,
      signedIn.response.headers.get('X-Onboarding-Token')!,
      { requestedByUserId: userId, type: 'BUSINESS_VERIFICATION' },
      { 'X-User-ID': userId, 'X-User-Roles': 'ADMIN_USER' },
    );
    expect(verified.response.status, JSON.stringify(verified.json)).to.equal(200);
    const token = verified.response.headers.get('X-Onboarding-Token')!;
    const verificationId = verified.json.data.verificationId as string;

    const { phone } = await handOff(relay, token, verificationId);
    expect(phone).to.deep.include({ flow: 'organization', organizationId, verificationId });
    const uploaded = await call(
      'phone',
      'POST',
      `/verifications/${verificationId}/documents`,
      phone.accessToken,
      { ...documentBody('CERTIFICATE_OF_INCORPORATION'), verificationId, organizationId },
    );
    expect(uploaded.response.status, JSON.stringify(uploaded.json)).to.equal(200);
    expect(fromPhone().map((entry) => [entry.tokenKind, entry.status])).to.deep.equal([
      ['BUSINESS', 200],
    ]);
    const listed = await call(
      'phone',
      'GET',
      `/customer/individual/${organizationId}/documents`,
      phone.accessToken,
    );
    expect(listed.response.status).to.equal(403);
  });
});
