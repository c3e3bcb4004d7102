/** The people step's vocabularies (docs/finhub-contract.md#employees and after): positions, roles, types, limits. */

/**
 * docs/finhub-contract.md#employees example `COMPLIANCE_OFFICER`;
 * docs/finhub-contract.md#organization-registration representatives add `MANAGING_DIRECTOR`, `CEO`,
 * `CFO`.
 */
export const EMPLOYEE_POSITIONS = [
  'CEO',
  'CFO',
  'MANAGING_DIRECTOR',
  'COMPLIANCE_OFFICER',
  'TRANSACTION_APPROVER',
  'EMPLOYEE',
] as const;
export type EmployeePosition = (typeof EMPLOYEE_POSITIONS)[number];

/** docs/finhub-contract.md#employees runner roles. */
export const EMPLOYEE_ROLES = [
  'ADMIN_USER',
  'COMPLIANCE_OFFICER',
  'TRANSACTION_APPROVER',
  'EMPLOYEE',
] as const;
export type EmployeeRole = (typeof EMPLOYEE_ROLES)[number];

/**
 * docs/finhub-contract.md#organization-flow, #employees: at least one employee (the first one sent)
 * must have this role.
 */
export const ADMIN_ROLE: EmployeeRole = 'ADMIN_USER';

/** docs/finhub-contract.md#directors [N] role list (truncated in the docs after these three). */
export const DIRECTOR_ROLES = [
  'MANAGING_DIRECTOR',
  'EXECUTIVE_DIRECTOR',
  'NON_EXECUTIVE_DIRECTOR',
] as const;
export type DirectorRole = (typeof DIRECTOR_ROLES)[number];

export const SHAREHOLDER_TYPES = ['INDIVIDUAL', 'CORPORATE'] as const;
export type ShareholderType = (typeof SHAREHOLDER_TYPES)[number];

/** 100% in hundredths. */
export const FULL_OWNERSHIP = 10_000;
/** docs/finhub-contract.md#shareholders: holders of 25% or more are beneficial owners. */
export const BENEFICIAL_OWNER_THRESHOLD = 2_500;
/** Directors are individual customers too (docs/finhub-contract.md#directors), so adults. */
export const DIRECTOR_MINIMUM_AGE = 18;

export type PersonnelSection = 'employees' | 'directors' | 'shareholders';
export const PERSONNEL_SECTIONS: readonly PersonnelSection[] = [
  'employees',
  'directors',
  'shareholders',
];
