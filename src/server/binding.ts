/**
 * The onboarding token's binding (docs/architecture.md#relay): which tenant, customer or
 * organization, users and verifications one onboarding may touch, checked on the path, the body and
 * the user headers, and grown only with ids FinHub created for that customer or organization.
 */
import { envelope } from './envelope.js';
import { isJsonObject, type JsonValue } from './forward.js';
import type { OnboardingClaims } from './onboarding-token.js';
import type { RouteMatch } from './routes.js';

/** Verification ids a token keeps (the newest), so the token's size stays bounded. */
export const MAX_BOUND_VERIFICATIONS = 16;
/** User ids a token keeps: the first (the registered user) and the newest after it. */
export const MAX_BOUND_USERS = 16;

const mismatch = (what = 'that id') =>
  envelope(403, 'binding_mismatch', `This onboarding token is not bound to ${what}.`);
const tenantMismatch = () => envelope(403, 'tenant_mismatch', 'Unknown tenant.');

/** Path parameters must be the configured tenant or in the token's binding. */
export function checkPathBinding(
  claims: OnboardingClaims,
  match: RouteMatch,
  tenantId: string,
): Response | undefined {
  const { route } = match;
  if (route.op === 'register') {
    return claims.kind
      ? envelope(403, 'already_registered', 'This onboarding has already registered a customer.')
      : undefined;
  }
  // Resume: an unbound token may sign in to an existing customer or organization. The password
  // is the proof of ownership, attempts are capped per onboarding, and success binds the token.
  if (route.op === 'session' && !claims.kind) {
    return match.params.some((p) => p.kind === 'tenant' && p.value !== tenantId)
      ? tenantMismatch()
      : undefined;
  }
  if (route.op !== 'hierarchy') {
    if (!claims.kind) {
      return envelope(403, 'registration_required', 'Register before calling this endpoint.');
    }
    if (route.flow && route.flow !== claims.kind) {
      return envelope(403, 'binding_mismatch', 'This endpoint belongs to the other flow.');
    }
  }
  for (const { kind, value } of match.params) {
    const ok =
      kind === 'tenant'
        ? value === tenantId
        : kind === 'customer'
          ? claims.kind === 'individual' && value === claims.cid
          : kind === 'organization'
            ? claims.kind === 'organization' && value === claims.cid
            : kind === 'user'
              ? (claims.uids ?? []).includes(value)
              : kind === 'verification'
                ? (claims.vids ?? []).includes(value)
                : true; // consent types are checked by the route matcher
    if (!ok) return kind === 'tenant' ? tenantMismatch() : mismatch();
  }
  return undefined;
}

/** How FinHub might read a key if it matched names loosely: case, `_` and `-` ignored. */
const fold = (key: string) => key.replace(/[_-]/g, '').toLowerCase();

type IdField = 'owner' | 'verification' | 'tenant';
/** The id fields the binding guards, by folded name, with the one spelling FinHub documents. */
const ID_FIELDS = new Map<string, { field: IdField; canonical: string }>([
  ['customerid', { field: 'owner', canonical: 'customerId' }],
  ['organizationid', { field: 'owner', canonical: 'organizationId' }],
  ['verificationid', { field: 'verification', canonical: 'verificationId' }],
  ['tenantid', { field: 'tenant', canonical: 'tenantId' }],
  ['requestedbytenantid', { field: 'tenant', canonical: 'requestedByTenantId' }],
  ['ownertenantid', { field: 'tenant', canonical: 'ownerTenantId' }],
]);

/**
 * Ids anywhere in a body (FinHub also reads nested shapes, e.g.
 * docs/finhub-contract.md#document-upload's `document {…}`):
 * - the documented spelling of `customerId` / `organizationId` / `verificationId` must be in the
 *   binding (403 `binding_mismatch`; not checked on registration and the hierarchy, which have no
 *   binding yet), of a tenant field the configured tenant (403 `tenant_mismatch`; a sign-in's
 *   top-level `tenantId` is overwritten instead);
 * - any other spelling of them (`CustomerId`, `customer_id`, `TENANTID`, …), which a server that
 *   binds JSON keys loosely would read as the same field, is refused (400 `ambiguous_field`)
 *   unless it carries the bound value, on every route.
 */
