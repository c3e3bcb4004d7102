/**
 * "Continue on your phone" (issue 18): the computer's bound onboarding token asks for a
 * single-use, short-lived code; the phone exchanges it for an onboarding token scoped to that
 * onboarding's documents; the computer polls what has arrived. Everything lives in the store, so
 * any relay instance serves either side. Wire format: src/api/handoff-protocol.ts; protocol and
 * refusals: docs/handoff.md#refusals.
 *
 * Store keys (ids: `hid` = `<onboarding id>.<n>`, n counting the onboarding's hand-offs):
 * - `handoff:seq:<oid>`   counter: the onboarding's newest hand-off (older ones are cancelled)
 * - `handoff:rec:<hid>`   the hand-off, MAC'd: write access to the store cannot make one up
 * - `handoff:code:<mac>`  hid, under the code's MAC, so the store never holds a usable code
 * - `handoff:open:<hid>`  set once at exchange (single use), with the phone token's expiry
 * - `handoff:done:<hid>`, `handoff:stop:<hid>`  completed by the phone, cancelled by the computer
 * - `handoff:n:<hid>`, `handoff:doc:<hid>:<n>`  the phone's uploads FinHub accepted (type, file name)
 */
import * as z from 'zod/mini';
import {
  HANDOFF_CODE_PATTERN,
  handoffLink,
  type HandoffCreated,
  type HandoffReceived,
  type HandoffSession,
  type HandoffState,
  type HandoffStatus,
} from '../api/handoff-protocol.js';
import type { IssuedToken, TokenService } from './auth.js';
import type { BodyBudget } from './body.js';
import { readJsonBody } from './body.js';
import { base64UrlDecode, base64UrlEncode, fromUtf8, randomId, utf8 } from './encoding.js';
import { envelope } from './envelope.js';
import { stringAt, type JsonValue } from './forward.js';
import type { Log, RequestContext } from './log.js';
import type { OnboardingClaims, TokenCodec } from './onboarding-token.js';
import type { ResolvedOptions } from './options.js';
import { overRateLimit } from './rate-limit.js';
import type { RouteMatch } from './routes.js';
import { StoreUnavailableError } from './store-guard.js';
import type { ConnectionInfo, RelayStore } from './types.js';

/** Hand-off bodies are a code or a short list of documents. */
const HANDOFF_BODY_BYTES = 16 * 1024;
export const MAX_HANDOFF_DOCUMENTS = 10;
/** Hand-offs one onboarding may start (each holds a few store keys for half an hour). */
export const MAX_HANDOFFS_PER_ONBOARDING = 20;
/** Uploads listed in the status; later ones are counted but not listed. */
export const MAX_LISTED_UPLOADS = 20;
/** What the status suggests between polls while the state can still change. */
export const HANDOFF_POLL_SECONDS = 2;
/** 24 random bytes: 192 bits, 32 base64url characters (HANDOFF_CODE_PATTERN). */
const CODE_BYTES = 24;
/** MAC contexts, so a code's MAC can never pass as a record's. */
const CODE_CONTEXT = 'handoff-code:';
const RECORD_CONTEXT = 'handoff-record:';
const UPLOAD_ROUTE = 'POST /verifications/{verificationId}/documents';
/** The only FinHub calls a phone's token may make: upload, and a person's document list. */
const PHONE_ROUTES = new Set([UPLOAD_ROUTE, 'GET /customer/individual/{customerId}/documents']);

const keys = {
  seq: (oid: string) => `handoff:seq:${oid}`,
  record: (hid: string) => `handoff:rec:${hid}`,
  code: (mac: string) => `handoff:code:${mac}`,
  opened: (hid: string) => `handoff:open:${hid}`,
  complete: (hid: string) => `handoff:done:${hid}`,
  cancelled: (hid: string) => `handoff:stop:${hid}`,
  uploads: (hid: string) => `handoff:n:${hid}`,
  upload: (hid: string, n: number) => `handoff:doc:${hid}:${n}`,
};

const SAFE_ID = /^(?!\.+$)[A-Za-z0-9._~-]{1,128}$/;

const CreateBody = z.object({
  verificationId: z.string().check(z.regex(SAFE_ID)),
  documents: z
    .array(
      z.object({
        type: z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,64}$/)),
        label: z.optional(z.string().check(z.maxLength(200))),
      }),
    )
    .check(
      z.minLength(1),
      z.maxLength(MAX_HANDOFF_DOCUMENTS),
      z.refine((docs) => new Set(docs.map((d) => d.type)).size === docs.length),
    ),
});

