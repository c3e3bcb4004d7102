import { expect } from '@open-wc/testing';
import { createSandbox } from '../../sandbox/index.js';
import {
  Client,
  customerToken,
  documentBody,
  fakeClock,
  fileBase64,
  MB,
  registerIndividual,
  type RegisteredIndividual,
} from './helpers.js';
import { registerOrganization } from './org-helpers.js';

describe('sandbox: verification start (docs/finhub-contract.md#individual-verification, #create-verification)', () => {
  const sandbox = createSandbox();
  const client = new Client(sandbox);
  let admin: string;
  before(async () => {
    admin = await client.adminToken();
  });

  it('asks for documents by category risk and says which uploads satisfy them', async () => {
    const expected: Record<string, string[]> = {
      LOW_RISK_INDIVIDUAL: ['GOVERNMENT_ID'],
      STANDARD_INDIVIDUAL: ['GOVERNMENT_ID', 'PROOF_OF_ADDRESS'],
      HIGH_RISK_INDIVIDUAL: ['GOVERNMENT_ID', 'PROOF_OF_ADDRESS', 'SOURCE_OF_FUNDS'],
    };
    for (const [code, docs] of Object.entries(expected)) {
      const who = await registerIndividual(client, admin, code);
      const token = await customerToken(client, admin, who);
      const reply = await client.call(
        'POST',
        `/customer/individual/${who.customerId}/verification`,
        {
          token,
          body: { verificationType: 'STANDARD' },
        },
      );
      expect(reply.status).to.equal(200);
      expect(reply.json.data.status).to.equal('INITIATED');
      expect(reply.json.data.requiredDocuments).to.deep.equal(docs);
      expect(reply.json.data.acceptedDocumentTypes.GOVERNMENT_ID).to.deep.equal([
        'PASSPORT',
        'NATIONAL_ID',
        'DRIVERS_LICENSE',
      ]);
    }
  });

  it('validates POST /verifications: type, requestedLevel, customerId', async () => {
    const bad = await client.call('POST', '/verifications', {
      token: admin,
      body: { type: 'KYC', requestedLevel: 'SUPER' },
    });
    expect(bad.status).to.equal(400);
    expect(bad.json.data.errors.map((e: { field: string }) => e.field)).to.deep.equal([
      'customerId',
      'type',
      'requestedLevel',
    ]);
    const unknown = await client.call('POST', '/verifications', {
      token: admin,
      body: {
        customerId: crypto.randomUUID(),
        type: 'IDENTITY_VERIFICATION',
        requestedLevel: 'TENANT_VERIFIED',
      },
    });
    expect(unknown.status).to.equal(404);

    const who = await registerIndividual(client, admin);
    const wrongKind = await client.call('POST', '/verifications', {
      token: admin,
      body: {
        customerId: who.customerId,
        type: 'BUSINESS_VERIFICATION',
        requestedLevel: 'TENANT_VERIFIED',
      },
    });
    expect(wrongKind.status).to.equal(400);
    expect(wrongKind.json.data.errors[0].field).to.equal('type');

    const good = await client.call('POST', '/verifications', {
      token: admin,
      body: {
        customerId: who.customerId,
        type: 'IDENTITY_VERIFICATION',
        requestedLevel: 'TENANT_VERIFIED',
        requestedByUserId: sandbox.credentials.admin.userId,
      },
    });
    expect(good.status).to.equal(200);
    expect(good.json.data).to.include({ status: 'PENDING', verificationType: 'KYC' });
    expect(good.json.data.verificationId).to.match(/^[0-9a-f-]{36}$/);
  });
});

