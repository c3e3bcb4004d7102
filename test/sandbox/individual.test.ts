import { expect } from '@open-wc/testing';
import { CategorizationHierarchySchema } from '../../src/api/hierarchy-schema.js';
import { createSandbox } from '../../sandbox/index.js';
import {
  categorization,
  category,
  Client,
  fakeClock,
  individualBody,
  loginBody,
  registerIndividual,
  uniqueEmail,
  VALID_AML,
  VALID_LIMITS,
} from './helpers.js';

const REGISTER = '/customer/individual/registration';

describe('sandbox: categorization hierarchy (docs/finhub-contract.md#categorization-hierarchy)', () => {
  const sandbox = createSandbox();
  const client = new Client(sandbox);

  it('serves B2C and B2B categories with features the shared schema parses', async () => {
    const admin = await client.adminToken();
    const reply = await client.call(
      'GET',
      `/customer/individual/categorization/hierarchy/${sandbox.credentials.tenantId}`,
      {
        token: admin,
      },
    );
    expect(reply.status).to.equal(200);
    expect(reply.json.message).to.equal('Hierarchy retrieved successfully');
    const hierarchy = CategorizationHierarchySchema.parse(reply.json.data);
    const names = Object.values(hierarchy.categories).map((c) => c.categoryName);
    const business = names.filter((n) => /business/i.test(n));
    expect(business).to.have.length(3);
    expect(names.length - business.length).to.equal(3);
    const aml = hierarchy.features?.ENHANCED_AML_MONITORING;
    expect(aml?.mandatoryKeys).to.include.members([
      'riskLevel',
      'riskScore',
      'pep',
      'sanctionsCheck',
      'monitoring',
      'edd',
    ]);
    expect(aml?.allowedValues?.riskScore).to.deep.equal(['0-100']);
    expect(aml?.multiValueKeys).to.deep.equal(['pepCategory']);
    expect(hierarchy.features?.TRANSACTION_LIMITS?.mandatoryKeys).to.deep.equal([
      'monthlyLimit',
      'dailyLimit',
    ]);
    expect(hierarchy.categories.HIGH_RISK_INDIVIDUAL?.databaseId).to.equal(
      '550e8400-e29b-41d4-a716-446655440001',
    );
  });

  it('answers 403 for another tenant id in the path', async () => {
    const admin = await client.adminToken();
    const reply = await client.call(
      'GET',
      '/customer/individual/categorization/hierarchy/other-tenant',
      { token: admin },
    );
    expect(reply.status).to.equal(403);
  });
});

