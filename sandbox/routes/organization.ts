/**
 * Organization (B2B) routes: registration (finhub-api.md §7.1), personnel (§7.2 employees,
 * §7.3 directors, §7.4 shareholders), KYB (§7.6), activation with async wallet (§7.8) and the
 * wallet-status poll path it names, plus a readiness read (§7.8 names the path, no shape).
 */
import { checkCategorization } from '../categorization.js';
import { HttpError, isObject, isoTime, legacyOk, ok, type JsonObject } from '../http.js';
import { passwordDigest, uuid } from '../ids.js';
import type { RouteContext, RouteDef } from '../router.js';
import type { OrganizationRecord, SandboxStore } from '../store.js';
import { Checker } from '../validation.js';
import { organizationFor, requireBody, optionalBody } from './access.js';
import { checkCustomerCategory, createVerification, VERIFICATION_LEVELS } from './individual.js';
import { acceptedDocumentTypes, walletView } from './views.js';

/** Runner roles (§7.2) plus the older page's set. */
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

const KYB_TYPES = [
  'BUSINESS_VERIFICATION',
  'DOCUMENT_VERIFICATION',
  'BENEFICIAL_OWNER_VERIFICATION',
  'FINANCIAL_VERIFICATION',
] as const;

/** §7.2 error text, verbatim. */
export const MISSING_ADMIN_USER_MESSAGE =
  "Missing required role 'ADMIN_USER' for BUSINESS_TYPE_CLIENT_TO_TENANT organization. At least one employee must have this role.";

const REGISTRATION_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 ./-]{1,39}$/;

