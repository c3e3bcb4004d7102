import { expect } from '@open-wc/testing';
import {
  CategorizationHierarchySchema,
  type CategorizationHierarchy,
} from '../../src/api/hierarchy-schema.js';
import { createSandbox } from '../../sandbox/index.js';
import { ibanIsValid } from '../../sandbox/ids.js';
import { Client, documentBody, loginBody, PASSWORD, uniqueEmail } from './helpers.js';
import { employeeBody, organizationBody } from './org-helpers.js';

/** A value per mandatory key, read from the hierarchy (middle of a range, first allowed value). */
function categorizationFrom(hierarchy: CategorizationHierarchy, code: string) {
  const category = hierarchy.categories[code];
  if (!category) throw new Error(code);
  const features = (category.availableFeatures ?? []).map(
    (f) => hierarchy.features?.[typeof f === 'string' ? f : f.featureCode],
  );
  return {
    id: category.databaseId,
    name: category.categoryName,
    isActive: true,
    categoryFeatureRelations: features.map((feature) => ({
      feature: { id: feature?.databaseId, code: feature?.featureCode },
      enabled: true,
      parametrization: (feature?.mandatoryKeys ?? []).map((key) => {
        const allowed = feature?.allowedValues?.[key] ?? [];
        const range = /^(\d+)-(\d+)$/.exec(allowed[0] ?? '');
        const value = range
          ? String(Math.round((Number(range[1]) + Number(range[2])) / 2))
          : allowed.includes('false')
            ? 'false'
            : allowed[0];
        return { name: key, value };
      }),
    })),
  };
}

const waitFor = async <T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 3000,
): Promise<T> => {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || performance.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 15));
  }
};

describe('sandbox: full individual onboarding walk', () => {
  it('categorization → registration → session → verification → documents → consents → activation', async () => {
    const sandbox = createSandbox({ verificationDelayMs: 50 });
    const client = new Client(sandbox);
    const tenant = sandbox.credentials.tenantId;
    const admin = await client.adminToken();

    const h = await client.call('GET', `/customer/individual/categorization/hierarchy/${tenant}`, {
      token: admin,
    });
    const hierarchy = CategorizationHierarchySchema.parse(h.json.data);
    const code = 'HIGH_RISK_INDIVIDUAL';
    const cat = categorizationFrom(hierarchy, code);

    const email = uniqueEmail('walk');
    const person = {
      firstName: 'Lina',
      lastName: 'Petraitė',
      email,
      dateOfBirth: '1988-11-02',
      gender: 'FEMALE',
      nationality: 'LT',
    };
    const reg = await client.call('POST', '/customer/individual/registration', {
      token: admin,
      body: {
        ...person,
        phone: '+37061234567',
        password: PASSWORD,
        matchingPassword: PASSWORD,
        placeOfBirth: 'Kaunas',
        pincode: '44280',
        roleIds: ['ACCOUNT_OWNER', 'USER'],
        customerCategory: { id: cat.id, name: cat.name },
        individualCustomer: {
          tenantId: tenant,
          customerName: 'Lina Petraitė',
          person: {
            ...person,
            addresses: [
              {
                type: 'HOME',
                street: 'Laisvės al. 1',
                city: 'Kaunas',
                postalCode: '44280',
                country: 'LT',
                isPrimary: true,
              },
            ],
          },
          user: {
            username: email,
            email,
            password: PASSWORD,
            status: 'PENDING_ACTIVATION',
            roles: ['ACCOUNT_OWNER', 'USER'],
          },
          categorization: cat,
        },
      },
    });
    expect(reg.status, JSON.stringify(reg.json)).to.equal(200);
    const customerId = reg.json.data.id as string;
    const userId = reg.json.data.user.id as string;

    const session = await client.call(
      'POST',
      `/customer/individual/${customerId}/users/${userId}/sessions`,
      {
        token: admin,
        body: loginBody(client, email),
      },
    );
    const token = session.json.data.token as string;

    const v = await client.call('POST', `/customer/individual/${customerId}/verification`, {
      token,
      body: { verificationType: 'ENHANCED', verificationData: { documentType: 'PASSPORT' } },
    });
    expect(v.json.data.requiredDocuments).to.deep.equal([
      'GOVERNMENT_ID',
      'PROOF_OF_ADDRESS',
      'SOURCE_OF_FUNDS',
    ]);
    const vid = v.json.data.verificationId as string;
    for (const [type, mime] of [
      ['PASSPORT', 'image/jpeg'],
      ['UTILITY_BILL', 'application/pdf'],
      ['BANK_STATEMENT', 'application/pdf'],
    ] as const) {
      const up = await client.call('POST', `/verifications/${vid}/documents`, {
        token,
        body: { verificationId: vid, customerId, ...documentBody(type, mime) },
      });
      expect(up.status).to.equal(200);
      expect(up.json.data.documentType).to.equal(`DT_${type}`);
    }
    for (const type of ['terms', 'privacy', 'data-processing']) {
      const c = await client.call('POST', `/customer/individual/${customerId}/consents/${type}`, {
        token,
        body: { accepted: true, version: '1.0', acceptanceTimestamp: new Date().toISOString() },
      });
      expect(c.json.data.status).to.equal('ACCEPTED');
    }
    const check = await waitFor(
      async () =>
        (
          await client.call(
            'GET',
            `/customer/individual/${customerId}/owner/${tenant}/activation/check`,
            { token },
          )
        ).json.data,
      (d) => d.activationAllowed === true,
    );
    expect(check).to.include({
      activationAllowed: true,
      riskLevel: 'HIGH',
      verificationLevel: 'POWER_TENANT_VERIFIED',
    });

    const inbox = await (
      await sandbox.control(
        new Request(`http://localhost/__sandbox/inbox?to=${encodeURIComponent(email)}`),
      )
    ).json();
    const activation = await client.call('POST', `/customer/individual/${customerId}/activation`, {
      token,
      body: { userId: email, code: inbox.messages[0].code },
    });
    expect(activation.status).to.equal(200);
    expect(activation.json.data.activationStatus).to.equal('ACTIVATED');
    expect(ibanIsValid(activation.json.data.iban)).to.equal(true);
  });
});

