import { expect } from '@open-wc/testing';
import {
  latestBirthDate,
  validateIndividualRegistration,
  type IndividualRegistrationField,
} from '../../src/steps/registration/individual-registration.schema.js';
import {
  mapRegistrationServerErrors,
  registrationFieldFor,
} from '../../src/steps/registration/individual-registration-fields.js';
import { validIndividualForm } from './schemas/form-values.js';

const today = new Date(2026, 2, 15); // 15 March 2026, local time

// Untrimmed on purpose: the schema trims.
const valid = () => ({ ...validIndividualForm(), firstName: ' Ona ' });

const errorsWith = (patch: Partial<Record<IndividualRegistrationField, string>>) =>
  validateIndividualRegistration({ ...valid(), ...patch }, { today }).errors;

describe('individual registration schema', () => {
  it('accepts valid values, trimming text and normalizing the phone to E.164', () => {
    const result = validateIndividualRegistration(valid(), { today });
    expect(result.success).to.be.true;
    expect(result.values?.firstName).to.equal('Ona');
    expect(result.values?.phone).to.equal('+37060012345');
    expect(result.values?.nationality).to.equal('LT');
  });

  it('gives a specific message for each password rule', () => {
    expect(errorsWith({ password: '', matchingPassword: '' }).password).to.deep.equal([
      'Enter a password',
    ]);
    expect(
      errorsWith({ password: 'Short-1a', matchingPassword: 'Short-1a' }).password,
    ).to.deep.equal(['Use at least 12 characters']);
    expect(
      errorsWith({ password: 'lower-case-123', matchingPassword: 'lower-case-123' }).password,
    ).to.deep.equal(['Add an uppercase letter']);
    expect(
      errorsWith({ password: 'UPPER-CASE-123', matchingPassword: 'UPPER-CASE-123' }).password,
    ).to.deep.equal(['Add a lowercase letter']);
    expect(
      errorsWith({ password: 'No-Digits-Here', matchingPassword: 'No-Digits-Here' }).password,
    ).to.deep.equal(['Add a digit']);
    expect(
      errorsWith({ password: 'NoSymbols12345', matchingPassword: 'NoSymbols12345' }).password,
    ).to.deep.equal(['Add a symbol, such as ! or #']);
    expect(errorsWith({ password: 'short', matchingPassword: 'short' }).password).to.deep.equal([
      'Use at least 12 characters',
      'Add an uppercase letter',
      'Add a digit',
      'Add a symbol, such as ! or #',
    ]);
  });

  it('reports a password mismatch on the confirmation, even alongside other errors', () => {
    expect(errorsWith({ matchingPassword: 'Different-Horse-9' }).matchingPassword).to.deep.equal([
      'The passwords do not match',
    ]);
    const many = errorsWith({ firstName: '', matchingPassword: 'nope' });
    expect(many.firstName).to.deep.equal(['Enter your first name']);
    expect(many.matchingPassword).to.deep.equal(['The passwords do not match']);
    expect(errorsWith({ matchingPassword: '' }).matchingPassword).to.deep.equal([
      'Repeat your password',
    ]);
  });

  it('checks email and phone formats', () => {
    expect(errorsWith({ email: '' }).email).to.deep.equal(['Enter your email address']);
    expect(errorsWith({ email: 'ona@' }).email).to.deep.equal([
      'Enter an email address like name@example.com',
    ]);
    expect(errorsWith({ phone: '860012345' }).phone?.[0]).to.match(/international format/);
    expect(errorsWith({ phone: '+0123456789' }).phone?.[0]).to.match(/international format/);
    expect(errorsWith({ phone: '(+370) 600-12345' }).phone).to.equal(undefined);
  });

  it('requires a real date of birth of someone 18 or older', () => {
    const latest = latestBirthDate(today);
    expect(latest).to.equal('2008-03-15');
    expect(errorsWith({ dateOfBirth: latest }).dateOfBirth).to.equal(undefined);
    expect(errorsWith({ dateOfBirth: '2008-03-16' }).dateOfBirth).to.deep.equal([
      'You must be 18 or older (born on or before March 15, 2008)',
    ]);
    expect(errorsWith({ dateOfBirth: '2027-01-01' }).dateOfBirth).to.deep.equal([
      'Your date of birth must be in the past',
    ]);
    expect(errorsWith({ dateOfBirth: '1990-02-30' }).dateOfBirth).to.deep.equal([
      'Enter a real date, for example 1990-05-15',
    ]);
    expect(errorsWith({ dateOfBirth: '' }).dateOfBirth).to.deep.equal(['Enter your date of birth']);
    expect(errorsWith({ dateOfBirth: '1890-01-01' }).dateOfBirth).to.deep.equal([
      'Check the year of your date of birth',
    ]);
  });

  it('keeps its age limit in step with the day, though the schema is built once per locale', () => {
    const born = { ...valid(), dateOfBirth: '2008-03-16' };
    const dayBefore = new Date(2026, 2, 15);
    const birthday = new Date(2026, 2, 16);
    // Typing on (the same day, the same locale) gives the same answer every time.
    for (let keystroke = 0; keystroke < 3; keystroke++) {
      expect(
        validateIndividualRegistration(born, { today: dayBefore }).errors.dateOfBirth,
      ).to.deep.equal(['You must be 18 or older (born on or before March 15, 2008)']);
    }
    // The next day the same person is 18.
    expect(validateIndividualRegistration(born, { today: birthday }).success).to.be.true;
    expect(
      validateIndividualRegistration(born, { today: dayBefore, locale: 'en-GB' }).errors
        .dateOfBirth,
    ).to.deep.equal(['You must be 18 or older (born on or before 15 March 2008)']);
  });

  it('accepts only MALE/FEMALE/OTHER and ISO-2 countries', () => {
    expect(errorsWith({ gender: '' }).gender).to.deep.equal(['Choose your gender']);
    expect(errorsWith({ gender: 'M' }).gender).to.deep.equal(['Choose your gender']);
    expect(errorsWith({ nationality: 'Lithuania' }).nationality).to.deep.equal([
      'Choose your nationality from the list',
    ]);
    expect(errorsWith({ nationality: '' }).nationality).to.deep.equal(['Choose your nationality']);
    expect(errorsWith({ country: 'XX' }).country).to.deep.equal([
      'Choose the country you live in from the list',
    ]);
  });

  it('requires every text field', () => {
    const errors = validateIndividualRegistration({}, { today }).errors;
    expect(Object.keys(errors).sort()).to.deep.equal(
      [
        'firstName',
        'lastName',
        'email',
        'phone',
        'dateOfBirth',
        'gender',
        'nationality',
        'placeOfBirth',
        'street',
        'city',
        'postalCode',
        'country',
        'password',
        'matchingPassword',
      ].sort(),
    );
    expect(errors.placeOfBirth).to.deep.equal(['Enter your place of birth']);
    expect(errors.postalCode).to.deep.equal(['Enter your postal code']);
  });
});

