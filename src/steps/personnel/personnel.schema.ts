/**
 * The personnel step (docs/finhub-contract.md#organization-flow step 3): employees
 * (docs/finhub-contract.md#employees), directors (docs/finhub-contract.md#directors) and
 * shareholders (docs/finhub-contract.md#shareholders). One zod/mini schema per row form, the step's
 * rules (an `ADMIN_USER` employee, at least one director, ownership totalling exactly 100%) and
 * pure mappers from the validated rows to the API client's request types.
 *
 * Ownership is kept in integer hundredths of a percent (33.33% = 3333) so totals never suffer
 * float error; it becomes a number with at most two decimals only in the request.
 */
import * as z from 'zod/mini';
import { msg, str } from '@lit/localize';
import type {
  AddDirectorRequest,
  AddEmployeeRequest,
  AddShareholderRequest,
} from '../../api/organization-requests.js';
import { isCountryCode } from '../../localization/countries.js';
import {
  completeInput,
  email,
  formatDate,
  isoDate,
  isoDay,
  isRealDate,
  oneProblem,
  optionalText,
  perLocale,
  PHONE,
  required,
  rule,
  text,
} from '../common/rules.js';
import { validateStep, type ValidationResult } from '../common/validate.js';
import { isBeneficialOwner, parseHundredths, percentProblem } from './ownership.js';
import {
  DIRECTOR_MINIMUM_AGE,
  DIRECTOR_ROLES,
  EMPLOYEE_POSITIONS,
  EMPLOYEE_ROLES,
  SHAREHOLDER_TYPES,
  type DirectorRole,
  type EmployeePosition,
  type EmployeeRole,
  type PersonnelSection,
  type ShareholderType,
} from './vocabulary.js';

export * from './ownership.js';
export * from './vocabulary.js';

// ---- rows as typed ---------------------------------------------------------------------------

export interface EmployeeDraft {
  firstName: string;
  lastName: string;
  email: string;
  /** Optional. */
  phone: string;
  position: string;
  roles: string[];
}

export interface DirectorDraft {
  firstName: string;
  lastName: string;
  email: string;
  dateOfBirth: string;
  nationality: string;
  role: string;
  /** Optional. */
  appointmentDate: string;
}

export interface ShareholderDraft {
  /** `INDIVIDUAL`, `CORPORATE` or '' (not chosen). */
  type: string;
  firstName: string;
  lastName: string;
  companyName: string;
  /** As typed, e.g. `33.33` or `33,33`. */
  ownershipPercentage: string;
  /** PEP declaration: `yes`, `no` or '' (not answered). */
  isPEP: string;
}

/** The new rows of all three sections, as typed. */
export interface PersonnelDrafts {
  employees: EmployeeDraft[];
  directors: DirectorDraft[];
  shareholders: ShareholderDraft[];
}

export const EMPLOYEE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'position',
  'roles',
] as const satisfies readonly (keyof EmployeeDraft)[];
export type EmployeeField = (typeof EMPLOYEE_FIELDS)[number];

export const DIRECTOR_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'dateOfBirth',
  'nationality',
  'role',
  'appointmentDate',
] as const satisfies readonly (keyof DirectorDraft)[];
export type DirectorField = (typeof DIRECTOR_FIELDS)[number];

export const SHAREHOLDER_FIELDS = [
  'type',
  'firstName',
  'lastName',
  'companyName',
  'ownershipPercentage',
  'isPEP',
] as const satisfies readonly (keyof ShareholderDraft)[];
export type ShareholderField = (typeof SHAREHOLDER_FIELDS)[number];

export const emptyEmployee = (roles: string[] = []): EmployeeDraft => ({
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  position: '',
  roles,
});

export const emptyDirector = (): DirectorDraft => ({
  firstName: '',
  lastName: '',
  email: '',
  dateOfBirth: '',
  nationality: '',
  role: '',
  appointmentDate: '',
});

export const emptyShareholder = (): ShareholderDraft => ({
  type: '',
  firstName: '',
  lastName: '',
  companyName: '',
  ownershipPercentage: '',
  isPEP: '',
});

