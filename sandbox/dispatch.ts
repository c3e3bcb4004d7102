/**
 * The FinHub side of the sandbox: journal → injected faults → route → required headers
 * (docs/finhub-contract.md#headers) → tenant → bearer token → JSON body → handler. Every failure
 * leaves in FinHub's envelope (docs/finhub-contract.md#errors).
 */
import type { Faults } from './faults.js';
import { droppedAnswer, playFault } from './faults.js';
import { errorResponse, HttpError } from './http.js';
import { deviceIdOf, journalBody, type Journal, type TokenKind } from './journal.js';
import { compileRoutes, type Principal, type RouteDef } from './router.js';
import type { SandboxStore } from './store.js';
import { answerAs, routeKey } from './variants.js';

/**
 * docs/finhub-contract.md#headers: required on every endpoint (`User-Agent` is left out: page
 * scripts cannot set it).
 */
export const REQUIRED_HEADERS = [
  'X-Tenant-ID',
  'X-Forwarded-For',
  'X-Forwarded-From',
  'platform',
  'deviceId',
] as const;

/** docs/finhub-contract.md#headers "Also accepted as" column. */
const ALIASES: Record<string, string[]> = {
  'X-Tenant-ID': ['x-tenant-id'],
  'X-Forwarded-For': ['x-forwarded-for'],
  'X-Forwarded-From': ['x-forwarded-from'],
  platform: ['platform', 'sec-ch-ua-platform'],
  deviceId: ['deviceid', 'x-device-id', 'device-id'],
};

function missingHeaders(headers: Headers, hasBody: boolean): string[] {
  const missing: string[] = REQUIRED_HEADERS.filter(
    (name) => !(ALIASES[name] ?? [name]).some((alias) => headers.get(alias)?.trim()),
  );
  if (hasBody && !headers.get('content-type')) missing.push('Content-Type');
  return missing;
}

interface AuthResult {
  kind: TokenKind;
  principal?: Principal;
  tenantId?: string;
  problem?: string;
}

const PROBLEMS = {
  malformed: 'Malformed bearer token',
  signature: 'Invalid token signature',
  expired: 'Token expired',
} as const;

async function authenticate(store: SandboxStore, headers: Headers): Promise<AuthResult> {
  const header = headers.get('authorization');
  if (!header) return { kind: 'none' };
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m?.[1]) return { kind: 'invalid', problem: 'Authorization must be "Bearer <token>"' };
  const result = await store.signer.verify(m[1], Math.floor(store.now() / 1000));
  if (!result.ok) return { kind: 'invalid', problem: PROBLEMS[result.reason] };
  const { claims } = result;
  const session = store.sessions.get(claims.sessionId);
  if (!session || session.revoked)
    return { kind: 'invalid', problem: 'Session has been terminated' };
  return {
    kind: claims.userType,
    tenantId: claims.tenantId,
    principal: {
      kind: claims.userType,
      userId: claims.userId,
      sessionId: claims.sessionId,
      customerId: claims.customerId,
      organizationId: claims.organizationId,
      roles: claims.roles,
    },
  };
}