describe('sandbox: individual registration validation (docs/finhub-contract.md#individual-registration, #registration-body, #nationality-and-formats)', () => {
  const sandbox = createSandbox();
  const client = new Client(sandbox);
  let admin: string;
  before(async () => {
    admin = await client.adminToken();
  });

  async function fieldErrors(overrides: Record<string, unknown>, categoryCode?: string) {
    const reply = await client.call('POST', REGISTER, {
      token: admin,
      body: individualBody(sandbox, overrides, categoryCode),
    });
    expect(reply.status, JSON.stringify(reply.json)).to.equal(400);
    expect(reply.json.message).to.equal('Request validation failed');
    return Object.fromEntries(
      (reply.json.data.errors as { field: string; message: string }[]).map((e) => [
        e.field,
        e.message,
      ]),
    );
  }

  it('reports a bad email and a phone without + by field', async () => {
    const errors = await fieldErrors({ email: 'marcus.example.com', phone: '37062767557' });
    expect(errors.email).to.equal('Must be a valid email address');
    expect(errors.phone).to.match(/international format/);
  });

  it('enforces the password rules and the documented matchingPassword message', async () => {
    const weak = await fieldErrors({ password: 'short1!', matchingPassword: 'short1!' });
    expect(weak.password).to.match(/at least 12 characters/);
    expect(weak.password).to.match(/upper-case/);
    const noSymbol = await fieldErrors({
      password: 'SecurePass1234',
      matchingPassword: 'SecurePass1234',
    });
    expect(noSymbol.password).to.equal('Password must contain a symbol');
    const mismatch = await fieldErrors({ matchingPassword: 'SecurePass123?' });
    expect(mismatch).to.deep.equal({
      matchingPassword: 'Password and matching password must be identical',
    });
  });

  it('checks dateOfBirth format and age 18+', async () => {
    expect((await fieldErrors({ dateOfBirth: '15/05/1990' })).dateOfBirth).to.match(/YYYY-MM-DD/);
    expect((await fieldErrors({ dateOfBirth: '1990-02-30' })).dateOfBirth).to.match(/YYYY-MM-DD/);
    const year = new Date().getUTCFullYear() - 17;
    expect((await fieldErrors({ dateOfBirth: `${year}-01-01` })).dateOfBirth).to.equal(
      'Customer must be at least 18 years old',
    );
  });

  it('checks gender, ISO-2 nationality and roleIds', async () => {
    const errors = await fieldErrors({ gender: 'M', nationality: 'Lithuania', roleIds: ['OWNER'] });
    expect(errors.gender).to.equal('Must be one of: MALE, FEMALE, OTHER');
    expect(errors.nationality).to.match(/ISO 3166-1 alpha-2/);
    expect(errors['roleIds[0]']).to.match(/ACCOUNT_OWNER, USER/);
  });

  it('refuses an unknown category and a business category for a person', async () => {
    expect(
      (await fieldErrors({ customerCategory: { id: 'fs-cat-b2c-low-001' } }))[
        'customerCategory.id'
      ],
    ).to.match(/Unknown customer category/);
    const b2b = category('LOW_RISK_BUSINESS');
    expect(
      (await fieldErrors({ customerCategory: { id: b2b.databaseId } }))['customerCategory.id'],
    ).to.match(/for business customers/);
  });

  it('refuses a flat body (docs/finhub-contract.md#registration-body) and nested values that disagree with the top level', async () => {
    const flat = await fieldErrors({ individualCustomer: undefined });
    expect(flat.individualCustomer).to.match(/do not send a flat object/);
    const body = individualBody(sandbox);
    const errors = await fieldErrors({
      individualCustomer: {
        ...body.individualCustomer,
        person: {
          ...body.individualCustomer.person,
          email: 'someone.else@example.com',
          lastName: undefined,
        },
      },
    });
    expect(errors['individualCustomer.person.email']).to.equal('Must match email');
    expect(errors['individualCustomer.person.lastName']).to.equal('Field is required');
  });

  it('reports nested address problems with indexed paths', async () => {
    const body = individualBody(sandbox);
    const errors = await fieldErrors({
      email: body.email,
      individualCustomer: {
        ...body.individualCustomer,
        person: {
          ...body.individualCustomer.person,
          addresses: [{ street: 'x', city: 'Vilnius', country: 'LT' }],
        },
      },
    });
    expect(errors).to.deep.equal({
      'individualCustomer.person.addresses[0].postalCode': 'Field is required',
    });
  });

  it('registers and answers the docs/finhub-contract.md#individual-registration [N] shape with createdAt/updatedAt (docs/finhub-contract.md#individual-registration)', async () => {
    const body = individualBody(sandbox);
    const reply = await client.call('POST', REGISTER, { token: admin, body });
    expect(reply.status).to.equal(200);
    expect(reply.json.redirectUrl).to.equal('/auth/activate-account');
    const data = reply.json.data;
    expect(data).to.include({
      customerType: 'CT_PERSON',
      customerStatus: 'CS_REGISTRATION_COMPLETED',
      individual: true,
    });
    expect(data.id).to.match(/^[0-9a-f-]{36}$/);
    expect(data.user).to.include({
      email: body.email,
      username: body.email,
      status: 'PENDING_ACTIVATION',
    });
    expect(data.user.id).to.match(/^[0-9a-f-]{36}$/);
    expect(Date.parse(data.createdAt)).to.be.a('number').and.not.NaN;
    expect(data.updatedAt).to.equal(data.createdAt);
  });

  it('answers 409 for a duplicate email in the tenant, case-insensitively', async () => {
    const email = uniqueEmail();
    const first = await client.call('POST', REGISTER, {
      token: admin,
      body: individualBody(sandbox, { email }),
    });
    expect(first.status).to.equal(200);
    const body = individualBody(sandbox, { email: email.toUpperCase() });
    body.individualCustomer.person.email = email.toUpperCase();
    body.individualCustomer.user.email = email.toUpperCase();
    const second = await client.call('POST', REGISTER, { token: admin, body });
    expect(second.status).to.equal(409);
    expect(second.json).to.include({ code: 409, message: 'Email already registered' });
    expect(second.json.data.error).to.equal('DUPLICATE_EMAIL');
    // A separate sandbox is a separate tenant store: the same email is free there.
    const other = createSandbox();
    const otherClient = new Client(other);
    const fresh = await otherClient.call('POST', REGISTER, {
      token: await other.issueAdminToken(),
      body: individualBody(other, { email }),
    });
    expect(fresh.status).to.equal(200);
  });
});

