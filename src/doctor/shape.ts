/**
 * Which documented response variant a body matched (docs/finhub-contract.md#envelopes): the
 * `{code, message, data}` envelope, the `{success, data}` one, or a bare payload. Kept to one small
 * function so the API layer's own `describeShape(endpoint, body)` can replace it: the doctor only
 * reads `label` and `notes`.
 */
export type EnvelopeKind = 'code-message-data' | 'success-data' | 'bare';

export interface ShapeDescription {
  envelope: EnvelopeKind;
  /** In plain words, for the report. */
  label: string;
  /** Anything else worth saying about the shape. */
  notes: string[];
}

export type DescribeShape = (endpoint: string, body: unknown) => ShapeDescription;

const ENVELOPE_KEYS = new Set(['code', 'message', 'success', 'timestamp', 'redirectUrl']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An envelope has `data`, or only envelope keys (the same reading as the API client's). */
const isEnvelope = (body: Record<string, unknown>) =>
  'data' in body ||
  (Object.keys(body).length > 0 && Object.keys(body).every((k) => ENVELOPE_KEYS.has(k)));

export const describeShape: DescribeShape = (_endpoint, body) => {
  if (!isObject(body) || !isEnvelope(body)) {
    return { envelope: 'bare', label: 'bare payload (no envelope)', notes: [] };
  }
  if ('success' in body && !('code' in body)) {
    return { envelope: 'success-data', label: 'envelope {success, data}', notes: [] };
  }
  return { envelope: 'code-message-data', label: 'envelope {code, message, data}', notes: [] };
};

/** The payload: `data` of an envelope, else the body itself. */
export function payloadOf(body: unknown): unknown {
  return isObject(body) && isEnvelope(body) ? (body['data'] ?? {}) : body;
}

/** Where the payload sits, as a prefix for field names in the report (`data.` or nothing). */
export const payloadPrefix = (body: unknown): string =>
  isObject(body) && isEnvelope(body) ? 'data.' : '';

/** FinHub refused in a 2xx (`code >= 400` or `success: false` in the envelope). */
export function refusedInBody(body: unknown): boolean {
  if (!isObject(body)) return false;
  const code = body['code'];
  return (typeof code === 'number' && code >= 400) || body['success'] === false;
}

/** FinHub's own words in an error body, if any. */
export function messageOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const data = isObject(body['data']) ? body['data'] : {};
  for (const value of [body['message'], data['message'], data['error'], body['error']]) {
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200);
  }
  return undefined;
}
