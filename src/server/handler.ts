/**
 * The relay (docs/architecture.md#relay): mints onboarding tokens and forwards the allow-listed
 * FinHub v2.1 calls, swapping in the credentials the browser must never hold (admin session, tenant
 * key and secret, customer session tokens) and refusing any id outside the token's binding.
 */
import { REISSUED_TOKEN_EXPIRES_HEADER, REISSUED_TOKEN_HEADER } from '../api/types.js';
import { ID_PATHS, classifyEnvelope, findId, type IdRole } from '../api/response-shapes.js';
import { AdminSessionError, createAdminSession, sendWithCredentials } from './admin-session.js';
import { createTokenService } from './auth.js';
import { createTokenCategories } from './token-categories.js';
import {
  MAX_BOUND_USERS,
  MAX_BOUND_VERIFICATIONS,
  checkBodyIds,
  checkPathBinding,
  checkUserHeaders,
  createdForBoundOwner,
  withBoundId,
} from './binding.js';
import { BUSY_RETRY_AFTER_SECONDS, createBodyBudget, readJsonBody } from './body.js';
import { decideOrigin, preflight, withCors, type OriginDecision } from './cors.js';
import { jwtExpiry, parseFinHubInstant } from './encoding.js';
import { envelope, keepRelayError, relayErrorOf } from './envelope.js';
import {
  callUpstream,
  isJsonObject,
  normalizeIp,
  numberAt,
  parseJson,
  passThroughHeaders,
  stripRequestSecrets,
  stringAt,
  stripResponseSecrets,
  unique,
  type JsonValue,
  type UpstreamResult,
} from './forward.js';
import { HANDOFF_PATH } from '../api/handoff-protocol.js';
import { createHandoff } from './handoff.js';
import { createLog, idPrefix, type RequestContext } from './log.js';
import {
  createTokenCodec,
  newClaims,
  type OnboardingClaims,
  type SealedSession,
} from './onboarding-token.js';
import { SMALL_BODY_BYTES, resolveOptions } from './options.js';
import { overRateLimit } from './rate-limit.js';
import { matchRoute, type RouteMatch } from './routes.js';
import { createMemoryStore } from './store.js';
import { StoreUnavailableError, guardStore } from './store-guard.js';
import type {
  ConnectionInfo,
  OnboardingHandler,
  OnboardingHandlerOptions,
  OnboardingTokenResponse,
} from './types.js';

const API_SEGMENT = '/api/v2.1';
/**
 * FinHub customer sessions last 1 h (docs/finhub-contract.md#customer-session) when the response
 * gives no expiry.
 */