describe('sandbox: categorization validation (docs/finhub-contract.md#categorization-at-registration, #individual-registration)', () => {
  const sandbox = createSandbox();
  const client = new Client(sandbox);
  let admin: string;
  before(async () => {
    admin = await client.adminToken();
  });

  async function register(values: Record<string, Record<string, string>>) {
    const body = individualBody(sandbox, {}, 'HIGH_RISK_INDIVIDUAL');
    const ic = {
      ...body.individualCustomer,
      categorization: categorization('HIGH_RISK_INDIVIDUAL', values),
    };
    return client.call('POST', REGISTER, {
      token: admin,
      body: { ...body, individualCustomer: ic },
    });
  }

  it('reports missingKeys and invalidValues exactly as docs/finhub-contract.md#individual-registration', async () => {
    const rest: Record<string, string> = { ...VALID_AML };
    delete rest.riskLevel;
    const reply = await register({
      ENHANCED_AML_MONITORING: { ...rest, monitoring: 'HOURLY', riskScore: '150' },
      TRANSACTION_LIMITS: VALID_LIMITS,
    });
    expect(reply.status).to.equal(400);
    expect(reply.json.message).to.equal('Categorization validation failed');
    expect(reply.json.data.error).to.equal('Invalid categorization');
    expect(reply.json.data.details).to.equal(
      "Feature 'ENHANCED_AML_MONITORING' requires mandatory key 'riskLevel'",
    );
    expect(reply.json.data.missingKeys).to.deep.equal(['riskLevel']);
    expect(reply.json.data.invalidValues).to.deep.equal({
      monitoring: 'HOURLY is not in allowed values: [WEEKLY, DAILY, REAL_TIME]',
      riskScore: '150 is not in allowed range: 0-100',
    });
  });

  it('requires every feature of the category and pepCategory when pep is true', async () => {
    const reply = await register({ ENHANCED_AML_MONITORING: { ...VALID_AML, pep: 'true' } });
    expect(reply.status).to.equal(400);
    expect(reply.json.data.missingKeys).to.deep.equal([
      'pepCategory',
      'monthlyLimit',
      'dailyLimit',
    ]);
  });

  it('checks multi-value keys value by value', async () => {
    const bad = await register({
      ENHANCED_AML_MONITORING: { ...VALID_AML, pep: 'true', pepCategory: 'FOREIGN_PEP,ROYAL' },
      TRANSACTION_LIMITS: VALID_LIMITS,
    });
    expect(bad.json.data.invalidValues).to.deep.equal({
      pepCategory: 'ROYAL is not in allowed values: [DOMESTIC_PEP, FOREIGN_PEP, RCA, HIO]',
    });
    const good = await register({
      ENHANCED_AML_MONITORING: { ...VALID_AML, pep: 'true', pepCategory: 'FOREIGN_PEP,RCA' },
      TRANSACTION_LIMITS: VALID_LIMITS,
    });
    expect(good.status).to.equal(200);
    expect(good.json.data.categorization.categoryId).to.equal('HIGH_RISK_INDIVIDUAL');
  });

  it('refuses a feature the category does not offer and non-string values (docs/finhub-contract.md#categorization-at-registration)', async () => {
    const foreign = await register({
      ENHANCED_AML_MONITORING: VALID_AML,
      TRANSACTION_LIMITS: VALID_LIMITS,
      CUSTOMER_PROFILE: { industry: 'FINTECH' },
    });
    expect(foreign.status).to.equal(400);
    expect(foreign.json.data.invalidValues.CUSTOMER_PROFILE).to.match(
      /not available for category HIGH_RISK_INDIVIDUAL/,
    );

    const body = individualBody(sandbox, {}, 'HIGH_RISK_INDIVIDUAL');
    const cat = categorization('HIGH_RISK_INDIVIDUAL', {
      ENHANCED_AML_MONITORING: VALID_AML,
      TRANSACTION_LIMITS: VALID_LIMITS,
    });
    (cat.categoryFeatureRelations[1]?.parametrization[0] as { value: unknown }).value = 20000;
    const typed = await client.call('POST', REGISTER, {
      token: admin,
      body: { ...body, individualCustomer: { ...body.individualCustomer, categorization: cat } },
    });
    expect(typed.status).to.equal(400);
    expect(typed.json.data.errors).to.deep.equal([
      {
        field:
          'individualCustomer.categorization.categoryFeatureRelations[1].parametrization[0].value',
        message: 'Must be a string',
      },
    ]);
  });
});

