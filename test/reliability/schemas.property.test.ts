/**
 * Property tests (fast-check) of every step schema: whatever a person types (or a script puts in
 * the form), validation never throws, and every refusal names a field of that step with a
 * non-empty message of our own (never zod's generic "Invalid input"). Accepted values keep the
 * rules they promise (email and phone shapes, matching passwords, ownership range).
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { validateActivationCode } from '../../src/steps/activation/activation-code.schema.js';
import { validateConsents } from '../../src/steps/consents/consents.schema.js';
import {
  INDIVIDUAL_REGISTRATION_FIELDS,
  validateIndividualRegistration,
} from '../../src/steps/registration/individual-registration.schema.js';
import {
  ORGANIZATION_REGISTRATION_FIELDS,
  validateOrganizationRegistration,
} from '../../src/steps/registration/organization-registration.schema.js';
import {
  DIRECTOR_FIELDS,
  EMPLOYEE_FIELDS,
  EMPLOYEE_ROLES,
  SHAREHOLDER_FIELDS,
  validateDirector,
  validateEmployee,
  validateShareholder,
} from '../../src/steps/personnel/personnel.schema.js';
import { EMAIL, PHONE } from '../../src/steps/common/rules.js';
import { SIGN_IN_FIELDS, validateSignIn } from '../../src/steps/session/sign-in.schema.js';
import type { ValidationResult } from '../../src/steps/common/validate.js';
import { validIndividualForm, validOrganizationForm } from '../flow/schemas/form-values.js';

const RUNS = 300;
const today = new Date(2026, 2, 15);

/** zod's own wording: a message like this means a rule has no message of ours. */
const GENERIC = /invalid input|invalid option|expected|received|too small|too big|^required$/i;

/** Strings a person, a paste or a script may produce. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }), // any code point, lone surrogates included
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '\t\n', '\u200b', '\u0000', '<b>x</b>', '<img src=x onerror=alert(1)>'),
  fc.constantFrom('a'.repeat(10_000), '1'.repeat(300), '+' + '9'.repeat(40)),
  fc.constantFrom('2026-02-30', '0000-00-00', '9999-12-31', '1900-01-01', '2010-13-01'),
  fc.constantFrom('LT', 'lt', 'XX', 'Lithuania', '__proto__', 'constructor'),
);

/** Each field: a valid value or anything else. */
function draft<F extends string>(fields: readonly F[], valid: Record<F, string>) {
  return fc.record(
    Object.fromEntries(fields.map((f) => [f, fc.oneof(fc.constant(valid[f]), anyText)])) as Record<
      F,
      fc.Arbitrary<string>
    >,
    { requiredKeys: [] },
  );
}

/** The contract of every step's validation result. */
function checkResult(
  result: ValidationResult<unknown, string>,
  fields: readonly string[],
  what: string,
): void {
  if (result.success) {
    expect(result.errors, what).to.deep.equal({});
    expect(result.values, what).to.exist;
    return;
  }
  const entries = Object.entries(result.errors) as [string, string[] | undefined][];
  expect(entries.length, `${what}: a refusal names at least one field`).to.be.greaterThan(0);
  for (const [field, messages] of entries) {
    expect(fields, `${what}: "${field}" is a field of the step`).to.include(field);
    expect(messages?.length ?? 0, `${what}: ${field} has a message`).to.be.greaterThan(0);
    for (const message of messages ?? []) {
      expect(message.trim(), `${what}: ${field} message is not empty`).to.not.equal('');
      expect(message, `${what}: ${field} message is our own`).to.not.match(GENERIC);
    }
  }
}

const property = <T>(arb: fc.Arbitrary<T>, predicate: (value: T) => void) =>
  fc.assert(fc.property(arb, predicate), { numRuns: RUNS });

