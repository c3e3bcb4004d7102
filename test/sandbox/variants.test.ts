/**
 * The sandbox's variants (sandbox/variants.ts), called directly: each answers as the generation
 * of the docs it follows (docs/finhub-contract.md#variants), and describeShape() names that
 * generation, as the doctor command will.
 */
import { expect } from '@open-wc/testing';
import { createSandbox, VARIANTS } from '../../sandbox/index.js';
import { describeShape } from '../../src/api/shape-description.js';
import {
  Client,
  categorization,
  fileBase64,
  individualBody,
  loginBody,
  uniqueEmail,
} from './helpers.js';
import { employeeBody, organizationBody } from './org-helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function setup(variant: string) {
  const sandbox = createSandbox({ variant, verificationDelayMs: 0 });
  const client = new Client(sandbox);
  return { sandbox, client, admin: await client.adminToken() };
}

/** Registers a person (ids read wherever the variant puts them) and opens their session. */
async function person(variant: string) {
  const { sandbox, client, admin } = await setup(variant);
  const body = individualBody(sandbox);
  const reply = await client.call('POST', '/customer/individual/registration', {
    body,
    token: admin,
  });
  expect(reply.status, JSON.stringify(reply.json)).to.equal(200);
  const data = reply.json.data;
  const customerId: string = data.id;
  const userId: string = data.user?.id ?? data.userId;
  const session = await client.call(
    'POST',
    `/customer/individual/${customerId}/users/${userId}/sessions`,
    { token: admin, body: loginBody(client, body.email) },
  );
  return { sandbox, client, admin, customerId, userId, registration: reply, session };
}

