/**
 * The organization flow's response readers (docs/finhub-contract.md#organization-flow): the
 * company's registration and its people, read as `schemas.ts` reads every answer. Only the
 * company's client (organization-client.ts) loads this (issue 17).
 */
import type { Envelope } from './envelope.js';
import { findId, findText, ID_PATHS, STATUS_PATHS, isObject } from './response-shapes.js';
import { listOf, objectData, optionalId, requireId, text } from './schemas.js';

// -- registration (docs/finhub-contract.md#organization-registration) ---

export interface RegisterOrganizationResult {
  organizationId: string;
  tenantId?: string;
  customerStatus?: string;
  /**
   * The default admin's user id when FinHub already returns it
   * (docs/finhub-contract.md#organization-registration says it is created async).
   */
  adminUserId?: string;
  message?: string;
}

export function toRegisterOrganizationResult(
  env: Envelope,
  endpoint: string,
): RegisterOrganizationResult {
  const data = objectData(env, endpoint);
  return {
    organizationId: requireId(env, 'organizationId', endpoint),
    tenantId: text(data, 'tenantId'),
    customerStatus: findText(data, STATUS_PATHS.customer)?.value,
    adminUserId: optionalId(env, 'adminUserId'),
    message: env.message,
  };
}

// -- personnel (docs/finhub-contract.md#employees, #directors, #shareholders) ---------------------

/** The generated password FinHub may return for the new person is deliberately not copied. */
export interface EmployeeResult {
  /**
   * The employee's user id: the `{userId}` of the org-user session
   * (docs/finhub-contract.md#organization-user-session), when FinHub names it.
   */
  userId?: string;
  email?: string;
  username?: string;
  employeeId?: string;
}

export function toEmployeeResult(env: Envelope): EmployeeResult {
  const data = isObject(env.data) ? env.data : {};
  return {
    userId: optionalId(env, 'employeeUserId'),
    email: text(data, 'individual.email') ?? text(data, 'email'),
    username: text(data, 'individual.username') ?? text(data, 'username'),
    employeeId: optionalId(env, 'employeeId'),
  };
}

export interface DirectorResult {
  directorId?: string;
  userId?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  role?: string;
  appointedDate?: string;
  status?: string;
}

const toDirector = (item: unknown): DirectorResult => ({
  directorId: findId(item, ID_PATHS.directorId)?.value,
  userId: text(item, 'userId') ?? text(item, 'individual.userId'),
  firstName: text(item, 'firstName'),
  lastName: text(item, 'lastName'),
  email: text(item, 'email'),
  role: text(item, 'role'),
  appointedDate: text(item, 'appointedDate'),
  status: text(item, 'status'),
});

/**
 * The add-director response is not documented (docs/finhub-contract.md#contradictions): whatever
 * ids it carries, if any.
 */
export function toAddDirectorResult(env: Envelope): DirectorResult {
  return isObject(env.data) ? toDirector(env.data) : {};
}

export function toDirectorList(env: Envelope, endpoint: string): DirectorResult[] {
  return listOf(env, 'directors', endpoint).filter(isObject).map(toDirector);
}

export interface ShareholderResult {
  shareholderId?: string;
  status?: string;
  createdAt?: string;
}

export function toShareholderResult(env: Envelope): ShareholderResult {
  const data = isObject(env.data) ? env.data : {};
  return {
    shareholderId: optionalId(env, 'shareholderId'),
    status: text(data, 'status'),
    createdAt: text(data, 'createdAt'),
  };
}
