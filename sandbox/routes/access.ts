/** Who may touch which record (auth rules on every route) and the body helpers routes share. */
import { HttpError, isObject, type JsonObject } from '../http.js';
import type { RouteContext } from '../router.js';
import type { IndividualRecord, OrganizationRecord, VerificationRecord } from '../store.js';

/** A POST body that must be a JSON object. */
export function requireBody(ctx: RouteContext): JsonObject {
  if (ctx.body === undefined)
    throw new HttpError(400, 'Request body is required', { error: 'EMPTY_BODY' });
  if (!isObject(ctx.body)) {
    throw new HttpError(400, 'Request body must be a JSON object', { error: 'INVALID_BODY' });
  }
  return ctx.body;
}

export function optionalBody(ctx: RouteContext): JsonObject {
  return ctx.body === undefined ? {} : requireBody(ctx);
}

const forbidden = (what: string) =>
  new HttpError(403, `Access denied: the token does not belong to this ${what}`, {
    error: 'INSUFFICIENT_PERMISSIONS',
  });

/** Admin tokens reach every customer; a customer token only its own (403 before 404: no probing). */
export function assertIndividualAccess(ctx: RouteContext, customerId: string): void {
  const p = ctx.principal;
  if (p?.kind === 'ADMIN') return;
  if (p?.kind === 'CONSUMER' && p.customerId === customerId) return;
  throw forbidden('customer');
}

export function assertOrganizationAccess(ctx: RouteContext, organizationId: string): void {
  const p = ctx.principal;
  if (p?.kind === 'ADMIN') return;
  if (p?.kind === 'BUSINESS' && p.organizationId === organizationId) return;
  throw forbidden('organization');
}

export function individualFor(ctx: RouteContext, customerId: string): IndividualRecord {
  assertIndividualAccess(ctx, customerId);
  const customer = ctx.store.individuals.get(customerId);
  if (!customer)
    throw new HttpError(404, 'Customer not found', { error: 'CUSTOMER_NOT_FOUND', customerId });
  return customer;
}

export function organizationFor(ctx: RouteContext, organizationId: string): OrganizationRecord {
  assertOrganizationAccess(ctx, organizationId);
  const org = ctx.store.organizations.get(organizationId);
  if (!org) {
    throw new HttpError(404, 'Organization not found', {
      error: 'ORGANIZATION_NOT_FOUND',
      organizationId,
    });
  }
  return org;
}

/** A verification is reachable by admins and by the customer/organization it belongs to. */
export function verificationFor(ctx: RouteContext, verificationId: string): VerificationRecord {
  const v = ctx.store.verifications.get(verificationId);
  const p = ctx.principal;
  const own =
    p?.kind === 'ADMIN' ||
    (v !== undefined &&
      ((p?.kind === 'CONSUMER' && p.customerId === v.customerId) ||
        (p?.kind === 'BUSINESS' && p.organizationId === v.customerId)));
  if (v && !own) throw forbidden('verification');
  if (!v) {
    if (p?.kind !== 'ADMIN') throw forbidden('verification');
    throw new HttpError(404, 'Verification not found', {
      error: 'VERIFICATION_NOT_FOUND',
      verificationId,
    });
  }
  return v;
}

/**
 * The caller's real IP as the relay forwarded it (docs/finhub-contract.md#headers: stored for
 * audit).
 */
export const clientIp = (ctx: RouteContext): string =>
  ctx.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? '';
