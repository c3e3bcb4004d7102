/**
 * Organization personnel (docs/finhub-contract.md#employees employees,
 * docs/finhub-contract.md#directors directors, docs/finhub-contract.md#shareholders shareholders).
 * The activation checks that read these records live in `organization.ts`.
 */
import { HttpError, isObject, isoTime, legacyOk, ok, type JsonObject } from '../http.js';
import type { RouteContext, RouteDef } from '../router.js';
import { Checker } from '../validation.js';
import { organizationFor, requireBody } from './access.js';

/** Runner roles (docs/finhub-contract.md#employees) plus the older page's set. */
export const EMPLOYEE_ROLES = [
  'ADMIN_USER',
  'COMPLIANCE_OFFICER',
  'TRANSACTION_APPROVER',
  'EMPLOYEE',
  'ACCOUNT_OWNER',
  'ADMIN',
  'OPERATOR',
  'ACCOUNTANT',
  'VIEWER',
] as const;

/** docs/finhub-contract.md#employees error text, verbatim. */
export const MISSING_ADMIN_USER_MESSAGE =
  "Missing required role 'ADMIN_USER' for BUSINESS_TYPE_CLIENT_TO_TENANT organization. At least one employee must have this role.";

function addEmployee(ctx: RouteContext): Response {
  const { store } = ctx;
  const org = organizationFor(ctx, ctx.params.organizationId ?? '');
  const body = requireBody(ctx);
  const c = new Checker();
  const person = c.object(body.person, 'person');
  let firstName: string | undefined;
  let lastName: string | undefined;
  let email: string | undefined;
  if (person) {
    firstName = c.string(person.firstName, 'person.firstName');
    lastName = c.string(person.lastName, 'person.lastName');
    email = c.email(person.email, 'person.email');
    c.phone(person.phoneNumber, 'person.phoneNumber', false);
    c.date(person.dateOfBirth, 'person.dateOfBirth', { required: false, adultAt: store.now() });
    // The employee example sends a country name (docs/finhub-contract.md#employees); names are
    // tolerated here.
    c.country(person.nationality, 'person.nationality', { required: false, allowNames: true });
  }
  const roles = c.array(body.roles, 'roles');
  if (roles?.length === 0) c.add('roles', 'At least one role is required');
  roles?.forEach((role, i) => {
    if (!(EMPLOYEE_ROLES as readonly unknown[]).includes(role)) {
      c.add(`roles[${i}]`, `Must be one of: ${EMPLOYEE_ROLES.join(', ')}`);
    }
  });
  const position = c.string(body.position, 'position', false);
  c.throwIfAny();
  if (!firstName || !lastName || !email || !roles)
    throw new HttpError(500, 'Internal validation error');
  const roleList = roles as string[];
  // docs/finhub-contract.md#employees: the first employee must carry ADMIN_USER.
  if (org.employees.length === 0 && !roleList.includes('ADMIN_USER')) {
    throw new HttpError(400, MISSING_ADMIN_USER_MESSAGE, {
      error: 'MISSING_ADMIN_USER',
      field: 'roles',
    });
  }
  if (org.employees.some((e) => e.email === email)) {
    throw new HttpError(409, 'Employee already exists', {
      error: 'DUPLICATE_EMPLOYEE',
      field: 'person.email',
    });
  }
  // The registrant may be listed as an employee (same login); any other existing email is taken.
  const existing = store.userByEmail(email);
  if (existing && existing.ownerId !== org.id) {
    throw new HttpError(409, 'Email already registered', {
      error: 'DUPLICATE_EMAIL',
      field: 'person.email',
      details: 'A user with this email already exists in this tenant',
    });
  }
  const now = store.now();
  let userId = existing?.id;
  if (existing) {
    existing.roles = [...new Set([...existing.roles, ...roleList])];
  } else {
    userId = store.newId('user');
    store.users.set(userId, {
      id: userId,
      email,
      username: email,
      ownerKind: 'organization',
      ownerId: org.id,
      roles: roleList,
      status: 'PENDING_ACTIVATION',
      failedAttempts: 0,
      createdAt: now,
    });
  }
  const employee = {
    employeeId: store.newId('employee'),
    userId: userId ?? '',
    email,
    firstName,
    lastName,
    position,
    roles: roleList,
    status: 'ACTIVE' as const,
    createdAt: now,
  };
  org.employees.push(employee);
  org.updatedAt = now;
  return ok(
    {
      individual: { userId: employee.userId, email },
      employeeId: employee.employeeId,
      organizationId: org.id,
      roles: roleList,
      position: position ?? null,
      status: employee.status,
    },
    'Employee added successfully with role validation',
  );
}

/**
 * docs/finhub-contract.md#directors: nested `{person, role}` ([N]) or the flat guide body ([G]).
 */