export function createDispatcher(
  store: SandboxStore,
  faults: Faults,
  journal: Journal,
  routes: RouteDef[],
): (request: Request) => Promise<Response> {
  // A variant's tenant lacks some documented routes: they answer like any unknown path.
  const { variant } = store;
  const match = compileRoutes(
    routes.filter((route) => !variant.missingRoutes.includes(routeKey(route))),
  );

  async function handle(
    request: Request,
    url: URL,
    raw: string,
    auth: AuthResult,
    entry: { fault?: string },
    play: { loseAnswer?: boolean },
  ): Promise<Response> {
    const method = request.method.toUpperCase();
    const { headers } = request;

    const fault = faults.take(method, url.pathname, deviceIdOf(headers));
    if (fault) {
      entry.fault = fault.id;
      play.loseAnswer = fault.loseAnswer;
      const injected = await playFault(fault, request.signal);
      if (injected) return injected;
    }

    const found = match(method, url.pathname);
    if (found.kind === 'none') {
      throw new HttpError(404, `No endpoint ${method} ${url.pathname}`, {
        error: 'NOT_FOUND',
        path: url.pathname,
      });
    }
    if (found.kind === 'method') {
      throw new HttpError(
        405,
        `Method ${method} not allowed`,
        { error: 'METHOD_NOT_ALLOWED' },
        { allow: found.allowed.join(', ') },
      );
    }

    const missing = missingHeaders(headers, raw.length > 0);
    if (missing.length) {
      // PaaS wording (docs/finhub-contract.md#headers), assumed for BaaS.
      throw new HttpError(400, `Missing required header(s): ${missing.join(', ')}`, {
        error: 'MISSING_HEADERS',
        missingHeaders: missing,
      });
    }
    const { tenantId } = store.credentials;
    if (headers.get('x-tenant-id') !== tenantId) {
      throw new HttpError(403, 'Tenant access denied', {
        error: 'TENANT_ACCESS_DENIED',
        details: 'X-Tenant-ID does not match this tenant',
      });
    }
    const contentType = headers.get('content-type');
    if (raw.length > 0 && contentType && !/^application\/json\s*(;|$)/i.test(contentType)) {
      throw new HttpError(415, 'Content-Type must be application/json', {
        error: 'UNSUPPORTED_MEDIA_TYPE',
      });
    }

    const { route, params } = found;
    if (route.auth !== 'public') {
      if (auth.kind === 'none') {
        throw new HttpError(
          401,
          'Authentication required',
          { error: 'MISSING_TOKEN' },
          { 'www-authenticate': 'Bearer' },
        );
      }
      if (!auth.principal) {
        throw new HttpError(
          401,
          auth.problem ?? 'Invalid token',
          { error: 'INVALID_TOKEN', details: auth.problem },
          {
            'www-authenticate': 'Bearer error="invalid_token"',
          },
        );
      }
      // docs/finhub-contract.md#headers: X-Tenant-ID must match the tenant of the token.
      if (auth.tenantId !== tenantId) {
        throw new HttpError(403, 'Tenant access denied', {
          error: 'TENANT_ACCESS_DENIED',
          details: 'Token belongs to another tenant',
        });
      }
      if (route.auth === 'admin' && auth.principal.kind !== 'ADMIN') {
        throw new HttpError(403, 'Admin token required', { error: 'INSUFFICIENT_PERMISSIONS' });
      }
    }

    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch (error) {
        throw new HttpError(400, 'Malformed JSON request body', {
          error: 'INVALID_JSON',
          details: error instanceof Error ? error.message : String(error),
        });
      }
    }
    const ctx = { method, url, params, headers, body, principal: auth.principal, store };
    return answerAs(variant, route, ctx, await route.handle(ctx));
  }

  return async (request) => {
    const url = new URL(request.url);
    let raw = '';
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      raw = await request.text().catch(() => '');
    }
    const auth = await authenticate(store, request.headers);
    const entry = journal.record({
      at: new Date(store.now()).toISOString(),
      method: request.method.toUpperCase(),
      path: url.pathname,
      ...(url.search ? { search: url.search } : {}),
      headers: Object.fromEntries(request.headers),
      body: journalBody(raw),
      tokenKind: auth.kind,
    });
    let response: Response;
    const play: { loseAnswer?: boolean } = {};
    try {
      response = await handle(request, url, raw, auth, entry, play);
    } catch (error) {
      if (error instanceof HttpError) {
        response = errorResponse(error);
      } else if (request.signal.aborted) {
        throw error; // an aborted delay rejects like an aborted fetch
      } else {
        response = errorResponse(
          new HttpError(500, 'Internal server error', { error: 'INTERNAL_ERROR' }),
        );
      }
    }
    entry.status = response.status;
    // Carried out (whatever its status), but the caller never gets the answer.
    if (play.loseAnswer) return droppedAnswer(response.status);
    return response;
  };
}