describe('sandbox: full organization onboarding walk', () => {
  it('categorization → registration → personnel → session → KYB → documents → consents → activation → wallet', async () => {
    const sandbox = createSandbox({ verificationDelayMs: 50, walletProvisioningDelayMs: 50 });
    const client = new Client(sandbox);
    const tenant = sandbox.credentials.tenantId;
    const admin = await client.adminToken();

    const h = await client.call('GET', `/customer/individual/categorization/hierarchy/${tenant}`, {
      token: admin,
    });
    const hierarchy = CategorizationHierarchySchema.parse(h.json.data);
    const businessCodes = Object.values(hierarchy.categories)
      .filter((c) => /BUSINESS|ORGANIZATION|B2B/i.test(c.categoryName))
      .map((c) => c.categoryId);
    expect(businessCodes).to.deep.equal([
      'LOW_RISK_BUSINESS',
      'MEDIUM_RISK_BUSINESS',
      'HIGH_RISK_BUSINESS',
    ]);
    const cat = categorizationFrom(hierarchy, 'MEDIUM_RISK_BUSINESS');

    const body = organizationBody(
      { customerCategory: { id: cat.id, name: cat.name } },
      'MEDIUM_RISK_BUSINESS',
    );
    const reg = await client.call('POST', '/customer/organization/registration', {
      token: admin,
      body: {
        ...body,
        organizationCustomer: { ...body.organizationCustomer, categorization: cat },
      },
    });
    expect(reg.status, JSON.stringify(reg.json)).to.equal(200);
    const orgId = reg.json.data.organizationId as string;
    const ownerId = reg.json.data.user.id as string;
    const p = (s: string) => `/customer/organization/${orgId}${s}`;

    const session = await client.call('POST', p(`/users/${ownerId}/sessions`), {
      token: admin,
      body: loginBody(client, body.email),
    });
    const token = session.json.data.token as string;
    expect(session.status).to.equal(200);

    const employee = await client.call('POST', p('/employee'), {
      token,
      body: employeeBody(['ADMIN_USER', 'COMPLIANCE_OFFICER']),
    });
    expect(employee.status).to.equal(200);
    const director = await client.call('POST', p('/director'), {
      token,
      body: {
        person: {
          firstName: 'Ada',
          lastName: 'Director',
          email: uniqueEmail('ada'),
          nationality: 'LT',
        },
        role: 'MANAGING_DIRECTOR',
      },
    });
    expect(director.status).to.equal(200);
    for (const holder of [
      { type: 'INDIVIDUAL', firstName: 'Ann', lastName: 'Owner', ownershipPercentage: 66.67 },
      { type: 'CORPORATE', companyName: 'Holdco Ltd', ownershipPercentage: 33.33 },
    ]) {
      expect(
        (await client.call('POST', p('/shareholders'), { token, body: holder })).json.success,
      ).to.equal(true);
    }
    expect(
      (await client.call('GET', p('/directors'), { token })).json.data.directors,
    ).to.have.length(1);

    const userHeaders = {
      'X-User-ID': employee.json.data.individual.userId,
      'X-User-Roles': 'ADMIN_USER,COMPLIANCE_OFFICER',
    };
    const kyb = await client.call('POST', p('/verify'), {
      token,
      headers: userHeaders,
      body: {
        customerId: orgId,
        type: 'BUSINESS_VERIFICATION',
        requestedLevel: 'TENANT_VERIFIED',
        requestedByTenantId: tenant,
      },
    });
    const vid = kyb.json.data.verificationId as string;
    for (const type of kyb.json.data.requiredDocuments as string[]) {
      const up = await client.call('POST', `/verifications/${vid}/documents`, {
        token,
        body: { verificationId: vid, organizationId: orgId, ...documentBody(type) },
      });
      expect(up.status).to.equal(200);
    }
    for (const type of ['terms', 'privacy', 'data-processing']) {
      await client.call('POST', p(`/consents/${type}`), {
        token,
        body: { accepted: true, version: '1.0' },
      });
    }
    const ready = await waitFor(
      async () => (await client.call('GET', p('/activation/readiness'), { token })).json.data,
      (d) => d.activationAllowed === true,
    );
    expect(ready.activationAllowed).to.equal(true);

    const code = sandbox.inbox(body.email)[0]?.code;
    const activation = await client.call('POST', p('/activation'), {
      token,
      headers: userHeaders,
      body: {
        activationReason: 'Onboarding complete',
        additionalInfo: { userId: ownerId, activationCode: code },
      },
    });
    expect(activation.status).to.equal(200);
    expect(activation.json.data.activation.status).to.equal('ACTIVATING');
    const wallet = await waitFor(
      async () => (await client.call('GET', p('/wallet-status'), { token })).json.data,
      (d) => d.status === 'ACTIVE',
    );
    expect(wallet.status).to.equal('ACTIVE');
    expect(ibanIsValid(wallet.iban)).to.equal(true);
  });
});
