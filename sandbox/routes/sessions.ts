/**
 * Customer login (docs/finhub-contract.md#customer-session: needs an Authorization header, in
 * practice the partner's admin token) and organization-user login
 * (docs/finhub-contract.md#organization-user-session, same rules). Five wrong passwords lock the
 * user for 30 minutes, and a locked user is refused even with the right password
 * (docs/finhub-contract.md#customer-session, #errors). Logout per
 * docs/finhub-contract.md#logout-and-refresh.
 */
import { HttpError, isoTime, ok } from '../http.js';
import { passwordDigest } from '../ids.js';
import type { RouteContext, RouteDef } from '../router.js';
import {
  LOCKOUT_MS,
  MAX_LOGIN_ATTEMPTS,
  TOKEN_LIFETIME_SECONDS,
  type IndividualRecord,
  type OrganizationRecord,
  type UserRecord,
} from '../store.js';
import { Checker } from '../validation.js';
import {
  assertIndividualAccess,
  assertOrganizationAccess,
  clientIp,
  requireBody,
} from './access.js';

type Owner =
  | { kind: 'individual'; record: IndividualRecord }
  | { kind: 'organization'; record: OrganizationRecord };

function notFound(what: string): HttpError {
  return new HttpError(404, `${what} not found`, {
    success: false,
    errorType: 'NOT_FOUND',
    message: `${what} not found`,
  });
}

function ownerAndUser(ctx: RouteContext, kind: Owner['kind']): { owner: Owner; user: UserRecord } {
  const ownerId = kind === 'individual' ? ctx.params.customerId : ctx.params.organizationId;
  if (!ownerId) throw notFound('Customer');
  if (kind === 'individual') assertIndividualAccess(ctx, ownerId);
  else assertOrganizationAccess(ctx, ownerId);
  let owner: Owner | undefined;
  if (kind === 'individual') {
    const record = ctx.store.individuals.get(ownerId);
    owner = record && { kind, record };
  } else {
    const record = ctx.store.organizations.get(ownerId);
    owner = record && { kind, record };
  }
  if (!owner) throw notFound(kind === 'individual' ? 'Customer' : 'Organization');
  const user = ctx.store.users.get(ctx.params.userId ?? '');
  if (!user || user.ownerId !== ownerId) throw notFound('User');
  return { owner, user };
}

function lockedError(ctx: RouteContext, user: UserRecord): HttpError {
  const until = user.lockedUntil ?? ctx.store.now();
  const retryAfter = Math.max(1, Math.ceil((until - ctx.store.now()) / 1000));
  return new HttpError(
    401,
    'Account locked',
    {
      success: false,
      errorType: 'AUTHENTICATION',
      message: `Account locked after ${MAX_LOGIN_ATTEMPTS} failed attempts. Try again in 30 minutes.`,
      attempts: user.failedAttempts,
      maxAttempts: MAX_LOGIN_ATTEMPTS,
      lockoutTime: isoTime(user.lockedAt ?? ctx.store.now()),
      lockedUntil: isoTime(until),
      lockoutDuration: '30 minutes',
    },
    { 'retry-after': String(retryAfter) },
  );
}