const DEFAULT_SESSION_SECONDS = 3600;
/** A customer token this close to expiry is not used; the admin token is (see `upstreamToken`). */
const SESSION_EXPIRY_MARGIN_SECONDS = 30;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function createOnboardingHandler(options: OnboardingHandlerOptions): OnboardingHandler {
  const config = resolveOptions(options);
  const { tenantId, maxOnboardingSeconds } = config;
  const codec = createTokenCodec(options.signingSecret, tenantId);
  const now = options.now ?? Date.now;
  const upstream = options.fetch ?? ((request: Request) => fetch(request));
  const store = guardStore(options.store ?? createMemoryStore({ now }), config.storeTimeoutMs);
  const bodyBudget = createBodyBudget(config.maxBufferedBytes);
  const log = createLog(options.logger);
  const adminSession = createAdminSession({ ...config, upstream, now, log });
  const { issue, authenticate, nowSeconds } = createTokenService({ ...config, codec, store, now });
  const tokenCategories = config.tokenCategories
    ? createTokenCategories({ ...config, adminSession, upstream, now, log })
    : undefined;

  /** The end user's address: the host's `clientIp` hook, else the TCP peer; never a browser header. */
  const clientAddress = (request: Request, connection: ConnectionInfo | undefined) =>
    normalizeIp(options.clientIp?.(request, connection) ?? connection?.remoteAddress);

  /** Seconds until the onboarding's hard end (`maxOnboardingSeconds` after its first token). */
  const onboardingRemaining = (claims: OnboardingClaims) =>
    Math.max(1, claims.oat + maxOnboardingSeconds - nowSeconds());
  const handoff = createHandoff({
    config,
    codec,
    store,
    now,
    tokens: { issue, authenticate },
    clientAddress,
    bodyBudget,
    onboardingRemaining,
    log,
  });

  // ---- POST {prefix}/token ----------------------------------------------------------------

  async function mintToken(
    request: Request,
    connection: ConnectionInfo | undefined,
    ctx: RequestContext,
  ): Promise<Response> {
    await request.body?.cancel().catch(() => undefined);
    if (request.method !== 'POST') {
      return envelope(405, 'method_not_allowed', 'Use POST.', { Allow: 'POST, OPTIONS' });
    }
    // Every new onboarding brings a fresh sign-in attempt budget, so minting is what bounds
    // guessing per client.
    const ip = clientAddress(request, connection);
    const retryAfter = await overRateLimit(store, now(), 'mint', ip, config.tokenRateLimit);
    if (retryAfter !== undefined) {
      return envelope(429, 'too_many_token_requests', 'Too many onboarding token requests.', {
        'Retry-After': String(retryAfter),
      });
    }
    // A still-valid bound token is renewed with its binding, so an onboarding that outlives one
    // token lifetime (KYC waits) keeps its customer; anything else starts a new onboarding.
    let base = newClaims(tenantId, nowSeconds(), config.ttlSeconds);
    if (request.headers.has('Authorization')) {
      const auth = await authenticate(request);
      // A phone's hand-off token ends with its hand-off; it is never renewed.
      if (auth.ok && auth.claims.hof) return handoff.scopeRefusal();
      if (auth.ok && auth.claims.kind) base = auth.claims;
    }
    // A new onboarding's first step shows the categories: read alongside the token (a renewal's
    // onboarding is past that step).
    const categories = base.kind ? undefined : tokenCategories?.(ip);
    const { token, claims, expiresIn } = await issue(base);
    ctx.jti = claims.jti;
    ctx.oid = claims.oid;
    const body: OnboardingTokenResponse = {
      accessToken: token,
      expiresIn,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
      tenantId,
    };
    const handed = await categories;
    if (handed) body.categories = handed;
    return new Response(JSON.stringify(body), {
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    });
  }

  // ---- {prefix}/api/v2.1/* -----------------------------------------------------------------

  /**
   * The customer's own session when the token carries a live one
   * (docs/finhub-contract.md#individual-flow steps 4-8).
   */
  async function customerSession(claims: OnboardingClaims): Promise<SealedSession | undefined> {
    if (!claims.ses) return undefined;
    const session = await codec.unseal(claims.ses, claims.oid);
    if (!session || session.exp <= nowSeconds() + SESSION_EXPIRY_MARGIN_SECONDS) return undefined;
    return session;
  }

  async function forward(
    request: Request,
    connection: ConnectionInfo | undefined,
    apiPath: string,
    ctx: RequestContext,
  ): Promise<Response> {
    const match = matchRoute(request.method, apiPath);
    if (!match) {
      await request.body?.cancel().catch(() => undefined);
      return envelope(404, 'endpoint_not_allowed', 'Not found.');
    }
    const { route } = match;
    ctx.route = `${route.method} ${route.template}`;

    // Everything that needs no body is checked before a byte of it is read: a refused request
    // costs no memory and no parsing.
    const auth = await authenticate(request);
    if (!auth.ok) return auth.response;
    const { claims } = auth;
    ctx.jti = claims.jti;
    ctx.oid = claims.oid;
    if (claims.hof) {
      const refusal = await handoff.checkPhoneCall(claims, match);
      if (refusal) return refusal;
    }

    const bindingError = checkPathBinding(claims, match, tenantId);
    if (bindingError) return bindingError;
    // X-User-ID names the acting user (docs/finhub-contract.md#headers); with the admin token
    // upstream it must not name a user outside this onboarding, nor claim roles that user may not
    // have.
    const user = checkUserHeaders(claims, request.headers, config.userRoles);
    if (!user.ok) return user.response;

    if (route.op === 'register' && (await store.has(`registration:${claims.jti}`))) {
      return envelope(401, 'onboarding_token_revoked', 'This onboarding token was already used.');
    }
    if (route.op === 'session') {
      // Counted per onboarding (`oid`, shared by every re-issued and renewed token) for as long
      // as the onboarding can live, so no renewal resets it. Counted before the call, so parallel
      // guesses cannot slip past the limit together.
      const lifetime = onboardingRemaining(claims);
      const attempts = await store.increment(`signin:${claims.oid}`, lifetime);
      if (attempts > config.maxSignInAttempts) {
        return envelope(429, 'too_many_sign_in_attempts', 'Too many sign-in attempts.', {
          'Retry-After': String(lifetime),
        });
      }
    }

    // Body: size-limited (only document uploads may be large), time-limited, within the shared
    // budget, JSON only, browser-supplied secrets removed.
    let body: JsonValue | undefined;
    let held = 0;
    if (request.method === 'POST') {
      const read = await readJsonBody(request, {
        maxBytes: route.largeBody
          ? config.maxBodyBytes
          : Math.min(SMALL_BODY_BYTES, config.maxBodyBytes),
        timeoutMs: config.bodyTimeoutMs,
        budget: bodyBudget,
      });
      if (!read.ok) return read.response;
      held = read.held;
      body = read.body === undefined ? undefined : stripRequestSecrets(read.body);
    } else {
      await request.body?.cancel().catch(() => undefined);
    }
    try {
      return await forwardChecked(request, connection, apiPath, ctx, match, claims, user, body);
    } finally {
      bodyBudget.give(held);
    }
  }

  async function forwardChecked(
    request: Request,
    connection: ConnectionInfo | undefined,
    apiPath: string,
    ctx: RequestContext,
    match: RouteMatch,
    claims: OnboardingClaims,
    user: { userId?: string; roles?: string },
    requestBody: JsonValue | undefined,
  ): Promise<Response> {
    const { route } = match;
    let body = requestBody;
    const bodyError = checkBodyIds(claims, body, route.op, tenantId);
    if (bodyError) return bodyError;

    if (route.op === 'session') {
      // docs/finhub-contract.md#customer-session: tenant credentials go in the login body, set here
      // only.
      body = {
        ...(isJsonObject(body) ? body : {}),
        tenantKey: config.tenantKey,
        tenantSecret: config.tenantSecret,
        tenantId,
      };
    }
    if (route.op === 'register') {
      // One registration per token, even when two arrive at once (double submit, replay).
      const remainingSeconds = Math.max(1, claims.exp - nowSeconds());
      if (!(await store.setOnce(`registration:${claims.jti}`, remainingSeconds))) {
        return envelope(401, 'onboarding_token_revoked', 'This onboarding token was already used.');
      }
    }

    const headers = passThroughHeaders(request.headers);
    headers.delete('X-User-ID');
    headers.delete('X-User-Roles');
    if (user.userId !== undefined) headers.set('X-User-ID', user.userId);
    if (user.roles !== undefined) headers.set('X-User-Roles', user.roles);
    headers.set('X-Tenant-ID', tenantId);
    const clientIp = clientAddress(request, connection);
    if (clientIp) headers.set('X-Forwarded-For', clientIp);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    const bodyBytes =
      body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(body));
    if (bodyBytes) headers.set('Content-Type', 'application/json');
    else headers.delete('Content-Type');

    // Registration, hierarchy and sign-in use the admin token
    // (docs/finhub-contract.md#individual-flow, #customer-session); everything else uses the
    // customer's own session when there is one, else the admin token.
    const session =
      route.op === 'register' || route.op === 'hierarchy' || route.op === 'session'
        ? undefined
        : await customerSession(claims);
    const url = `${config.finhubBaseUrl}${API_SEGMENT}${apiPath}`;
    const send = (token: string) => {
      headers.set('Authorization', `Bearer ${token}`);
      return callUpstream(
        upstream,
        url,
        { method: route.method, headers, body: bodyBytes },
        config.timeoutMs,
      );
    };

    let result: UpstreamResult;
    try {
      const sent = await sendWithCredentials({
        send,
        adminSession,
        customerToken: session?.token,
        signIn: route.op === 'session',
      });
      result = sent.result;
      ctx.auth = sent.auth;
      if (sent.retried) ctx.retried = true;
    } catch (error) {
      if (!(error instanceof AdminSessionError)) throw error;
      return await afterFailedRegistration(
        claims,
        route.op,
        error.reason === 'timeout'
          ? envelope(504, 'upstream_timeout', 'FinHub did not answer in time.')
          : envelope(502, 'upstream_auth_failed', 'The relay could not sign in to FinHub.'),
        ctx,
      );
    }

    if (result.kind === 'timeout') {
      return afterFailedRegistration(
        claims,
        route.op,
        envelope(504, 'upstream_timeout', 'FinHub did not answer in time.'),
        ctx,
      );
    }
    if (result.kind === 'network') {
      return afterFailedRegistration(
        claims,
        route.op,
        envelope(502, 'upstream_unreachable', 'FinHub could not be reached.'),
        ctx,
      );
    }
    ctx.upstreamStatus = result.status;
    return respond(claims, match, result, requestBody, ctx);
  }

  /**
   * A registration that did not succeed has still spent its token's registration slot; hand the
   * browser a fresh unbound token (same onboarding) so a corrected retry can go through.
   */
  async function afterFailedRegistration(
    claims: OnboardingClaims,
    op: string,
    response: Response,
    ctx: RequestContext,
  ): Promise<Response> {
    if (op !== 'register') return response;
    return attachToken(response, await issue(claims), ctx);
  }

  function attachToken(
    response: Response,
    issued: { token: string; expiresIn: number },
    ctx: RequestContext,
  ): Response {
    const headers = new Headers(response.headers);
    headers.set(REISSUED_TOKEN_HEADER, issued.token);
    headers.set(REISSUED_TOKEN_EXPIRES_HEADER, String(issued.expiresIn));
    ctx.reissued = true;
    return keepRelayError(
      response,
      new Response(response.body, { status: response.status, headers }),
    );
  }

  /**
   * Revokes an unbound token once its onboarding is bound. FinHub has already acted by then, so a
   * store failure here is logged and the answer still goes out (the token's registration slot
   * is spent already, and an unbound token can do no more than a freshly minted one).
   */
  async function retire(claims: OnboardingClaims, ctx: RequestContext): Promise<void> {
    try {
      await store.setOnce(`revoked:${claims.jti}`, Math.max(1, claims.exp - nowSeconds()));
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      log('error', 'store.unavailable', {
        route: ctx.route,
        reason: error.reason,
        during: 'revoke',
      });
    }
  }

  async function respond(
    claims: OnboardingClaims,
    match: RouteMatch,
    result: Extract<UpstreamResult, { kind: 'response' }>,
    requestBody: JsonValue | undefined,
    ctx: RequestContext,
  ): Promise<Response> {
    const { route } = match;
    if (claims.hof && result.status >= 200 && result.status < 300) {
      await handoff.recordUpload(claims, match, requestBody, ctx);
    }
    const contentType = result.headers.get('Content-Type');
    const json = parseJson(result.body);
    // Ids are read where the element reads them, in every documented envelope and spelling
    // (docs/finhub-contract.md#envelopes), so a tenant answering `{success,data}` or naming the
    // customer `customerId` binds the same way.
    const data = classifyEnvelope(json).data as JsonValue | undefined;
    const idOf = (role: IdRole) => findId(data, ID_PATHS[role])?.value;
    const ok = result.status >= 200 && result.status < 300;

    // What the binding gains from this response, if anything.
    let rebound: OnboardingClaims | undefined;
    if (ok && route.op === 'register' && route.flow) {
      // docs/finhub-contract.md#individual-registration (`data.id`, `data.user.id`),
      // docs/finhub-contract.md#organization-registration (`data.organizationId` = `data.id`).
      const cid = idOf(route.flow === 'organization' ? 'organizationId' : 'customerId');
      const adminEmployees = isJsonObject(data) ? data.adminEmployees : undefined;
      const uids = unique([
        idOf('userId'),
        idOf('adminUserId'),
        ...(Array.isArray(adminEmployees) ? adminEmployees : []).map(
          (employee) => stringAt(employee, 'userId') ?? stringAt(employee, 'user', 'id'),
        ),
      ]);
      if (cid) {
        rebound = {
          ...claims,
          kind: route.flow,
          cid,
          uids: uids.slice(0, MAX_BOUND_USERS),
          vids: [],
        };
        // The unbound token must not be used again, on this instance or any other.
        await retire(claims, ctx);
      } else {
        log('error', 'relay.registration_without_id', { route: ctx.route, status: result.status });
      }
    } else if (!ok && route.op === 'register') {
      rebound = claims;
    } else if (ok && route.op === 'session') {
      const uid = match.params.find((p) => p.kind === 'user')?.value;
      const token = stringAt(data, 'token');
      let base = claims;
      if (!claims.kind && uid && route.flow) {
        // A resumed onboarding: bind to the account the person just proved they own, and retire
        // the unbound token so it cannot go on to sign in elsewhere.
        const cid = match.params.find(
          (p) => p.kind === (route.flow === 'organization' ? 'organization' : 'customer'),
        )?.value;
        if (cid) {
          base = { ...claims, kind: route.flow, cid, uids: [uid], vids: [] };
          await retire(claims, ctx);
          rebound = base;
        }
      }
      if (uid && token) {
        const expiresIn = numberAt(data, 'expiresIn');
        const expMs =
          parseFinHubInstant(stringAt(data, 'expiresAt')) ??
          (expiresIn !== undefined ? now() + expiresIn * 1000 : undefined);
        const exp =
          expMs !== undefined
            ? Math.floor(expMs / 1000)
            : (jwtExpiry(token) ?? nowSeconds() + DEFAULT_SESSION_SECONDS);
        rebound = { ...base, ses: await codec.seal({ token, exp, uid }, claims.oid) };
      }
    } else if (ok && (route.op === 'verification' || route.op === 'employee')) {
      // docs/finhub-contract.md#create-verification [R] `data.verificationId`, [N] `data.id`;
      // docs/finhub-contract.md#kyb-verification `data.verificationId`.
      // docs/finhub-contract.md#employees [R] `data.individual.userId`; other generations name the
      // user differently.
      const id = idOf(route.op === 'verification' ? 'verificationId' : 'employeeUserId');
      if (id && !createdForBoundOwner(claims, match, requestBody, data)) {
        log('warn', 'relay.foreign_id', { route: ctx.route, status: result.status });
      } else if (id && route.op === 'verification') {
        rebound = { ...claims, vids: withBoundId(claims.vids, id, MAX_BOUND_VERIFICATIONS) };
      } else if (id) {
        rebound = { ...claims, uids: withBoundId(claims.uids, id, MAX_BOUND_USERS, 1) };
      }
    }

    const headers = new Headers({ 'Cache-Control': 'no-store' });
    const retryAfter = result.headers.get('Retry-After');
    if (retryAfter !== null) headers.set('Retry-After', retryAfter);
    let body: BodyInit | null;
    if (NULL_BODY_STATUSES.has(result.status)) {
      body = null;
    } else if (json !== undefined) {
      // Session tokens and tenant credentials never reach the browser
      // (docs/finhub-contract.md#customer-session, #browser-and-relay).
      body = JSON.stringify(stripResponseSecrets(json));
      headers.set('Content-Type', 'application/json');
    } else {
      body = result.body.byteLength > 0 ? result.body : null;
      if (contentType) headers.set('Content-Type', contentType);
    }
    const response = new Response(body, { status: result.status, headers });
    return rebound ? attachToken(response, await issue(rebound), ctx) : response;
  }

  // ---- entry point ---------------------------------------------------------------------------

  async function route(
    request: Request,
    connection: ConnectionInfo | undefined,
    decision: OriginDecision,
    ctx: RequestContext,
  ): Promise<Response> {
    if (decision.kind === 'refused') {
      await request.body?.cancel().catch(() => undefined);
      return envelope(403, 'origin_not_allowed', 'Origin not allowed.');
    }
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith(`${config.prefix}/`))
      return envelope(404, 'endpoint_not_allowed', 'Not found.');
    const rest = pathname.slice(config.prefix.length);
    if (request.method === 'OPTIONS') {
      ctx.route = 'OPTIONS';
      return preflight(decision);
    }
    if (rest === '/token') {
      ctx.route = `${request.method} /token`;
      return mintToken(request, connection, ctx);
    }
    if (rest === `/api${HANDOFF_PATH}` || rest.startsWith(`/api${HANDOFF_PATH}/`)) {
      return handoff.handle(request, connection, rest.slice(`/api${HANDOFF_PATH}`.length), ctx);
    }
    if (rest.startsWith(`${API_SEGMENT}/`)) {
      return forward(request, connection, rest.slice(API_SEGMENT.length), ctx);
    }
    await request.body?.cancel().catch(() => undefined);
    return envelope(404, 'endpoint_not_allowed', 'Not found.');
  }

  return async (request, connection) => {
    const started = now();
    const decision = decideOrigin(request, config.allowedOrigins);
    const ctx: RequestContext = { route: 'unmatched' };
    let response: Response;
    try {
      response = await route(request, connection, decision, ctx);
    } catch (error) {
      if (error instanceof StoreUnavailableError) {
        // Fail closed: a check the store cannot answer is a refusal, answered at once.
        log('error', 'store.unavailable', { route: ctx.route, reason: error.reason });
        response = envelope(503, 'store_unavailable', 'The relay cannot check this request now.', {
          'Retry-After': String(BUSY_RETRY_AFTER_SECONDS),
        });
      } else {
        log('error', 'relay.failed', {
          method: request.method,
          route: ctx.route,
          error: error instanceof Error ? error.name : typeof error,
        });
        response = envelope(500, 'relay_error', 'The onboarding relay failed.');
      }
    }
    const status = response.status;
    // A browser that hung up mid-body is its own doing, not the relay's: info, not error.
    const level =
      status === 499 ? 'info' : status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    log(level, 'relay.request', {
      method: request.method,
      route: ctx.route,
      status,
      reason: relayErrorOf(response),
      upstreamStatus: ctx.upstreamStatus,
      auth: ctx.auth,
      retried: ctx.retried,
      reissued: ctx.reissued,
      durationMs: now() - started,
      onboarding: idPrefix(ctx.oid),
      jti: idPrefix(ctx.jti),
      origin: decision.kind,
    });
    return withCors(response, decision);
  };
}