export function checkBodyIds(
  claims: OnboardingClaims,
  body: JsonValue | undefined,
  op: RouteMatch['route']['op'],
  tenantId: string,
): Response | undefined {
  if (body === undefined) return undefined;
  const checksBinding = op !== 'register' && op !== 'hierarchy';
  const stack: { value: JsonValue; top: boolean }[] = [{ value: body, top: true }];
  while (stack.length > 0) {
    const { value, top } = stack.pop()!;
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, top: false });
      continue;
    }
    if (!isJsonObject(value)) continue;
    for (const [key, child] of Object.entries(value)) {
      const id = ID_FIELDS.get(fold(key));
      if (!id) {
        stack.push({ value: child, top: false });
        continue;
      }
      const bound =
        id.field === 'tenant'
          ? child === tenantId
          : id.field === 'owner'
            ? claims.kind !== undefined && child === claims.cid
            : typeof child === 'string' && (claims.vids ?? []).includes(child);
      if (bound) continue;
      if (key !== id.canonical) {
        return envelope(
          400,
          'ambiguous_field',
          `The body names ${key.slice(0, 64)}, a variant of ${id.canonical}.`,
        );
      }
      if (id.field === 'tenant') {
        if (!(op === 'session' && top && key === 'tenantId')) return tenantMismatch();
      } else if (checksBinding) {
        return mismatch();
      }
    }
  }
  return undefined;
}

/** Whether a body names the bound customer/organization in its documented spelling. */
export function namesBoundOwner(claims: OnboardingClaims, body: JsonValue | undefined): boolean {
  return (
    isJsonObject(body) &&
    claims.cid !== undefined &&
    (body.customerId === claims.cid || body.organizationId === claims.cid)
  );
}

/**
 * Whether an id FinHub just created (a verification, an employee's user) belongs to this
 * onboarding: the answer names the bound customer/organization as its owner, or names no owner
 * and the request named the bound one (in the path or the body). An answer naming anyone else is
 * not believed, so its id never joins the binding.
 */
export function createdForBoundOwner(
  claims: OnboardingClaims,
  match: RouteMatch,
  requestBody: JsonValue | undefined,
  data: JsonValue | undefined,
): boolean {
  const owners = isJsonObject(data)
    ? Object.entries(data)
        .filter(([key]) => ID_FIELDS.get(fold(key))?.field === 'owner')
        .map(([, value]) => value)
    : [];
  if (owners.length > 0) return owners.every((owner) => owner === claims.cid);
  return (
    match.params.some((p) => p.kind === 'customer' || p.kind === 'organization') ||
    namesBoundOwner(claims, requestBody)
  );
}

/** `list` with `id` added at the end, keeping the first `keepFirst` and the newest up to `max`. */
export function withBoundId(
  list: readonly string[] | undefined,
  id: string,
  max: number,
  keepFirst = 0,
): string[] {
  const current = (list ?? []).filter((existing) => existing !== id);
  const next = [...current, id];
  if (next.length <= max) return next;
  return [...next.slice(0, keepFirst), ...next.slice(next.length - (max - keepFirst))];
}

const ROLE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * `X-User-ID` must name a bound user; `X-User-Roles` only comes with it, and names only roles an
 * onboarding's user may claim (`userRoles` for an organization's users; none for a person).
 * Returns the headers to forward, or the refusal.
 */
export function checkUserHeaders(
  claims: OnboardingClaims,
  headers: Headers,
  userRoles: ReadonlySet<string>,
): { ok: true; userId?: string; roles?: string } | { ok: false; response: Response } {
  const userId = headers.get('X-User-ID');
  const rolesHeader = headers.get('X-User-Roles');
  // Before registration there is no user to act as: both headers are dropped.
  if (!claims.kind) return { ok: true };
  if (userId !== null && !(claims.uids ?? []).includes(userId)) {
    return { ok: false, response: mismatch('that user') };
  }
  if (rolesHeader === null || rolesHeader.trim() === '') {
    return { ok: true, ...(userId !== null ? { userId } : {}) };
  }
  const roles = rolesHeader.split(',').map((role) => role.trim());
  const allowed = claims.kind === 'organization' ? userRoles : new Set<string>();
  if (userId === null || roles.some((role) => !ROLE.test(role) || !allowed.has(role))) {
    return {
      ok: false,
      response: envelope(403, 'role_not_allowed', 'This onboarding may not claim those roles.'),
    };
  }
  return { ok: true, userId, roles: roles.join(',') };
}