async function register(ctx: RouteContext): Promise<Response> {
  const { store } = ctx;
  const { tenantId } = store.credentials;
  const body = requireBody(ctx);
  const now = store.now();
  const c = new Checker();
  const email = c.email(body.email, 'email');
  const password = c.password(body.password, 'password');
  c.matchingPassword(body.password, body.matchingPassword, 'matchingPassword');
  const roleIds = c.array(body.roleIds, 'roleIds', false);
  roleIds?.forEach((r, i) => {
    if (typeof r !== 'string' || !r) c.add(`roleIds[${i}]`, 'Must be a non-empty string');
  });
  const category = checkCustomerCategory(c, body.customerCategory, 'organization');

  const oc = c.object(body.organizationCustomer, 'organizationCustomer');
  let legalName: string | undefined;
  let organization: JsonObject = {};
  let categorizationError: HttpError | undefined;
  if (oc) {
    const at = 'organizationCustomer.organization';
    const org = c.object(oc.organization, at);
    if (org) {
      organization = org;
      legalName = c.string(org.legalName, `${at}.legalName`);
      if (legalName !== undefined && legalName.length < 2) {
        c.add(`${at}.legalName`, 'Must be at least 2 characters');
      }
      const reg = c.string(org.registrationNumber, `${at}.registrationNumber`);
      if (reg !== undefined && !REGISTRATION_NUMBER.test(reg)) {
        c.add(`${at}.registrationNumber`, 'Must be 2-40 letters, digits, spaces or . / -');
      }
      c.string(org.tradingName, `${at}.tradingName`, false);
      c.string(org.taxId, `${at}.taxId`, false);
      c.date(org.incorporationDate, `${at}.incorporationDate`, { required: false, notAfter: now });
      c.email(org.email, `${at}.email`, false);
      c.phone(org.phone, `${at}.phone`, false);
      const website = c.string(org.website, `${at}.website`, false);
      if (website !== undefined && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(website)) {
        c.add(`${at}.website`, 'Must be an http(s) URL');
      }
      c.addresses(org.addresses, `${at}.addresses`, true);
    }
    c.string(oc.customerName, 'organizationCustomer.customerName', false);
    const user = c.object(oc.user, 'organizationCustomer.user', false);
    if (user && user.email !== undefined && email !== undefined) {
      if (typeof user.email !== 'string' || user.email.trim().toLowerCase() !== email) {
        c.add('organizationCustomer.user.email', 'Must match email');
      }
    }
    categorizationError = checkCategorization(
      oc.categorization,
      'organizationCustomer.categorization',
      category,
      c,
    );
  }
  c.throwIfAny();
  if (categorizationError) throw categorizationError;
  if (!email || !password || !category || !legalName)
    throw new HttpError(500, 'Internal validation error');
  if (store.userByEmail(email)) {
    throw new HttpError(409, 'Email already registered', {
      error: 'DUPLICATE_EMAIL',
      field: 'email',
      details: 'A user with this email already exists in this tenant',
    });
  }

  const organizationId = uuid();
  const userId = uuid();
  const roles = roleIds?.length ? (roleIds as string[]) : ['ACCOUNT_OWNER', 'ADMIN'];
  store.users.set(userId, {
    id: userId,
    email,
    username: email,
    passwordHash: await passwordDigest(store.salt, password),
    ownerKind: 'organization',
    ownerId: organizationId,
    roles,
    status: 'PENDING_ACTIVATION',
    failedAttempts: 0,
    createdAt: now,
  });
  const record: OrganizationRecord = {
    id: organizationId,
    userId,
    email,
    legalName,
    organization,
    category,
    categorization: oc?.categorization ?? null,
    customerStatus: 'CS_REGISTRATION_COMPLETED',
    status: 'PENDING_ACTIVATION',
    activationCode: '',
    consents: {},
    employees: [],
    directors: [],
    shareholders: [],
    createdAt: now,
    updatedAt: now,
  };
  store.organizations.set(organizationId, record);
  record.activationCode = store.sendActivationCode(email, legalName);

  const o = organization;
  return ok(
    {
      individual: false,
      organization: true,
      adminEmployees: [],
      id: organizationId,
      organizationId, // §7.1: id equals organizationId
      tenantId,
      email,
      customerType: 'CT_ORGANIZATION',
      customerStatus: record.customerStatus,
      status: record.status,
      organizationDetails: {
        legalName,
        tradingName: o.tradingName ?? null,
        registrationNumber: o.registrationNumber,
        legalForm: o.legalForm ?? null,
        industry: o.industry ?? null,
        incorporationDate: o.incorporationDate ?? null,
      },
      user: { id: userId, email, username: email, status: 'PENDING_ACTIVATION', roles },
      categorization: {
        id: category.databaseId,
        categoryId: category.categoryId,
        name: category.categoryName,
        riskLevel: category.riskLevel,
      },
      createdAt: isoTime(now),
      updatedAt: isoTime(now),
    },
    'Organization registered successfully. Default admin will be created automatically. Use separate endpoints to add employees, directors, and shareholders.',
  );
}

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
    // The employee example sends a country name (§7.2); names are tolerated here.
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
  // §7.2: the first employee must carry ADMIN_USER.
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
    userId = uuid();
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
    employeeId: uuid(),
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

/** §7.3: nested `{person, role}` ([N]) or the flat guide body ([G]). */
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
    directorId: uuid(),
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
  // §7.4: ownership must total exactly 100%; going over is refused at once.
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
    shareholderId: uuid(),
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
  // §7.4 answers in the older envelope.
  return legacyOk({
    shareholderId: shareholder.shareholderId,
    status: shareholder.status,
    createdAt: isoTime(now),
    ownershipPercentage: basisPoints / 100,
    isBeneficialOwner: shareholder.isBeneficialOwner,
    totalOwnership: (current + basisPoints) / 100,
  });
}

/** §2 / errata E4: `/verify` and `/activation` need X-User-ID and X-User-Roles. */
function userContext(ctx: RouteContext): { userId: string; roles: string[] } {
  const userId = ctx.headers.get('x-user-id')?.trim();
  const roles =
    ctx.headers
      .get('x-user-roles')
      ?.split(',')
      .map((r) => r.trim())
      .filter(Boolean) ?? [];
  const missing = [...(userId ? [] : ['X-User-ID']), ...(roles.length ? [] : ['X-User-Roles'])];
  if (missing.length) {
    throw new HttpError(400, `Missing required header(s): ${missing.join(', ')}`, {
      error: 'MISSING_HEADERS',
      missingHeaders: missing,
    });
  }
  return { userId: userId ?? '', roles };
}