// ---- validated rows --------------------------------------------------------------------------

export interface EmployeeValues {
  firstName: string;
  lastName: string;
  email: string;
  /** E.164, or '' when not given. */
  phone: string;
  position: EmployeePosition;
  /** In `EMPLOYEE_ROLES` order, no repeats. */
  roles: EmployeeRole[];
}

export interface DirectorValues {
  firstName: string;
  lastName: string;
  email: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
  /** ISO 3166-1 alpha-2 (docs/finhub-contract.md#nationality-and-formats). */
  nationality: string;
  role: DirectorRole;
  /** `YYYY-MM-DD`, or '' when not given. */
  appointmentDate: string;
}

export interface ShareholderValues {
  type: ShareholderType;
  /** INDIVIDUAL only ('' for a company). */
  firstName: string;
  lastName: string;
  /** CORPORATE only ('' for a person). */
  companyName: string;
  /** Hundredths of a percent, 1–10000. */
  ownershipHundredths: number;
  isPEP: boolean;
}

// ---- row schemas -----------------------------------------------------------------------------

export interface RowSchemaOptions {
  /** Emails already used by other rows of the same section (saved or new), any case. */
  takenEmails?: readonly string[];
  /** "Today" for date rules (tests pin it). */
  today?: Date;
  /** Locale for dates in messages. */
  locale?: string;
}

const notTaken = (taken: readonly string[] | undefined, message: string) => {
  const set = new Set((taken ?? []).map((value) => value.trim().toLowerCase()));
  // A non-string (a script filling the form) is refused by the type check; never throw on it.
  return rule((value) => typeof value !== 'string' || !set.has(value.toLowerCase()), message);
};

export function createEmployeeSchema(
  options: RowSchemaOptions = {},
): z.ZodMiniType<EmployeeValues> {
  return z.object({
    firstName: text(msg('Enter the employee’s first name')),
    lastName: text(msg('Enter the employee’s last name')),
    email: email(msg('Enter the employee’s email address')).check(
      notTaken(options.takenEmails, msg('Another employee already has this email address')),
    ),
    phone: z.string().check(
      z.overwrite((value) => value.replace(/[\s().-]/g, '')),
      rule(
        (value) => PHONE.test(value),
        msg(
          'Enter the phone number in international format: + and the country code, for example +37060012345',
        ),
      ),
    ),
    position: z.enum(EMPLOYEE_POSITIONS, { error: msg('Choose the employee’s position') }),
    roles: z.pipe(
      z
        .array(z.enum(EMPLOYEE_ROLES, { error: msg('Choose roles from the list') }))
        .check(z.minLength(1, { error: msg('Choose at least one role') })),
      // Same order however they were ticked.
      z.transform((roles: EmployeeRole[]) => EMPLOYEE_ROLES.filter((role) => roles.includes(role))),
    ),
  });
}

export function createDirectorSchema(
  options: RowSchemaOptions = {},
): z.ZodMiniType<DirectorValues> {
  const today = options.today ?? new Date();
  const locale = options.locale ?? 'en';
  const todayIso = isoDay(today);
  const latestBirth = isoDate(
    today.getFullYear() - DIRECTOR_MINIMUM_AGE,
    today.getMonth() + 1,
    today.getDate(),
  );
  const earliestBirth = isoDate(today.getFullYear() - 120, today.getMonth() + 1, today.getDate());
  const latestText = formatDate(latestBirth, locale);

  const birthProblem = (value: string): string | undefined => {
    if (value === '') return undefined;
    if (!isRealDate(value)) return msg('Enter a real date, for example 1980-05-15');
    if (value > todayIso) return msg('The date of birth must be in the past');
    if (value > latestBirth)
      return msg(str`Directors must be 18 or older (born on or before ${latestText})`);
    if (value < earliestBirth) return msg('Check the year of the date of birth');
    return undefined;
  };
  const appointmentProblem = (value: string): string | undefined => {
    if (value === '') return undefined; // optional
    if (!isRealDate(value)) return msg('Enter a real date, for example 2020-01-15');
    if (value > todayIso) return msg('The appointment date cannot be in the future');
    return undefined;
  };

  return z.object({
    firstName: text(msg('Enter the director’s first name')),
    lastName: text(msg('Enter the director’s last name')),
    email: email(msg('Enter the director’s email address')).check(
      notTaken(options.takenEmails, msg('Another director already has this email address')),
    ),
    dateOfBirth: z
      .string()
      .check(
        z.trim(),
        required(msg('Enter the director’s date of birth')),
        oneProblem(birthProblem),
      ),
    nationality: z
      .string()
      .check(
        required(msg('Choose the director’s nationality')),
        rule(isCountryCode, msg('Choose the nationality from the list')),
      ),
    role: z.enum(DIRECTOR_ROLES, { error: msg('Choose the director’s role') }),
    appointmentDate: z.string().check(z.trim(), oneProblem(appointmentProblem)),
  });
}