describe('sandbox: customer session and lockout (docs/finhub-contract.md#customer-session)', () => {
  const clock = fakeClock();
  const sandbox = createSandbox({ now: clock.now });
  const client = new Client(sandbox);
  let admin: string;
  before(async () => {
    admin = await sandbox.issueAdminToken();
  });
  const sessionPath = (c: { customerId: string; userId: string }) =>
    `/customer/individual/${c.customerId}/users/${c.userId}/sessions`;

  it('needs an Authorization header (docs/finhub-contract.md#customer-session) and the tenant credentials', async () => {
    const who = await registerIndividual(client, admin);
    const noAuth = await client.call('POST', sessionPath(who), {
      body: loginBody(client, who.email),
    });
    expect(noAuth.status).to.equal(401);
    const badSecret = await client.call('POST', sessionPath(who), {
      token: admin,
      body: { ...loginBody(client, who.email), tenantSecret: 'wrong' },
    });
    expect(badSecret.status).to.equal(403);
    const missing = await client.call('POST', sessionPath(who), {
      token: admin,
      body: { username: who.email, password: 'SecurePass123!' },
    });
    expect(missing.status).to.equal(400);
    expect(missing.json.data.errors.map((e: { field: string }) => e.field)).to.deep.equal([
      'tenantKey',
      'tenantSecret',
    ]);
  });

  it('returns the session with a CONSUMER JWT valid for one hour', async () => {
    const who = await registerIndividual(client, admin);
    const reply = await client.call('POST', sessionPath(who), {
      token: admin,
      body: loginBody(client, who.email),
    });
    expect(reply.status).to.equal(200);
    const data = reply.json.data;
    expect(data).to.include({
      success: true,
      errorType: 'NONE',
      userId: who.userId,
      customerId: who.customerId,
    });
    expect(data.sessionId).to.be.a('string');
    expect(data.refreshToken).to.be.a('string');
    expect(Date.parse(data.expiresAt)).to.equal(clock.now() + 3600 * 1000);
    expect(data.sessionMetadata.clientIp).to.equal('203.0.113.7');
  });

  it('answers 404 NOT_FOUND for a user that is not the customer’s', async () => {
    const a = await registerIndividual(client, admin);
    const b = await registerIndividual(client, admin);
    const reply = await client.call(
      'POST',
      sessionPath({ customerId: a.customerId, userId: b.userId }),
      {
        token: admin,
        body: loginBody(client, b.email),
      },
    );
    expect(reply.status).to.equal(404);
    expect(reply.json.data.errorType).to.equal('NOT_FOUND');
  });

  it('counts wrong passwords, locks after 5 for 30 minutes even with the right password', async () => {
    const who = await registerIndividual(client, admin);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const reply = await client.call('POST', sessionPath(who), {
        token: admin,
        body: loginBody(client, who.email, 'WrongPass123!'),
      });
      expect(reply.status).to.equal(401);
      expect(reply.json.message).to.equal('Authentication failed');
      expect(reply.json.data).to.include({
        errorType: 'AUTHENTICATION',
        message: 'Invalid username or password',
        attempts: attempt,
        maxAttempts: 5,
        lockoutTime: null,
      });
    }
    const fifth = await client.call('POST', sessionPath(who), {
      token: admin,
      body: loginBody(client, who.email, 'WrongPass123!'),
    });
    expect(fifth.status).to.equal(401);
    expect(fifth.json.data).to.include({
      attempts: 5,
      maxAttempts: 5,
      lockoutDuration: '30 minutes',
    });
    expect(Date.parse(fifth.json.data.lockoutTime)).to.equal(clock.now());
    expect(fifth.headers.get('retry-after')).to.equal('1800');

    const right = await client.call('POST', sessionPath(who), {
      token: admin,
      body: loginBody(client, who.email),
    });
    expect(right.status).to.equal(401);
    expect(right.json.message).to.equal('Account locked');

    clock.advance(29 * 60 * 1000);
    const stillLocked = await client.call('POST', sessionPath(who), {
      token: admin,
      body: loginBody(client, who.email),
    });
    expect(stillLocked.status).to.equal(401);
    expect(stillLocked.headers.get('retry-after')).to.equal('60');

    clock.advance(60 * 1000);
    admin = await sandbox.issueAdminToken(); // the old admin token expired meanwhile
    const unlocked = await client.call('POST', sessionPath(who), {
      token: admin,
      body: loginBody(client, who.email),
    });
    expect(unlocked.status).to.equal(200);
  });

  it('a successful login resets the failure count', async () => {
    const who = await registerIndividual(client, admin);
    for (let i = 0; i < 4; i++) {
      await client.call('POST', sessionPath(who), {
        token: admin,
        body: loginBody(client, who.email, 'nope'),
      });
    }
    expect(
      (
        await client.call('POST', sessionPath(who), {
          token: admin,
          body: loginBody(client, who.email),
        })
      ).status,
    ).to.equal(200);
    const next = await client.call('POST', sessionPath(who), {
      token: admin,
      body: loginBody(client, who.email, 'nope'),
    });
    expect(next.json.data.attempts).to.equal(1);
  });
});