function verify(ctx: RouteContext): Response {
  const { store } = ctx;
  const org = organizationFor(ctx, ctx.params.organizationId ?? '');
  userContext(ctx);
  const body = optionalBody(ctx);
  const c = new Checker();
  if (body.customerId !== undefined && body.customerId !== org.id) {
    c.add('customerId', 'Must be the organization id');
  }
  const type = c.oneOf(body.type, 'type', KYB_TYPES, false) ?? 'BUSINESS_VERIFICATION';
  const requestedLevel =
    c.oneOf(body.requestedLevel, 'requestedLevel', VERIFICATION_LEVELS, false) ?? 'TENANT_VERIFIED';
  c.throwIfAny();
  if (store.organizationStatus(org) !== 'PENDING_ACTIVATION') {
    throw new HttpError(409, 'Organization is already activated', { error: 'ALREADY_ACTIVATED' });
  }
  const v = createVerification(store, org, {
    type,
    verificationType: 'KYB',
    requestedLevel,
    initialStatus: 'PENDING',
  });
  return ok({
    verificationId: v.id,
    status: v.initialStatus,
    verificationType: 'KYB',
    type,
    organizationId: org.id,
    requestedLevel,
    requiredDocuments: v.requiredDocuments,
    acceptedDocumentTypes: acceptedDocumentTypes('organization', v.requiredDocuments),
    createdAt: isoTime(v.createdAt),
  });
}

interface Check {
  check: 'DIRECTORS' | 'ADMIN_USER' | 'SHAREHOLDERS' | 'KYB' | 'CONSENTS';
  ok: boolean;
  message: string;
}

/** §7.8 "14-step validation", the parts the sandbox models. */
export function organizationReadiness(store: SandboxStore, org: OrganizationRecord) {
  const total = org.shareholders.reduce((sum, s) => sum + s.basisPoints, 0);
  const verification = store.customerVerification(org.id);
  const missingConsents = store.missingConsents(org);
  const reason = verification.latest?.outcome?.reason;
  const checks: Check[] = [
    {
      check: 'DIRECTORS',
      ok: org.directors.length > 0,
      message: 'At least one director is required',
    },
    {
      check: 'ADMIN_USER',
      ok: org.employees.some((e) => e.roles.includes('ADMIN_USER')),
      message: 'At least one employee with the ADMIN_USER role is required',
    },
    {
      check: 'SHAREHOLDERS',
      ok: total === 10_000,
      message: `Shareholder ownership must total exactly 100% (currently ${total / 100}%)`,
    },
    {
      check: 'KYB',
      ok: verification.status === 'APPROVED',
      message:
        verification.status === 'NOT_STARTED'
          ? 'KYB verification has not been started'
          : `KYB verification is ${verification.status}${reason ? ` (${reason})` : ''}`,
    },
    {
      check: 'CONSENTS',
      ok: missingConsents.length === 0,
      message: `Consents not accepted: ${missingConsents.join(', ')}`,
    },
  ];
  const failed = checks.filter((ch) => !ch.ok);
  const status = store.organizationStatus(org);
  const activationAllowed = failed.length === 0 && status === 'PENDING_ACTIVATION';
  return {
    activationAllowed,
    status,
    checks,
    failedChecks: failed.map(({ check, message }) => ({ check, message })),
    ownershipTotal: total / 100,
    verificationOk: verification.status === 'APPROVED',
    verificationStatus: verification.status,
    verificationId: (verification.approved ?? verification.latest)?.id ?? null,
    consentOk: missingConsents.length === 0,
    missingConsents,
    message:
      status !== 'PENDING_ACTIVATION'
        ? `Organization is ${status}`
        : activationAllowed
          ? 'Organization is ready for activation'
          : `Organization is not ready for activation: ${failed.map((f) => f.message).join('; ')}`,
  };
}