describe('sandbox: document upload (docs/finhub-contract.md#document-upload)', () => {
  const sandbox = createSandbox({ verificationDelayMs: 60_000 });
  const client = new Client(sandbox);
  let admin: string;
  let who: RegisteredIndividual;
  let token: string;
  let verificationId: string;
  before(async () => {
    admin = await client.adminToken();
    who = await registerIndividual(client, admin, 'HIGH_RISK_INDIVIDUAL');
    token = await customerToken(client, admin, who);
    const v = await client.call('POST', `/customer/individual/${who.customerId}/verification`, {
      token,
    });
    verificationId = v.json.data.verificationId;
  });
  const upload = (body: Record<string, unknown>, id = verificationId, t = token) =>
    client.call('POST', `/verifications/${id}/documents`, {
      token: t,
      body: { verificationId: id, ...body },
    });

  it('accepts a PDF passport and answers the [R] shape with a DT_ type', async () => {
    const reply = await upload({ ...documentBody('PASSPORT'), customerId: who.customerId });
    expect(reply.status).to.equal(200);
    expect(reply.json.data).to.include({ documentType: 'DT_PASSPORT', fileName: 'passport.pdf' });
    expect(reply.json.data.documentId).to.match(/^[0-9a-f-]{36}$/);
    expect(reply.json.data.missingDocuments).to.deep.equal(['PROOF_OF_ADDRESS', 'SOURCE_OF_FUNDS']);
  });

  it('refuses content that is not base64', async () => {
    const reply = await upload({
      ...documentBody('PASSPORT'),
      fileContent: 'JVBERi0x%%%not*base64',
    });
    expect(reply.status).to.equal(400);
    expect(reply.json.data.errors).to.deep.equal([
      { field: 'fileContent', message: 'Must be valid base64-encoded file content' },
    ]);
    const badLength = await upload({ ...documentBody('PASSPORT'), fileContent: 'JVBERi0xL' });
    expect(badLength.status).to.equal(400);
  });

  it('refuses a mimeType that the magic bytes contradict', async () => {
    const png = await upload({
      ...documentBody('PASSPORT', 'image/png'),
      mimeType: 'application/pdf',
    });
    expect(png.status).to.equal(400);
    expect(png.json.data.errors).to.deep.equal([
      { field: 'mimeType', message: 'Declared application/pdf but the file content is image/png' },
    ]);
    const text = await upload({
      ...documentBody('PASSPORT'),
      fileContent: btoa('hello, this is plain text'),
    });
    expect(text.status).to.equal(400);
    expect(text.json.data.errors[0].message).to.match(/not a PDF, JPEG or PNG/);
    const gif = await upload({ ...documentBody('PASSPORT'), mimeType: 'image/gif' });
    expect(gif.json.data.errors[0]).to.deep.equal({
      field: 'mimeType',
      message: 'Must be one of: application/pdf, image/jpeg, image/png',
    });
    const jpeg = await upload(documentBody('NATIONAL_ID', 'image/jpeg'));
    expect(jpeg.status).to.equal(200);
  });

  it('caps individual documents at 10 MB of decoded bytes', async () => {
    const atLimit = await upload({
      ...documentBody('UTILITY_BILL'),
      fileContent: fileBase64('application/pdf', 10 * MB - 2),
    });
    expect(atLimit.status, JSON.stringify(atLimit.json)).to.equal(200);
    const over = await upload({
      ...documentBody('PROOF_OF_ADDRESS'),
      fileContent: fileBase64('application/pdf', 10 * MB + 1),
    });
    expect(over.status).to.equal(400);
    expect(over.json.data.errors[0].field).to.equal('fileContent');
    expect(over.json.data.errors[0].message).to.match(/limit for PROOF_OF_ADDRESS is 10 MB/);
  });

  it('refuses document types that do not belong to individuals', async () => {
    const reply = await upload(documentBody('CERTIFICATE_OF_INCORPORATION'));
    expect(reply.status).to.equal(400);
    expect(reply.json.data.errors[0].field).to.equal('documentType');
  });

  it('stores a docId once: the same docId again is a 409 naming the stored document', async () => {
    const docId = crypto.randomUUID();
    const first = await upload({ ...documentBody('PASSPORT'), docId });
    expect(first.status).to.equal(200);
    const again = await upload({ ...documentBody('PASSPORT'), docId });
    expect(again.status).to.equal(409);
    expect(again.json.data).to.include({
      error: 'DOCUMENT_EXISTS',
      documentId: first.json.data.documentId,
      docId,
    });
    const notUuid = await upload({ ...documentBody('PASSPORT'), docId: 'doc-1' });
    expect(notUuid.status).to.equal(400);
    expect(notUuid.json.data.errors[0].field).to.equal('docId');
  });

  it('lists the customer’s documents with their docIds (docs/finhub-contract.md#document-list), only to that customer', async () => {
    const docId = crypto.randomUUID();
    const stored = await upload({ ...documentBody('NATIONAL_ID'), docId });
    const list = await client.call('GET', `/customer/individual/${who.customerId}/documents`, {
      token,
    });
    expect(list.status).to.equal(200);
    const documents = list.json.data.documents as Record<string, unknown>[];
    expect(documents.find((d) => d.docId === docId)).to.include({
      documentId: stored.json.data.documentId,
      documentType: 'NATIONAL_ID',
      fileName: 'national_id.pdf',
      verificationId,
    });
    const other = await registerIndividual(client, admin);
    const otherToken = await customerToken(client, admin, other);
    const foreign = await client.call('GET', `/customer/individual/${who.customerId}/documents`, {
      token: otherToken,
    });
    expect(foreign.status).to.equal(403);
  });

  it('refuses a mismatching verificationId/customerId and other customers', async () => {
    const mismatch = await upload({ ...documentBody('PASSPORT'), customerId: crypto.randomUUID() });
    expect(mismatch.status).to.equal(400);
    const other = await registerIndividual(client, admin);
    const otherToken = await customerToken(client, admin, other);
    const foreign = await upload(documentBody('PASSPORT'), verificationId, otherToken);
    expect(foreign.status).to.equal(403);
  });
});

