/** The people step's vocabularies (docs/finhub-contract.md#employees and after): positions, roles, types, limits. */

/** §7.2 example `COMPLIANCE_OFFICER`; §7.1 representatives add `MANAGING_DIRECTOR`, `CEO`, `CFO`. */
export const EMPLOYEE_POSITIONS = [
  'CEO',
  'CFO',
  'MANAGING_DIRECTOR',
  'COMPLIANCE_OFFICER',
  'TRANSACTION_APPROVER',
  'EMPLOYEE',
] as const;
export type EmployeePosition = (typeof EMPLOYEE_POSITIONS)[number];

/** §7.2 runner roles. */
export const EMPLOYEE_ROLES = [
  'ADMIN_USER',
  'COMPLIANCE_OFFICER',
  'TRANSACTION_APPROVER',
  'EMPLOYEE',
] as const;
export type EmployeeRole = (typeof EMPLOYEE_ROLES)[number];

/** §1.3 / §7.2: at least one employee (the first one sent) must have this role. */
export const ADMIN_ROLE: EmployeeRole = 'ADMIN_USER';

/** §7.3 [N] role list (truncated in the docs after these three). */
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
/** §7.4: holders of 25% or more are beneficial owners. */
export const BENEFICIAL_OWNER_THRESHOLD = 2_500;
/** Directors are individual customers too (§7.3), so adults. */
export const DIRECTOR_MINIMUM_AGE = 18;

export type PersonnelSection = 'employees' | 'directors' | 'shareholders';
export const PERSONNEL_SECTIONS: readonly PersonnelSection[] = [
  'employees',
  'directors',
  'shareholders',
];
