/**
 * Consents for individuals (docs/finhub-contract.md#consents) and organizations
 * (docs/finhub-contract.md#consents). A repeat acceptance of the same version returns the existing
 * record (idempotent); a new version updates it in place. The record is answered with status
 * ACCEPTED (docs/finhub-contract.md#consents: the [N] shape, not the runner's PENDING).
 */
import { HttpError, ok } from '../http.js';
import type { RouteContext, RouteDef } from '../router.js';
import { CONSENT_PATHS, type ConsentRecord, type ConsentType } from '../store.js';
import { Checker } from '../validation.js';
import { clientIp, individualFor, organizationFor, requireBody } from './access.js';
import { consentView } from './views.js';

const LABELS: Record<ConsentType, string> = {
  TERMS_AND_CONDITIONS: 'terms and conditions',
  PRIVACY_POLICY: 'privacy policy',
  DATA_PROCESSING: 'data processing',
};

const YEAR_MS = 365 * 24 * 60 * 60 * 1000; // docs/finhub-contract.md#consents [G]: expiresAt typically 1 year

function accept(ctx: RouteContext, kind: 'individual' | 'organization'): Response {
  const customer =
    kind === 'individual'
      ? individualFor(ctx, ctx.params.customerId ?? '')
      : organizationFor(ctx, ctx.params.organizationId ?? '');
  const segment = ctx.params.consentType ?? '';
  const type = Object.hasOwn(CONSENT_PATHS, segment) ? CONSENT_PATHS[segment] : undefined;
  if (!type) {
    throw new HttpError(404, `Unknown consent type '${segment}'`, {
      error: 'UNKNOWN_CONSENT_TYPE',
      details: 'Use terms, privacy or data-processing',
    });
  }
  const body = requireBody(ctx);
  const c = new Checker();
  if (body.accepted === undefined) c.add('accepted', 'Field is required');
  else if (body.accepted !== true) c.add('accepted', 'Must be true to record the consent');
  const version = c.string(body.version, 'version');
  if (body.acceptanceTimestamp !== undefined) {
    if (
      typeof body.acceptanceTimestamp !== 'string' ||
      Number.isNaN(Date.parse(body.acceptanceTimestamp))
    ) {
      c.add('acceptanceTimestamp', 'Must be an ISO-8601 timestamp');
    }
  }
  c.throwIfAny();

  const now = ctx.store.now();
  let record = customer.consents[type];
  if (!record) {
    record = {
      id: ctx.store.newId('consent'),
      consentType: type,
      status: 'ACCEPTED',
      version: version ?? '',
      grantedAt: now,
      expiresAt: now + YEAR_MS,
      ipAddress: clientIp(ctx),
      userAgent: ctx.headers.get('user-agent'),
    } satisfies ConsentRecord;
    customer.consents[type] = record;
  } else if (record.version !== version) {
    record.version = version ?? record.version;
    record.grantedAt = now;
    record.expiresAt = now + YEAR_MS;
  }
  customer.updatedAt = now;
  return ok(consentView(record), `${LABELS[type]} accepted successfully`);
}

export const consentRoutes: RouteDef[] = [
  {
    method: 'POST',
    pattern: '/customer/individual/:customerId/consents/:consentType',
    auth: 'token',
    handle: (ctx) => accept(ctx, 'individual'),
  },
  {
    method: 'POST',
    pattern: '/customer/organization/:organizationId/consents/:consentType',
    auth: 'token',
    handle: (ctx) => accept(ctx, 'organization'),
  },
];