describe('sandbox: B2B document caps (docs/finhub-contract.md#document-upload per-type)', () => {
  const sandbox = createSandbox();
  const client = new Client(sandbox);

  it('applies 5 MB incorporation, 10 MB articles, 20 MB financial statements, 5 MB others', async function () {
    // 86 MB of base64 through JSON both ways: seconds of CPU, more on a busy machine.
    this.timeout(60_000);
    const admin = await client.adminToken();
    const org = await registerOrganization(client, admin);
    const kyb = await client.call('POST', `/customer/organization/${org.organizationId}/verify`, {
      token: admin,
      headers: { 'X-User-ID': org.userId, 'X-User-Roles': 'ADMIN_USER' },
      body: {},
    });
    const id = kyb.json.data.verificationId;
    const up = (type: string, bytes: number) =>
      client.call('POST', `/verifications/${id}/documents`, {
        token: admin,
        body: {
          ...documentBody(type, 'application/pdf', bytes),
          organizationId: org.organizationId,
        },
      });
    const cases: [string, number, number][] = [
      ['CERTIFICATE_OF_INCORPORATION', 5 * MB + 1, 400],
      ['CERTIFICATE_OF_INCORPORATION', 4 * MB, 200],
      ['ARTICLES_OF_ASSOCIATION', 6 * MB, 200],
      ['ARTICLES_OF_ASSOCIATION', 10 * MB + 1, 400],
      ['FINANCIAL_STATEMENTS', 15 * MB, 200],
      ['FINANCIAL_STATEMENTS', 20 * MB + 1, 400],
      ['BANK_STATEMENT', 5 * MB + 1, 400],
    ];
    for (const [type, bytes, status] of cases) {
      const reply = await up(type, bytes);
      expect(reply.status, `${type} ${bytes}`).to.equal(status);
      if (status === 400) expect(reply.json.data.errors[0].message).to.contain(`limit for ${type}`);
    }
    const personal = await up('PASSPORT', 1000);
    expect(personal.status).to.equal(400);
    expect(personal.json.data.errors[0].field).to.equal('documentType');
  });
});

