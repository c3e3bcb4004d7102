import { expect } from '@open-wc/testing';
import { createSandbox } from '../../sandbox/index.js';
import { category, Client, documentBody, fakeClock, loginBody, uniqueEmail } from './helpers.js';
import {
  employeeBody,
  organizationBody,
  registerOrganization,
  type RegisteredOrganization,
} from './org-helpers.js';

const ORG_REGISTER = '/customer/organization/registration';
const ADMIN_USER_MESSAGE =
  "Missing required role 'ADMIN_USER' for BUSINESS_TYPE_CLIENT_TO_TENANT organization. At least one employee must have this role.";

describe('sandbox: organization registration (docs/finhub-contract.md#organization-registration)', () => {
  const sandbox = createSandbox();
  const client = new Client(sandbox);

  it('validates legal name, registration number, email, password and address by field', async () => {
    const admin = await client.adminToken();
    const body = organizationBody({ email: 'not-an-email', matchingPassword: 'other' });
    body.organizationCustomer.organization = {
      ...body.organizationCustomer.organization,
      legalName: '',
      registrationNumber: '#',
      addresses: [],
    };
    const reply = await client.call('POST', ORG_REGISTER, { token: admin, body });
    expect(reply.status).to.equal(400);
    const fields = Object.fromEntries(
      (reply.json.data.errors as { field: string; message: string }[]).map((e) => [
        e.field,
        e.message,
      ]),
    );
    expect(fields).to.deep.equal({
      email: 'Must be a valid email address',
      matchingPassword: 'Password and matching password must be identical',
      'organizationCustomer.organization.legalName': 'Field is required',
      'organizationCustomer.organization.registrationNumber':
        'Must be 2-40 letters, digits, spaces or . / -',
      'organizationCustomer.organization.addresses': 'At least one address is required',
    });
    const weak = await client.call('POST', ORG_REGISTER, {
      token: admin,
      body: organizationBody({ password: 'password', matchingPassword: 'password' }),
    });
    expect(weak.json.data.errors[0].field).to.equal('password');
    const personal = await client.call('POST', ORG_REGISTER, {
      token: admin,
      body: organizationBody({
        customerCategory: { id: category('LOW_RISK_INDIVIDUAL').databaseId },
      }),
    });
    expect(personal.json.data.errors[0]).to.deep.equal({
      field: 'customerCategory.id',
      message: 'Category LOW_RISK_INDIVIDUAL is for individual customers',
    });
  });

  it('registers, emails a code, and refuses the same email again with 409', async () => {
    const admin = await client.adminToken();
    const body = organizationBody();
    const reply = await client.call('POST', ORG_REGISTER, { token: admin, body });
    expect(reply.status).to.equal(200);
    const data = reply.json.data;
    expect(data.id).to.equal(data.organizationId);
    expect(data).to.include({
      organization: true,
      individual: false,
      status: 'PENDING_ACTIVATION',
    });
    expect(data.user).to.include({ email: body.email });
    expect(sandbox.inbox(body.email)[0]?.code).to.match(/^ACT-/);
    const again = await client.call('POST', ORG_REGISTER, {
      token: admin,
      body: organizationBody({ email: body.email }),
    });
    expect(again.status).to.equal(409);
  });
});

