/**
 * FinHub's response envelopes (docs/finhub-contract.md#envelopes, #errors) and the error type route
 * handlers throw. Handlers throw `HttpError`; the dispatcher turns it into `{code, message, data}`.
 */

export type JsonObject = Record<string, unknown>;

export interface FieldError {
  field: string;
  message: string;
}

export class HttpError extends Error {
  readonly status: number;
  readonly data: JsonObject;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    message: string,
    data: JsonObject = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = status;
    this.data = data;
    this.headers = headers;
  }
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** The current generation's success envelope (docs/finhub-contract.md#envelopes [R]). */
export function ok(data: unknown, message = 'Success', extra: JsonObject = {}): Response {
  return json(200, { code: 200, message, ...extra, data });
}

/**
 * The older `{success, data}` envelope some endpoints still answer with
 * (docs/finhub-contract.md#envelopes [N], docs/finhub-contract.md#directors, #shareholders).
 */
export function legacyOk(data: unknown): Response {
  return json(200, { success: true, data });
}

/** Every error goes out in FinHub's envelope (docs/finhub-contract.md#errors). */
export function errorResponse(error: HttpError): Response {
  return json(
    error.status,
    { code: error.status, message: error.message, data: error.data },
    error.headers,
  );
}

/**
 * 400 `Request validation failed` with `data.errors[]`
 * (docs/finhub-contract.md#individual-registration).
 */
export function validationFailed(errors: FieldError[]): HttpError {
  return new HttpError(400, 'Request validation failed', { error: 'VALIDATION_FAILED', errors });
}

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isoTime = (ms: number): string => new Date(ms).toISOString();
