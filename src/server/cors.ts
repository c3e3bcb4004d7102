/**
 * Origin policy. FinHub documents no CORS at all (docs/finhub-contract.md#browser-and-relay), so
 * the relay decides: a request carrying an `Origin` is served only when it is same-origin or listed
 * in `allowedOrigins`; listed origins get CORS headers, everyone else gets 403 and no CORS headers.
 */
import { CLIENT_REQUEST_HEADERS } from '../api/headers.js';
import { REISSUED_TOKEN_EXPIRES_HEADER, REISSUED_TOKEN_HEADER } from '../api/types.js';

/** DELETE cancels a phone hand-off (`{prefix}/api/handoff`). */
export const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';
/** Exactly what the element sends (one list, shared with the client, so they cannot drift). */
export const ALLOWED_REQUEST_HEADERS = CLIENT_REQUEST_HEADERS.join(', ');
export const EXPOSED_HEADERS = [
  REISSUED_TOKEN_HEADER,
  REISSUED_TOKEN_EXPIRES_HEADER,
  'Retry-After',
].join(', ');

export type OriginDecision =
  /** No `Origin` header (server-to-server, or a same-origin GET): no CORS headers needed. */
  | { kind: 'none' }
  | { kind: 'same-origin' }
  | { kind: 'allowed'; origin: string }
  | { kind: 'refused' };

export function decideOrigin(
  request: Request,
  allowedOrigins: ReadonlySet<string>,
): OriginDecision {
  const origin = request.headers.get('Origin');
  if (origin === null) return { kind: 'none' };
  if (origin === new URL(request.url).origin) return { kind: 'same-origin' };
  if (allowedOrigins.has(origin)) return { kind: 'allowed', origin };
  return { kind: 'refused' };
}

/**
 * Adds the CORS headers an allowed cross-origin caller needs to read this response. `Vary: Origin`
 * goes on every answer, since whether a request is served at all depends on its origin.
 */
export function withCors(response: Response, decision: OriginDecision): Response {
  const headers = new Headers(response.headers);
  if (!/\borigin\b/i.test(headers.get('Vary') ?? '')) headers.append('Vary', 'Origin');
  if (decision.kind === 'allowed') {
    headers.set('Access-Control-Allow-Origin', decision.origin);
    headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  }
  return new Response(response.body, { status: response.status, headers });
}

export function preflight(decision: OriginDecision): Response {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  headers.set('Vary', 'Origin');
  if (decision.kind === 'allowed') {
    headers.set('Access-Control-Allow-Origin', decision.origin);
    headers.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
    headers.set('Access-Control-Allow-Headers', ALLOWED_REQUEST_HEADERS);
    headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    headers.set('Access-Control-Max-Age', '600');
  }
  return new Response(null, { status: 204, headers });
}
