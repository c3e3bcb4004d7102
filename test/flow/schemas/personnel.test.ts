import { expect } from '@open-wc/testing';
import {
  formatPercent,
  isBeneficialOwner,
  ownershipSummary,
  parseHundredths,
  personnelRuleProblems,
  sumHundredths,
  toAddDirectorRequest,
  toAddEmployeeRequest,
  toAddShareholderRequest,
  validateDirector,
  validateEmployee,
  validateShareholder,
  type DirectorDraft,
  type EmployeeDraft,
  type ShareholderDraft,
} from '../../../src/steps/personnel/personnel.schema.js';
import { personnelRequests } from '../../../src/steps/personnel/personnel-requests.js';

const today = new Date(2026, 2, 15);

const employee = (patch: Partial<EmployeeDraft> = {}): EmployeeDraft => ({
  firstName: 'Rita',
  lastName: 'Admin',
  email: 'rita@acme.example',
  phone: '',
  position: 'CEO',
  roles: ['ADMIN_USER'],
  ...patch,
});

const director = (patch: Partial<DirectorDraft> = {}): DirectorDraft => ({
  firstName: 'Rita',
  lastName: 'Director',
  email: 'rita.d@acme.example',
  dateOfBirth: '1980-05-15',
  nationality: 'LT',
  role: 'MANAGING_DIRECTOR',
  appointmentDate: '',
  ...patch,
});

const holder = (patch: Partial<ShareholderDraft> = {}): ShareholderDraft => ({
  type: 'INDIVIDUAL',
  firstName: 'Ona',
  lastName: 'Holder',
  companyName: '',
  ownershipPercentage: '25',
  isPEP: 'no',
  ...patch,
});

