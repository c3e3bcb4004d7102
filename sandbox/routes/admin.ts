/**
 * Admin session (docs/finhub-contract.md#admin-session) and the categorization hierarchy
 * (docs/finhub-contract.md#categorization-hierarchy).
 */
import { hierarchyFor } from '../hierarchy-data.js';
import { HttpError, isoTime, ok } from '../http.js';
import type { RouteContext, RouteDef } from '../router.js';
import { TOKEN_LIFETIME_SECONDS } from '../store.js';
import { Checker } from '../validation.js';
import { requireBody } from './access.js';

function hierarchy(ctx: RouteContext): Response {
  const { store } = ctx;
  const tenantId = store.credentials.tenantId;
  const custom = store.config.hierarchy;
  return ok(
    custom ? custom(tenantId) : hierarchyFor(tenantId, store.hierarchy),
    'Hierarchy retrieved successfully',
  );
}

export const adminRoutes: RouteDef[] = [
  {
    method: 'POST',
    pattern: '/admin/organization/:organizationId/users/:userId/sessions',
    auth: 'public',
    async handle(ctx) {
      const { admin, tenantKey, tenantSecret } = ctx.store.credentials;
      const body = requireBody(ctx);
      const c = new Checker();
      // docs/finhub-contract.md#admin-session: all four are required; missing
      // tenantKey/tenantSecret is a documented failure.
      const username = c.string(body.username, 'username');
      // Passwords are compared as sent, never trimmed.
      const password = typeof body.password === 'string' ? body.password : '';
      if (!password) c.add('password', 'Field is required');
      const key = c.string(body.tenantKey, 'tenantKey');
      const secret = c.string(body.tenantSecret, 'tenantSecret');
      c.throwIfAny();
      if (
        ctx.params.organizationId !== admin.organizationId ||
        ctx.params.userId !== admin.userId
      ) {
        throw new HttpError(404, 'User not found', {
          success: false,
          errorType: 'NOT_FOUND',
          message: 'No admin user with this organization and user id',
        });
      }
      // docs/finhub-contract.md#errors: 403 for invalid tenant credentials at login.
      if (key !== tenantKey || secret !== tenantSecret) {
        throw new HttpError(403, 'Invalid tenant credentials', {
          success: false,
          errorType: 'AUTHENTICATION',
          message: 'tenantKey or tenantSecret is not valid for this tenant',
        });
      }
      if (username?.toLowerCase() !== admin.username.toLowerCase() || password !== admin.password) {
        throw new HttpError(401, 'Authentication failed', {
          success: false,
          errorType: 'AUTHENTICATION',
          message: 'Invalid username or password',
        });
      }
      const { token, session, refreshToken } = await ctx.store.openSession(
        { id: admin.userId, roles: ['ADMIN'] },
        'ADMIN',
        { organizationId: admin.organizationId },
      );
      return ok(
        {
          sessionId: session.id,
          userId: admin.userId,
          token,
          refreshToken,
          expiresAt: isoTime(session.expiresAt),
          expiresIn: TOKEN_LIFETIME_SECONDS,
          tokenType: 'Bearer',
          success: true,
          message: 'Session created successfully',
          errorType: 'NONE',
        },
        'Session created successfully',
      );
    },
  },
  {
    method: 'GET',
    pattern: '/customer/individual/categorization/hierarchy/:tenantId',
    auth: 'admin', // docs/finhub-contract.md#individual-flow step 1 / docs/finhub-contract.md#categorization-hierarchy [G]: admin JWT
    handle(ctx) {
      const { tenantId } = ctx.store.credentials;
      if (ctx.params.tenantId !== tenantId) {
        throw new HttpError(403, 'Tenant access denied or categorization not available', {
          error: 'TENANT_ACCESS_DENIED',
        });
      }
      return hierarchy(ctx);
    },
  },
  // The older index's quick start: the token's tenant, no path parameter
  // (docs/finhub-contract.md#categorization-hierarchy variants).
  {
    method: 'GET',
    pattern: '/customer/categorization/hierarchy',
    auth: 'admin',
    handle: hierarchy,
  },
];
