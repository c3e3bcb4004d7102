/**
 * Organization (B2B) routes: registration (docs/finhub-contract.md#organization-registration), KYB
 * (docs/finhub-contract.md#kyb-verification), activation with async wallet
 * (docs/finhub-contract.md#organization-activation) and the wallet-status poll path it names, plus
 * a readiness read (docs/finhub-contract.md#organization-activation names the path, no shape).
 * Personnel lives in `personnel.ts`.
 */
import { checkCategorization } from '../categorization.js';
import { HttpError, isoTime, ok, type JsonObject } from '../http.js';
import { passwordDigest } from '../ids.js';
import type { RouteContext, RouteDef } from '../router.js';
import type { OrganizationRecord, SandboxStore } from '../store.js';
import { Checker } from '../validation.js';
import { organizationFor, requireBody, optionalBody } from './access.js';
import { checkCustomerCategory, createVerification, VERIFICATION_LEVELS } from './common.js';
import { acceptedDocumentTypes, walletView } from './views.js';

const KYB_TYPES = [
  'BUSINESS_VERIFICATION',
  'DOCUMENT_VERIFICATION',
  'BENEFICIAL_OWNER_VERIFICATION',
  'FINANCIAL_VERIFICATION',
] as const;

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
  const category = checkCustomerCategory(c, body.customerCategory, 'organization', store.hierarchy);

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
      store.hierarchy.features,
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

  const organizationId = store.newId('organization');
  const userId = store.newId('user');
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
      organizationId, // docs/finhub-contract.md#organization-registration: id equals organizationId
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

/**
 * docs/finhub-contract.md#headers, #user-context-headers: `/verify` and `/activation` need
 * X-User-ID and X-User-Roles.
 */
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
    status: store.spell(v.initialStatus),
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

/**
 * docs/finhub-contract.md#organization-activation "14-step validation", the parts the sandbox
 * models.
 */
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
    verificationStatus: store.spell(verification.status),
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
  // docs/finhub-contract.md#organization-activation: caller role must be COMPLIANCE_OFFICER or
  // ADMIN_USER, and linked to the organization.
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
  // docs/finhub-contract.md#organization-activation newer [O] shape.
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