function activate(ctx: RouteContext): Response {
  const { store } = ctx;
  const org = organizationFor(ctx, ctx.params.organizationId ?? '');
  const user = userContext(ctx);
  // §7.8: caller role must be COMPLIANCE_OFFICER or ADMIN_USER, and linked to the organization.
  if (!user.roles.some((r) => r === 'ADMIN_USER' || r === 'COMPLIANCE_OFFICER')) {
    throw new HttpError(403, 'Insufficient role: ADMIN_USER or COMPLIANCE_OFFICER required', {
      error: 'INSUFFICIENT_PERMISSIONS',
      requiredRoles: ['ADMIN_USER', 'COMPLIANCE_OFFICER'],
    });
  }
  if (!store.organizationUserIds(org).includes(user.userId)) {
    throw new HttpError(403, 'X-User-ID is not a user of this organization', {
      error: 'INSUFFICIENT_PERMISSIONS',
    });
  }
  const status = store.organizationStatus(org);
  if (status !== 'PENDING_ACTIVATION') {
    throw new HttpError(409, `Organization is already ${status}`, {
      error: 'ALREADY_ACTIVATED',
      status,
    });
  }
  const body = requireBody(ctx);
  const c = new Checker();
  c.string(body.activationReason, 'activationReason', false);
  const info = c.object(body.additionalInfo, 'additionalInfo');
  const code = info ? c.string(info.activationCode, 'additionalInfo.activationCode') : undefined;
  c.throwIfAny();
  const readiness = organizationReadiness(store, org);
  if (!readiness.activationAllowed) {
    throw new HttpError(422, readiness.message, {
      error: 'ACTIVATION_PREREQUISITES_NOT_MET',
      failedChecks: readiness.failedChecks,
      missingConsents: readiness.missingConsents,
      ownershipTotal: readiness.ownershipTotal,
      verificationStatus: readiness.verificationStatus,
    });
  }
  if (code?.toUpperCase() !== org.activationCode) {
    throw new HttpError(400, 'Invalid activation code', {
      error: 'INVALID_CODE',
      errors: [
        {
          field: 'additionalInfo.activationCode',
          message: `Invalid activation code: use the code sent to ${org.email}`,
        },
      ],
    });
  }
  const now = store.now();
  org.status = 'ACTIVATING';
  org.activatedAt = now;
  org.updatedAt = now;
  org.walletReadyAt = now + store.config.walletProvisioningDelayMs;
  const owner = store.users.get(org.userId);
  if (owner) owner.status = 'ACTIVE';
  const message = 'Organization activated. Wallet provisioning in progress.';
  // §7.8 newer [O] shape.
  return ok(
    {
      organizationId: org.id,
      activation: {
        status: 'ACTIVATING',
        message,
        activatedAt: isoTime(now),
        warnings: [
          `Wallet provisioning is async. Use GET /api/v2.1/customer/organization/${org.id}/wallet-status to poll.`,
        ],
      },
    },
    message,
  );
}

function walletStatus(ctx: RouteContext): Response {
  const org = organizationFor(ctx, ctx.params.organizationId ?? '');
  const status = ctx.store.organizationStatus(org);
  return ok({
    organizationId: org.id,
    status,
    walletStatus:
      status === 'ACTIVE' ? 'ACTIVE' : status === 'ACTIVATING' ? 'PROVISIONING' : 'NOT_CREATED',
    wallet: org.wallet ? walletView(org.wallet) : null,
    iban: org.wallet?.iban ?? null,
    activation: {
      status,
      activatedAt: org.activatedAt === undefined ? null : isoTime(org.activatedAt),
    },
  });
}

export const organizationRoutes: RouteDef[] = [
  {
    method: 'POST',
    pattern: '/customer/organization/registration',
    auth: 'admin',
    handle: register,
  },
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
  {
    method: 'GET',
    pattern: '/customer/organization/:organizationId/directors',
    auth: 'token',
    // §7.3: the list answers in the older `{success, data: {directors}}` envelope.
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
  {
    method: 'POST',
    pattern: '/customer/organization/:organizationId/verify',
    auth: 'token',
    handle: verify,
  },
  {
    method: 'POST',
    pattern: '/customer/organization/:organizationId/activation',
    auth: 'token',
    handle: activate,
  },
  {
    method: 'GET',
    pattern: '/customer/organization/:organizationId/activation/readiness',
    auth: 'token',
    handle: (ctx) => {
      const data = organizationReadiness(
        ctx.store,
        organizationFor(ctx, ctx.params.organizationId ?? ''),
      );
      return ok(data, data.message);
    },
  },
  {
    method: 'GET',
    pattern: '/customer/organization/:organizationId/wallet-status',
    auth: 'token',
    handle: walletStatus,
  },
];
