/**
 * The flows' API clients (IndividualClient, OrganizationClient and what both share), one block
 * per endpoint: the request it sends (method, exact path, headers, JSON
 * body) and what it makes of responses shaped like FinHub's documented examples (both envelopes:
 * docs/finhub-contract.md#envelopes).
 */
import { expect } from '@open-wc/testing';
import type { UserContext } from '../../src/api/client.js';
import type { RegisterIndividualRequest } from '../../src/api/individual-client.js';
import type { RegisterOrganizationRequest } from '../../src/api/organization-client.js';
import {
  TENANT,
  json,
  makeClient,
  makeOrganizationClient,
  sent,
  rejection,
} from './client-fakes.js';

const IND = '/onboarding/api/v2.1/customer/individual';
const ORG = '/onboarding/api/v2.1/customer/organization';
const CUSTOMER = '2dac1793-ab48-420c-b0b5-01292302e188';
const USER = '6f1c2e0a-9b7d-4a55-8d3e-1a2b3c4d5e6f';
const ORG_ID = 'ef4a8be6-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const VERIFICATION = '825f84a5-3b2c-4d1e-9f8a-7b6c5d4e3f2a';
const admin: UserContext = {
  userId: '87b3af37-4ac1-402b-a0ea-53cfdc695e02',
  roles: ['ADMIN_USER', 'COMPLIANCE_OFFICER'],
};

function expectHeaders(h: Headers, opts: { body: boolean; user?: UserContext }) {
  expect(h.get('Authorization')).to.equal('Bearer onb-token-1');
  expect(h.get('X-Tenant-ID')).to.equal(TENANT);
  expect(h.get('Accept')).to.equal('application/json');
  expect(h.get('deviceId')).to.equal('device-4b1c');
  expect(h.get('platform')).to.equal('web');
  expect(h.get('X-Forwarded-From')).to.equal('web-app');
  expect(h.get('Content-Type')).to.equal(opts.body ? 'application/json' : null);
  // Owned by the browser (User-Agent, sec-ch-ua-platform) and the relay (X-Forwarded-For).
  expect(h.get('User-Agent')).to.equal(null);
  expect(h.get('X-Forwarded-For')).to.equal(null);
  expect(h.get('sec-ch-ua-platform')).to.equal(null);
  expect(h.get('X-User-ID')).to.equal(opts.user ? opts.user.userId : null);
  expect(h.get('X-User-Roles')).to.equal(opts.user ? opts.user.roles.join(',') : null);
}