describe('step schemas under arbitrary input (fast-check)', () => {
  it('individual registration', () => {
    const valid = validIndividualForm();
    property(draft(INDIVIDUAL_REGISTRATION_FIELDS, valid), (input) => {
      const result = validateIndividualRegistration(input, { today });
      checkResult(result, INDIVIDUAL_REGISTRATION_FIELDS, 'individual registration');
      if (result.success) {
        expect(result.values.email).to.match(EMAIL);
        expect(result.values.phone).to.match(PHONE);
        expect(result.values.password).to.equal(result.values.matchingPassword);
        expect(result.values.firstName.trim()).to.equal(result.values.firstName);
        expect(result.values.firstName).to.not.equal('');
      }
    });
    // Every field alone emptied is reported on that field (an empty password also no longer
    // matches its repetition).
    for (const field of INDIVIDUAL_REGISTRATION_FIELDS) {
      const result = validateIndividualRegistration({ ...valid, [field]: '' }, { today });
      const expected = field === 'password' ? [field, 'matchingPassword'] : [field];
      expect(Object.keys(result.errors), field).to.deep.equal(expected);
    }
  });

  it('organization registration', () => {
    const valid = validOrganizationForm();
    expect(validateOrganizationRegistration(valid, { today }).success).to.be.true;
    property(draft(ORGANIZATION_REGISTRATION_FIELDS, valid), (input) => {
      const result = validateOrganizationRegistration(input, { today });
      checkResult(result, ORGANIZATION_REGISTRATION_FIELDS, 'organization registration');
      if (result.success) {
        expect(result.values.email).to.match(EMAIL);
        expect(result.values.password).to.equal(result.values.matchingPassword);
      }
    });
  });

  it('personnel rows: employee, director, shareholder', () => {
    const employee = {
      firstName: 'Rita',
      lastName: 'Petraitė',
      email: 'rita@acme.example',
      phone: '',
      position: 'CEO',
    };
    const roles = fc.oneof(
      fc.constant<string[]>(['ADMIN_USER']),
      fc.subarray([...EMPLOYEE_ROLES]),
      fc.array(anyText, { maxLength: 4 }),
    );
    property(
      fc.tuple(draft(Object.keys(employee) as (keyof typeof employee)[], employee), roles),
      ([input, picked]) => {
        const result = validateEmployee(
          { ...input, roles: picked },
          { takenEmails: ['taken@acme.example'] },
        );
        checkResult(result, EMPLOYEE_FIELDS, 'employee');
        if (result.success) {
          expect(result.values.email).to.match(EMAIL);
          expect(result.values.roles.length).to.be.greaterThan(0);
        }
      },
    );

    const director = {
      firstName: 'Jonas',
      lastName: 'Jonaitis',
      email: 'jonas@acme.example',
      dateOfBirth: '1975-04-02',
      nationality: 'LT',
      role: 'DIRECTOR',
      appointmentDate: '2015-03-20',
    };
    property(draft(DIRECTOR_FIELDS, director), (input) => {
      checkResult(validateDirector(input, { today }), DIRECTOR_FIELDS, 'director');
    });

    const holder = {
      type: 'INDIVIDUAL',
      firstName: 'Jonas',
      lastName: 'Jonaitis',
      companyName: 'Holdco UAB',
      ownershipPercentage: '33,33',
      isPEP: 'no',
    };
    // Found by this test: spaces only, or a lone "%", passed as 0 % ownership.
    for (const ownershipPercentage of ['   ', '%', ' % ']) {
      const result = validateShareholder({ ...holder, ownershipPercentage });
      expect(result.success, JSON.stringify(ownershipPercentage)).to.be.false;
      expect(result.errors.ownershipPercentage?.[0]).to.match(/percentage|number/);
    }
    property(draft(SHAREHOLDER_FIELDS, holder), (input) => {
      const result = validateShareholder(input);
      checkResult(result, SHAREHOLDER_FIELDS, 'shareholder');
      if (result.success) {
        expect(result.values.ownershipHundredths).to.be.within(1, 10_000);
        expect(Number.isInteger(result.values.ownershipHundredths)).to.be.true;
      }
    });
  });

  it('sign-in', () => {
    property(draft(SIGN_IN_FIELDS, { email: 'ona@example.com', password: 'x' }), (input) => {
      const result = validateSignIn(input);
      checkResult(result, SIGN_IN_FIELDS, 'sign-in');
      if (result.success) expect(result.values.email).to.match(EMAIL);
    });
  });

  it('consents', () => {
    const value = fc.oneof(fc.boolean(), fc.anything()) as fc.Arbitrary<boolean>;
    property(
      fc.record({ terms: value, privacy: value, 'data-processing': value }, { requiredKeys: [] }),
      (input) => {
        const result = validateConsents(input);
        checkResult(result, ['terms', 'privacy', 'data-processing'], 'consents');
        expect(result.success).to.equal(
          input.terms === true && input.privacy === true && input['data-processing'] === true,
        );
      },
    );
  });

  it('activation code', () => {
    property(
      fc.record({ code: fc.oneof(anyText, fc.stringMatching(/^[A-Z0-9-]{4,20}$/)) }),
      (input) => {
        const result = validateActivationCode(input);
        checkResult(result, ['code'], 'activation code');
        if (result.success) expect(result.values.code).to.match(/^[A-Za-z0-9_-]{4,64}$/);
      },
    );
  });

  it('values that are not strings at all (a script filling the form) never throw', () => {
    const junk = fc.dictionary(
      fc.constantFrom(...INDIVIDUAL_REGISTRATION_FIELDS, ...ORGANIZATION_REGISTRATION_FIELDS),
      fc.anything(),
    ) as fc.Arbitrary<Record<string, string>>; // deliberately not strings
    property(junk, (input) => {
      const all = [
        [validateIndividualRegistration(input, { today }), INDIVIDUAL_REGISTRATION_FIELDS],
        [validateOrganizationRegistration(input, { today }), ORGANIZATION_REGISTRATION_FIELDS],
        [validateSignIn(input), SIGN_IN_FIELDS],
        [validateActivationCode(input), ['code']],
        [validateDirector(input, { today }), DIRECTOR_FIELDS],
        [validateShareholder(input), SHAREHOLDER_FIELDS],
      ] as const;
      for (const [result, fields] of all) {
        if (result.success) continue;
        for (const [field, messages] of Object.entries(result.errors) as [string, string[]][]) {
          expect(fields as readonly string[]).to.include(field);
          expect(messages.every((m) => m.trim() !== '')).to.be.true;
        }
      }
    });
  });
});