/** A shareholder row once its fields are parsed, before ownership becomes hundredths. */
interface ShareholderRow {
  type: ShareholderType;
  firstName: string;
  lastName: string;
  companyName: string;
  ownershipPercentage: string;
  isPEP: 'yes' | 'no';
}

export function createShareholderSchema(): z.ZodMiniType<ShareholderValues> {
  const typed = (type: ShareholderType) => (payload: { value: unknown }) =>
    (payload.value as Partial<ShareholderDraft>).type === type; // the raw row under parse

  return z.pipe(
    z
      .object({
        type: z.enum(SHAREHOLDER_TYPES, {
          error: msg('Choose whether the shareholder is a person or a company'),
        }),
        firstName: optionalText(),
        lastName: optionalText(),
        companyName: optionalText(),
        ownershipPercentage: z.string().check(
          z.trim(), // spaces only are empty, not 0 %
          required(msg('Enter the percentage of shares held')),
          oneProblem(percentProblem),
        ),
        isPEP: z.enum(['yes', 'no'], {
          error: msg('Answer whether this shareholder is a politically exposed person'),
        }),
      })
      .check(
        // Names are required by type (docs/finhub-contract.md#shareholders): a person's names, or a
        // company's.
        z.refine((row) => row.firstName !== '', {
          error: msg('Enter the shareholder’s first name'),
          path: ['firstName'],
          when: typed('INDIVIDUAL'),
        }),
        z.refine((row) => row.lastName !== '', {
          error: msg('Enter the shareholder’s last name'),
          path: ['lastName'],
          when: typed('INDIVIDUAL'),
        }),
        z.refine((row) => row.companyName !== '', {
          error: msg('Enter the company’s name'),
          path: ['companyName'],
          when: typed('CORPORATE'),
        }),
      ),
    z.transform((row: ShareholderRow): ShareholderValues => ({
      type: row.type,
      firstName: row.type === 'INDIVIDUAL' ? row.firstName : '',
      lastName: row.type === 'INDIVIDUAL' ? row.lastName : '',
      companyName: row.type === 'CORPORATE' ? row.companyName : '',
      ownershipHundredths: parseHundredths(row.ownershipPercentage) ?? 0, // checked above
      isPEP: row.isPEP === 'yes',
    })),
  );
}

const employeeSchema = perLocale(createEmployeeSchema);
const directorSchema = perLocale(createDirectorSchema);
const shareholderSchema = perLocale(createShareholderSchema);

export function validateEmployee(
  draft: Partial<EmployeeDraft>,
  options?: RowSchemaOptions,
): ValidationResult<EmployeeValues, EmployeeField> {
  const { roles, ...texts } = draft;
  const input = {
    ...completeInput(
      EMPLOYEE_FIELDS.filter((f) => f !== 'roles'),
      texts,
    ),
    roles: roles ?? [],
  };
  return validateStep<z.ZodMiniType<EmployeeValues>, EmployeeField>(employeeSchema(options), input);
}

export function validateDirector(
  draft: Partial<DirectorDraft>,
  options?: RowSchemaOptions,
): ValidationResult<DirectorValues, DirectorField> {
  return validateStep<z.ZodMiniType<DirectorValues>, DirectorField>(
    directorSchema(options),
    completeInput(DIRECTOR_FIELDS, draft),
  );
}