describe('sandbox: organization personnel (docs/finhub-contract.md#employees, #directors, #shareholders)', () => {
  const sandbox = createSandbox();
  const client = new Client(sandbox);
  let admin: string;
  let org: RegisteredOrganization;
  beforeEach(async () => {
    admin = await client.adminToken();
    org = await registerOrganization(client, admin);
  });
  const p = (suffix: string) => `/customer/organization/${org.organizationId}${suffix}`;

  it('requires ADMIN_USER on the first employee, not on later ones', async () => {
    const first = await client.call('POST', p('/employee'), {
      token: admin,
      body: employeeBody(['COMPLIANCE_OFFICER']),
    });
    expect(first.status).to.equal(400);
    expect(first.json.message).to.equal(ADMIN_USER_MESSAGE);
    const admins = await client.call('POST', p('/employee'), {
      token: admin,
      body: employeeBody(['ADMIN_USER', 'EMPLOYEE']),
    });
    expect(admins.status).to.equal(200);
    expect(admins.json.message).to.equal('Employee added successfully with role validation');
    expect(admins.json.data.individual.userId).to.match(/^[0-9a-f-]{36}$/);
    expect(admins.json.data.individual.email).to.match(/^employee\./);
    const second = await client.call('POST', p('/employee'), {
      token: admin,
      body: employeeBody(['COMPLIANCE_OFFICER']),
    });
    expect(second.status).to.equal(200);
    const unknownRole = await client.call('POST', p('/employee'), {
      token: admin,
      body: employeeBody(['BOSS']),
    });
    expect(unknownRole.json.data.errors[0].field).to.equal('roles[0]');
  });

  it('adds directors in both body shapes and lists them in the older envelope', async () => {
    const nested = await client.call('POST', p('/director'), {
      token: admin,
      body: {
        person: {
          firstName: 'Ada',
          lastName: 'Director',
          email: uniqueEmail('ada'),
          dateOfBirth: '1980-01-01',
          nationality: 'GB',
        },
        role: 'MANAGING_DIRECTOR',
      },
    });
    expect(nested.status).to.equal(200);
    const flat = await client.call('POST', p('/director'), {
      token: admin,
      body: {
        tenantId: sandbox.credentials.tenantId,
        organizationId: org.organizationId,
        email: uniqueEmail('flat'),
        firstName: 'Fred',
        lastName: 'Flat',
        nationality: 'GB',
        directorType: 'NON_EXECUTIVE',
        appointmentDate: '2020-01-15',
      },
    });
    expect(flat.status).to.equal(200);
    const badNested = await client.call('POST', p('/director'), {
      token: admin,
      body: { person: { firstName: 'X' }, role: 'CEO' },
    });
    expect(badNested.json.data.errors.map((e: { field: string }) => e.field)).to.deep.equal([
      'person.lastName',
      'person.email',
    ]);
    const badNationality = await client.call('POST', p('/director'), {
      token: admin,
      body: { firstName: 'A', lastName: 'B', email: uniqueEmail(), nationality: 'Britain' },
    });
    expect(badNationality.json.data.errors[0].field).to.equal('nationality');

    const list = await client.call('GET', p('/directors'), { token: admin });
    expect(list.json.success).to.equal(true);
    expect(list.json.code).to.equal(undefined);
    const directors = list.json.data.directors;
    expect(directors.map((d: { role: string }) => d.role)).to.deep.equal([
      'MANAGING_DIRECTOR',
      'NON_EXECUTIVE',
    ]);
    expect(directors[1]).to.include({
      firstName: 'Fred',
      appointedDate: '2020-01-15',
      status: 'ACTIVE',
    });
  });

  it('validates shareholders and refuses a running total over 100%', async () => {
    const add = (body: Record<string, unknown>) =>
      client.call('POST', p('/shareholders'), { token: admin, body });
    const noName = await add({ type: 'CORPORATE', ownershipPercentage: 10 });
    expect(noName.json.data.errors[0].field).to.equal('companyName');
    const zero = await add({
      type: 'INDIVIDUAL',
      firstName: 'A',
      lastName: 'B',
      ownershipPercentage: 0,
    });
    expect(zero.json.data.errors[0].field).to.equal('ownershipPercentage');
    const first = await add({
      type: 'INDIVIDUAL',
      firstName: 'Ann',
      lastName: 'Owner',
      ownershipPercentage: 60,
      isPEP: false,
    });
    expect(first.status).to.equal(200);
    expect(first.json).to.deep.include({ success: true });
    expect(first.json.data).to.include({ status: 'PENDING_VERIFICATION', isBeneficialOwner: true });
    expect(first.json.data.shareholderId).to.be.a('string');
    const over = await add({
      type: 'CORPORATE',
      companyName: 'Holdco Ltd',
      ownershipPercentage: 50,
    });
    expect(over.status).to.equal(400);
    expect(over.json.message).to.equal('Total shareholder ownership cannot exceed 100%');
    expect(over.json.data).to.include({ currentTotal: 60, requested: 50, remaining: 40 });
    const exact = await add({
      type: 'CORPORATE',
      companyName: 'Holdco Ltd',
      ownershipPercentage: 40,
    });
    expect(exact.json.data.totalOwnership).to.equal(100);
  });

  it('requires X-User-ID and X-User-Roles on /verify (docs/finhub-contract.md#kyb-verification) and returns a KYB verification', async () => {
    const none = await client.call('POST', p('/verify'), { token: admin, body: {} });
    expect(none.status).to.equal(400);
    expect(none.json.message).to.equal('Missing required header(s): X-User-ID, X-User-Roles');
    const half = await client.call('POST', p('/verify'), {
      token: admin,
      body: {},
      headers: { 'X-User-ID': org.userId },
    });
    expect(half.json.data.missingHeaders).to.deep.equal(['X-User-Roles']);
    const ok = await client.call('POST', p('/verify'), {
      token: admin,
      headers: { 'X-User-ID': org.userId, 'X-User-Roles': 'ADMIN_USER' },
      body: {
        customerId: org.organizationId,
        type: 'BUSINESS_VERIFICATION',
        requestedLevel: 'TENANT_VERIFIED',
        notes: 'Business Verification',
      },
    });
    expect(ok.status).to.equal(200);
    expect(ok.json.data).to.include({ status: 'PENDING', verificationType: 'KYB' });
    expect(ok.json.data.requiredDocuments).to.deep.equal([
      'CERTIFICATE_OF_INCORPORATION',
      'ARTICLES_OF_ASSOCIATION',
      'PROOF_OF_ADDRESS',
    ]);
  });

  it('signs org users in with the docs/finhub-contract.md#customer-session rules (docs/finhub-contract.md#organization-user-session) and scopes their token to the organization', async () => {
    const path = p(`/users/${org.userId}/sessions`);
    const login = await client.call('POST', path, {
      token: admin,
      body: loginBody(client, org.email),
    });
    expect(login.status).to.equal(200);
    expect(login.json.data.organizationId).to.equal(org.organizationId);
    const token = login.json.data.token as string;
    const other = await registerOrganization(client, admin);
    expect(
      (
        await client.call('GET', `/customer/organization/${other.organizationId}/directors`, {
          token,
        })
      ).status,
    ).to.equal(403);
    expect((await client.call('GET', p('/directors'), { token })).status).to.equal(200);
    for (let i = 0; i < 5; i++) {
      await client.call('POST', path, {
        token: admin,
        body: loginBody(client, org.email, 'WrongPass123!'),
      });
    }
    const locked = await client.call('POST', path, {
      token: admin,
      body: loginBody(client, org.email),
    });
    expect(locked.status).to.equal(401);
    expect(locked.json.data.lockoutDuration).to.equal('30 minutes');
  });
});