function addDirector(ctx: RouteContext): Response {
  const { store } = ctx;
  const org = organizationFor(ctx, ctx.params.organizationId ?? '');
  const body = requireBody(ctx);
  const nested = isObject(body.person);
  const src: JsonObject = nested ? (body.person as JsonObject) : body;
  const at = nested ? 'person.' : '';
  const c = new Checker();
  const firstName = c.string(src.firstName, `${at}firstName`);
  const lastName = c.string(src.lastName, `${at}lastName`);
  const email = c.email(src.email, `${at}email`);
  c.date(src.dateOfBirth, `${at}dateOfBirth`, { required: false, adultAt: store.now() });
  c.country(src.nationality, `${at}nationality`, { required: false });
  const roleField = nested
    ? 'role'
    : body.role !== undefined
      ? 'role'
      : body.position !== undefined
        ? 'position'
        : 'directorType';
  const role = c.string(body[roleField], roleField, false) ?? 'DIRECTOR';
  const appointed = c.date(body.appointmentDate ?? body.appointedDate, 'appointmentDate', {
    required: false,
    notAfter: store.now(),
  });
  c.throwIfAny();
  if (!firstName || !lastName || !email) throw new HttpError(500, 'Internal validation error');
  if (org.directors.some((d) => d.email === email)) {
    throw new HttpError(409, 'Director already exists', {
      error: 'DUPLICATE_DIRECTOR',
      field: `${at}email`,
    });
  }
  const director = {
    directorId: store.newId('director'),
    firstName,
    lastName,
    email,
    role,
    appointedDate: appointed ?? isoTime(store.now()).slice(0, 10),
    status: 'ACTIVE' as const,
  };
  org.directors.push(director);
  org.updatedAt = store.now();
  return ok({ ...director, organizationId: org.id }, 'Director added successfully');
}

function addShareholder(ctx: RouteContext): Response {
  const { store } = ctx;
  const org = organizationFor(ctx, ctx.params.organizationId ?? '');
  const body = requireBody(ctx);
  const c = new Checker();
  const type = c.oneOf(body.type, 'type', ['INDIVIDUAL', 'CORPORATE'] as const);
  let name: string | undefined;
  if (type === 'INDIVIDUAL') {
    const first = c.string(body.firstName, 'firstName');
    const last = c.string(body.lastName, 'lastName');
    name = first && last ? `${first} ${last}` : undefined;
  } else if (type === 'CORPORATE') {
    name = c.string(body.companyName, 'companyName');
  }
  const pct = body.ownershipPercentage;
  let basisPoints = 0;
  if (pct === undefined || pct === null) {
    c.add('ownershipPercentage', 'Field is required');
  } else if (typeof pct !== 'number' || !Number.isFinite(pct)) {
    c.add('ownershipPercentage', 'Must be a number');
  } else if (pct <= 0 || pct > 100) {
    c.add('ownershipPercentage', 'Must be greater than 0 and at most 100');
  } else {
    basisPoints = Math.round(pct * 100);
    if (Math.abs(pct * 100 - basisPoints) > 1e-6)
      c.add('ownershipPercentage', 'At most two decimal places');
  }
  for (const flag of ['isBeneficialOwner', 'isPEP'] as const) {
    if (body[flag] !== undefined && typeof body[flag] !== 'boolean')
      c.add(flag, 'Must be a boolean');
  }
  c.throwIfAny();
  if (!type || !name) throw new HttpError(500, 'Internal validation error');
  const current = org.shareholders.reduce((sum, s) => sum + s.basisPoints, 0);
  // docs/finhub-contract.md#shareholders: ownership must total exactly 100%; going over is refused
  // at once.
  if (current + basisPoints > 10_000) {
    throw new HttpError(400, 'Total shareholder ownership cannot exceed 100%', {
      error: 'OWNERSHIP_EXCEEDS_100',
      field: 'ownershipPercentage',
      currentTotal: current / 100,
      requested: basisPoints / 100,
      remaining: (10_000 - current) / 100,
    });
  }
  const now = store.now();
  const shareholder = {
    shareholderId: store.newId('shareholder'),
    type,
    name,
    basisPoints,
    isBeneficialOwner:
      typeof body.isBeneficialOwner === 'boolean' ? body.isBeneficialOwner : basisPoints >= 2_500,
    isPEP: body.isPEP === true,
    status: 'PENDING_VERIFICATION' as const,
    createdAt: now,
  };
  org.shareholders.push(shareholder);
  org.updatedAt = now;
  // docs/finhub-contract.md#shareholders answers in the older envelope.
  return legacyOk({
    shareholderId: shareholder.shareholderId,
    status: shareholder.status,
    createdAt: isoTime(now),
    ownershipPercentage: basisPoints / 100,
    isBeneficialOwner: shareholder.isBeneficialOwner,
    totalOwnership: (current + basisPoints) / 100,
  });
}

export const personnelRoutes: RouteDef[] = [
  {
    method: 'POST',
    pattern: '/customer/organization/:organizationId/employee',
    auth: 'token',
    handle: addEmployee,
  },
  {
    method: 'POST',
    pattern: '/customer/organization/:organizationId/director',
    auth: 'token',
    handle: addDirector,
  },
  // The older directors page adds with the plural path (docs/finhub-contract.md#directors).
  {
    method: 'POST',
    pattern: '/customer/organization/:organizationId/directors',
    auth: 'token',
    handle: addDirector,
  },
  {
    method: 'GET',
    pattern: '/customer/organization/:organizationId/directors',
    auth: 'token',
    // docs/finhub-contract.md#directors: the list answers in the older `{success, data:
    // {directors}}` envelope.
    handle: (ctx) => {
      const org = organizationFor(ctx, ctx.params.organizationId ?? '');
      return legacyOk({ directors: org.directors });
    },
  },
  {
    method: 'POST',
    pattern: '/customer/organization/:organizationId/shareholders',
    auth: 'token',
    handle: addShareholder,
  },
];
