/**
 * The allow-list: the only FinHub endpoints the two onboarding flows use
 * (docs/finhub-contract.md#individual-flow, #organization-flow, #endpoints).
 * Anything else, including admin endpoints and verification approval
 * (docs/finhub-contract.md#approval, admin only), is answered 404 by the relay and never forwarded.
 */
import type { OnboardingKind } from './onboarding-token.js';

/** What a path parameter must match: the tenant, or an id in the onboarding token's binding. */
export type ParamKind =
  'tenant' | 'customer' | 'organization' | 'user' | 'verification' | 'consent';

/**
 * - `hierarchy`: allowed before registration.
 * - `register`: the one call an unbound token may make besides the hierarchy; binds the token.
 * - `session`: customer/org-user login; the relay adds tenant credentials and seals the session.
 * - `verification`: creates a verification; its id joins the binding.
 * - `employee`: adds an org employee; the new user id joins the binding.
 * - `call`: any other bound call.
 */
export type RouteOp = 'hierarchy' | 'register' | 'session' | 'verification' | 'employee' | 'call';

export interface RouteDef {
  method: 'GET' | 'POST';
  /** Path under `/api/v2.1`, params in braces; also the path template in logs. */
  template: string;
  op: RouteOp;
  /** Flow the route belongs to; undefined for routes both flows use. */
  flow?: OnboardingKind;
  /** Takes a document (up to `maxBodyBytes`); every other body is a small form. */
  largeBody?: true;
}

const PARAM_KINDS: Record<string, ParamKind> = {
  tenantId: 'tenant',
  customerId: 'customer',
  organizationId: 'organization',
  userId: 'user',
  verificationId: 'verification',
  consentType: 'consent',
};

const IND = '/customer/individual';
const ORG = '/customer/organization';

