/** Valid values of the two registration forms, by field, for the schema tests to vary. */
import type { IndividualRegistrationField } from '../../../src/steps/registration/individual-registration.schema.js';
import type { OrganizationRegistrationField } from '../../../src/steps/registration/organization-registration.schema.js';

export const FORM_PASSWORD = 'Correct-Horse-9';

export const validIndividualForm = (): Record<IndividualRegistrationField, string> => ({
  firstName: 'Ona',
  lastName: 'Jonaitė',
  email: 'ona@example.com',
  phone: '+370 600 12345',
  dateOfBirth: '1990-05-15',
  gender: 'FEMALE',
  nationality: 'LT',
  placeOfBirth: 'Vilnius',
  street: 'Gedimino pr. 1',
  city: 'Vilnius',
  postalCode: '01103',
  country: 'LT',
  password: FORM_PASSWORD,
  matchingPassword: FORM_PASSWORD,
});

export const validOrganizationForm = (): Record<OrganizationRegistrationField, string> => ({
  legalName: 'Acme Robotics UAB',
  tradingName: 'Acme',
  registrationNumber: '305123456',
  taxId: 'LT100012345678',
  incorporationDate: '2015-03-20',
  legalForm: 'LIMITED_LIABILITY_COMPANY',
  industry: 'TECHNOLOGY',
  businessDescription: 'Industrial robots for warehouses.',
  website: 'acme.example',
  companyEmail: 'info@acme.example',
  companyPhone: '+370 600 12345',
  street: 'Gedimino pr. 1',
  city: 'Vilnius',
  postalCode: '01103',
  country: 'LT',
  email: 'rita@acme.example',
  password: FORM_PASSWORD,
  matchingPassword: FORM_PASSWORD,
});
