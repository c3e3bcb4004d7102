/**
 * Issue 3's end-to-end walk: both flows, every step, from the browser's `src/api` client through
 * the relay to the in-memory sandbox, over real loopback HTTP on the test server (dev/stack.ts).
 * The sandbox's request journal shows what actually reached "FinHub".
 */
import { expect } from '@open-wc/testing';
import type { FinHubClientBase, FinHubClientOptions } from '../../src/api/client-base.js';
import { IndividualClient } from '../../src/api/individual-client.js';
import { OrganizationClient } from '../../src/api/organization-client.js';
import { createTokenProvider } from '../../src/api/token-provider.js';
import { resolveDeviceHints } from '../../src/api/device.js';
import { buildCategorization, pickDefaultCategory } from '../../src/api/categorization.js';
import { FinHubApiError } from '../../src/api/errors.js';
import type { DeviceHints, TokenSource } from '../../src/api/types.js';

const PASSWORD = 'Correct-Horse-42!';
const PDF = `%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`;
const PDF_BASE64 = btoa(PDF);

interface JournalEntry {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A flow's client as the element builds it (the person's unless `Client` says otherwise). */
function setup<C extends FinHubClientBase = IndividualClient>(
  Client: new (options: FinHubClientOptions) => C = IndividualClient as never,
): { client: C; tokens: TokenSource; device: DeviceHints } {
  const tokens = createTokenProvider({ tokenUrl: '/onboarding/token' });
  const device = resolveDeviceHints({ deviceId: crypto.randomUUID() }, { storage: null });
  const client = new Client({
    apiBase: '/onboarding/api',
    tenantId: () => tokens.tenantId,
    tokens,
    device,
  });
  return { client, tokens, device };
}

const unique = (label: string) => `${label}.${crypto.randomUUID().slice(0, 8)}@example.com`;

async function journal(deviceId: string): Promise<JournalEntry[]> {
  const response = await fetch(`/__sandbox/requests?deviceId=${encodeURIComponent(deviceId)}`);
  expect(response.status).to.equal(200);
  return ((await response.json()) as { requests: JournalEntry[] }).requests;
}

async function activationCode(email: string): Promise<string> {
  const response = await fetch(`/__sandbox/inbox?to=${encodeURIComponent(email)}`);
  const { messages } = (await response.json()) as { messages: { code?: string }[] };
  const code = messages[0]?.code;
  expect(code, `an activation code was emailed to ${email}`).to.be.a('string');
  return code!;
}

