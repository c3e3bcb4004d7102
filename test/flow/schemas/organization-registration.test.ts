import { expect } from '@open-wc/testing';
import { buildOrganizationRegistrationBody } from '../../../src/api/organization-requests.js';
import {
  mapOrganizationRegistrationServerErrors,
  normalizeWebsite,
  organizationRegistrationFieldFor,
  toRegisterOrganizationRequest,
  validateOrganizationRegistration,
  type OrganizationRegistrationField,
} from '../../../src/steps/registration/organization-registration.schema.js';

import { FORM_PASSWORD, validOrganizationForm } from './form-values.js';
const today = new Date(2026, 2, 15); // 15 March 2026, local time
const PASSWORD = FORM_PASSWORD;

// Untrimmed on purpose: the schema trims.
const valid = () => ({ ...validOrganizationForm(), legalName: ' Acme Robotics UAB ' });

const errorsWith = (patch: Partial<Record<OrganizationRegistrationField, string>>) =>
  validateOrganizationRegistration({ ...valid(), ...patch }, { today }).errors;

describe('organization registration schema', () => {
  it('accepts valid values: trims text, normalizes phone and website', () => {
    const result = validateOrganizationRegistration(valid(), { today });
    expect(result.errors).to.deep.equal({});
    expect(result.values).to.include({
      legalName: 'Acme Robotics UAB',
      companyPhone: '+37060012345',
      website: 'https://acme.example',
      legalForm: 'LIMITED_LIABILITY_COMPANY',
    });
  });

  it('leaves trading name and website optional, but nothing else', () => {
    expect(errorsWith({ tradingName: '', website: '' })).to.deep.equal({});
    const empty = validateOrganizationRegistration({}, { today });
    expect(empty.success).to.be.false;
    expect(Object.keys(empty.errors).sort()).to.deep.equal(
      [
        'legalName',
        'registrationNumber',
        'taxId',
        'incorporationDate',
        'legalForm',
        'industry',
        'businessDescription',
        'companyEmail',
        'companyPhone',
        'street',
        'city',
        'postalCode',
        'country',
        'email',
        'password',
        'matchingPassword',
      ].sort(),
    );
  });

  it('gives one specific message per rule', () => {
    const cases: [Partial<Record<OrganizationRegistrationField, string>>, string, string][] = [
      [{ legalName: '' }, 'legalName', 'Enter the company’s legal name'],
      [{ legalName: 'A' }, 'legalName', 'Enter at least 2 characters'],
      [{ registrationNumber: '' }, 'registrationNumber', 'Enter the company registration number'],
      [
        { registrationNumber: '#1' },
        'registrationNumber',
        'Use 2 to 40 letters, digits, spaces or . / -',
      ],
      [{ taxId: '' }, 'taxId', 'Enter the company’s tax ID'],
      [{ incorporationDate: '' }, 'incorporationDate', 'Enter the date of incorporation'],
      [
        { incorporationDate: '2015-02-30' },
        'incorporationDate',
        'Enter a real date, for example 2015-03-20',
      ],
      [
        { incorporationDate: '2026-03-16' },
        'incorporationDate',
        'The date of incorporation cannot be in the future',
      ],
      [{ incorporationDate: '1700-01-01' }, 'incorporationDate', 'Check the year of incorporation'],
      [{ legalForm: 'LLC' }, 'legalForm', 'Choose the legal form'],
      [{ industry: '' }, 'industry', 'Choose the industry'],
      [{ businessDescription: ' ' }, 'businessDescription', 'Describe what the business does'],
      [
        { businessDescription: 'x'.repeat(1001) },
        'businessDescription',
        'Use 1000 characters or fewer',
      ],
      [{ website: 'not a site' }, 'website', 'Enter a web address like https://example.com'],
      [{ companyEmail: 'info@' }, 'companyEmail', 'Enter an email address like name@example.com'],
      [
        { companyPhone: '0600 12345' },
        'companyPhone',
        'Enter the phone number in international format: + and the country code, for example +37060012345',
      ],
      [{ country: 'XX' }, 'country', 'Choose the country from the list'],
      [{ email: '' }, 'email', 'Enter the admin user’s email address'],
      [
        { password: 'NoSymbols12345', matchingPassword: 'NoSymbols12345' },
        'password',
        'Add a symbol, such as ! or #',
      ],
      [{ matchingPassword: 'Correct-Horse-8' }, 'matchingPassword', 'The passwords do not match'],
    ];
    for (const [patch, field, message] of cases) {
      expect(
        errorsWith(patch)[field as OrganizationRegistrationField],
        JSON.stringify(patch),
      ).to.deep.equal([message]);
    }
    // Today itself is fine.
    expect(errorsWith({ incorporationDate: '2026-03-15' })).to.deep.equal({});
  });

  it('normalizes a bare domain to https and leaves a scheme alone', () => {
    expect(normalizeWebsite(' acme.example/about ')).to.equal('https://acme.example/about');
    expect(normalizeWebsite('http://acme.example')).to.equal('http://acme.example');
    expect(normalizeWebsite('')).to.equal('');
  });

  it('maps FinHub paths to the right field (company email vs admin email)', () => {
    const cases: [string, OrganizationRegistrationField | undefined][] = [
      ['organizationCustomer.organization.legalName', 'legalName'],
      ['organizationCustomer.organization.email', 'companyEmail'],
      ['organizationCustomer.organization.phone', 'companyPhone'],
      ['organizationCustomer.organization.website', 'website'],
      ['organizationCustomer.organization.addresses[0].postalCode', 'postalCode'],
      ['organizationCustomer.organization.addresses[0].street', 'street'],
      ['organizationCustomer.organization.addresses[0].country', 'country'],
      ['organizationCustomer.organization.addresses', undefined],
      ['organizationCustomer.organization.contacts[0].value', undefined],
      ['organizationCustomer.customerName', 'legalName'],
      ['organizationCustomer.user.email', 'email'],
      ['email', 'email'],
      ['password', 'password'],
      ['matchingPassword', 'matchingPassword'],
      ['customerCategory.id', undefined],
    ];
    for (const [path, field] of cases) {
      expect(organizationRegistrationFieldFor(path), path).to.equal(field);
    }
    expect(
      mapOrganizationRegistrationServerErrors([
        { field: 'email', message: 'Email exists' },
        { field: 'organizationCustomer.organization.email', message: 'Bad company email' },
        { field: 'customerCategory', message: 'Category is inactive' },
      ]),
    ).to.deep.equal({
      fields: { email: ['Email exists'], companyEmail: ['Bad company email'] },
      general: ['Category is inactive'],
    });
  });

  it('maps values 1:1 onto RegisterOrganizationRequest, leaving out empty optional fields', () => {
    const values = validateOrganizationRegistration(valid(), { today }).values!;
    const category = { id: 'fs-cat-b2b-small-001', name: 'Small Business' };
    expect(toRegisterOrganizationRequest(values, category)).to.deep.equal({
      email: 'rita@acme.example',
      password: PASSWORD,
      matchingPassword: PASSWORD,
      customerCategory: category,
      customerName: 'Acme',
      organization: {
        legalName: 'Acme Robotics UAB',
        tradingName: 'Acme',
        registrationNumber: '305123456',
        taxId: 'LT100012345678',
        incorporationDate: '2015-03-20',
        legalForm: 'LIMITED_LIABILITY_COMPANY',
        industry: 'TECHNOLOGY',
        businessDescription: 'Industrial robots for warehouses.',
        website: 'https://acme.example',
        email: 'info@acme.example',
        phone: '+37060012345',
        address: {
          type: 'REGISTERED',
          street: 'Gedimino pr. 1',
          city: 'Vilnius',
          postalCode: '01103',
          country: 'LT',
        },
      },
    });
    const bare = validateOrganizationRegistration(
      { ...valid(), tradingName: '', website: '' },
      { today },
    ).values!;
    const categorization = { id: 'cat-1', categoryFeatureRelations: [] };
    const request = toRegisterOrganizationRequest(bare, category, categorization);
    expect(request.customerName).to.equal('Acme Robotics UAB');
    expect(request.organization).to.not.have.any.keys('tradingName', 'website');
    expect(request.categorization).to.equal(categorization);
    // The client's body builder takes it as is (docs/finhub-contract.md#organization-registration
    // nesting).
    const body = buildOrganizationRegistrationBody(request, 'tenant-1');
    expect(body.organizationCustomer.organization.addresses[0]).to.deep.include({
      type: 'REGISTERED',
      postalCode: '01103',
      country: 'LT',
    });
    expect(body.organizationCustomer.organization.email).to.equal('info@acme.example');
    expect(body.email).to.equal('rita@acme.example');
  });
});