describe('personnel schemas', () => {
  it('parses percentages into integer hundredths', () => {
    expect(parseHundredths('33.33')).to.equal(3333);
    expect(parseHundredths('33,3')).to.equal(3330);
    expect(parseHundredths(' 25 % ')).to.equal(2500);
    expect(parseHundredths('100')).to.equal(10000);
    expect(parseHundredths('33.333')).to.equal(undefined);
    expect(parseHundredths('-5')).to.equal(undefined);
    expect(parseHundredths('')).to.equal(undefined);
    // The float sum would be 99.99999999999999.
    expect(0.1 + 0.2).to.not.equal(0.3);
    expect(sumHundredths(['33.33', '33.33', '33.34'].map((v) => parseHundredths(v)!))).to.equal(
      10000,
    );
  });

  it('flags beneficial owners at 25% and above', () => {
    expect(isBeneficialOwner(2500)).to.be.true;
    expect(isBeneficialOwner(2499)).to.be.false;
  });

  it('validates employee rows with specific messages', () => {
    expect(validateEmployee(employee()).success).to.be.true;
    const cases: [Partial<EmployeeDraft>, string, string][] = [
      [{ firstName: ' ' }, 'firstName', 'Enter the employee’s first name'],
      [{ lastName: '' }, 'lastName', 'Enter the employee’s last name'],
      [{ email: 'x@' }, 'email', 'Enter an email address like name@example.com'],
      [
        { phone: '0600' },
        'phone',
        'Enter the phone number in international format: + and the country code, for example +37060012345',
      ],
      [{ position: '' }, 'position', 'Choose the employee’s position'],
      [{ roles: [] }, 'roles', 'Choose at least one role'],
    ];
    for (const [patch, field, message] of cases) {
      const errors = validateEmployee(employee(patch)).errors as Record<string, string[]>;
      expect(errors[field], field).to.deep.equal([message]);
    }
    expect(
      validateEmployee(employee({ email: 'RITA@acme.example' }), {
        takenEmails: ['rita@acme.example'],
      }).errors.email,
    ).to.deep.equal(['Another employee already has this email address']);
  });

  it('keeps roles in a fixed order and maps an employee to AddEmployeeRequest', () => {
    const values = validateEmployee(
      employee({ phone: '+370 600 12345', roles: ['EMPLOYEE', 'ADMIN_USER'] }),
    ).values!;
    expect(toAddEmployeeRequest(values)).to.deep.equal({
      person: {
        firstName: 'Rita',
        lastName: 'Admin',
        email: 'rita@acme.example',
        phoneNumber: '+37060012345',
      },
      position: 'CEO',
      roles: ['ADMIN_USER', 'EMPLOYEE'],
    });
    const noPhone = toAddEmployeeRequest(validateEmployee(employee()).values!);
    expect(noPhone.person).to.not.have.property('phoneNumber');
  });

  it('validates directors: adult, real dates, ISO-2 nationality, optional appointment date', () => {
    expect(validateDirector(director(), { today }).success).to.be.true;
    const cases: [Partial<DirectorDraft>, string, string][] = [
      [{ dateOfBirth: '' }, 'dateOfBirth', 'Enter the director’s date of birth'],
      [{ dateOfBirth: '2026-04-01' }, 'dateOfBirth', 'The date of birth must be in the past'],
      [
        { dateOfBirth: '2010-01-01' },
        'dateOfBirth',
        'Directors must be 18 or older (born on or before March 15, 2008)',
      ],
      [{ nationality: '' }, 'nationality', 'Choose the director’s nationality'],
      [{ nationality: 'Lithuania' }, 'nationality', 'Choose the nationality from the list'],
      [{ role: 'CEO' }, 'role', 'Choose the director’s role'],
      [
        { appointmentDate: '2026-03-16' },
        'appointmentDate',
        'The appointment date cannot be in the future',
      ],
      [
        { appointmentDate: '2020-13-01' },
        'appointmentDate',
        'Enter a real date, for example 2020-01-15',
      ],
    ];
    for (const [patch, field, message] of cases) {
      const errors = validateDirector(director(patch), { today }).errors as Record<
        string,
        string[]
      >;
      expect(errors[field], field).to.deep.equal([message]);
    }
    const values = validateDirector(director({ appointmentDate: '2020-01-15' }), { today }).values!;
    expect(toAddDirectorRequest(values)).to.deep.equal({
      firstName: 'Rita',
      lastName: 'Director',
      email: 'rita.d@acme.example',
      role: 'MANAGING_DIRECTOR',
      dateOfBirth: '1980-05-15',
      nationality: 'LT',
      appointmentDate: '2020-01-15',
    });
    expect(
      toAddDirectorRequest(validateDirector(director(), { today }).values!),
    ).to.not.have.property('appointmentDate');
  });

  it('validates shareholders by type, percentage and PEP declaration', () => {
    const cases: [Partial<ShareholderDraft>, string, string][] = [
      [{ type: '' }, 'type', 'Choose whether the shareholder is a person or a company'],
      [{ firstName: '' }, 'firstName', 'Enter the shareholder’s first name'],
      [{ lastName: '' }, 'lastName', 'Enter the shareholder’s last name'],
      [{ type: 'CORPORATE' }, 'companyName', 'Enter the company’s name'],
      [{ ownershipPercentage: '' }, 'ownershipPercentage', 'Enter the percentage of shares held'],
      [{ ownershipPercentage: '0' }, 'ownershipPercentage', 'Enter a percentage greater than 0'],
      [{ ownershipPercentage: '100.01' }, 'ownershipPercentage', 'Enter 100 or less'],
      [{ ownershipPercentage: '1000' }, 'ownershipPercentage', 'Enter 100 or less'],
      [{ ownershipPercentage: '12.345' }, 'ownershipPercentage', 'Use at most 2 decimal places'],
      [
        { ownershipPercentage: 'a lot' },
        'ownershipPercentage',
        'Enter a number, for example 25 or 33.33',
      ],
      [{ isPEP: '' }, 'isPEP', 'Answer whether this shareholder is a politically exposed person'],
    ];
    for (const [patch, field, message] of cases) {
      const errors = validateShareholder(holder(patch)).errors as Record<string, string[]>;
      expect(errors[field], JSON.stringify(patch)).to.deep.equal([message]);
    }
    // A company needs no person names.
    const company = validateShareholder(
      holder({ type: 'CORPORATE', firstName: '', lastName: '', companyName: 'Acme Holdings' }),
    );
    expect(company.errors).to.deep.equal({});
  });

  it('maps shareholders to the docs/finhub-contract.md#shareholders request with the beneficial owner flag', () => {
    const person = validateShareholder(holder({ ownershipPercentage: '25', isPEP: 'yes' })).values!;
    expect(toAddShareholderRequest(person)).to.deep.equal({
      type: 'INDIVIDUAL',
      firstName: 'Ona',
      lastName: 'Holder',
      ownershipPercentage: 25,
      isBeneficialOwner: true,
      isPEP: true,
    });
    const company = validateShareholder(
      holder({
        type: 'CORPORATE',
        firstName: 'ignored',
        companyName: 'Acme Holdings',
        ownershipPercentage: '24,99',
      }),
    ).values!;
    expect(toAddShareholderRequest(company)).to.deep.equal({
      type: 'CORPORATE',
      companyName: 'Acme Holdings',
      ownershipPercentage: 24.99,
      isBeneficialOwner: false,
      isPEP: false,
    });
  });

  it('states the rules: admin user, a director, exactly 100%', () => {
    const ok = personnelRuleProblems({
      employeeRoles: [['EMPLOYEE'], ['ADMIN_USER']],
      directorCount: 1,
      shareholderHundredths: [3333, 3333, 3334],
    });
    expect(ok).to.deep.equal({});
    const bad = personnelRuleProblems({
      employeeRoles: [['EMPLOYEE']],
      directorCount: 0,
      shareholderHundredths: [9000],
    });
    expect(bad.employees).to.contain('Admin user role');
    expect(bad.directors).to.contain('at least one director');
    expect(bad.shareholders).to.equal('Ownership adds up to 90%; 10% is still unallocated.');
    expect(
      personnelRuleProblems({ employeeRoles: [], directorCount: 1, shareholderHundredths: [11000] })
        .shareholders,
    ).to.equal('Ownership adds up to 110%; reduce it by 10%.');
    expect(
      personnelRuleProblems({ employeeRoles: [], directorCount: 1, shareholderHundredths: [] })
        .shareholders,
    ).to.contain('must add up to 100%');
  });

  it('writes the live total and formats percentages for the locale', () => {
    expect(ownershipSummary(9000)).to.equal('Total ownership: 90% — 10% left to allocate');
    expect(ownershipSummary(10000)).to.equal('Total ownership: 100% — fully allocated');
    expect(ownershipSummary(11050)).to.equal('Total ownership: 110.5% — 10.5% over 100%');
    expect(formatPercent(3333)).to.equal('33.33%');
    expect(formatPercent(3333, 'lt')).to.match(/^33,33\s%$/);
  });

  it('orders the requests employees → directors → shareholders', () => {
    const employeeRequest = toAddEmployeeRequest(validateEmployee(employee()).values!);
    const directorRequest = toAddDirectorRequest(validateDirector(director(), { today }).values!);
    const shareholderRequest = toAddShareholderRequest(validateShareholder(holder()).values!);
    const order = personnelRequests({
      shareholders: [shareholderRequest],
      directors: [directorRequest, directorRequest],
      employees: [employeeRequest],
    }).map(({ section, index }) => `${section}[${index}]`);
    expect(order).to.deep.equal([
      'employees[0]',
      'directors[0]',
      'directors[1]',
      'shareholders[0]',
    ]);
  });
});