describe('sandbox: verification outcome (auto-approval, reject, approve)', () => {
  it('approves automatically verificationDelayMs after the last required document (fake clock)', async () => {
    const clock = fakeClock();
    const sandbox = createSandbox({ verificationDelayMs: 3000, now: clock.now });
    const client = new Client(sandbox);
    const admin = await client.adminToken();
    const who = await registerIndividual(client, admin, 'STANDARD_INDIVIDUAL');
    const start = await client.call('POST', `/customer/individual/${who.customerId}/verification`, {
      token: admin,
    });
    const id = start.json.data.verificationId;
    const status = async () =>
      (await client.call('GET', `/verifications/${id}`, { token: admin })).json.data.status;

    await client.call('POST', `/verifications/${id}/documents`, {
      token: admin,
      body: documentBody('DRIVERS_LICENSE'),
    });
    clock.advance(10_000);
    expect(await status()).to.equal('INITIATED'); // still missing proof of address
    await client.call('POST', `/verifications/${id}/documents`, {
      token: admin,
      body: documentBody('PROOF_OF_ADDRESS'),
    });
    expect(await status()).to.equal('IN_PROGRESS');
    clock.advance(2999);
    expect(await status()).to.equal('IN_PROGRESS');
    clock.advance(1);
    expect(await status()).to.equal('APPROVED');
    const view = await client.call('GET', `/verifications/${id}`, { token: admin });
    expect(view.json.data.verificationLevel).to.equal('TENANT_VERIFIED');
    expect(view.json.data.documents.map((d: { status: string }) => d.status)).to.deep.equal([
      'VERIFIED',
      'VERIFIED',
    ]);
    const late = await client.call('POST', `/verifications/${id}/documents`, {
      token: admin,
      body: documentBody('SELFIE', 'image/jpeg'),
    });
    expect(late.status).to.equal(409);
  });

  it('approves on the real clock after a short delay', async () => {
    const sandbox = createSandbox({ verificationDelayMs: 40 });
    const client = new Client(sandbox);
    const admin = await client.adminToken();
    const who = await registerIndividual(client, admin);
    const start = await client.call('POST', `/customer/individual/${who.customerId}/verification`, {
      token: admin,
    });
    const id = start.json.data.verificationId;
    const uploaded = await client.call('POST', `/verifications/${id}/documents`, {
      token: admin,
      body: documentBody('PASSPORT'),
    });
    expect(uploaded.json.data.verificationStatus).to.equal('IN_PROGRESS');
    await new Promise((r) => setTimeout(r, 60));
    expect(
      (await client.call('GET', `/verifications/${id}`, { token: admin })).json.data.status,
    ).to.equal('APPROVED');
  });

  it('rejects through the control API with a reason; no auto-approval afterwards', async () => {
    const clock = fakeClock();
    const sandbox = createSandbox({ verificationDelayMs: 100, now: clock.now });
    const client = new Client(sandbox);
    const admin = await client.adminToken();
    const who = await registerIndividual(client, admin);
    const start = await client.call('POST', `/customer/individual/${who.customerId}/verification`, {
      token: admin,
    });
    const id = start.json.data.verificationId;
    await client.call('POST', `/verifications/${id}/documents`, {
      token: admin,
      body: documentBody('PASSPORT'),
    });
    const control = await sandbox.control(
      new Request(`http://localhost/__sandbox/verifications/${id}/reject`, {
        method: 'POST',
        body: JSON.stringify({ reason: 'Document expired' }),
      }),
    );
    expect(control.status).to.equal(200);
    expect(await control.json()).to.deep.equal({
      verificationId: id,
      status: 'REJECTED',
      reason: 'Document expired',
    });
    clock.advance(1000);
    const view = await client.call('GET', `/verifications/${id}`, { token: admin });
    expect(view.json.data).to.include({ status: 'REJECTED', reason: 'Document expired' });
    const check = await client.call(
      'GET',
      `/customer/individual/${who.customerId}/owner/${sandbox.credentials.tenantId}/activation/check`,
      { token: admin },
    );
    expect(check.json.data.verificationStatus).to.equal('REJECTED');
    expect(check.json.data.message).to.contain('Document expired');
  });

  it('approves at once through the control API and the TS helper, before any document', async () => {
    const sandbox = createSandbox({ verificationDelayMs: 60_000 });
    const client = new Client(sandbox);
    const admin = await client.adminToken();
    const who = await registerIndividual(client, admin);
    const a = (
      await client.call('POST', `/customer/individual/${who.customerId}/verification`, {
        token: admin,
      })
    ).json.data.verificationId;
    const b = (
      await client.call('POST', `/customer/individual/${who.customerId}/verification`, {
        token: admin,
      })
    ).json.data.verificationId;
    const res = await sandbox.control(
      new Request(`http://localhost/__sandbox/verifications/${a}/approve`, { method: 'POST' }),
    );
    expect((await res.json()).status).to.equal('APPROVED');
    sandbox.setVerificationOutcome(b, 'REJECTED', 'Blurry photo');
    const view = await sandbox.control(
      new Request(`http://localhost/__sandbox/verifications/${b}`),
    );
    expect(await view.json()).to.include({ status: 'REJECTED', reason: 'Blurry photo' });
    expect(() => sandbox.setVerificationOutcome('nope', 'APPROVED')).to.throw(
      /Unknown verification/,
    );
    const missing = await sandbox.control(
      new Request('http://localhost/__sandbox/verifications/nope/approve', { method: 'POST' }),
    );
    expect(missing.status).to.equal(404);
  });

  it('lets only admins call POST /verifications/{id}/approve (docs/finhub-contract.md#approval)', async () => {
    const sandbox = createSandbox({ verificationDelayMs: 60_000 });
    const client = new Client(sandbox);
    const admin = await client.adminToken();
    const who = await registerIndividual(client, admin);
    const token = await customerToken(client, admin, who);
    const id = (
      await client.call('POST', `/customer/individual/${who.customerId}/verification`, { token })
    ).json.data.verificationId;
    const self = await client.call('POST', `/verifications/${id}/approve`, {
      token,
      body: { status: 'APPROVED' },
    });
    expect(self.status).to.equal(403);
    const ok = await client.call('POST', `/verifications/${id}/approve`, {
      token: admin,
      body: { verificationId: id, status: 'APPROVED', comment: 'Approved' },
    });
    expect(ok.status).to.equal(200);
    expect(ok.json.data).to.include({
      verificationId: id,
      status: 'APPROVED',
      level: 'TENANT_VERIFIED',
    });
    const flip = await client.call('POST', `/verifications/${id}/approve`, {
      token: admin,
      body: { status: 'REJECTED' },
    });
    expect(flip.status).to.equal(409);
  });
});