export const ROUTES: readonly RouteDef[] = [
  // Categorization (docs/finhub-contract.md#categorization-hierarchy): also the B2B flow's source
  // of categories (docs/finhub-contract.md#organization-flow).
  { method: 'GET', template: `${IND}/categorization/hierarchy/{tenantId}`, op: 'hierarchy' },
  // The older index's path without the tenant, asked where a tenant lacks the one above
  // (docs/finhub-contract.md#categorization-hierarchy).
  { method: 'GET', template: '/customer/categorization/hierarchy', op: 'hierarchy' },
  // Individual (docs/finhub-contract.md#individual-registration, #create-verification)
  { method: 'POST', template: `${IND}/registration`, op: 'register', flow: 'individual' },
  {
    method: 'POST',
    template: `${IND}/{customerId}/users/{userId}/sessions`,
    op: 'session',
    flow: 'individual',
  },
  {
    method: 'POST',
    template: `${IND}/{customerId}/verification`,
    op: 'verification',
    flow: 'individual',
  },
  // docs/finhub-contract.md#individual-verification, where a tenant lacks the customer-scoped
  // create (docs/finhub-contract.md#individual-verification).
  {
    method: 'POST',
    template: `${IND}/{customerId}/verification/initiate`,
    op: 'verification',
    flow: 'individual',
  },
  { method: 'POST', template: '/verifications', op: 'verification' },
  {
    method: 'POST',
    template: '/verifications/{verificationId}/documents',
    op: 'call',
    largeBody: true,
  },
  // docs/finhub-contract.md#document-list [N]: the customer's documents, read before an upload
  // whose answer was lost is sent again (docs/finhub-contract.md#retries-and-idempotency: no
  // idempotency key), so a retry does not store it twice.
  {
    method: 'GET',
    template: `${IND}/{customerId}/documents`,
    op: 'call',
    flow: 'individual',
  },
  // Status polling while KYC/KYB is reviewed (docs/finhub-contract.md#approval names no endpoint;
  // the sandbox serves this one). Only verifications the onboarding created: the id must be in the
  // token's binding.
  { method: 'GET', template: '/verifications/{verificationId}', op: 'call' },
  {
    method: 'POST',
    template: `${IND}/{customerId}/consents/{consentType}`,
    op: 'call',
    flow: 'individual',
  },
  {
    method: 'GET',
    template: `${IND}/{customerId}/owner/{tenantId}/activation/check`,
    op: 'call',
    flow: 'individual',
  },
  { method: 'POST', template: `${IND}/{customerId}/activation`, op: 'call', flow: 'individual' },
  // Organization (docs/finhub-contract.md#organization-registration)
  { method: 'POST', template: `${ORG}/registration`, op: 'register', flow: 'organization' },
  {
    method: 'POST',
    template: `${ORG}/{organizationId}/employee`,
    op: 'employee',
    flow: 'organization',
  },
  {
    method: 'POST',
    template: `${ORG}/{organizationId}/director`,
    op: 'call',
    flow: 'organization',
  },
  // The older directors page adds with `POST /directors` (docs/finhub-contract.md#directors).
  {
    method: 'POST',
    template: `${ORG}/{organizationId}/directors`,
    op: 'call',
    flow: 'organization',
  },
  {
    method: 'GET',
    template: `${ORG}/{organizationId}/directors`,
    op: 'call',
    flow: 'organization',
  },
  {
    method: 'POST',
    template: `${ORG}/{organizationId}/shareholders`,
    op: 'call',
    flow: 'organization',
  },
  {
    method: 'POST',
    template: `${ORG}/{organizationId}/users/{userId}/sessions`,
    op: 'session',
    flow: 'organization',
  },
  {
    method: 'POST',
    template: `${ORG}/{organizationId}/verify`,
    op: 'verification',
    flow: 'organization',
  },
  {
    method: 'POST',
    template: `${ORG}/{organizationId}/consents/{consentType}`,
    op: 'call',
    flow: 'organization',
  },
  {
    method: 'POST',
    template: `${ORG}/{organizationId}/activation`,
    op: 'call',
    flow: 'organization',
  },
  // docs/finhub-contract.md#organization-activation: "Readiness: GET
  // /{organizationId}/activation/readiness" (response shape not captured).
  {
    method: 'GET',
    template: `${ORG}/{organizationId}/activation/readiness`,
    op: 'call',
    flow: 'organization',
  },
  {
    method: 'GET',
    template: `${ORG}/{organizationId}/wallet-status`,
    op: 'call',
    flow: 'organization',
  },
];

export const CONSENT_TYPES = ['terms', 'privacy', 'data-processing'] as const;

export interface RouteMatch {
  route: RouteDef;
  params: { kind: ParamKind; value: string }[];
}

/** Ids FinHub hands out are UUIDs or short tokens; anything with `%`, `/` or only dots is refused. */
const SAFE_SEGMENT = /^(?!\.+$)[A-Za-z0-9._~-]{1,128}$/;

const compiled = ROUTES.map((route) => ({
  route,
  segments: route.template
    .split('/')
    .slice(1)
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (param === undefined) return { literal: segment };
      const kind = PARAM_KINDS[param];
      if (!kind) throw new Error(`unknown route parameter ${param}`);
      return { kind };
    }),
}));

/** Matches `path` (under `/api/v2.1`, no query) and `method` against the allow-list. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const parts = path.split('/');
  if (parts[0] !== '') return undefined;
  const segments = parts.slice(1);
  for (const { route, segments: pattern } of compiled) {
    if (route.method !== method || pattern.length !== segments.length) continue;
    const params: RouteMatch['params'] = [];
    const ok = pattern.every((part, i) => {
      const value = segments[i] ?? '';
      if ('literal' in part) return part.literal === value;
      if (!SAFE_SEGMENT.test(value)) return false;
      if (part.kind === 'consent' && !(CONSENT_TYPES as readonly string[]).includes(value)) {
        return false;
      }
      params.push({ kind: part.kind, value });
      return true;
    });
    if (ok) return { route, params };
  }
  return undefined;
}