describe('the API clients', () => {
  describe('getCategorizationHierarchy (docs/finhub-contract.md#categorization-hierarchy)', () => {
    const hierarchy = {
      tenantId: TENANT,
      tenantName: 'Finsei Ltd',
      complianceLevel: 'ENHANCED',
      categories: {
        STANDARD_INDIVIDUAL: {
          databaseId: '550e8400-e29b-41d4-a716-446655440001',
          categoryId: 'STANDARD_INDIVIDUAL',
          categoryName: 'Standard Individual',
          availableFeatures: [],
        },
      },
      features: {
        ENHANCED_AML_MONITORING: {
          databaseId: '660e8400-e29b-41d4-a716-446655440002',
          featureCode: 'ENHANCED_AML_MONITORING',
          mandatoryKeys: ['riskLevel'],
          allowedValues: { riskLevel: ['LOW', 'MEDIUM', 'HIGH'] },
        },
      },
    };

    it('GETs the hierarchy for the client tenant and unwraps the [G] envelope', async () => {
      const { client, requests } = makeClient(() =>
        json({ code: 200, message: 'Hierarchy retrieved successfully', data: hierarchy }),
      );
      const result = await client.getCategorizationHierarchy();
      const req = await sent(requests[0]);
      expect(req.method).to.equal('GET');
      expect(req.path).to.equal(`${IND}/categorization/hierarchy/${TENANT}`);
      expect(req.body).to.equal(undefined);
      expectHeaders(req.headers, { body: false });
      expect(result.tenantName).to.equal('Finsei Ltd');
      expect(result.categories['STANDARD_INDIVIDUAL']!.databaseId).to.equal(
        '550e8400-e29b-41d4-a716-446655440001',
      );
      expect(result.features!['ENHANCED_AML_MONITORING']!.mandatoryKeys).to.deep.equal([
        'riskLevel',
      ]);
    });

    it('accepts the bare [N] body and an explicit tenant id (URL-encoded)', async () => {
      const { client, requests } = makeClient(() => json(hierarchy));
      const result = await client.getCategorizationHierarchy('tenant/other');
      expect((await sent(requests[0])).path).to.equal(
        `${IND}/categorization/hierarchy/tenant%2Fother`,
      );
      expect(Object.keys(result.categories)).to.deep.equal(['STANDARD_INDIVIDUAL']);
    });

    it('rejects a hierarchy without categories as invalid_response', async () => {
      const { client } = makeClient(() => json({ code: 200, data: { tenantId: TENANT } }));
      const error = await rejection(client.getCategorizationHierarchy());
      expect(error.code).to.equal('invalid_response');
      expect(error.endpoint).to.equal(
        'GET /v2.1/customer/individual/categorization/hierarchy/{tenantId}',
      );
    });
  });

  describe('registerIndividual (docs/finhub-contract.md#individual-registration, #registration-body, #nationality-and-formats)', () => {
    const input: RegisterIndividualRequest = {
      firstName: 'Marcus',
      lastName: 'Jensen',
      email: 'marcus.jensen@example.com',
      phone: '+37062767557',
      password: 'SecurePass123!',
      dateOfBirth: '1990-05-15',
      gender: 'MALE',
      nationality: 'lt',
      placeOfBirth: 'Vilnius',
      address: {
        street: '123 Medium Risk Street',
        city: 'Vilnius',
        state: 'Vilnius County',
        postalCode: '12345',
        country: 'lt',
      },
      customerCategory: { id: 'fs-cat-b2c-low-001', name: 'Individual Standard' },
      categorization: {
        id: 'fs-cat-b2c-low-001',
        name: 'Individual Standard',
        isActive: true,
        categoryFeatureRelations: [
          {
            feature: {
              id: '660e8400-e29b-41d4-a716-446655440002',
              code: 'ENHANCED_AML_MONITORING',
            },
            enabled: true,
            parametrization: [{ name: 'riskLevel', value: 'MEDIUM' }],
          },
        ],
      },
    };
    const registered = {
      code: 200,
      message: 'B2C individual account created successfully. Redirect to activate-account page',
      redirectUrl: '/auth/activate-account',
      data: {
        organization: false,
        individual: true,
        id: CUSTOMER,
        tenantId: TENANT,
        customerType: 'CT_PERSON',
        customerStatus: 'CS_REGISTRATION_COMPLETED',
        person: { firstName: 'Marcus' },
        user: { id: USER, username: 'marcus.jensen@example.com', status: 'PENDING_ACTIVATION' },
      },
    };

    it('POSTs top-level fields AND a populated individualCustomer, ISO-2 nationality', async () => {
      const { client, requests } = makeClient(() => json(registered));
      const result = await client.registerIndividual(input);
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`${IND}/registration`);
      expectHeaders(req.headers, { body: true });
      const person = {
        firstName: 'Marcus',
        lastName: 'Jensen',
        fullName: 'Marcus Jensen',
        email: 'marcus.jensen@example.com',
        dateOfBirth: '1990-05-15',
        gender: 'MALE',
        nationality: 'LT',
        placeOfBirth: 'Vilnius',
        addresses: [
          {
            type: 'HOME',
            street: '123 Medium Risk Street',
            city: 'Vilnius',
            state: 'Vilnius County',
            postalCode: '12345',
            country: 'LT',
            isPrimary: true,
          },
        ],
        contacts: [
          { type: 'EMAIL', value: 'marcus.jensen@example.com', isPrimary: true },
          { type: 'PHONE', value: '+37062767557', isPrimary: false },
        ],
      };
      expect(req.body).to.deep.equal({
        firstName: 'Marcus',
        lastName: 'Jensen',
        email: 'marcus.jensen@example.com',
        phone: '+37062767557',
        password: 'SecurePass123!',
        matchingPassword: 'SecurePass123!',
        dateOfBirth: '1990-05-15',
        gender: 'MALE',
        nationality: 'LT',
        placeOfBirth: 'Vilnius',
        roleIds: ['ACCOUNT_OWNER', 'USER'],
        customerCategory: { id: 'fs-cat-b2c-low-001', name: 'Individual Standard' },
        tenantId: TENANT,
        individualCustomer: {
          tenantId: TENANT,
          customerName: 'Marcus Jensen',
          person,
          user: {
            username: 'marcus.jensen@example.com',
            email: 'marcus.jensen@example.com',
            password: 'SecurePass123!',
            status: 'PENDING_ACTIVATION',
            roles: ['ACCOUNT_OWNER', 'USER'],
            isActive: false,
          },
          categorization: input.categorization,
        },
      });
      expect(result).to.deep.equal({
        customerId: CUSTOMER,
        userId: USER,
        tenantId: TENANT,
        customerStatus: 'CS_REGISTRATION_COMPLETED',
        userStatus: 'PENDING_ACTIVATION',
        redirectUrl: '/auth/activate-account',
        message: registered.message,
      });
    });

    it('reads legacy top-level ids in a {success,data} envelope', async () => {
      const { client } = makeClient(() =>
        json({ success: true, data: { customerId: CUSTOMER, userId: USER, status: 'PENDING' } }),
      );
      const result = await client.registerIndividual(input);
      expect(result.customerId).to.equal(CUSTOMER);
      expect(result.userId).to.equal(USER);
      expect(result.redirectUrl).to.equal(undefined);
    });

    it('throws invalid_response when the user id is missing', async () => {
      const { client } = makeClient(() => json({ code: 200, data: { id: CUSTOMER, user: {} } }));
      const error = await rejection(client.registerIndividual(input));
      expect(error.code).to.equal('invalid_response');
      expect(error.endpoint).to.equal('POST /v2.1/customer/individual/registration');
    });

    it('refuses a country name as nationality before sending anything', async () => {
      const { client, requests } = makeClient(() => json(registered));
      const error = await rejection(
        client.registerIndividual({ ...input, nationality: 'Lithuania' }),
      );
      expect(error.code).to.equal('validation_failed');
      expect(error.fieldErrors.map((f) => f.field)).to.deep.equal(['nationality']);
      expect(requests).to.have.length(0);
    });

    it('maps a 409 duplicate email and keeps FinHub text in serverMessage only', async () => {
      const { client } = makeClient(() =>
        json(
          {
            code: 409,
            message: 'Customer with email already exists',
            data: { error: 'DUPLICATE_EMAIL' },
          },
          409,
        ),
      );
      const error = await rejection(client.registerIndividual(input));
      expect(error.code).to.equal('duplicate_email');
      expect(error.message).to.equal('email already registered');
      expect(error.serverMessage).to.contain('Customer with email already exists');
      expect(error.message).not.to.contain('SecurePass123!');
    });
  });

  describe('createCustomerSession (docs/finhub-contract.md#customer-session)', () => {
    it('POSTs credentials without tenant secrets and never returns the session token', async () => {
      const { client, requests } = makeClient(() =>
        json({
          code: 200,
          message: 'Success',
          data: {
            sessionId: 'sess-1',
            userId: USER,
            token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.customer',
            refreshToken: 'rt-secret-value',
            expiresAt: '2026-01-13T22:21:48.9745432',
            success: true,
            message: 'Session created successfully',
            errorType: 'NONE',
            roles: ['USER'],
          },
        }),
      );
      const result = await client.createCustomerSession(CUSTOMER, USER, {
        username: 'marcus.jensen@example.com',
        password: 'SecurePass123!',
      });
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`${IND}/${CUSTOMER}/users/${USER}/sessions`);
      expectHeaders(req.headers, { body: true });
      expect(req.body).to.deep.equal({
        username: 'marcus.jensen@example.com',
        password: 'SecurePass123!',
        credentialType: 'PASSWORD',
        value: 'marcus.jensen@example.com',
        tenantId: TENANT,
      });
      expect(result).to.deep.equal({
        sessionId: 'sess-1',
        userId: USER,
        customerId: undefined,
        tenantId: undefined,
        expiresAt: '2026-01-13T22:21:48.9745432',
        expiresIn: undefined,
        roles: ['USER'],
      });
      const serialized = JSON.stringify(result);
      expect(serialized).not.to.contain('eyJ0eXAi');
      expect(serialized).not.to.contain('rt-secret-value');
    });

    it('maps a wrong password to unauthorized without refreshing the onboarding token', async () => {
      const { client, tokens, requests } = makeClient(() =>
        json(
          {
            code: 401,
            message: 'Authentication failed',
            data: {
              success: false,
              errorType: 'AUTHENTICATION',
              message: 'Invalid username or password',
              attempts: 3,
              maxAttempts: 5,
              lockoutTime: null,
            },
          },
          401,
        ),
      );
      const error = await rejection(
        client.createCustomerSession(CUSTOMER, USER, {
          username: 'm@example.com',
          password: 'wrong',
        }),
      );
      expect(error.code).to.equal('unauthorized');
      expect(error.message).to.contain('wrong email or password');
      expect(error.message).to.contain('(attempts left: 2)');
      expect(tokens.refreshCalls).to.equal(0);
      expect(requests).to.have.length(1);
    });

    it('maps a lockout to account_locked with the lockout duration', async () => {
      const { client } = makeClient(() =>
        json(
          {
            code: 401,
            message: 'Authentication failed',
            data: {
              success: false,
              errorType: 'AUTHENTICATION',
              attempts: 5,
              maxAttempts: 5,
              lockoutTime: '2026-01-14T11:30:00',
              lockoutDuration: '30 minutes',
            },
          },
          401,
        ),
      );
      const error = await rejection(
        client.createCustomerSession(CUSTOMER, USER, { username: 'm@example.com', password: 'x' }),
      );
      expect(error.code).to.equal('account_locked');
      expect(error.retryAfter).to.equal(1800);
      expect(error.message).to.contain('sign-in locked (retry after 1800 s)');
    });

    it('treats a 2xx with data.success:false as a failed sign-in', async () => {
      const { client } = makeClient(() =>
        json({
          code: 200,
          data: { success: false, errorType: 'AUTHENTICATION', message: 'Invalid' },
        }),
      );
      const error = await rejection(
        client.createCustomerSession(CUSTOMER, USER, { username: 'm@example.com', password: 'x' }),
      );
      expect(error.code).to.equal('unauthorized');
    });
  });

  describe('createIndividualVerification (docs/finhub-contract.md#individual-verification)', () => {
    it('POSTs to the customer-scoped path and reads the [N] {success,data} response', async () => {
      const { client, requests } = makeClient(() =>
        json({
          success: true,
          data: {
            verificationId: 'ver_12345',
            status: 'INITIATED',
            requiredDocuments: ['GOVERNMENT_ID', 'PROOF_OF_ADDRESS'],
            createdAt: '2024-01-15T10:30:00Z',
          },
        }),
      );
      const body = { verificationType: 'STANDARD', verificationData: { documentType: 'PASSPORT' } };
      const result = await client.createIndividualVerification(CUSTOMER, body);
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`${IND}/${CUSTOMER}/verification`);
      expectHeaders(req.headers, { body: true });
      expect(req.body).to.deep.equal(body);
      expect(result).to.deep.equal({
        verificationId: 'ver_12345',
        status: 'INITIATED',
        verificationType: undefined,
        level: undefined,
        requiredDocuments: ['GOVERNMENT_ID', 'PROOF_OF_ADDRESS'],
      });
    });
  });

  describe('createVerification (docs/finhub-contract.md#create-verification)', () => {
    it('POSTs /v2.1/verifications with level and tenant defaults, reads the [R] response', async () => {
      const { client, requests } = makeClient(() =>
        json({
          code: 200,
          data: { verificationId: VERIFICATION, status: 'PENDING', verificationType: 'KYC' },
          message: 'Success',
        }),
      );
      const result = await client.createVerification({
        customerId: CUSTOMER,
        type: 'IDENTITY_VERIFICATION',
        requestedByUserId: USER,
        notes: 'Identity Verification',
      });
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal('/onboarding/api/v2.1/verifications');
      expectHeaders(req.headers, { body: true });
      expect(req.body).to.deep.equal({
        customerId: CUSTOMER,
        type: 'IDENTITY_VERIFICATION',
        requestedByUserId: USER,
        notes: 'Identity Verification',
        requestedLevel: 'TENANT_VERIFIED',
        requestedByTenantId: TENANT,
      });
      expect(result.verificationId).to.equal(VERIFICATION);
      expect(result.status).to.equal('PENDING');
      expect(result.verificationType).to.equal('KYC');
    });

    it('reads the [N] shape where the id is data.id', async () => {
      const { client } = makeClient(() =>
        json({
          success: true,
          code: 200,
          timestamp: '2026-01-14T10:00:00Z',
          message: 'Verification process started',
          data: {
            id: VERIFICATION,
            type: 'IDENTITY_VERIFICATION',
            status: 'IN_PROGRESS',
            verificationLevel: 'TENANT_VERIFIED',
          },
        }),
      );
      const result = await client.createVerification({
        customerId: CUSTOMER,
        type: 'IDENTITY_VERIFICATION',
        requestedByUserId: USER,
      });
      expect(result).to.include({
        verificationId: VERIFICATION,
        status: 'IN_PROGRESS',
        verificationType: 'IDENTITY_VERIFICATION',
        level: 'TENANT_VERIFIED',
      });
    });

    it('throws invalid_response when no verification id comes back', async () => {
      const { client } = makeClient(() => json({ code: 200, data: { status: 'PENDING' } }));
      const error = await rejection(
        client.createVerification({
          customerId: CUSTOMER,
          type: 'IDENTITY_VERIFICATION',
          requestedByUserId: USER,
        }),
      );
      expect(error.code).to.equal('invalid_response');
    });
  });

  describe('uploadVerificationDocument (docs/finhub-contract.md#document-upload)', () => {
    it('POSTs base64 JSON with the verification id in path and body', async () => {
      const { client, requests } = makeClient(() =>
        json({
          code: 200,
          data: {
            documentId: '80cfa65a-0000-4000-8000-000000000001',
            documentType: 'DT_PASSPORT',
            fileName: 'passport.pdf',
          },
          message: 'Success',
        }),
      );
      const result = await client.uploadVerificationDocument(VERIFICATION, {
        documentType: 'PASSPORT',
        mimeType: 'application/pdf',
        fileName: 'passport.pdf',
        fileContent: 'JVBERi0xLjQK',
        customerId: CUSTOMER,
      });
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`/onboarding/api/v2.1/verifications/${VERIFICATION}/documents`);
      expectHeaders(req.headers, { body: true });
      expect(req.body).to.deep.equal({
        verificationId: VERIFICATION,
        documentType: 'PASSPORT',
        mimeType: 'application/pdf',
        fileName: 'passport.pdf',
        fileContent: 'JVBERi0xLjQK',
        customerId: CUSTOMER,
      });
      expect(result).to.deep.equal({
        documentId: '80cfa65a-0000-4000-8000-000000000001',
        documentType: 'DT_PASSPORT',
        fileName: 'passport.pdf',
        status: undefined,
      });
    });

    it('reads the [N] record (data.id, status UPLOADED)', async () => {
      const { client } = makeClient(() =>
        json({
          code: 200,
          message: 'Verification document uploaded successfully',
          data: {
            id: 'doc-9',
            fileName: '628dd82a-passport.pdf',
            status: 'UPLOADED',
            verified: false,
          },
        }),
      );
      const result = await client.uploadVerificationDocument(VERIFICATION, {
        documentType: 'PASSPORT',
        mimeType: 'application/pdf',
        fileName: 'passport.pdf',
        fileContent: 'AA==',
      });
      expect(result.documentId).to.equal('doc-9');
      expect(result.status).to.equal('UPLOADED');
    });
  });

  describe('listIndividualDocuments (docs/finhub-contract.md#document-list)', () => {
    it('GETs the customer’s documents, under data.documents or as data itself', async () => {
      const item = {
        documentId: 'doc-1',
        docId: '1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
        documentType: 'DT_PASSPORT',
        fileName: 'passport.pdf',
        status: 'UPLOADED',
      };
      const { client, requests } = makeClient((_request, index) =>
        index === 0
          ? json({ code: 200, data: { documents: [item] } })
          : json({ success: true, data: [{ id: 'doc-2', documentType: 'PROOF_OF_ADDRESS' }] }),
      );
      expect(await client.listIndividualDocuments(CUSTOMER)).to.deep.equal([item]);
      const req = await sent(requests[0]);
      expect(req.method).to.equal('GET');
      expect(req.path).to.equal(`${IND}/${CUSTOMER}/documents`);
      expectHeaders(req.headers, { body: false });
      expect(await client.listIndividualDocuments(CUSTOMER)).to.deep.equal([
        { documentId: 'doc-2', documentType: 'PROOF_OF_ADDRESS' },
      ]);
    });

    it('throws invalid_response when there is no list', async () => {
      const { client } = makeClient(() => json({ code: 200, data: { count: 2 } }));
      const error = await rejection(client.listIndividualDocuments(CUSTOMER));
      expect(error.code).to.equal('invalid_response');
    });
  });

  describe('acceptIndividualConsent (docs/finhub-contract.md#consents)', () => {
    for (const type of ['terms', 'privacy', 'data-processing'] as const) {
      it(`POSTs {accepted:true, version} to consents/${type}`, async () => {
        const { client, requests } = makeClient(() =>
          json({ code: 200, data: { status: 'PENDING' }, message: 'Success' }),
        );
        const result = await client.acceptIndividualConsent(CUSTOMER, type, { version: '1.0' });
        const req = await sent(requests[0]);
        expect(req.method).to.equal('POST');
        expect(req.path).to.equal(`${IND}/${CUSTOMER}/consents/${type}`);
        expectHeaders(req.headers, { body: true });
        expect(req.body).to.deep.equal({ accepted: true, version: '1.0' });
        expect(result.status).to.equal('PENDING');
      });
    }

    it('sends acceptanceTimestamp when given and reads the [N] consent record', async () => {
      const { client, requests } = makeClient(() =>
        json({
          code: 200,
          message: 'terms and conditions accepted successfully',
          data: {
            id: 'consent-cust-1',
            consentType: 'TERMS_AND_CONDITIONS',
            isRequired: true,
            isGranted: true,
            version: '1.0',
            status: 'ACCEPTED',
          },
        }),
      );
      const result = await client.acceptIndividualConsent(CUSTOMER, 'terms', {
        version: '1.0',
        acceptanceTimestamp: '2026-01-14T11:00:00.000Z',
      });
      expect((await sent(requests[0])).body).to.deep.equal({
        accepted: true,
        version: '1.0',
        acceptanceTimestamp: '2026-01-14T11:00:00.000Z',
      });
      expect(result).to.deep.equal({
        consentId: 'consent-cust-1',
        consentType: 'TERMS_AND_CONDITIONS',
        status: 'ACCEPTED',
        version: '1.0',
      });
    });
  });

  describe('checkIndividualActivation (docs/finhub-contract.md#readiness-check)', () => {
    it('GETs the check and normalises the [R] activationAllowed variant', async () => {
      const { client, requests } = makeClient(() =>
        json({
          code: 200,
          data: {
            activationAllowed: true,
            consentOk: true,
            verificationOk: true,
            riskLevel: 'LOW',
            message: 'Customer is ready for activation',
          },
          message: 'Customer is ready for activation',
        }),
      );
      const result = await client.checkIndividualActivation(CUSTOMER, TENANT);
      const req = await sent(requests[0]);
      expect(req.method).to.equal('GET');
      expect(req.path).to.equal(`${IND}/${CUSTOMER}/owner/${TENANT}/activation/check`);
      expectHeaders(req.headers, { body: false });
      expect(result).to.deep.equal({
        allowed: true,
        consentOk: true,
        verificationOk: true,
        verificationStatus: undefined,
        verificationLevel: undefined,
        riskLevel: 'LOW',
        missingConsents: [],
        message: 'Customer is ready for activation',
      });
    });

    it('normalises the [N] canActivate variant', async () => {
      const { client } = makeClient(() =>
        json({
          success: true,
          data: {
            canActivate: false,
            verificationOk: true,
            consentOk: false,
            missingConsents: ['DATA_PROCESSING'],
            verificationStatus: 'APPROVED',
            verificationLevel: 'TENANT_VERIFIED',
          },
        }),
      );
      const result = await client.checkIndividualActivation(CUSTOMER, TENANT);
      expect(result.allowed).to.equal(false);
      expect(result.consentOk).to.equal(false);
      expect(result.missingConsents).to.deep.equal(['DATA_PROCESSING']);
      expect(result.verificationStatus).to.equal('APPROVED');
    });

    it('throws invalid_response when neither flag is present', async () => {
      const { client } = makeClient(() => json({ code: 200, data: { consentOk: true } }));
      expect((await rejection(client.checkIndividualActivation(CUSTOMER, TENANT))).code).to.equal(
        'invalid_response',
      );
    });
  });

  describe('activateIndividual (docs/finhub-contract.md#individual-activation)', () => {
    it('POSTs {userId, code} and tolerates the empty [R] data', async () => {
      const { client, requests } = makeClient(() =>
        json({ code: 200, data: {}, message: 'Success' }),
      );
      const result = await client.activateIndividual(CUSTOMER, {
        userId: 'marcus.jensen@example.com',
        code: 'ACTIVATION_CODE_20260331114954',
      });
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`${IND}/${CUSTOMER}/activation`);
      expectHeaders(req.headers, { body: true });
      expect(req.body).to.deep.equal({
        userId: 'marcus.jensen@example.com',
        code: 'ACTIVATION_CODE_20260331114954',
      });
      expect(result).to.deep.equal({
        status: undefined,
        iban: undefined,
        wallet: undefined,
        activatedAt: undefined,
        warnings: [],
        message: 'Success',
      });
    });

    it('returns iban, wallet and status from the [N] response', async () => {
      const { client } = makeClient(() =>
        json({
          code: 200,
          data: {
            wallet: {
              walletId: 'w-1',
              iban: 'LT611000011101001000',
              currency: 'EUR',
              balance: '0',
            },
            iban: 'LT611000011101001000',
            activationStatus: 'ACTIVATED',
          },
        }),
      );
      const result = await client.activateIndividual(CUSTOMER, { userId: USER, code: 'X' });
      expect(result.status).to.equal('ACTIVATED');
      expect(result.iban).to.equal('LT611000011101001000');
      expect(result.wallet).to.deep.equal({ walletId: 'w-1', currency: 'EUR', status: undefined });
    });
  });

  describe('registerOrganization (docs/finhub-contract.md#organization-registration)', () => {
    const input: RegisterOrganizationRequest = {
      email: 'admin@acmecorp.example',
      password: 'SecurePass123!',
      customerCategory: { id: 'fs-cat-b2b-small-001', name: 'Small Business' },
      organization: {
        legalName: 'Acme Corp Ltd.',
        tradingName: 'Acme',
        registrationNumber: 'REG-20260331115443',
        incorporationDate: '2015-03-20',
        legalForm: 'LIMITED_LIABILITY_COMPANY',
        industry: 'TECHNOLOGY',
        phone: '+37060012345',
        address: { street: 'Gedimino pr. 1', city: 'Vilnius', postalCode: '01103', country: 'LT' },
      },
    };

    it('POSTs the nested organizationCustomer body and reads the [N] response', async () => {
      const { client, requests } = makeOrganizationClient(() =>
        json({
          code: 200,
          message:
            'Organization registered successfully. Default admin will be created automatically. Use separate endpoints to add employees, directors, and shareholders.',
          data: {
            individual: false,
            organization: true,
            adminEmployees: [],
            id: ORG_ID,
            organizationId: ORG_ID,
            tenantId: TENANT,
            email: 'admin@acmecorp.example',
          },
        }),
      );
      const result = await client.registerOrganization(input);
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`${ORG}/registration`);
      expectHeaders(req.headers, { body: true });
      expect(req.body).to.deep.equal({
        email: 'admin@acmecorp.example',
        password: 'SecurePass123!',
        matchingPassword: 'SecurePass123!',
        roleIds: ['ACCOUNT_OWNER', 'ADMIN'],
        customerCategory: { id: 'fs-cat-b2b-small-001', name: 'Small Business' },
        tenantId: TENANT,
        organizationCustomer: {
          tenantId: TENANT,
          customerName: 'Acme Corp Ltd.',
          organization: {
            legalName: 'Acme Corp Ltd.',
            tradingName: 'Acme',
            registrationNumber: 'REG-20260331115443',
            incorporationDate: '2015-03-20',
            legalForm: 'LIMITED_LIABILITY_COMPANY',
            industry: 'TECHNOLOGY',
            email: 'admin@acmecorp.example',
            phone: '+37060012345',
            addresses: [
              {
                type: 'REGISTERED',
                street: 'Gedimino pr. 1',
                city: 'Vilnius',
                postalCode: '01103',
                country: 'LT',
                isPrimary: true,
              },
            ],
            contacts: [
              { type: 'EMAIL', value: 'admin@acmecorp.example', isPrimary: true },
              { type: 'PHONE', value: '+37060012345', isPrimary: false },
            ],
          },
          user: {
            username: 'admin@acmecorp.example',
            email: 'admin@acmecorp.example',
            password: 'SecurePass123!',
            status: 'PENDING_ACTIVATION',
            roles: ['ACCOUNT_OWNER', 'ADMIN'],
          },
        },
      });
      expect(result.organizationId).to.equal(ORG_ID);
      expect(result.tenantId).to.equal(TENANT);
      expect(result.adminUserId).to.equal(undefined);
      expect(result.message).to.contain('Organization registered successfully');
    });

    it('throws invalid_response without an organization id', async () => {
      const { client } = makeOrganizationClient(() =>
        json({ code: 200, data: { organization: true } }),
      );
      expect((await rejection(client.registerOrganization(input))).code).to.equal(
        'invalid_response',
      );
    });
  });

  describe('addEmployee (docs/finhub-contract.md#employees)', () => {
    const employee = {
      person: {
        firstName: 'Jane',
        lastName: 'Compliance',
        email: 'jane@acmecorp.example',
        phoneNumber: '+37066051634',
      },
      position: 'COMPLIANCE_OFFICER',
      roles: ['ADMIN_USER', 'COMPLIANCE_OFFICER'],
      department: 'Compliance',
    };

    it('POSTs the employee and returns the new user id', async () => {
      const { client, requests } = makeOrganizationClient(() =>
        json({
          code: 200,
          data: {
            individual: {
              userId: 'da9a15d2-0000-4000-8000-000000000001',
              email: 'jane@acmecorp.example',
            },
          },
          message: 'Employee added successfully with role validation',
        }),
      );
      const result = await client.addEmployee(ORG_ID, employee);
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`${ORG}/${ORG_ID}/employee`);
      expectHeaders(req.headers, { body: true });
      expect(req.body).to.deep.equal(employee);
      expect(result).to.deep.equal({
        userId: 'da9a15d2-0000-4000-8000-000000000001',
        email: 'jane@acmecorp.example',
        username: undefined,
        employeeId: undefined,
      });
    });

    it('maps the missing ADMIN_USER 400 to bad_request', async () => {
      const { client } = makeOrganizationClient(() =>
        json(
          {
            code: 400,
            message:
              "Missing required role 'ADMIN_USER' for BUSINESS_TYPE_CLIENT_TO_TENANT organization. At least one employee must have this role.",
          },
          400,
        ),
      );
      const error = await rejection(
        client.addEmployee(ORG_ID, { ...employee, roles: ['EMPLOYEE'] }),
      );
      expect(error.code).to.equal('bad_request');
      expect(error.serverMessage).to.contain("Missing required role 'ADMIN_USER'");
    });

    it('an answer without a user id is not fatal (only the admin’s id is needed, docs/finhub-contract.md#organization-registration)', async () => {
      const { client } = makeOrganizationClient(() =>
        json({ code: 200, data: { individual: {} } }),
      );
      expect(await client.addEmployee(ORG_ID, employee)).to.deep.equal({
        userId: undefined,
        email: undefined,
        username: undefined,
        employeeId: undefined,
      });
    });
  });

  describe('addDirector / listDirectors (docs/finhub-contract.md#directors)', () => {
    it('POSTs singular /director with nested person + role and the flat fields', async () => {
      const { client, requests } = makeOrganizationClient(() =>
        json({ code: 200, data: { directorId: 'dir-1', status: 'ACTIVE' } }),
      );
      const result = await client.addDirector(ORG_ID, {
        firstName: 'Ada',
        lastName: 'Director',
        email: 'ada@acmecorp.example',
        role: 'MANAGING_DIRECTOR',
        nationality: 'gb',
        dateOfBirth: '1980-02-01',
      });
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`${ORG}/${ORG_ID}/director`);
      expectHeaders(req.headers, { body: true });
      expect(req.body).to.deep.equal({
        person: {
          firstName: 'Ada',
          lastName: 'Director',
          fullName: 'Ada Director',
          email: 'ada@acmecorp.example',
          dateOfBirth: '1980-02-01',
          nationality: 'GB',
        },
        role: 'MANAGING_DIRECTOR',
        tenantId: TENANT,
        organizationId: ORG_ID,
        firstName: 'Ada',
        lastName: 'Director',
        email: 'ada@acmecorp.example',
        dateOfBirth: '1980-02-01',
        nationality: 'GB',
        position: 'MANAGING_DIRECTOR',
      });
      expect(result.directorId).to.equal('dir-1');
      expect(result.status).to.equal('ACTIVE');
    });

    it('GETs /directors and reads {success, data: {directors}}', async () => {
      const { client, requests } = makeOrganizationClient(() =>
        json({
          success: true,
          data: {
            directors: [
              {
                directorId: 'dir-1',
                firstName: 'Ada',
                lastName: 'Director',
                email: 'ada@acmecorp.example',
                role: 'CEO',
                appointedDate: '2020-01-15',
                status: 'ACTIVE',
              },
            ],
          },
        }),
      );
      const list = await client.listDirectors(ORG_ID);
      const req = await sent(requests[0]);
      expect(req.method).to.equal('GET');
      expect(req.path).to.equal(`${ORG}/${ORG_ID}/directors`);
      expectHeaders(req.headers, { body: false });
      expect(list).to.have.length(1);
      expect(list[0]).to.include({
        directorId: 'dir-1',
        role: 'CEO',
        status: 'ACTIVE',
        appointedDate: '2020-01-15',
      });
    });

    it('throws invalid_response when the directors list is missing', async () => {
      const { client } = makeOrganizationClient(() => json({ success: true, data: { count: 1 } }));
      expect((await rejection(client.listDirectors(ORG_ID))).code).to.equal('invalid_response');
    });
  });

  describe('addShareholder (docs/finhub-contract.md#shareholders)', () => {
    it('POSTs to /shareholders and returns id and status', async () => {
      const { client, requests } = makeOrganizationClient(() =>
        json({
          success: true,
          data: {
            shareholderId: 'sh_11111',
            status: 'PENDING_VERIFICATION',
            createdAt: '2026-01-14T10:00:00Z',
          },
        }),
      );
      const body = {
        type: 'INDIVIDUAL' as const,
        ownershipPercentage: 100,
        firstName: 'Ada',
        lastName: 'Director',
        isBeneficialOwner: true,
        isPEP: false,
      };
      const result = await client.addShareholder(ORG_ID, body);
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`${ORG}/${ORG_ID}/shareholders`);
      expectHeaders(req.headers, { body: true });
      expect(req.body).to.deep.equal(body);
      expect(result).to.deep.equal({
        shareholderId: 'sh_11111',
        status: 'PENDING_VERIFICATION',
        createdAt: '2026-01-14T10:00:00Z',
      });
    });
  });

  describe('createOrganizationUserSession (docs/finhub-contract.md#organization-user-session)', () => {
    it('POSTs org-user credentials, returns ids only', async () => {
      const { client, requests } = makeOrganizationClient(() =>
        json({
          sessionId: 'org-sess',
          userId: USER,
          token: 'jwt-org-user',
          refreshToken: 'rt',
          expiresIn: 3600,
          success: true,
        }),
      );
      const result = await client.createOrganizationUserSession(ORG_ID, USER, {
        username: 'admin@acmecorp.example',
        password: 'SecurePass123!',
      });
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`${ORG}/${ORG_ID}/users/${USER}/sessions`);
      expectHeaders(req.headers, { body: true });
      expect(req.body).to.deep.equal({
        username: 'admin@acmecorp.example',
        password: 'SecurePass123!',
        credentialType: 'PASSWORD',
        value: 'admin@acmecorp.example',
        tenantId: TENANT,
      });
      expect(result.sessionId).to.equal('org-sess');
      expect(result.expiresIn).to.equal(3600);
      expect(JSON.stringify(result)).not.to.contain('jwt-org-user');
    });

    it('an answer without a session id is not fatal (the relay keeps the session)', async () => {
      const { client } = makeOrganizationClient(() => json({ code: 200, data: { success: true } }));
      const result = await client.createOrganizationUserSession(ORG_ID, USER, {
        username: 'a@b.c',
        password: 'p',
      });
      expect(result).to.include({ sessionId: undefined, userId: USER });
    });
  });

  describe('verifyOrganization (docs/finhub-contract.md#kyb-verification)', () => {
    it('POSTs /verify with X-User-ID / X-User-Roles and the KYB body', async () => {
      const { client, requests } = makeOrganizationClient(() =>
        json({
          code: 200,
          data: {
            verificationId: 'ac0d408e-0000-4000-8000-000000000001',
            status: 'PENDING',
            verificationType: 'KYB',
          },
          message: 'Success',
        }),
      );
      const result = await client.verifyOrganization(
        ORG_ID,
        { requestedByUserId: admin.userId, reason: 'Onboarding' },
        { userContext: admin },
      );
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`${ORG}/${ORG_ID}/verify`);
      expectHeaders(req.headers, { body: true, user: admin });
      expect(req.headers.get('X-User-Roles')).to.equal('ADMIN_USER,COMPLIANCE_OFFICER');
      expect(req.body).to.deep.equal({
        customerId: ORG_ID,
        type: 'BUSINESS_VERIFICATION',
        requestedLevel: 'TENANT_VERIFIED',
        requestedByUserId: admin.userId,
        requestedByTenantId: TENANT,
        notes: 'Business Verification',
        reason: 'Onboarding',
      });
      expect(result.verificationId).to.equal('ac0d408e-0000-4000-8000-000000000001');
      expect(result.verificationType).to.equal('KYB');
    });

    it('refuses to send without a user context', async () => {
      const { client, requests } = makeOrganizationClient(() => json({ code: 200, data: {} }));
      const error = await rejection(
        client.verifyOrganization(
          ORG_ID,
          { requestedByUserId: USER },
          { userContext: { userId: '', roles: [] } },
        ),
      );
      expect(error.code).to.equal('bad_request');
      expect(requests).to.have.length(0);
    });
  });

  describe('acceptOrganizationConsent (docs/finhub-contract.md#consents)', () => {
    it('POSTs {accepted:true, version} and tolerates the data-less [R] response', async () => {
      const { client, requests } = makeOrganizationClient(() =>
        json({ code: 200, message: 'Success' }),
      );
      const result = await client.acceptOrganizationConsent(ORG_ID, 'data-processing', {
        version: '2.0',
      });
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`${ORG}/${ORG_ID}/consents/data-processing`);
      expectHeaders(req.headers, { body: true });
      expect(req.body).to.deep.equal({ accepted: true, version: '2.0' });
      expect(result).to.deep.equal({
        consentId: undefined,
        consentType: undefined,
        status: undefined,
        version: undefined,
      });
    });
  });

  describe('activateOrganization (docs/finhub-contract.md#organization-activation)', () => {
    it('POSTs the activation body with user context; normalises the [O] ACTIVATING response', async () => {
      const { client, requests } = makeOrganizationClient(() =>
        json({
          code: 200,
          data: {
            activation: {
              message: 'Organization activated. Wallet provisioning in progress.',
              status: 'ACTIVATING',
              activatedAt: '2026-01-14T12:00:00Z',
              warnings: ['Wallet provisioning is async.'],
            },
          },
          message: 'Success',
        }),
      );
      const result = await client.activateOrganization(
        ORG_ID,
        { userId: admin.userId, activationCode: 'CODE-1234' },
        { userContext: admin },
      );
      const req = await sent(requests[0]);
      expect(req.method).to.equal('POST');
      expect(req.path).to.equal(`${ORG}/${ORG_ID}/activation`);
      expectHeaders(req.headers, { body: true, user: admin });
      expect(req.body).to.deep.equal({
        activationReason: 'Onboarding completed',
        additionalInfo: { userId: admin.userId, activationCode: 'CODE-1234' },
      });
      expect(result).to.deep.equal({
        status: 'ACTIVATING',
        iban: undefined,
        wallet: undefined,
        activatedAt: '2026-01-14T12:00:00Z',
        warnings: ['Wallet provisioning is async.'],
        message: 'Organization activated. Wallet provisioning in progress.',
      });
    });

    it('normalises the [N] ACTIVE response with iban and wallet', async () => {
      const { client } = makeOrganizationClient(() =>
        json({
          code: 200,
          data: {
            wallet: {
              walletId: 'w-9',
              balance: '0.00',
              currency: 'EUR',
              id: 'w-9',
              status: 'ACTIVE',
            },
            iban: 'LT961000011101001000',
            activation: {
              message: 'Activated',
              status: 'ACTIVE',
              activatedAt: 1768392000000,
              warnings: [],
            },
          },
        }),
      );
      const result = await client.activateOrganization(
        ORG_ID,
        { userId: admin.userId, activationCode: 'X', activationReason: 'KYB approved' },
        { userContext: admin },
      );
      expect(result.status).to.equal('ACTIVE');
      expect(result.iban).to.equal('LT961000011101001000');
      expect(result.wallet).to.deep.equal({ walletId: 'w-9', currency: 'EUR', status: 'ACTIVE' });
      expect(result.activatedAt).to.equal('1768392000000');
    });
  });

  it('joins an absolute apiBase with a trailing slash without doubling it', async () => {
    const { client, requests } = makeClient(() => json({ code: 200, data: {} }), {
      apiBase: 'https://sandbox.finhub.cloud/api/',
    });
    await client.activateIndividual(CUSTOMER, { userId: USER, code: 'C' });
    expect(requests[0]!.url).to.equal(
      `https://sandbox.finhub.cloud/api/v2.1/customer/individual/${CUSTOMER}/activation`,
    );
  });

  it('URL-encodes ids so they cannot change the path', async () => {
    const { client, requests } = makeClient(() => json({ code: 200, data: {} }));
    await client.activateIndividual('../../admin', { userId: USER, code: 'C' });
    expect((await sent(requests[0])).path).to.equal(`${IND}/..%2F..%2Fadmin/activation`);
  });
});