export function validateShareholder(
  draft: Partial<ShareholderDraft>,
): ValidationResult<ShareholderValues, ShareholderField> {
  return validateStep<z.ZodMiniType<ShareholderValues>, ShareholderField>(
    shareholderSchema(),
    completeInput(SHAREHOLDER_FIELDS, draft),
  );
}

// ---- what FinHub already holds (the element's `saved` property) --------------------------------

/**
 * An employee on FinHub (docs/finhub-contract.md#employees response / the wiring's record of it).
 */
export interface SavedEmployee {
  employeeId?: string;
  userId?: string;
  firstName: string;
  lastName: string;
  email: string;
  position?: string;
  roles: string[];
}

/** A director as `GET /{orgId}/directors` lists it (docs/finhub-contract.md#directors). */
export interface SavedDirector {
  directorId?: string;
  firstName: string;
  lastName: string;
  email?: string;
  role?: string;
  appointedDate?: string;
  status?: string;
}

/**
 * A shareholder on FinHub: the docs/finhub-contract.md#shareholders request plus its response's id
 * and status.
 */
export interface SavedShareholder extends AddShareholderRequest {
  shareholderId?: string;
  status?: string;
}

export interface SavedPersonnel {
  employees: SavedEmployee[];
  directors: SavedDirector[];
  shareholders: SavedShareholder[];
}

export const savedHundredths = (shareholder: SavedShareholder): number =>
  Math.round(shareholder.ownershipPercentage * 100);

// ---- the step's output ------------------------------------------------------------------------

/** Only the rows not yet on FinHub, shaped as requests; send employees, then directors, then shareholders. */
export interface PersonnelValues {
  employees: AddEmployeeRequest[];
  directors: AddDirectorRequest[];
  shareholders: AddShareholderRequest[];
}

/** A server error on one new row (index into that section of `PersonnelValues`). */
export interface PersonnelRowError {
  section: PersonnelSection;
  index: number;
  message: string;
  /** The field FinHub named (e.g. `dateOfBirth`), when it named one: the row opens on it. */
  field?: string;
}

export type PersonnelRequest =
  | { section: 'employees'; index: number; request: AddEmployeeRequest }
  | { section: 'directors'; index: number; request: AddDirectorRequest }
  | { section: 'shareholders'; index: number; request: AddShareholderRequest };

// `personnelRequests` lives in ../personnel-requests.ts (no zod): the lazily loaded
// organization handlers use it too.

/**
 * docs/finhub-contract.md#employees body: `person` with the names and email (and phone when given),
 * `position`, `roles`.
 */
export function toAddEmployeeRequest(values: EmployeeValues): AddEmployeeRequest {
  return {
    person: {
      firstName: values.firstName,
      lastName: values.lastName,
      email: values.email,
      ...(values.phone ? { phoneNumber: values.phone } : {}),
    },
    position: values.position,
    roles: [...values.roles],
  };
}

/**
 * docs/finhub-contract.md#directors fields (the client's `buildDirectorBody` sends them both nested
 * and flat).
 */
export function toAddDirectorRequest(values: DirectorValues): AddDirectorRequest {
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    email: values.email,
    role: values.role,
    dateOfBirth: values.dateOfBirth,
    nationality: values.nationality,
    ...(values.appointmentDate ? { appointmentDate: values.appointmentDate } : {}),
  };
}

/**
 * docs/finhub-contract.md#shareholders body; `isBeneficialOwner` follows the 25% rule, the
 * percentage has at most 2 decimals.
 */
export function toAddShareholderRequest(values: ShareholderValues): AddShareholderRequest {
  const common = {
    ownershipPercentage: values.ownershipHundredths / 100,
    isBeneficialOwner: isBeneficialOwner(values.ownershipHundredths),
    isPEP: values.isPEP,
  };
  return values.type === 'INDIVIDUAL'
    ? { type: 'INDIVIDUAL', firstName: values.firstName, lastName: values.lastName, ...common }
    : { type: 'CORPORATE', companyName: values.companyName, ...common };
}
