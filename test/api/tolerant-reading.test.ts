/**
 * Tolerant reading (issue 14 item 2): every documented spelling of an answer is read the same way
 * (envelopes, id field names, short and numeric ids, status spellings, readiness flags, consent
 * answers, the hierarchy's forms), a field the element does not need is never fatal, a needed one
 * that is missing is an `invalid_response` naming the endpoint and the field (never a value), and
 * the documented alternative paths are tried where a tenant lacks the first. Bodies are the docs'
 * examples (docs/finhub-contract.md#contradictions).
 */
import { expect } from '@open-wc/testing';
import { describeShape } from '../../src/api/shape-description.js';
import {
  TENANT,
  json,
  makeClient,
  makeOrganizationClient,
  sent,
  rejection,
} from './client-fakes.js';

const CUSTOMER = 'cus_6r1k1hw6npq';
const ORG_ID = 'org_5tq2x8m1pbn';
const PERSON = {
  firstName: 'Ona',
  lastName: 'Jonaitė',
  email: 'ona@example.com',
  phone: '+37060012345',
  password: 'Correct-Horse-42!',
  dateOfBirth: '1990-05-15',
  gender: 'FEMALE' as const,
  nationality: 'LT',
  address: { street: 'Gedimino pr. 1', city: 'Vilnius', postalCode: '01103', country: 'LT' },
  customerCategory: { id: 'cat-1', name: 'Standard' },
};

/** The same data in each documented envelope (docs/finhub-contract.md#envelopes). */
const envelopes = (data: Record<string, unknown>) => ({
  '{code,message,data} [R]': { code: 200, data, message: 'Success' },
  '{success,data} [N]': { success: true, data },
  '{success,code,timestamp,message,data} [N]': {
    success: true,
    code: 200,
    timestamp: '2026-01-13T10:00:00Z',
    message: 'Verification process started',
    data,
  },
  '{code:"200",data} (code as a string)': { code: '200', data },
  'bare payload': data,
});

