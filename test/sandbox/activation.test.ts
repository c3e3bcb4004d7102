import { expect } from '@open-wc/testing';
import { createSandbox } from '../../sandbox/index.js';
import { ibanIsValid } from '../../sandbox/ids.js';
import { Client, customerToken, documentBody, fakeClock, registerIndividual } from './helpers.js';

describe('sandbox: consents (docs/finhub-contract.md#consents)', () => {
  const sandbox = createSandbox();
  const client = new Client(sandbox);

  it('requires accepted: true and a version', async () => {
    const admin = await client.adminToken();
    const who = await registerIndividual(client, admin);
    const path = `/customer/individual/${who.customerId}/consents/terms`;
    const refused = await client.call('POST', path, {
      token: admin,
      body: { accepted: false, version: '1.0' },
    });
    expect(refused.status).to.equal(400);
    expect(refused.json.data.errors).to.deep.equal([
      { field: 'accepted', message: 'Must be true to record the consent' },
    ]);
    const stringy = await client.call('POST', path, { token: admin, body: { accepted: 'true' } });
    expect(stringy.json.data.errors.map((e: { field: string }) => e.field)).to.deep.equal([
      'accepted',
      'version',
    ]);
    const unknown = await client.call(
      'POST',
      `/customer/individual/${who.customerId}/consents/marketing`,
      {
        token: admin,
        body: { accepted: true, version: '1.0' },
      },
    );
    expect(unknown.status).to.equal(404);
  });

  it('records ACCEPTED with the stored type name, and a repeat is idempotent', async () => {
    const admin = await client.adminToken();
    const who = await registerIndividual(client, admin);
    const token = await customerToken(client, admin, who);
    const path = `/customer/individual/${who.customerId}/consents/data-processing`;
    const first = await client.call('POST', path, {
      token,
      body: { accepted: true, version: '1.0' },
    });
    expect(first.status).to.equal(200);
    expect(first.json.data).to.include({
      consentType: 'DATA_PROCESSING',
      status: 'ACCEPTED',
      version: '1.0',
      isGranted: true,
    });
    expect(first.json.data.ipAddress).to.equal('203.0.113.7');
    const again = await client.call('POST', path, {
      token,
      body: { accepted: true, version: '1.0' },
    });
    expect(again.json.data.id).to.equal(first.json.data.id);
    expect(again.json.data.grantedAt).to.equal(first.json.data.grantedAt);
    const newer = await client.call('POST', path, {
      token,
      body: { accepted: true, version: '2.0' },
    });
    expect(newer.json.data).to.include({ id: first.json.data.id, version: '2.0' });
  });
});