async function approve(verificationId: string): Promise<void> {
  const response = await fetch(`/__sandbox/verifications/${verificationId}/approve`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(response.status).to.equal(200);
}

describe('end to end through relay + sandbox: individual (B2C)', () => {
  it('walks categorization → registration → session → verification → documents → consents → activation', async () => {
    const { client, tokens, device } = setup();
    await tokens.getToken();
    expect(tokens.tenantId).to.be.a('string');

    // 1. Categorization (docs/finhub-contract.md#categorization-hierarchy): smart default, every
    // mandatory key filled from allowedValues.
    const hierarchy = await client.getCategorizationHierarchy();
    const category = pickDefaultCategory(hierarchy, 'individual')!;
    expect(category, 'a default individual category').to.exist;
    const { customerCategory, categorization } = buildCategorization(hierarchy, category.key);

    // 2. Registration (docs/finhub-contract.md#individual-registration, #registration-body).
    const email = unique('marcus');
    const registered = await client.registerIndividual({
      firstName: 'Marcus',
      lastName: 'Jensen',
      email,
      phone: '+37062767557',
      password: PASSWORD,
      dateOfBirth: '1990-05-15',
      gender: 'MALE',
      nationality: 'LT',
      placeOfBirth: 'Vilnius',
      address: { street: 'Gedimino pr. 1', city: 'Vilnius', postalCode: '01103', country: 'LT' },
      customerCategory,
      categorization,
    });
    expect(registered.customerId).to.be.a('string');
    expect(registered.userId).to.be.a('string');

    // 3. Session: the relay adds tenant credentials; the browser never sees the session token.
    const session = await client.createCustomerSession(registered.customerId, registered.userId, {
      username: email,
      password: PASSWORD,
    });
    expect(session.sessionId).to.be.a('string');
    expect(JSON.stringify(session)).not.to.match(/eyJ/);

    // 4. Verification (docs/finhub-contract.md#individual-verification) with its required
    // documents.
    const verification = await client.createIndividualVerification(registered.customerId, {
      verificationType: 'STANDARD',
    });
    expect(verification.verificationId).to.be.a('string');
    expect(verification.requiredDocuments.length).to.be.greaterThan(0);

    // Before documents and consents, activation is not allowed
    // (docs/finhub-contract.md#readiness-check).
    const early = await client.checkIndividualActivation(registered.customerId, tokens.tenantId!);
    expect(early.allowed).to.equal(false);

    // 5. Documents (docs/finhub-contract.md#document-upload): one per required type.
    for (const required of verification.requiredDocuments) {
      const documentType = required === 'GOVERNMENT_ID' ? 'PASSPORT' : required;
      const uploaded = await client.uploadVerificationDocument(verification.verificationId, {
        documentType,
        mimeType: 'application/pdf',
        fileName: `${documentType.toLowerCase()}.pdf`,
        fileContent: PDF_BASE64,
        customerId: registered.customerId,
      });
      expect(uploaded.documentId).to.be.a('string');
    }

    // 6. Consents (docs/finhub-contract.md#consents), in the documented order.
    for (const type of ['terms', 'privacy', 'data-processing'] as const) {
      await client.acceptIndividualConsent(registered.customerId, type, { version: '1.0' });
    }

    // KYC approval is FinHub's (admin) side; the sandbox control stands in for it.
    await approve(verification.verificationId);
    const ready = await client.checkIndividualActivation(registered.customerId, tokens.tenantId!);
    expect(ready.allowed).to.equal(true);

    // 7. Activation (docs/finhub-contract.md#individual-activation) with the code from the dev
    // inbox.
    const activated = await client.activateIndividual(registered.customerId, {
      userId: email,
      code: await activationCode(email),
    });
    expect(activated.iban).to.match(/^[A-Z]{2}\d{2}/);

    // What reached FinHub: the relay's X-Forwarded-For, tenant secret only on sign-in,
    // our device headers on every call, and never the browser's own token.
    const seen = await journal(device.deviceId);
    const paths = seen.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ':id')}`);
    expect(paths).to.include.members([
      'POST /api/v2.1/customer/individual/registration',
      'POST /api/v2.1/customer/individual/:id/users/:id/sessions',
      'POST /api/v2.1/customer/individual/:id/verification',
      'POST /api/v2.1/customer/individual/:id/consents/terms',
      'POST /api/v2.1/customer/individual/:id/activation',
    ]);
    for (const request of seen) {
      expect(request.headers['x-forwarded-for'], request.path).to.match(/^(127\.0\.0\.1|::1)$/);
      expect(request.headers['deviceid']).to.equal(device.deviceId);
      expect(request.headers['platform']).to.equal('web');
      expect(request.headers['x-forwarded-from']).to.equal('web-app');
    }
    const signIn = seen.find((r) => r.path.endsWith('/sessions'))!;
    expect(signIn.body).to.include({ username: email });
    // The relay injected the configured tenant secret; the journal only says that it matched.
    expect(signIn.body).to.include({
      tenantSecret: '<tenantSecret:matches>',
      password: '<redacted>',
    });
    expect(JSON.stringify(seen)).not.to.contain(PASSWORD);
  });

  it('refuses a second registration of the same email with duplicate_email', async () => {
    const first = setup();
    const hierarchy = await first.client.getCategorizationHierarchy();
    const { customerCategory } = buildCategorization(
      hierarchy,
      pickDefaultCategory(hierarchy, 'individual')!.key,
    );
    const email = unique('twice');
    const body = {
      firstName: 'Ada',
      lastName: 'Byron',
      email,
      phone: '+37060000001',
      password: PASSWORD,
      dateOfBirth: '1985-12-10',
      gender: 'FEMALE' as const,
      nationality: 'GB',
      address: { street: '1 High St', city: 'London', postalCode: 'N1 9GU', country: 'GB' },
      customerCategory,
    };
    await first.client.registerIndividual(body);
    const second = setup();
    const error = await second.client.registerIndividual(body).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(FinHubApiError);
    expect((error as FinHubApiError).code).to.equal('duplicate_email');
  });
});

describe('end to end through relay + sandbox: organization (B2B)', () => {
  it('walks categorization → registration → personnel → session → KYB → documents → consents → activation', async () => {
    const { client, tokens, device } = setup(OrganizationClient);
    await tokens.getToken();
    const hierarchy = await client.getCategorizationHierarchy();
    const category = pickDefaultCategory(hierarchy, 'organization')!;
    expect(category.name).to.match(/business|organi[sz]ation|b2b/i);
    const { customerCategory, categorization } = buildCategorization(hierarchy, category.key);

    const email = unique('admin');
    const registered = await client.registerOrganization({
      email,
      password: PASSWORD,
      customerCategory,
      categorization,
      organization: {
        legalName: 'Acme Analytics UAB',
        tradingName: 'Acme',
        registrationNumber: `REG-${Date.now()}`,
        taxId: 'LT100001234567',
        incorporationDate: '2015-03-20',
        legalForm: 'LIMITED_LIABILITY_COMPANY',
        industry: 'TECHNOLOGY',
        businessDescription: 'Analytics software',
        website: 'https://acme.example',
        phone: '+37060012345',
        address: {
          street: 'Konstitucijos pr. 7',
          city: 'Vilnius',
          postalCode: '09308',
          country: 'LT',
        },
      },
    });
    const orgId = registered.organizationId;
    expect(orgId).to.be.a('string');
    expect(registered.adminUserId).to.be.a('string');
    const adminUser = registered.adminUserId!;

    // Personnel (docs/finhub-contract.md#employees, #directors, #shareholders): first employee with
    // ADMIN_USER, a director, shareholders at 100%.
    const employee = await client.addEmployee(orgId, {
      person: { firstName: 'Jane', lastName: 'Admin', email: unique('jane'), nationality: 'LT' },
      position: 'COMPLIANCE_OFFICER',
      roles: ['ADMIN_USER', 'COMPLIANCE_OFFICER'],
    });
    expect(employee.userId).to.be.a('string');
    await client.addDirector(orgId, {
      firstName: 'Rita',
      lastName: 'Director',
      email: unique('rita'),
      role: 'MANAGING_DIRECTOR',
      nationality: 'LT',
    });
    const directors = await client.listDirectors(orgId);
    expect(directors).to.have.length(1);
    await client.addShareholder(orgId, {
      type: 'INDIVIDUAL',
      firstName: 'Rita',
      lastName: 'Director',
      ownershipPercentage: 60,
      isBeneficialOwner: true,
      isPEP: false,
    });
    await client.addShareholder(orgId, {
      type: 'CORPORATE',
      companyName: 'Holdco Ltd',
      ownershipPercentage: 40,
      isBeneficialOwner: true,
      isPEP: false,
    });

    // Org-user session for the admin user (docs/finhub-contract.md#organization-user-session).
    const session = await client.createOrganizationUserSession(orgId, adminUser, {
      username: email,
      password: PASSWORD,
    });
    expect(session.sessionId).to.be.a('string');

    // KYB (docs/finhub-contract.md#kyb-verification) with the acting user's context.
    const userContext = { userId: adminUser, roles: ['ADMIN_USER'] };
    const kyb = await client.verifyOrganization(
      orgId,
      { requestedByUserId: adminUser },
      { userContext },
    );
    expect(kyb.verificationId).to.be.a('string');
    const required = kyb.requiredDocuments.length
      ? kyb.requiredDocuments
      : ['CERTIFICATE_OF_INCORPORATION'];
    for (const documentType of required) {
      await client.uploadVerificationDocument(kyb.verificationId, {
        documentType,
        mimeType: 'application/pdf',
        fileName: `${documentType.toLowerCase()}.pdf`,
        fileContent: PDF_BASE64,
        organizationId: orgId,
      });
    }
    for (const type of ['terms', 'privacy', 'data-processing'] as const) {
      await client.acceptOrganizationConsent(orgId, type, { version: '1.0' });
    }
    await approve(kyb.verificationId);

    const activation = await client.activateOrganization(
      orgId,
      { userId: adminUser, activationCode: await activationCode(email) },
      { userContext },
    );
    expect(activation.status).to.match(/ACTIVATING|ACTIVE/);

    const seen = await journal(device.deviceId);
    const verify = seen.find((r) => r.path.endsWith('/verify'))!;
    expect(verify.headers['x-user-id']).to.equal(adminUser);
    expect(verify.headers['x-user-roles']).to.equal('ADMIN_USER');
    const activate = seen.find((r) => r.path.endsWith(`/${orgId}/activation`))!;
    expect(activate.headers['x-user-id']).to.equal(adminUser);
  });
});
