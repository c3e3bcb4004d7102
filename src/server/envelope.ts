/**
 * Relay-originated responses, in FinHub's envelope `{code, message, data}`
 * (docs/finhub-contract.md#envelopes, #errors).
 */

/**
 * Machine-readable reasons in `data.error`, so the client can tell a relay refusal (e.g. an expired
 * onboarding token: fetch a new one) from FinHub's own 401 (e.g. a wrong password at sign-in).
 */
export type RelayErrorCode =
  | 'onboarding_token_missing'
  | 'onboarding_token_invalid'
  | 'onboarding_token_expired'
  | 'onboarding_token_revoked'
  | 'origin_not_allowed'
  | 'endpoint_not_allowed'
  | 'method_not_allowed'
  | 'registration_required'
  | 'already_registered'
  | 'binding_mismatch'
  | 'tenant_mismatch'
  | 'invalid_body'
  | 'ambiguous_field'
  | 'role_not_allowed'
  | 'body_too_deep'
  | 'body_timeout'
  | 'client_closed'
  | 'payload_too_large'
  | 'relay_busy'
  | 'store_unavailable'
  | 'too_many_sign_in_attempts'
  | 'too_many_token_requests'
  | 'handoff_unknown'
  | 'handoff_expired'
  | 'handoff_used'
  | 'handoff_cancelled'
  | 'handoff_complete'
  | 'handoff_scope'
  | 'too_many_handoffs'
  | 'too_many_handoff_exchanges'
  | 'upstream_timeout'
  | 'upstream_unreachable'
  | 'upstream_auth_failed'
  | 'relay_error';

/** Which relay refusal a response carries, for the request's log line (no body re-reading). */
const reasons = new WeakMap<Response, RelayErrorCode>();

export function envelope(
  status: number,
  error: RelayErrorCode,
  message: string,
  headers: HeadersInit = {},
): Response {
  const out = new Headers(headers);
  out.set('Content-Type', 'application/json');
  out.set('Cache-Control', 'no-store');
  const response = new Response(JSON.stringify({ code: status, message, data: { error } }), {
    status,
    headers: out,
  });
  reasons.set(response, error);
  return response;
}

/** The relay error code of a response `envelope` built (or `keepRelayError` carried over). */
export const relayErrorOf = (response: Response): RelayErrorCode | undefined =>
  reasons.get(response);

/** Carries the refusal code over to a response rebuilt from `from` (new headers, same body). */
export function keepRelayError(from: Response, to: Response): Response {
  const reason = reasons.get(from);
  if (reason) reasons.set(to, reason);
  return to;
}