describe('sandbox: organization activation (docs/finhub-contract.md#organization-activation)', () => {
  const clock = fakeClock();
  const sandbox = createSandbox({
    verificationDelayMs: 1000,
    walletProvisioningDelayMs: 1500,
    now: clock.now,
  });
  const client = new Client(sandbox);

  async function prepared(
    options: { director?: boolean; shares?: number[]; consents?: number } = {},
  ) {
    const admin = await sandbox.issueAdminToken();
    const org = await registerOrganization(client, admin);
    const p = (s: string) => `/customer/organization/${org.organizationId}${s}`;
    const userHeaders = {
      'X-User-ID': org.userId,
      'X-User-Roles': 'ADMIN_USER,COMPLIANCE_OFFICER',
    };
    const employee = await client.call('POST', p('/employee'), {
      token: admin,
      body: employeeBody(['ADMIN_USER']),
    });
    if (options.director ?? true) {
      await client.call('POST', p('/director'), {
        token: admin,
        body: {
          person: { firstName: 'Ada', lastName: 'Director', email: uniqueEmail() },
          role: 'CEO',
        },
      });
    }
    for (const pct of options.shares ?? [100]) {
      await client.call('POST', p('/shareholders'), {
        token: admin,
        body: { type: 'INDIVIDUAL', firstName: 'Ann', lastName: 'Owner', ownershipPercentage: pct },
      });
    }
    const kyb = await client.call('POST', p('/verify'), {
      token: admin,
      headers: userHeaders,
      body: {},
    });
    const vid = kyb.json.data.verificationId;
    for (const type of [
      'CERTIFICATE_OF_INCORPORATION',
      'ARTICLES_OF_ASSOCIATION',
      'PROOF_OF_REGISTERED_ADDRESS',
    ]) {
      await client.call('POST', `/verifications/${vid}/documents`, {
        token: admin,
        body: { ...documentBody(type), organizationId: org.organizationId },
      });
    }
    for (const type of ['terms', 'privacy', 'data-processing'].slice(0, options.consents ?? 3)) {
      await client.call('POST', p(`/consents/${type}`), {
        token: admin,
        body: { accepted: true, version: '1.0' },
      });
    }
    clock.advance(1000);
    const code = sandbox.inbox(org.email)[0]?.code ?? '';
    const activate = (
      body: unknown = {
        activationReason: 'Onboarding complete',
        additionalInfo: { userId: org.userId, activationCode: code },
      },
      headers: Record<string, string> = userHeaders,
    ) => client.call('POST', p('/activation'), { token: admin, headers, body });
    return {
      admin,
      org,
      p,
      activate,
      code,
      employeeUserId: employee.json.data.individual.userId as string,
    };
  }

  it('refuses without a director, naming it (422)', async () => {
    const { activate } = await prepared({ director: false });
    const reply = await activate();
    expect(reply.status).to.equal(422);
    expect(reply.json.message).to.contain('At least one director is required');
    expect(reply.json.data.failedChecks).to.deep.equal([
      { check: 'DIRECTORS', message: 'At least one director is required' },
    ]);
  });

  it('refuses when shareholders total 90%', async () => {
    const { activate } = await prepared({ shares: [50, 40] });
    const reply = await activate();
    expect(reply.status).to.equal(422);
    expect(reply.json.data.failedChecks).to.deep.equal([
      {
        check: 'SHAREHOLDERS',
        message: 'Shareholder ownership must total exactly 100% (currently 90%)',
      },
    ]);
  });

  it('refuses with a consent missing and before KYB approval', async () => {
    const { activate, org, p, admin } = await prepared({ consents: 2 });
    const reply = await activate();
    expect(reply.json.data.failedChecks.map((c: { check: string }) => c.check)).to.deep.equal([
      'CONSENTS',
    ]);
    const readiness = await client.call('GET', p('/activation/readiness'), { token: admin });
    expect(readiness.json.data.missingConsents).to.deep.equal(['DATA_PROCESSING']);
    sandbox.setVerificationOutcome(
      readiness.json.data.verificationId,
      'REJECTED',
      'Unclear ownership',
    );
    const rejected = await activate();
    expect(rejected.json.message).to.contain('KYB verification is REJECTED (Unclear ownership)');
    expect(org.organizationId).to.be.a('string');
  });

  it('needs X-User-ID/X-User-Roles, an allowed role, and a user of the organization', async () => {
    const { activate, code, org, employeeUserId } = await prepared();
    const body = { additionalInfo: { activationCode: code } };
    const none = await activate(body, {});
    expect(none.status).to.equal(400);
    expect(none.json.message).to.equal('Missing required header(s): X-User-ID, X-User-Roles');
    const role = await activate(body, { 'X-User-ID': org.userId, 'X-User-Roles': 'EMPLOYEE' });
    expect(role.status).to.equal(403);
    const stranger = await activate(body, {
      'X-User-ID': crypto.randomUUID(),
      'X-User-Roles': 'ADMIN_USER',
    });
    expect(stranger.status).to.equal(403);
    const noCode = await activate(
      { additionalInfo: {} },
      { 'X-User-ID': employeeUserId, 'X-User-Roles': 'COMPLIANCE_OFFICER' },
    );
    expect(noCode.status).to.equal(400);
    expect(noCode.json.data.errors[0].field).to.equal('additionalInfo.activationCode');
    const wrongCode = await activate({ additionalInfo: { activationCode: 'ACT-XXXXXX' } });
    expect(wrongCode.status).to.equal(400);
    expect(wrongCode.json.message).to.equal('Invalid activation code');
  });

  it('activates: ACTIVATING, then ACTIVE with wallet and IBAN on the wallet-status poll path', async () => {
    const { activate, p, admin } = await prepared();
    const reply = await activate();
    expect(reply.status).to.equal(200);
    const activation = reply.json.data.activation;
    expect(activation).to.include({
      status: 'ACTIVATING',
      message: 'Organization activated. Wallet provisioning in progress.',
    });
    expect(activation.warnings[0]).to.contain(`${p('')}/wallet-status`);
    const poll = async () =>
      (await client.call('GET', p('/wallet-status'), { token: admin })).json.data;
    expect(await poll()).to.include({
      status: 'ACTIVATING',
      walletStatus: 'PROVISIONING',
      wallet: null,
    });
    clock.advance(1500);
    const active = await poll();
    expect(active).to.include({ status: 'ACTIVE', walletStatus: 'ACTIVE' });
    expect(active.wallet).to.include({ currency: 'EUR', status: 'ACTIVE', iban: active.iban });
    expect(active.iban).to.match(/^LT\d{18}$/);
    const twice = await activate();
    expect(twice.status).to.equal(409);
  });
});
