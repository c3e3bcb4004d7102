/**
 * Readable names for the personnel vocabularies
 * (docs/finhub-contract.md#employees, #directors, #shareholders), through `msg()`.
 */
import { msg } from '@lit/localize';
import type {
  DirectorRole,
  EmployeePosition,
  EmployeeRole,
  ShareholderType,
} from './personnel.schema.js';

export function positionLabel(position: EmployeePosition): string {
  switch (position) {
    case 'CEO':
      return msg('Chief executive officer');
    case 'CFO':
      return msg('Chief financial officer');
    case 'MANAGING_DIRECTOR':
      return msg('Managing director');
    case 'COMPLIANCE_OFFICER':
      return msg('Compliance officer');
    case 'TRANSACTION_APPROVER':
      return msg('Transaction approver');
    case 'EMPLOYEE':
      return msg('Employee');
  }
}

export function roleLabel(role: EmployeeRole): string {
  switch (role) {
    case 'ADMIN_USER':
      return msg('Admin user');
    case 'COMPLIANCE_OFFICER':
      return msg('Compliance officer');
    case 'TRANSACTION_APPROVER':
      return msg('Transaction approver');
    case 'EMPLOYEE':
      return msg('Employee');
  }
}

export function roleDescription(role: EmployeeRole): string {
  switch (role) {
    case 'ADMIN_USER':
      return msg('Manages the account, its users and settings.');
    case 'COMPLIANCE_OFFICER':
      return msg('Handles verification and compliance checks.');
    case 'TRANSACTION_APPROVER':
      return msg('Approves payments.');
    case 'EMPLOYEE':
      return msg('Uses the account day to day.');
  }
}

export function directorRoleLabel(role: DirectorRole): string {
  switch (role) {
    case 'MANAGING_DIRECTOR':
      return msg('Managing director');
    case 'EXECUTIVE_DIRECTOR':
      return msg('Executive director');
    case 'NON_EXECUTIVE_DIRECTOR':
      return msg('Non-executive director');
  }
}

export function shareholderTypeLabel(type: ShareholderType): string {
  switch (type) {
    case 'INDIVIDUAL':
      return msg('A person');
    case 'CORPORATE':
      return msg('A company');
  }
}

/** Known codes get their label; anything else FinHub returns is shown as is. */
export function labelOr<T extends string>(
  value: string | undefined,
  known: readonly T[],
  label: (value: T) => string,
): string {
  if (!value) return '';
  return (known as readonly string[]).includes(value) ? label(value as T) : value; // checked just above
}

/**
 * Why the first employee gets the Admin user role
 * (docs/finhub-contract.md#organization-flow, #employees).
 */
export const adminRoleReason = () =>
  msg('At least one employee needs the Admin user role: they can manage the account.');

/**
 * What a politically exposed person is (docs/finhub-contract.md#shareholders asks for a PEP
 * declaration).
 */
export const pepExplanation = () =>
  msg(
    'A politically exposed person (PEP) holds, or held in the last 12 months, a prominent public role, such as head of state or government, minister, member of parliament, senior judge, ambassador, senior military officer or board member of a state-owned company, or is a close family member or known close associate of such a person.',
  );

export const beneficialOwnerLabel = () => msg('Owns 25% or more');