async function login(ctx: RouteContext, kind: Owner['kind']): Promise<Response> {
  const { owner, user } = ownerAndUser(ctx, kind);
  const { store } = ctx;
  const body = requireBody(ctx);
  const c = new Checker();
  const username = c.string(body.username, 'username');
  // Passwords are compared as sent, never trimmed.
  const password = typeof body.password === 'string' ? body.password : '';
  if (!password) c.add('password', 'Field is required');
  const key = c.string(body.tenantKey, 'tenantKey');
  const secret = c.string(body.tenantSecret, 'tenantSecret');
  c.throwIfAny();
  if (key !== store.credentials.tenantKey || secret !== store.credentials.tenantSecret) {
    throw new HttpError(403, 'Invalid tenant credentials', {
      success: false,
      errorType: 'AUTHENTICATION',
      message: 'tenantKey or tenantSecret is not valid for this tenant',
    });
  }

  const now = store.now();
  if (user.lockedUntil !== undefined) {
    if (now < user.lockedUntil) throw lockedError(ctx, user);
    user.lockedUntil = undefined;
    user.lockedAt = undefined;
    user.failedAttempts = 0;
  }
  const nameOk =
    username?.toLowerCase() === user.email ||
    username?.toLowerCase() === user.username.toLowerCase();
  const passwordOk =
    user.passwordHash !== undefined &&
    (await passwordDigest(store.salt, password)) === user.passwordHash;
  if (!nameOk || !passwordOk) {
    user.failedAttempts += 1;
    if (user.failedAttempts >= MAX_LOGIN_ATTEMPTS) {
      user.lockedAt = now;
      user.lockedUntil = now + LOCKOUT_MS;
      throw lockedError(ctx, user);
    }
    throw new HttpError(401, 'Authentication failed', {
      success: false,
      errorType: 'AUTHENTICATION',
      message: 'Invalid username or password',
      attempts: user.failedAttempts,
      maxAttempts: MAX_LOGIN_ATTEMPTS,
      lockoutTime: null,
    });
  }
  user.failedAttempts = 0;

  const scope =
    owner.kind === 'individual'
      ? { customerId: owner.record.id }
      : { customerId: owner.record.id, organizationId: owner.record.id };
  const { token, session, refreshToken } = await store.openSession(
    { id: user.id, roles: user.roles },
    owner.kind === 'individual' ? 'CONSUMER' : 'BUSINESS',
    scope,
  );
  const person = owner.kind === 'individual' ? owner.record.person : undefined;
  return ok(
    {
      sessionId: session.id,
      userId: user.id,
      ...scope,
      tenantId: store.credentials.tenantId,
      token,
      refreshToken,
      expiresAt: isoTime(session.expiresAt),
      expiresIn: TOKEN_LIFETIME_SECONDS,
      tokenType: 'Bearer',
      roles: user.roles,
      success: true,
      message: 'Session created successfully',
      errorType: 'NONE',
      sessionMetadata: {
        clientIp: clientIp(ctx),
        clientPlatform: ctx.headers.get('platform') ?? ctx.headers.get('sec-ch-ua-platform'),
        userAgent: ctx.headers.get('user-agent'),
        createdAt: isoTime(now),
      },
      user: {
        id: user.id,
        customerId: owner.record.id,
        customerStatus: owner.record.customerStatus,
        email: user.email,
        fullName: person?.fullName ?? (owner.kind === 'organization' ? owner.record.legalName : ''),
        firstName: person?.firstName,
        lastName: person?.lastName,
        isActive: user.status === 'ACTIVE',
        tenantId: store.credentials.tenantId,
      },
    },
    'Session created successfully',
  );
}

function logout(ctx: RouteContext, kind: Owner['kind']): Response {
  const { user } = ownerAndUser(ctx, kind);
  const session = ctx.store.sessions.get(ctx.params.sessionId ?? '');
  if (!session || session.userId !== user.id) throw notFound('Session');
  session.revoked = true;
  return ok({ sessionId: session.id, status: 'REVOKED' }, 'Session terminated successfully');
}

export const sessionRoutes: RouteDef[] = [
  {
    method: 'POST',
    pattern: '/customer/individual/:customerId/users/:userId/sessions',
    auth: 'token',
    handle: (ctx) => login(ctx, 'individual'),
  },
  {
    method: 'DELETE',
    pattern: '/customer/individual/:customerId/users/:userId/sessions/:sessionId',
    auth: 'token',
    handle: (ctx) => logout(ctx, 'individual'),
  },
  {
    method: 'POST',
    pattern: '/customer/organization/:organizationId/users/:userId/sessions',
    auth: 'token',
    handle: (ctx) => login(ctx, 'organization'),
  },
  {
    method: 'DELETE',
    pattern: '/customer/organization/:organizationId/users/:userId/sessions/:sessionId',
    auth: 'token',
    handle: (ctx) => logout(ctx, 'organization'),
  },
];