describe('tolerant reading of FinHub answers', () => {
  describe('envelopes', () => {
    for (const [name, body] of Object.entries(envelopes({ verificationId: 'ver_12345' }))) {
      it(`reads ${name}`, async () => {
        const { client } = makeClient(() => json(body));
        const result = await client.createVerification({
          customerId: CUSTOMER,
          type: 'IDENTITY_VERIFICATION',
          requestedByUserId: 'u1',
        });
        expect(result.verificationId).to.equal('ver_12345');
      });
    }

    it('a 2xx whose envelope reports failure is that failure, not success', async () => {
      const { client } = makeClient(() =>
        json({
          code: 409,
          message: 'Email already registered',
          data: { error: 'DUPLICATE_EMAIL' },
        }),
      );
      expect((await rejection(client.registerIndividual(PERSON))).code).to.equal('duplicate_email');
    });
  });

  describe('registration ids (docs/finhub-contract.md#individual-registration, #user-id, #contradictions)', () => {
    const cases: [string, unknown, { customerId: string; userId: string; redirectUrl?: string }][] =
      [
        [
          '[N]: data.id + data.user.id, redirectUrl at the top level',
          {
            code: 200,
            message: 'B2C individual account created successfully.',
            redirectUrl: '/auth/activate-account',
            data: {
              organization: false,
              individual: true,
              id: CUSTOMER,
              user: { id: '6r1k1hw6npq' },
            },
          },
          { customerId: CUSTOMER, userId: '6r1k1hw6npq', redirectUrl: '/auth/activate-account' },
        ],
        [
          'legacy: id + flat userId, redirectUrl among the data fields',
          {
            code: 200,
            data: {
              id: CUSTOMER,
              userId: 'u-1',
              personId: 'p-1',
              status: 'ACTIVE',
              redirectUrl: '/next',
            },
          },
          { customerId: CUSTOMER, userId: 'u-1', redirectUrl: '/next' },
        ],
        [
          'customerId + userId, numeric ids',
          { success: true, data: { customerId: 1042, userId: 77 } },
          { customerId: '1042', userId: '77' },
        ],
      ];
    for (const [name, body, expected] of cases) {
      it(name, async () => {
        const { client } = makeClient(() => json(body));
        expect(await client.registerIndividual(PERSON)).to.include(expected);
      });
    }

    it('no user id: invalid_response naming the endpoint and data.user.id, no value', async () => {
      const { client } = makeClient(() =>
        json({ code: 200, data: { id: CUSTOMER, email: 'ona@example.com' } }),
      );
      const error = await rejection(client.registerIndividual(PERSON));
      expect(error).to.include({
        code: 'invalid_response',
        endpoint: 'POST /v2.1/customer/individual/registration',
        field: 'data.user.id',
      });
      expect(error.message).not.to.contain('ona@example.com');
      expect(error.retryable, 'the person is offered Try again').to.be.true;
    });

    it('organization: [R] organizationId, [N] id + adminEmployees, nested organization', async () => {
      for (const [body, expected] of [
        [
          { code: 200, data: { organizationId: ORG_ID, userId: 'adm' } },
          { organizationId: ORG_ID, adminUserId: 'adm' },
        ],
        [
          {
            success: true,
            data: { id: ORG_ID, organizationId: ORG_ID, adminEmployees: [{ userId: 'a2' }] },
          },
          { organizationId: ORG_ID, adminUserId: 'a2' },
        ],
        [
          { code: 200, data: { organization: { id: ORG_ID } } },
          { organizationId: ORG_ID, adminUserId: undefined },
        ],
      ] as const) {
        const { client } = makeOrganizationClient(() => json(body));
        const result = await client.registerOrganization({
          email: 'admin@acme.example',
          password: 'Correct-Horse-42!',
          customerCategory: { id: 'cat-b', name: 'Business' },
          organization: {
            legalName: 'Acme UAB',
            registrationNumber: 'REG-1',
            legalForm: 'LIMITED_LIABILITY_COMPANY',
            address: PERSON.address,
          },
        });
        expect(result).to.include(expected);
      }
    });
  });

  describe('verification (docs/finhub-contract.md#individual-verification, #create-verification, #kyb-verification)', () => {
    it('[N] data.id and IN_PROGRESS; required documents as codes or objects', async () => {
      const { client } = makeClient(() =>
        json({
          success: true,
          code: 200,
          data: {
            id: 'ver_1',
            status: 'IN_PROGRESS',
            requiredDocuments: ['GOVERNMENT_ID', { documentType: 'PROOF_OF_ADDRESS' }],
          },
        }),
      );
      const result = await client.createIndividualVerification(CUSTOMER, {
        verificationType: 'STANDARD',
      });
      expect(result).to.deep.include({
        verificationId: 'ver_1',
        status: 'IN_PROGRESS',
        requiredDocuments: ['GOVERNMENT_ID', 'PROOF_OF_ADDRESS'],
      });
    });

    it('no verification id: invalid_response naming data.verificationId (bare: verificationId)', async () => {
      for (const [body, field] of [
        [{ code: 200, data: { status: 'PENDING' } }, 'data.verificationId'],
        [{ status: 'PENDING', verificationType: 'KYC' }, 'verificationId'],
      ] as const) {
        const { client } = makeClient(() => json(body));
        const error = await rejection(
          client.createVerification({ customerId: CUSTOMER, type: 'X', requestedByUserId: 'u' }),
        );
        expect(error).to.include({
          code: 'invalid_response',
          endpoint: 'POST /v2.1/verifications',
          field,
        });
      }
    });

    it('a tenant without the customer-scoped route: docs/finhub-contract.md#individual-verification /verification/initiate, remembered', async () => {
      const { client, requests } = makeClient((request) =>
        request.url.endsWith('/initiate')
          ? json({ code: 200, data: { verificationId: 'v-2', status: 'IN_PROGRESS' } })
          : json({ code: 404, message: 'No endpoint', data: { error: 'NOT_FOUND' } }, 404),
      );
      for (let i = 0; i < 2; i++) {
        const result = await client.createIndividualVerification(CUSTOMER, {
          verificationType: 'STANDARD',
        });
        expect(result.verificationId).to.equal('v-2');
      }
      const paths = await Promise.all(requests.map(async (r) => (await sent(r)).path));
      expect(paths).to.deep.equal([
        `/onboarding/api/v2.1/customer/individual/${CUSTOMER}/verification`,
        `/onboarding/api/v2.1/customer/individual/${CUSTOMER}/verification/initiate`,
        `/onboarding/api/v2.1/customer/individual/${CUSTOMER}/verification/initiate`,
      ]);
    });

    it('neither path there: the first path’s 404 is reported; a 5xx is never retried elsewhere', async () => {
      const { client, requests } = makeClient(() =>
        json({ code: 404, message: 'No endpoint', data: {} }, 404),
      );
      const error = await rejection(
        client.createIndividualVerification(CUSTOMER, { verificationType: 'STANDARD' }),
      );
      expect(error).to.include({
        code: 'not_found',
        endpoint: 'POST /v2.1/customer/individual/{customerId}/verification',
      });
      expect(requests).to.have.length(2);

      const down = makeClient(() => json({ code: 503, message: 'down', data: {} }, 503));
      expect(
        (
          await rejection(
            down.client.createIndividualVerification(CUSTOMER, { verificationType: 'STANDARD' }),
          )
        ).code,
      ).to.equal('server_error');
      expect(down.requests).to.have.length(1);
    });
  });

  describe('documents, consents, activation (docs/finhub-contract.md#document-upload, #consents, #readiness-check, #individual-activation, #organization-activation)', () => {
    const upload = {
      documentType: 'PASSPORT',
      mimeType: 'application/pdf',
      fileName: 'passport.pdf',
      fileContent: 'JVBERi0xLjQK',
      docId: '7d1f6c2e-4b8a-4f3e-9c1d-2a3b4c5d6e7f',
    };
    it('document id: [R] documentId, [N] id, none: the element’s own docId', async () => {
      for (const [data, expected] of [
        [{ documentId: 'd-r', documentType: 'DT_PASSPORT' }, 'd-r'],
        [{ id: 'd-n', status: 'UPLOADED', uploadDate: 1736762400000 }, 'd-n'],
        [{ status: 'UPLOADED' }, upload.docId],
      ] as const) {
        const { client } = makeClient(() => json({ code: 200, data }));
        expect((await client.uploadVerificationDocument('v', upload)).documentId).to.equal(
          expected,
        );
      }
    });

    it('consent answers: [R] PENDING, [N] ACCEPTED record, older [N], data-less, no body', async () => {
      const answers: [Response, string | undefined][] = [
        [json({ code: 200, data: { status: 'PENDING' }, message: 'Success' }), 'PENDING'],
        [
          json({
            code: 200,
            data: { id: 'c-1', consentType: 'TERMS_AND_CONDITIONS', status: 'ACCEPTED' },
          }),
          'ACCEPTED',
        ],
        [
          json({
            success: true,
            data: { consentId: 'cons_12345', type: 'TERMS', status: 'ACCEPTED' },
          }),
          'ACCEPTED',
        ],
        [json({ code: 200, message: 'Success' }), undefined],
        [new Response(null, { status: 204 }), undefined],
      ];
      for (const [response, status] of answers) {
        const { client } = makeClient(() => response);
        const result = await client.acceptIndividualConsent(CUSTOMER, 'terms', { version: '1.0' });
        expect(result.status).to.equal(status);
      }
    });

    it('readiness: activationAllowed [R], canActivate [N], "true" strings, or both ok flags', async () => {
      for (const [data, allowed] of [
        [{ activationAllowed: true, consentOk: true, verificationOk: true }, true],
        [
          {
            canActivate: false,
            verificationOk: false,
            consentOk: true,
            verificationStatus: 'PENDING_DOCUMENTS',
          },
          false,
        ],
        [{ canActivate: 'true' }, true],
        [{ verificationOk: true, consentOk: true }, true],
        [
          {
            verificationOk: true,
            consentOk: false,
            missingConsents: [{ consentType: 'PRIVACY_POLICY' }],
          },
          false,
        ],
      ] as const) {
        const { client } = makeClient(() => json({ code: 200, data }));
        const check = await client.checkIndividualActivation(
          CUSTOMER,
          'fh_api_finsei_ltd_7f957f77',
        );
        expect(check.allowed, JSON.stringify(data)).to.equal(allowed);
      }
    });

    it('readiness that cannot say: invalid_response naming data.activationAllowed', async () => {
      const { client } = makeClient(() => json({ code: 200, data: { riskLevel: 'LOW' } }));
      const error = await rejection(client.checkIndividualActivation(CUSTOMER, TENANT));
      expect(error).to.include({ code: 'invalid_response', field: 'data.activationAllowed' });
    });

    it('activation: [R] empty, [N] ACTIVATED + IBAN, legacy status + wallet.id, [O] ACTIVATING', async () => {
      const cases = [
        [{}, { status: undefined, iban: undefined }],
        [
          { wallet: { walletId: 'w', iban: 'LT61' }, iban: 'LT61', activationStatus: 'ACTIVATED' },
          { status: 'ACTIVATED', iban: 'LT61' },
        ],
        [
          {
            iban: 'LT62',
            accountNumber: '123',
            wallet: { id: 'w2', status: 'ACTIVE' },
            status: 'ACTIVATED',
          },
          { status: 'ACTIVATED', iban: 'LT62' },
        ],
        [
          { activation: { status: 'ACTIVATING', warnings: ['Wallet provisioning is async.'] } },
          { status: 'ACTIVATING', iban: undefined },
        ],
      ] as const;
      for (const [data, expected] of cases) {
        const { client } = makeClient(() => json({ code: 200, data }));
        expect(
          await client.activateIndividual(CUSTOMER, { userId: 'a@b.c', code: 'X' }),
        ).to.include(expected);
      }
    });
  });

  describe('categorization hierarchy (docs/finhub-contract.md#categorization-hierarchy)', () => {
    it('reads legacy features[], id for databaseId, keys as codes, bare-string allowedValues', async () => {
      const { client } = makeClient(() =>
        json({
          tenantId: 'fh_api_finsei_ltd_7f957f77',
          categories: {
            INDIVIDUAL_VERIFIED: {
              id: 'cat-cloudvault-ind-002',
              categoryName: 'Individual Verified',
              features: ['MEDIUM_RISK_PROFILE'],
            },
            NO_ID: { categoryId: 'NO_ID', categoryName: 'Cannot be registered' },
          },
          features: {
            MEDIUM_RISK_PROFILE: {
              id: 'f-1',
              mandatoryKeys: 'riskLevel, riskScore, pep, monthlyLimit',
              allowedValues: {
                riskLevel: 'LOW,MEDIUM,HIGH',
                pep: [true, false],
                score: '0 - 100',
                edd: false,
                monthlyLimit: null,
              },
            },
          },
        }),
      );
      const hierarchy = await client.getCategorizationHierarchy();
      expect(hierarchy.tenantId).to.equal('fh_api_finsei_ltd_7f957f77');
      expect(Object.keys(hierarchy.categories)).to.deep.equal(['INDIVIDUAL_VERIFIED']);
      expect(hierarchy.categories['INDIVIDUAL_VERIFIED']).to.deep.include({
        databaseId: 'cat-cloudvault-ind-002',
        categoryId: 'INDIVIDUAL_VERIFIED',
        categoryName: 'Individual Verified',
        availableFeatures: ['MEDIUM_RISK_PROFILE'],
      });
      const feature = hierarchy.features!['MEDIUM_RISK_PROFILE']!;
      expect(feature).to.include({ databaseId: 'f-1', featureCode: 'MEDIUM_RISK_PROFILE' });
      expect(feature.mandatoryKeys).to.deep.equal([
        'riskLevel',
        'riskScore',
        'pep',
        'monthlyLimit',
      ]);
      expect(feature.allowedValues).to.deep.equal({
        riskLevel: ['LOW', 'MEDIUM', 'HIGH'],
        pep: ['true', 'false'],
        score: ['0-100'],
        edd: ['false'],
      });
    });

    it('a whole feature inside availableFeatures[] is read like the others', async () => {
      const { client } = makeClient(() =>
        json({
          code: 200,
          data: {
            categories: {
              STANDARD: {
                databaseId: 'c-1',
                categoryId: 'STANDARD',
                categoryName: 'Standard',
                availableFeatures: [
                  {
                    databaseId: 'f-9',
                    featureCode: 'LIMITS',
                    mandatoryKeys: ['monthlyLimit'],
                    allowedValues: { monthlyLimit: '1000-50000' },
                  },
                ],
              },
            },
          },
        }),
      );
      const hierarchy = await client.getCategorizationHierarchy();
      expect(hierarchy.features!['LIMITS']).to.deep.include({
        databaseId: 'f-9',
        allowedValues: { monthlyLimit: ['1000-50000'] },
      });
    });

    it('no usable category: invalid_response naming data.categories', async () => {
      const { client } = makeClient(() =>
        json({ code: 200, data: { categories: { X: { categoryName: 'no id' } } } }),
      );
      const error = await rejection(client.getCategorizationHierarchy());
      expect(error).to.include({ code: 'invalid_response', field: 'data.categories' });
    });

    it('a tenant without the tenant-scoped path: the older index’s path, remembered', async () => {
      const { client, requests } = makeClient((request) =>
        request.url.endsWith('/customer/categorization/hierarchy')
          ? json({ categories: { A: { databaseId: 'a', categoryId: 'A', categoryName: 'A' } } })
          : json({ code: 404, message: 'Not found', data: {} }, 404),
      );
      await client.getCategorizationHierarchy();
      await client.getCategorizationHierarchy();
      const paths = await Promise.all(requests.map(async (r) => (await sent(r)).path));
      expect(paths).to.deep.equal([
        `/onboarding/api/v2.1/customer/individual/categorization/hierarchy/${TENANT}`,
        '/onboarding/api/v2.1/customer/categorization/hierarchy',
        '/onboarding/api/v2.1/customer/categorization/hierarchy',
      ]);
    });
  });

  describe('people (docs/finhub-contract.md#employees, #directors, #shareholders)', () => {
    it('a tenant without POST /director: the older page’s POST /directors', async () => {
      const { client, requests } = makeOrganizationClient((request) =>
        request.url.endsWith('/directors')
          ? json({ success: true, data: { directorId: 'dir_1' } }, 201)
          : json({ code: 405, message: 'Method not allowed', data: {} }, 405),
      );
      const result = await client.addDirector(ORG_ID, {
        firstName: 'Rita',
        lastName: 'Director',
        email: 'rita@example.com',
        role: 'MANAGING_DIRECTOR',
      });
      expect(result.directorId).to.equal('dir_1');
      expect((await sent(requests[1])).path).to.equal(
        `/onboarding/api/v2.1/customer/organization/${ORG_ID}/directors`,
      );
    });

    it('employee and shareholder ids under every documented name', async () => {
      const employee = {
        person: { firstName: 'A', lastName: 'B', email: 'a@b.c' },
        position: 'CEO',
        roles: ['ADMIN_USER'],
      };
      for (const [data, userId] of [
        [{ individual: { userId: 'u-r', email: 'a@b.c' } }, 'u-r'],
        [{ userId: 'u-n', employeeId: 'e-1' }, 'u-n'],
        [{ user: { id: 'u-o' } }, 'u-o'],
      ] as const) {
        const { client } = makeOrganizationClient(() => json({ success: true, data }, 201));
        expect((await client.addEmployee(ORG_ID, employee)).userId).to.equal(userId);
      }
      const { client } = makeOrganizationClient(() =>
        json({ success: true, data: { id: 'sh_11111', status: 'PENDING_VERIFICATION' } }),
      );
      expect(
        await client.addShareholder(ORG_ID, {
          type: 'CORPORATE',
          companyName: 'H',
          ownershipPercentage: 100,
        }),
      ).to.include({ shareholderId: 'sh_11111', status: 'PENDING_VERIFICATION' });
    });
  });

  describe('describeShape (for the doctor command)', () => {
    it('names the envelope, where each id was found, its style and the status spelling', () => {
      const shape = describeShape('POST /api/v2.1/customer/individual/cus_1/verification', {
        success: true,
        data: { verificationId: 'ver_12345', status: 'INITIATED' },
      });
      expect(shape).to.deep.include({
        endpoint: 'individualVerification',
        envelope: 'success',
        ids: { verificationId: { field: 'data.verificationId', style: 'short' } },
        missing: [],
      });
      expect(shape.statuses).to.deep.equal([
        {
          field: 'data.status',
          value: 'INITIATED',
          reading: '[N] INITIATED (customer-scoped verification)',
        },
      ]);
    });

    it('reports what the element would refuse, by field, the same as the client', () => {
      expect(
        describeShape('POST /v2.1/customer/individual/registration', {
          code: 200,
          data: { id: '2dac1793-ab48-420c-b0b5-01292302e188' },
        }),
      ).to.deep.include({
        envelope: 'wrapped',
        ids: { customerId: { field: 'data.id', style: 'uuid' } },
        missing: ['data.user.id'],
      });
      expect(describeShape('individualReadiness', { canActivate: true }).matched).to.include(
        'canActivate ([N])',
      );
      expect(
        describeShape('activateIndividual', { code: 200, data: {}, message: 'Success' }).matched,
      ).to.include('empty data ([R]): no IBAN in the answer');
      expect(
        describeShape('hierarchy', { categories: {}, features: { F: { mandatoryKeys: ['k'] } } })
          .matched,
      ).to.deep.equal([
        'no envelope (the payload itself)',
        'categories keyed by code',
        'mandatory keys without allowedValues',
      ]);
      expect(describeShape('GET /v2.1/unknown', { code: 200, data: {} }).endpoint).to.equal(
        undefined,
      );
    });
  });
});