describe('sandbox variants', () => {
  it('an unknown variant is refused, naming the known ones', () => {
    expect(() => createSandbox({ variant: 'nope' })).to.throw(
      `Unknown sandbox variant "nope". Known: ${VARIANTS.map((v) => v.name).join(', ')}.`,
    );
  });

  it('runner: [R] envelopes and bodies; the shared create is the only verification entry', async () => {
    const { client, admin, customerId, registration } = await person('runner');
    expect(registration.json).to.not.have.property('redirectUrl');
    expect(registration.json.data).to.include({ status: 'PENDING_ACTIVATION' });
    expect(registration.json.data.redirectUrl).to.equal('/auth/activate-account');
    expect(describeShape('registerIndividual', registration.json).ids).to.deep.equal({
      customerId: { field: 'data.id', style: 'uuid' },
      userId: { field: 'data.userId', style: 'uuid' },
    });
    const scoped = await client.call('POST', `/customer/individual/${customerId}/verification`, {
      token: admin,
      body: {},
    });
    expect(scoped.status).to.equal(404);
    const created = await client.call('POST', '/verifications', {
      token: admin,
      body: { customerId, type: 'IDENTITY_VERIFICATION', requestedLevel: 'TENANT_VERIFIED' },
    });
    expect(Object.keys(created.json.data).sort()).to.deep.equal([
      'status',
      'verificationId',
      'verificationType',
    ]);
    expect(created.json).to.deep.include({ code: 200, message: 'Success' });
    expect(created.json.data.status).to.equal('PENDING');
    const consent = await client.call('POST', `/customer/individual/${customerId}/consents/terms`, {
      token: admin,
      body: { accepted: true, version: '1.0' },
    });
    expect(consent.json).to.deep.equal({
      code: 200,
      message: 'Success',
      data: { status: 'PENDING' },
    });
    const check = await client.call(
      'GET',
      `/customer/individual/${customerId}/owner/${client.sandbox.credentials.tenantId}/activation/check`,
      { token: admin },
    );
    expect(Object.keys(check.json.data).sort()).to.deep.equal([
      'activationAllowed',
      'consentOk',
      'message',
      'riskLevel',
      'verificationOk',
    ]);
    expect(describeShape('individualReadiness', check.json).matched).to.include(
      'activationAllowed ([R])',
    );
  });

  it('narrative: key-like tenant, short ids, {success,data}, the older paths and bodies', async () => {
    const { sandbox, client, admin, customerId, userId, registration, session } =
      await person('narrative');
    expect(sandbox.credentials.tenantId).to.equal('fh_api_sandbox_bank_7f957f77');
    expect(customerId).to.match(/^cus_[a-z0-9]{11}$/);
    expect(userId).to.match(/^[a-z0-9]{11}$/);
    expect(registration.json).to.include({ redirectUrl: '/auth/activate-account', code: 200 });
    expect(session.json).to.include({ success: true });
    expect(session.json.data).to.include({ expiresIn: 3600, tokenType: 'Bearer' });
    expect(session.json.data).to.not.have.property('expiresAt');

    const tenantPath = await client.call(
      'GET',
      `/customer/individual/categorization/hierarchy/${sandbox.credentials.tenantId}`,
      { token: admin },
    );
    expect(tenantPath.status).to.equal(404);
    const shared = await client.call('GET', '/customer/categorization/hierarchy', { token: admin });
    expect(shared.json).to.include({ tenantId: sandbox.credentials.tenantId });
    expect(shared.json.categories).to.have.property('STANDARD_INDIVIDUAL');
    expect(describeShape('hierarchyShared', shared.json).envelope).to.equal('bare');

    const verification = await client.call(
      'POST',
      `/customer/individual/${customerId}/verification`,
      {
        token: admin,
        body: { verificationType: 'STANDARD' },
      },
    );
    expect(verification.json).to.deep.include({ success: true });
    expect(verification.json.data.status).to.equal('INITIATED');
    expect(verification.json.data.verificationId).to.match(/^ver_/);
    const upload = await client.call(
      'POST',
      `/verifications/${verification.json.data.verificationId}/documents`,
      {
        token: admin,
        body: {
          documentType: 'PASSPORT',
          mimeType: 'application/pdf',
          fileName: 'p.pdf',
          fileContent: fileBase64('application/pdf'),
        },
      },
    );
    expect(upload.json.data).to.include({ status: 'UPLOADED', uploadedBy: 'system' });
    expect(upload.json.data.id).to.match(/^doc_/);
    expect(upload.json.data.fileName).to.match(/^.{8}-p\.pdf$/);
    const consent = await client.call(
      'POST',
      `/customer/individual/${customerId}/consents/privacy`,
      {
        token: admin,
        body: { accepted: true, version: '1.0' },
      },
    );
    expect(consent.json.data).to.include({ type: 'PRIVACY', status: 'ACCEPTED' });
    expect(consent.json.data.consentId).to.match(/^cons_/);
  });

  it('narrative: a company adds directors at /directors, KYB only through /verifications, ACTIVE at once', async () => {
    const { client, admin } = await setup('narrative');
    const body = organizationBody();
    const registered = await client.call('POST', '/customer/organization/registration', {
      token: admin,
      body,
    });
    expect(Object.keys(registered.json.data).sort()).to.deep.equal([
      'adminEmployees',
      'email',
      'id',
      'individual',
      'organization',
      'organizationId',
      'tenantId',
    ]);
    const org = registered.json.data.organizationId as string;
    expect(org).to.match(/^org_/);
    const employee = await client.call('POST', `/customer/organization/${org}/employee`, {
      token: admin,
      body: employeeBody(['ADMIN_USER'], body.email),
    });
    expect(employee.status).to.equal(201);
    expect(employee.json.data.userId).to.be.a('string');
    const director = {
      person: { firstName: 'Rita', lastName: 'D', email: uniqueEmail('d') },
      role: 'CEO',
    };
    const singular = await client.call('POST', `/customer/organization/${org}/director`, {
      token: admin,
      body: director,
    });
    expect(singular.status).to.equal(404);
    const plural = await client.call('POST', `/customer/organization/${org}/directors`, {
      token: admin,
      body: director,
    });
    expect(plural.status).to.equal(201);
    expect(plural.json.data.directorId).to.match(/^dir_/);
    const verify = await client.call('POST', `/customer/organization/${org}/verify`, {
      token: admin,
      headers: { 'X-User-ID': employee.json.data.userId, 'X-User-Roles': 'ADMIN_USER' },
      body: {},
    });
    expect(verify.status).to.equal(404);
    const kyb = await client.call('POST', '/verifications', {
      token: admin,
      body: { customerId: org, type: 'BUSINESS_VERIFICATION', requestedLevel: 'TENANT_VERIFIED' },
    });
    expect(kyb.json).to.include({
      success: true,
      code: 200,
      message: 'Verification process started',
    });
    expect(kyb.json.data).to.include({ status: 'IN_PROGRESS', performedBy: 'TENANT' });
    expect(describeShape('createVerification', kyb.json).ids).to.deep.equal({
      verificationId: { field: 'data.id', style: 'short' },
    });
  });

  it('guide: /verification/initiate answers IN_PROGRESS; the shared create is not there', async () => {
    const { client, admin, customerId } = await person('guide');
    const initiated = await client.call(
      'POST',
      `/customer/individual/${customerId}/verification/initiate`,
      { token: admin, body: {} },
    );
    expect(initiated.json).to.include({ message: 'Verification initiated successfully' });
    expect(initiated.json.data).to.include({ status: 'IN_PROGRESS', level: 'ENHANCED' });
    const shared = await client.call('POST', '/verifications', {
      token: admin,
      body: { customerId, type: 'IDENTITY_VERIFICATION', requestedLevel: 'TENANT_VERIFIED' },
    });
    expect(shared.status).to.equal(404);
  });

  it('legacy-feature: features[] on categories, bare-string and absent allowedValues; any value for a key without them', async () => {
    const { sandbox, client, admin } = await setup('legacy-feature');
    const hierarchy = await client.call(
      'GET',
      `/customer/individual/categorization/hierarchy/${sandbox.credentials.tenantId}`,
      { token: admin },
    );
    const standard = hierarchy.json.data.categories.STANDARD_INDIVIDUAL;
    expect(standard.features).to.deep.equal(['MEDIUM_RISK_PROFILE']);
    expect(standard).to.not.have.property('availableFeatures');
    const feature = hierarchy.json.data.features.MEDIUM_RISK_PROFILE;
    expect(feature.allowedValues).to.deep.equal({
      riskLevel: 'LOW,MEDIUM,HIGH',
      pep: ['true', 'false'],
      sanctionsCheck: ['STANDARD', 'ENHANCED'],
    });
    expect(describeShape('hierarchy', hierarchy.json).matched).to.include.members([
      'legacy features[] on categories (not availableFeatures[])',
      'allowedValues as bare strings ("0-100", "A,B")',
      'mandatory keys without allowedValues',
    ]);
    const register = (riskLevel: string) => {
      const body = individualBody(sandbox, {}, 'STANDARD_INDIVIDUAL');
      body.individualCustomer = {
        ...body.individualCustomer,
        categorization: {
          ...categorization('STANDARD_INDIVIDUAL', {
            MEDIUM_RISK_PROFILE: {
              riskLevel,
              riskScore: '55',
              pep: 'false',
              sanctionsCheck: 'STANDARD',
              monthlyLimit: '20000',
            },
          }),
          categoryFeatureRelations: [
            {
              feature: { id: feature.databaseId, code: 'MEDIUM_RISK_PROFILE' },
              enabled: true,
              parametrization: Object.entries({
                riskLevel,
                riskScore: '55',
                pep: 'false',
                sanctionsCheck: 'STANDARD',
                monthlyLimit: '20000',
              }).map(([name, value]) => ({ name, value })),
            },
          ],
        },
      } as typeof body.individualCustomer;
      return client.call('POST', '/customer/individual/registration', { body, token: admin });
    };
    expect((await register('MEDIUM')).status).to.equal(200);
    const refused = await register('SEVERE');
    expect(refused.status).to.equal(400);
    expect(refused.json.data.invalidValues.riskLevel).to.equal(
      'SEVERE is not in allowed values: [LOW, MEDIUM, HIGH]',
    );
  });

  it('unsatisfiable: each flow has a category whose mandatory key no rule fills; a given value is accepted', async () => {
    const { sandbox, client, admin } = await setup('unsatisfiable');
    expect(sandbox.variant.expect.unsatisfiable).to.deep.equal([
      { category: 'CRYPTO_INDIVIDUAL', feature: 'CRYPTO_CUSTODY', key: 'custodyProviderReference' },
      {
        category: 'CRYPTO_EXCHANGE_BUSINESS',
        feature: 'CRYPTO_CUSTODY',
        key: 'custodyProviderReference',
      },
    ]);
    const crypto = sandbox.variant.hierarchy.categories.find(
      (c) => c.categoryId === 'CRYPTO_INDIVIDUAL',
    )!;
    const withValue = (value?: string) => {
      const body = individualBody(sandbox);
      body.customerCategory = { id: crypto.databaseId, name: crypto.categoryName };
      body.individualCustomer = {
        ...body.individualCustomer,
        categorization: {
          id: crypto.databaseId,
          name: crypto.categoryName,
          categoryFeatureRelations: [
            {
              feature: { code: 'CRYPTO_CUSTODY' },
              parametrization: value ? [{ name: 'custodyProviderReference', value }] : [],
            },
          ],
        },
      } as typeof body.individualCustomer;
      return client.call('POST', '/customer/individual/registration', { body, token: admin });
    };
    const missing = await withValue();
    expect(missing.status).to.equal(400);
    expect(missing.json.data.missingKeys).to.deep.equal(['custodyProviderReference']);
    expect((await withValue('CUSTODIAN-42')).status).to.equal(200);
  });

  it('every variant’s ids and tenant id are the kind it declares', async () => {
    for (const variant of VARIANTS) {
      const { sandbox, customerId } = await person(variant.name);
      expect(sandbox.credentials.tenantId).to.equal(variant.tenantId);
      expect(UUID.test(customerId), variant.name).to.equal(variant.ids === 'uuid');
    }
  });
});