describe('FinHub field paths to form fields', () => {
  it('maps top-level and nested paths (docs/finhub-contract.md#registration-body)', () => {
    expect(registrationFieldFor('email')).to.equal('email');
    expect(registrationFieldFor('individualCustomer.person.email')).to.equal('email');
    expect(registrationFieldFor('matchingPassword')).to.equal('matchingPassword');
    expect(registrationFieldFor('individualCustomer.person.addresses[0].postalCode')).to.equal(
      'postalCode',
    );
    expect(registrationFieldFor('individualCustomer.person.addresses[0].country')).to.equal(
      'country',
    );
    expect(registrationFieldFor('individualCustomer.person.nationality')).to.equal('nationality');
    expect(registrationFieldFor('individualCustomer.user.username')).to.equal('email');
    expect(registrationFieldFor('individualCustomer.user.password')).to.equal('password');
    expect(registrationFieldFor('individualCustomer.person.contacts[1].value')).to.equal(undefined);
    expect(registrationFieldFor('customerCategory.id')).to.equal(undefined);
  });

  it('groups messages per field and keeps the rest as general errors', () => {
    const mapped = mapRegistrationServerErrors([
      { field: 'email', message: 'Email is invalid' },
      { field: 'individualCustomer.person.email', message: 'Email is invalid' },
      { field: 'individualCustomer.person.addresses[0].postalCode', message: 'Bad postal code' },
      { field: 'customerCategory.id', message: 'Unknown category' },
    ]);
    expect(mapped.fields).to.deep.equal({
      email: ['Email is invalid'],
      postalCode: ['Bad postal code'],
    });
    expect(mapped.general).to.deep.equal(['Unknown category']);
  });
});
