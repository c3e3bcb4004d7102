/**
 * FinHub's two envelope generations unwrapped (docs/finhub-contract.md#envelopes): what every
 * answer goes through in the transport, apart from the per-endpoint readers in schemas.ts (which
 * load with the later steps' calls).
 */
import { errorFromResponse, type ErrorContext } from './errors.js';
import { classifyEnvelope, isObject, numericCode, type EnvelopeKind } from './response-shapes.js';

export interface Envelope {
  /** `data` of `{code,message,data}` / `{success,data}`, or the whole body when it is bare. */
  data: unknown;
  message: string | undefined;
  /**
   * Registration puts `redirectUrl` at the top level
   * (docs/finhub-contract.md#individual-registration).
   */
  redirectUrl: string | undefined;
  /** Which envelope FinHub used. */
  kind: EnvelopeKind;
  /** How a field of `data` is named in the body: `data.` inside an envelope, '' when bare. */
  prefix: string;
}

/**
 * Unwraps either envelope generation (docs/finhub-contract.md#envelopes, classified in
 * response-shapes.ts). A body with `data` is an envelope; a body holding only envelope keys (e.g.
 * consent `{"code":200,"message":"Success"}`, docs/finhub-contract.md#consents) is an envelope with
 * empty data; anything else is a bare payload (e.g. the [N] hierarchy,
 * docs/finhub-contract.md#categorization-hierarchy).
 *
 * [INF] BaseResponse carries its own `code`: a 2xx whose envelope says `code >= 400` or
 * `success: false` is treated as the error it reports rather than as success.
 */
export function unwrapEnvelope(
  body: unknown,
  status: number,
  headers: Headers,
  endpoint: string,
  context: ErrorContext = {},
): Envelope {
  const envelope = classifyEnvelope(body);
  const base = { kind: envelope.kind, prefix: envelope.prefix, data: envelope.data };
  if (!isObject(body) || envelope.prefix === '') {
    return { ...base, message: undefined, redirectUrl: undefined };
  }
  const code = numericCode(body['code']);
  if (code !== undefined && code >= 400 && code <= 599) {
    throw errorFromResponse(code, headers, body, endpoint, context);
  }
  if (body['success'] === false || body['success'] === 'false') {
    const reported = status >= 400 ? status : context.credentials ? 401 : 422;
    throw errorFromResponse(reported, headers, body, endpoint, context);
  }
  const message = typeof body['message'] === 'string' ? body['message'] : undefined;
  const redirectUrl = typeof body['redirectUrl'] === 'string' ? body['redirectUrl'] : undefined;
  return { ...base, message, redirectUrl };
}