describe('sandbox: readiness and activation (docs/finhub-contract.md#readiness-check, #individual-activation)', () => {
  const clock = fakeClock();
  const sandbox = createSandbox({ verificationDelayMs: 3000, now: clock.now });
  const client = new Client(sandbox);

  it('reports what is missing, refuses early activation with 422, then activates with the emailed code', async () => {
    const admin = await client.adminToken();
    const who = await registerIndividual(client, admin, 'STANDARD_INDIVIDUAL');
    const token = await customerToken(client, admin, who);
    const check = async () =>
      (
        await client.call(
          'GET',
          `/customer/individual/${who.customerId}/owner/${sandbox.credentials.tenantId}/activation/check`,
          {
            token,
          },
        )
      ).json.data;
    const activate = (code: string, userId = who.email) =>
      client.call('POST', `/customer/individual/${who.customerId}/activation`, {
        token,
        body: { userId, code },
      });

    const before = await check();
    expect(before).to.include({
      activationAllowed: false,
      consentOk: false,
      verificationOk: false,
      riskLevel: 'MEDIUM',
      verificationStatus: 'NOT_STARTED',
    });
    expect(before.missingConsents).to.deep.equal([
      'TERMS_AND_CONDITIONS',
      'PRIVACY_POLICY',
      'DATA_PROCESSING',
    ]);

    const [mail] = sandbox.inbox(who.email);
    expect(mail?.code).to.match(/^ACT-[A-Z2-9]{6}$/);
    expect(mail?.text).to.contain(mail?.code);

    const early = await activate(mail?.code ?? '');
    expect(early.status).to.equal(422);
    expect(early.json.message).to.contain('verification has not been started');
    expect(early.json.message).to.contain('TERMS_AND_CONDITIONS');
    expect(early.json.data.missingConsents).to.have.length(3);

    const v = await client.call('POST', `/customer/individual/${who.customerId}/verification`, {
      token,
    });
    const vid = v.json.data.verificationId;
    await client.call('POST', `/verifications/${vid}/documents`, {
      token,
      body: documentBody('PASSPORT'),
    });
    await client.call('POST', `/verifications/${vid}/documents`, {
      token,
      body: documentBody('PROOF_OF_ADDRESS', 'image/png'),
    });
    for (const type of ['terms', 'privacy']) {
      await client.call('POST', `/customer/individual/${who.customerId}/consents/${type}`, {
        token,
        body: { accepted: true, version: '1.0' },
      });
    }
    const midway = await check();
    expect(midway).to.include({
      verificationStatus: 'IN_PROGRESS',
      verificationOk: false,
      consentOk: false,
    });
    expect(midway.missingConsents).to.deep.equal(['DATA_PROCESSING']);
    const stillEarly = await activate(mail?.code ?? '');
    expect(stillEarly.status).to.equal(422);
    expect(stillEarly.json.message).to.equal(
      'Customer is not ready for activation: verification is IN_PROGRESS; consents not accepted: DATA_PROCESSING',
    );

    await client.call('POST', `/customer/individual/${who.customerId}/consents/data-processing`, {
      token,
      body: { accepted: true, version: '1.0' },
    });
    clock.advance(3000);
    const ready = await check();
    expect(ready).to.include({
      activationAllowed: true,
      consentOk: true,
      verificationOk: true,
      verificationStatus: 'APPROVED',
      message: 'Customer is ready for activation',
    });

    const wrong = await activate('ACT-WRONG1');
    expect(wrong.status).to.equal(400);
    expect(wrong.json.message).to.equal('Invalid activation code');
    expect(wrong.json.data.errors[0].field).to.equal('code');
    const stranger = await activate(mail?.code ?? '', 'someone@example.com');
    expect(stranger.status).to.equal(400);
    expect(stranger.json.data.errors[0].field).to.equal('userId');

    const done = await activate((mail?.code ?? '').toLowerCase());
    expect(done.status).to.equal(200);
    const data = done.json.data;
    expect(data.activationStatus).to.equal('ACTIVATED');
    expect(data.customerStatus).to.equal('ACTIVE');
    expect(data.wallet).to.include({ currency: 'EUR', status: 'ACTIVE', iban: data.iban });
    expect(data.wallet.walletId).to.match(/^[0-9a-f-]{36}$/);
    expect(data.iban).to.match(/^LT\d{18}$/);
    expect(ibanIsValid(data.iban)).to.equal(true);

    const after = await check();
    expect(after).to.include({
      activationAllowed: false,
      customerStatus: 'ACTIVE',
      message: 'Customer is already active',
    });
    const twice = await activate(mail?.code ?? '');
    expect(twice.status).to.equal(409);
  });

  it('accepts the user id instead of the email as userId', async () => {
    const admin = await client.adminToken();
    const who = await registerIndividual(client, admin);
    const v = await client.call('POST', `/customer/individual/${who.customerId}/verification`, {
      token: admin,
    });
    sandbox.setVerificationOutcome(v.json.data.verificationId, 'APPROVED');
    for (const type of ['terms', 'privacy', 'data-processing']) {
      await client.call('POST', `/customer/individual/${who.customerId}/consents/${type}`, {
        token: admin,
        body: { accepted: true, version: '1.0' },
      });
    }
    const code = sandbox.inbox(who.email)[0]?.code ?? '';
    const reply = await client.call('POST', `/customer/individual/${who.customerId}/activation`, {
      token: admin,
      body: { userId: who.userId, code },
    });
    expect(reply.status).to.equal(200);
    // The session login still works for the now active user.
    expect(await customerToken(client, admin, who)).to.be.a('string');
  });
});
