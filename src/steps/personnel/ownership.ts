/**
 * Ownership of the company (docs/finhub-contract.md#shareholders) and the people step's rules
 * (docs/finhub-contract.md#organization-flow):
 * an `ADMIN_USER` employee, at least one director, shares that total exactly 100 %. Ownership is
 * kept in integer hundredths of a percent (33.33 % = 3333), so totals never suffer float error.
 */
import { msg, str } from '@lit/localize';
import {
  ADMIN_ROLE,
  BENEFICIAL_OWNER_THRESHOLD,
  FULL_OWNERSHIP,
  type PersonnelSection,
} from './vocabulary.js';

const PERCENT = /^(\d{1,3})(?:[.,](\d{1,2}))?$/;

/** `33.33` / `33,33` / `25 %` → 3333 / 2500; undefined when it is not such a number. */
export function parseHundredths(value: string): number | undefined {
  const match = PERCENT.exec(value.trim().replace(/\s*%$/, ''));
  if (!match) return undefined;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(fraction);
}

export function percentProblem(value: string): string | undefined {
  const compact = value.trim().replace(/\s*%$/, '');
  // Empty: "required" already said it. A lone "%" is not a number (it used to pass as 0 %).
  if (compact === '')
    return value.trim() === '' ? undefined : msg('Enter a number, for example 25 or 33.33');
  const hundredths = parseHundredths(compact);
  if (hundredths === undefined) {
    if (/^\d+[.,]\d{3,}$/.test(compact)) return msg('Use at most 2 decimal places');
    if (/^\d{4,}([.,]\d*)?$/.test(compact)) return msg('Enter 100 or less');
    return msg('Enter a number, for example 25 or 33.33');
  }
  if (hundredths === 0) return msg('Enter a percentage greater than 0');
  if (hundredths > FULL_OWNERSHIP) return msg('Enter 100 or less');
  return undefined;
}

export const isBeneficialOwner = (hundredths: number): boolean =>
  hundredths >= BENEFICIAL_OWNER_THRESHOLD;

export const sumHundredths = (values: readonly number[]): number =>
  values.reduce((total, value) => total + value, 0);

/** Hundredths as a locale percentage: 3333 → `33.33%` (en), `33,33 %` (lt). */
export function formatPercent(hundredths: number, locale = 'en'): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    hundredths / FULL_OWNERSHIP,
  );
}

/** The live total line: "Total ownership: 90% — 10% left to allocate". */
export function ownershipSummary(totalHundredths: number, locale = 'en'): string {
  const total = formatPercent(totalHundredths, locale);
  if (totalHundredths === FULL_OWNERSHIP)
    return msg(str`Total ownership: ${total} — fully allocated`);
  if (totalHundredths < FULL_OWNERSHIP) {
    const left = formatPercent(FULL_OWNERSHIP - totalHundredths, locale);
    return msg(str`Total ownership: ${total} — ${left} left to allocate`);
  }
  const over = formatPercent(totalHundredths - FULL_OWNERSHIP, locale);
  return msg(str`Total ownership: ${total} — ${over} over 100%`);
}

// ---- the step's rules
// (docs/finhub-contract.md#organization-flow, #employees, #directors, #shareholders, #organization-activation
// structure checks) ---------------------------------

export interface PersonnelRuleInput {
  /** Roles of every employee, saved and new. */
  employeeRoles: readonly (readonly string[])[];
  /** Saved and new directors. */
  directorCount: number;
  /** Ownership of every shareholder, saved and new, in hundredths. */
  shareholderHundredths: readonly number[];
}

export type PersonnelRuleProblems = Partial<Record<PersonnelSection, string>>;

/** What stops the step before any request: one message per section at most. */
export function personnelRuleProblems(
  input: PersonnelRuleInput,
  locale = 'en',
): PersonnelRuleProblems {
  const problems: PersonnelRuleProblems = {};
  if (!input.employeeRoles.some((roles) => roles.includes(ADMIN_ROLE))) {
    problems.employees = msg(
      'Add an employee with the Admin user role: at least one is needed, and they can manage the account.',
    );
  }
  if (input.directorCount < 1) {
    problems.directors = msg(
      'Add at least one director: the account cannot be activated without one.',
    );
  }
  const total = sumHundredths(input.shareholderHundredths);
  if (input.shareholderHundredths.length === 0) {
    problems.shareholders = msg('Add the company’s shareholders: ownership must add up to 100%.');
  } else if (total < FULL_OWNERSHIP) {
    const totalText = formatPercent(total, locale);
    const left = formatPercent(FULL_OWNERSHIP - total, locale);
    problems.shareholders = msg(
      str`Ownership adds up to ${totalText}; ${left} is still unallocated.`,
    );
  } else if (total > FULL_OWNERSHIP) {
    const totalText = formatPercent(total, locale);
    const over = formatPercent(total - FULL_OWNERSHIP, locale);
    problems.shareholders = msg(str`Ownership adds up to ${totalText}; reduce it by ${over}.`);
  }
  return problems;
}