const ExchangeBody = z.object({ code: z.string().check(z.maxLength(256)) });

const RecordSchema = z.object({
  v: z.literal(1),
  hid: z.string(),
  oid: z.string(),
  oat: z.number(),
  kind: z.enum(['individual', 'organization']),
  cid: z.string(),
  uids: z.array(z.string()),
  vid: z.string(),
  /** The computer's sealed FinHub session, so the phone's uploads go as the customer's. */
  ses: z.optional(z.string()),
  docs: z.array(z.object({ type: z.string(), label: z.optional(z.string()) })),
  /** MAC of the code. */
  ch: z.string(),
  /** When the code expires, epoch ms. */
  exp: z.number(),
});
type HandoffRecord = z.infer<typeof RecordSchema>;

const OpenedSchema = z.object({ exp: z.number() });
const ReceivedSchema = z.object({ documentType: z.string(), fileName: z.string() });

/** What the store says of one hand-off. */
interface Snapshot {
  hid: string;
  record: HandoffRecord | undefined;
  /** Still the onboarding's newest hand-off. */
  current: boolean;
  /** The phone token's expiry (s), once exchanged. */
  opened: { exp: number } | undefined;
  complete: boolean;
  cancelled: boolean;
  uploads: number;
}

export interface HandoffDeps {
  config: ResolvedOptions;
  codec: TokenCodec;
  store: RelayStore;
  now: () => number;
  tokens: Pick<TokenService, 'issue' | 'authenticate'>;
  clientAddress(request: Request, connection: ConnectionInfo | undefined): string | undefined;
  bodyBudget: BodyBudget;
  onboardingRemaining(claims: OnboardingClaims): number;
  log: Log;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
const iso = (ms: number) => new Date(ms).toISOString();
const parseJsonText = (text: string | undefined): unknown => {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const scopeRefusal = () => envelope(403, 'handoff_scope', 'A phone hand-off token cannot do this.');
const unknownCode = () => envelope(404, 'handoff_unknown', 'This hand-off code is not known.');
const cancelledRefusal = () =>
  envelope(410, 'handoff_cancelled', 'This hand-off was cancelled on the computer.');
const noHandoff = () => envelope(404, 'handoff_unknown', 'This onboarding has no hand-off.');
const registrationRequired = () =>
  envelope(403, 'registration_required', 'Register before handing off to a phone.');

export function createHandoff(deps: HandoffDeps) {
  const { config, codec, store, now, tokens, log } = deps;
  /** Every key of a hand-off outlives its code and the phone's token (whose life starts at exchange). */
  const keepSeconds = config.handoffTtlSeconds + config.ttlSeconds + 60;

  async function sealRecord(record: HandoffRecord): Promise<string> {
    const payload = base64UrlEncode(utf8(JSON.stringify(record)));
    return `${payload}.${await codec.mac(RECORD_CONTEXT + payload)}`;
  }

  async function openRecord(hid: string, text: string | undefined) {
    if (text === undefined) return undefined;
    const [payload = '', mac = ''] = text.split('.');
    const bytes = base64UrlDecode(payload);
    const parsed =
      bytes && (await codec.checkMac(RECORD_CONTEXT + payload, mac))
        ? RecordSchema.safeParse(parseJsonText(fromUtf8(bytes)))
        : undefined;
    if (parsed?.success && parsed.data.hid === hid) return parsed.data;
    // Written by no relay: someone with write access to the store. Treated as absent.
    log('error', 'handoff.record_invalid', {});
    return undefined;
  }

  async function snapshot(hid: string): Promise<Snapshot> {
    const [oid = '', n = ''] = hid.split('.');
    const [record, seq, opened, complete, cancelled, uploads] = await Promise.all([
      store.get(keys.record(hid)),
      store.get(keys.seq(oid)),
      store.get(keys.opened(hid)),
      store.get(keys.complete(hid)),
      store.get(keys.cancelled(hid)),
      store.get(keys.uploads(hid)),
    ]);
    const openedAt = OpenedSchema.safeParse(parseJsonText(opened));
    return {
      hid,
      record: await openRecord(hid, record),
      current: seq !== undefined && seq === n,
      opened: opened === undefined ? undefined : openedAt.success ? openedAt.data : { exp: 0 },
      complete: complete !== undefined,
      cancelled: cancelled !== undefined,
      uploads: Number(uploads ?? 0) || 0,
    };
  }

  function stateOf(s: Snapshot): HandoffState {
    if (s.complete) return 'complete';
    if (s.cancelled || !s.current) return 'cancelled';
    if (s.opened) return now() >= s.opened.exp * 1000 ? 'expired' : 'opened';
    return !s.record || now() >= s.record.exp ? 'expired' : 'waiting';
  }

  async function status(s: Snapshot): Promise<Response> {
    const state = stateOf(s);
    const listed = Math.min(s.uploads, MAX_LISTED_UPLOADS);
    const texts = await Promise.all(
      Array.from({ length: listed }, (_, i) => store.get(keys.upload(s.hid, i + 1))),
    );
    const received: HandoffReceived[] = texts.flatMap((text) => {
      const entry = ReceivedSchema.safeParse(parseJsonText(text));
      return entry.success ? [entry.data] : [];
    });
    const body: HandoffStatus = { state, received, total: s.record?.docs.length ?? 0 };
    if (state === 'waiting' && s.record) body.expiresAt = iso(s.record.exp);
    if (state === 'opened' && s.opened) body.expiresAt = iso(s.opened.exp * 1000);
    if (state === 'waiting' || state === 'opened') body.pollAfter = HANDOFF_POLL_SECONDS;
    return json(body);
  }

  /** A bounded JSON body, released from the shared budget at once (nothing is forwarded). */
  async function readBody(request: Request) {
    const read = await readJsonBody(request, {
      maxBytes: HANDOFF_BODY_BYTES,
      timeoutMs: config.bodyTimeoutMs,
      budget: deps.bodyBudget,
    });
    if (read.ok) deps.bodyBudget.give(read.held);
    return read;
  }

  async function authenticate(request: Request, ctx: RequestContext) {
    const auth = await tokens.authenticate(request);
    if (auth.ok) {
      ctx.jti = auth.claims.jti;
      ctx.oid = auth.claims.oid;
    }
    return auth;
  }

  /** The computer's current hand-off, or the refusal. */
  async function currentHandoff(claims: OnboardingClaims) {
    if (claims.hof) return { ok: false as const, response: scopeRefusal() };
    if (!claims.kind) return { ok: false as const, response: registrationRequired() };
    const seq = await store.get(keys.seq(claims.oid));
    if (seq === undefined) return { ok: false as const, response: noHandoff() };
    return { ok: true as const, hid: `${claims.oid}.${seq}` };
  }

  // ---- POST /handoff: the computer asks for a code -------------------------------------------

  async function create(request: Request, ctx: RequestContext): Promise<Response> {
    const auth = await authenticate(request, ctx);
    if (!auth.ok) return auth.response;
    const { claims } = auth;
    if (claims.hof || !claims.kind || !claims.cid) {
      await request.body?.cancel().catch(() => undefined);
      return claims.hof ? scopeRefusal() : registrationRequired();
    }
    const read = await readBody(request);
    if (!read.ok) return read.response;
    const parsed = CreateBody.safeParse(read.body);
    if (!parsed.success) {
      return envelope(
        400,
        'invalid_body',
        `The body must be {verificationId, documents: [{type, label?}]} with 1 to ${MAX_HANDOFF_DOCUMENTS} documents, each type once.`,
      );
    }
    const { verificationId, documents } = parsed.data;
    if (!(claims.vids ?? []).includes(verificationId)) {
      return envelope(403, 'binding_mismatch', 'This onboarding token is not bound to that id.');
    }
    const started = Number((await store.get(keys.seq(claims.oid))) ?? 0);
    if (started >= MAX_HANDOFFS_PER_ONBOARDING) {
      return envelope(429, 'too_many_handoffs', 'Too many hand-offs for this onboarding.', {
        'Retry-After': String(deps.onboardingRemaining(claims)),
      });
    }
    // The count names the new hand-off; the one it replaces stops being current (cancelled).
    const n = await store.increment(keys.seq(claims.oid), deps.onboardingRemaining(claims));
    const hid = `${claims.oid}.${n}`;
    const code = randomId(CODE_BYTES);
    const ch = await codec.mac(CODE_CONTEXT + code);
    const exp = now() + config.handoffTtlSeconds * 1000;
    const record: HandoffRecord = {
      v: 1,
      hid,
      oid: claims.oid,
      oat: claims.oat,
      kind: claims.kind,
      cid: claims.cid,
      uids: claims.uids ?? [],
      vid: verificationId,
      ...(claims.ses ? { ses: claims.ses } : {}),
      docs: documents.map(({ type, label }) => (label === undefined ? { type } : { type, label })),
      ch,
      exp,
    };
    const written = await Promise.all([
      store.setOnce(keys.record(hid), keepSeconds, await sealRecord(record)),
      store.setOnce(keys.code(ch), keepSeconds, hid),
    ]);
    // Only a store that lost its counter (flushed) holds these already: refuse, never reuse.
    if (!written.every(Boolean)) throw new StoreUnavailableError('error');
    const body: HandoffCreated = {
      code,
      expiresAt: iso(exp),
      expiresIn: config.handoffTtlSeconds,
      ...(config.handoffUrl ? { url: handoffLink(config.handoffUrl, code, request.url) } : {}),
    };
    return json(body);
  }

  // ---- POST /handoff/exchange: the phone trades the code for its token -----------------------

  async function exchange(
    request: Request,
    connection: ConnectionInfo | undefined,
    ctx: RequestContext,
  ): Promise<Response> {
    const ip = deps.clientAddress(request, connection);
    const retryAfter = await overRateLimit(
      store,
      now(),
      'handoff-exchange',
      ip,
      config.handoffExchangeRateLimit,
    );
    if (retryAfter !== undefined) {
      await request.body?.cancel().catch(() => undefined);
      return envelope(429, 'too_many_handoff_exchanges', 'Too many hand-off codes tried.', {
        'Retry-After': String(retryAfter),
      });
    }
    const read = await readBody(request);
    if (!read.ok) return read.response;
    const parsed = ExchangeBody.safeParse(read.body);
    if (!parsed.success) return envelope(400, 'invalid_body', 'The body must be {code}.');
    const { code } = parsed.data;
    if (!HANDOFF_CODE_PATTERN.test(code)) return unknownCode();

    // Looked up by the code's MAC (timing says nothing about the code), then checked against the
    // record in constant time.
    const hid = await store.get(keys.code(await codec.mac(CODE_CONTEXT + code)));
    if (hid === undefined) return unknownCode();
    const s = await snapshot(hid);
    const { record } = s;
    if (!record || !(await codec.checkMac(CODE_CONTEXT + code, record.ch))) return unknownCode();
    if (s.cancelled || !s.current) return cancelledRefusal();
    if (s.opened || s.complete) {
      return envelope(410, 'handoff_used', 'This hand-off code was already used.');
    }
    if (now() >= record.exp) return envelope(410, 'handoff_expired', 'This hand-off code expired.');

    const phone: IssuedToken = await tokens.issue({
      v: 1,
      jti: '',
      oid: record.oid,
      oat: record.oat,
      iat: 0,
      exp: 0,
      tid: config.tenantId,
      kind: record.kind,
      cid: record.cid,
      uids: record.uids,
      vids: [record.vid],
      ...(record.ses ? { ses: record.ses } : {}),
      hof: hid,
    });
    // Single use, across instances: only one exchange sets this.
    const opened = JSON.stringify({ exp: phone.claims.exp });
    if (!(await store.setOnce(keys.opened(hid), keepSeconds, opened))) {
      return envelope(410, 'handoff_used', 'This hand-off code was already used.');
    }
    ctx.jti = phone.claims.jti;
    ctx.oid = phone.claims.oid;
    const body: HandoffSession = {
      accessToken: phone.token,
      expiresIn: phone.expiresIn,
      expiresAt: iso(phone.claims.exp * 1000),
      tenantId: config.tenantId,
      flow: record.kind,
      verificationId: record.vid,
      ...(record.kind === 'individual'
        ? { customerId: record.cid }
        : { organizationId: record.cid }),
      documents: record.docs,
    };
    return json(body);
  }

  // ---- GET /handoff, DELETE /handoff, POST /handoff/complete ---------------------------------

  /** The phone's hand-off, or its refusal once the computer cancelled or replaced it. */
  async function phoneHandoff(claims: OnboardingClaims & { hof: string }) {
    const s = await snapshot(claims.hof);
    return s.cancelled || !s.current
      ? { ok: false as const, response: cancelledRefusal() }
      : { ok: true as const, s };
  }

  async function read(request: Request, ctx: RequestContext): Promise<Response> {
    const auth = await authenticate(request, ctx);
    if (!auth.ok) return auth.response;
    const { claims } = auth;
    if (claims.hof) {
      const phone = await phoneHandoff({ ...claims, hof: claims.hof });
      return phone.ok ? status(phone.s) : phone.response;
    }
    const current = await currentHandoff(claims);
    return current.ok ? status(await snapshot(current.hid)) : current.response;
  }

  async function cancel(request: Request, ctx: RequestContext): Promise<Response> {
    const auth = await authenticate(request, ctx);
    if (!auth.ok) return auth.response;
    const current = await currentHandoff(auth.claims);
    if (!current.ok) return current.response;
    // From now on every call of the phone's token is refused, on every instance.
    await store.setOnce(keys.cancelled(current.hid), keepSeconds);
    return status(await snapshot(current.hid));
  }

  async function complete(request: Request, ctx: RequestContext): Promise<Response> {
    const auth = await authenticate(request, ctx);
    if (!auth.ok) return auth.response;
    const { claims } = auth;
    if (!claims.hof) return scopeRefusal();
    const phone = await phoneHandoff({ ...claims, hof: claims.hof });
    if (!phone.ok) return phone.response;
    await store.setOnce(keys.complete(claims.hof), keepSeconds);
    return status({ ...phone.s, complete: true });
  }

  return {
    scopeRefusal,

    /** `{prefix}/api/handoff{sub}`; `sub` is `''`, `/exchange` or `/complete`. */
    async handle(
      request: Request,
      connection: ConnectionInfo | undefined,
      sub: string,
      ctx: RequestContext,
    ): Promise<Response> {
      const { method } = request;
      const allowed = sub === '' ? ['GET', 'POST', 'DELETE'] : ['POST'];
      if (sub !== '' && sub !== '/exchange' && sub !== '/complete') {
        await request.body?.cancel().catch(() => undefined);
        return envelope(404, 'endpoint_not_allowed', 'Not found.');
      }
      ctx.route = `${method} /handoff${sub}`;
      if (!allowed.includes(method)) {
        await request.body?.cancel().catch(() => undefined);
        return envelope(405, 'method_not_allowed', `Use ${allowed.join(' or ')}.`, {
          Allow: [...allowed, 'OPTIONS'].join(', '),
        });
      }
      if (sub === '/exchange') return exchange(request, connection, ctx);
      if (method === 'POST') {
        return sub === '' ? create(request, ctx) : complete(request, ctx);
      }
      await request.body?.cancel().catch(() => undefined);
      return method === 'GET' ? read(request, ctx) : cancel(request, ctx);
    },

    /**
     * A FinHub call with a phone's token: only the upload and the person's document list, and
     * only while its hand-off is neither cancelled (or replaced) nor complete.
     */
    async checkPhoneCall(
      claims: OnboardingClaims,
      match: RouteMatch,
    ): Promise<Response | undefined> {
      if (!claims.hof) return undefined;
      if (!PHONE_ROUTES.has(`${match.route.method} ${match.route.template}`)) {
        return scopeRefusal();
      }
      // Three small reads on every call: cancelling must stop the next upload, on any instance.
      const [oid = '', n = ''] = claims.hof.split('.');
      const [seq, cancelled, complete] = await Promise.all([
        store.get(keys.seq(oid)),
        store.get(keys.cancelled(claims.hof)),
        store.get(keys.complete(claims.hof)),
      ]);
      if (cancelled !== undefined || seq !== n) return cancelledRefusal();
      if (complete !== undefined) {
        return envelope(410, 'handoff_complete', 'This hand-off is complete.');
      }
      return undefined;
    },

    /**
     * Notes a document the phone's token uploaded and FinHub accepted: its type and file name,
     * never its bytes. FinHub has acted by then, so a store failure is logged, not answered.
     */
    async recordUpload(
      claims: OnboardingClaims,
      match: RouteMatch,
      body: JsonValue | undefined,
      ctx: RequestContext,
    ): Promise<void> {
      const { hof } = claims;
      if (!hof || `${match.route.method} ${match.route.template}` !== UPLOAD_ROUTE) return;
      const entry: HandoffReceived = {
        documentType: (stringAt(body, 'documentType') ?? '').slice(0, 64),
        fileName: (stringAt(body, 'fileName') ?? '').slice(0, 255),
      };
      try {
        const n = await store.increment(keys.uploads(hof), keepSeconds);
        if (n <= MAX_LISTED_UPLOADS) {
          await store.setOnce(keys.upload(hof, n), keepSeconds, JSON.stringify(entry));
        }
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        log('error', 'store.unavailable', {
          route: ctx.route,
          reason: error.reason,
          during: 'handoff_upload',
        });
      }
    },
  };
}
