/**
 * The one error type the API layer throws. Every failure (HTTP status, network, timeout, abort,
 * a response that does not parse, a token endpoint that fails) becomes a FinHubApiError with a
 * stable `code` the UI can branch on (and words for the person from its error catalogue) and an
 * English `message` for developers.
 */

export {
  FinHubApiError,
  isFinHubApiError,
  type FieldError,
  type FinHubApiErrorInit,
  type FinHubErrorCode,
} from './api-error.js';
import { FinHubApiError, type FieldError } from './api-error.js';

export { abortedError } from './abort.js';
export { parseRetryAfter } from './retry-after.js';
import { parseRetryAfter } from './retry-after.js';

// ---------------------------------------------------------------------------------------------
// Mapping helpers: HTTP responses and transport failures → FinHubApiError
// (docs/finhub-contract.md#errors). Messages are short English facts for developers and logs
// (what was refused, which fields, how long to wait), not a second wording for the person: the
// person reads the error catalogue's text for the code (src/localization/error-messages.ts), the
// one catalogue (issue 17). FinHub's own text is kept in `serverMessage`. No message ever contains
// a request body, a field's value, a password or a token.
// ---------------------------------------------------------------------------------------------

export interface ErrorContext {
  /**
   * The call was a sign-in (session creation,
   * docs/finhub-contract.md#customer-session, #organization-user-session): a 401 means wrong
   * credentials or a locked account, not an expired onboarding token.
   */
  credentials?: boolean;
  /** Clock for HTTP-date `Retry-After` values (tests). */
  now?: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** `lockoutDuration: "30 minutes"` (docs/finhub-contract.md#customer-session) → seconds. */
function parseDuration(value: unknown): number | undefined {
  const match = text(value)?.match(/^(\d+)\s*(second|sec|s|minute|min|m|hour|h)/i);
  if (!match) return undefined;
  const unit = match[2]!.toLowerCase();
  const factor = unit.startsWith('h') ? 3600 : unit.startsWith('m') ? 60 : 1;
  return Number(match[1]) * factor;
}

/** ` (retry after 30 s)`: the wait FinHub asked for, in a developer's message. */
const after = (seconds: number | undefined) =>
  seconds === undefined ? '' : ` (retry after ${seconds} s)`;

/** FinHub's own words: the envelope message plus `data.error` / `data.details` when they add something. */
function serverMessageOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const data = isObject(body['data']) ? body['data'] : {};
  const parts = [
    text(body['message']),
    text(data['error']),
    text(data['details']),
    text(data['message']),
  ]
    .filter((part): part is string => part !== undefined)
    .filter((part, index, all) => all.indexOf(part) === index);
  return parts.length > 0 ? parts.join(': ') : text(body['error']);
}

function fieldErrorsOf(data: Json): FieldError[] {
  const list = data['errors'];
  if (Array.isArray(list)) {
    return list.filter(isObject).map((item) => ({
      field: text(item['field']) ?? '',
      message: text(item['message']) ?? text(item['defaultMessage']) ?? '',
    }));
  }
  // Standard single-field shape (docs/finhub-contract.md#errors): data {error, field}.
  const field = text(data['field']);
  if (field) return [{ field, message: text(data['error']) ?? text(data['details']) ?? '' }];
  return [];
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) out[key] = String(item);
  return out;
}

/**
 * A 409 is about a duplicate email when FinHub's text, fields or symbolic code say so
 * (docs/finhub-contract.md#individual-registration, #errors).
 */
function mentionsEmail(body: unknown): boolean {
  if (!isObject(body)) return false;
  const data = isObject(body['data']) ? body['data'] : {};
  const texts = [
    body['message'],
    body['error'],
    body['errorCode'],
    data['error'],
    data['details'],
    data['message'],
    data['field'],
    data['code'],
    data['errorCode'],
    ...(Array.isArray(data['errors'])
      ? data['errors'].filter(isObject).flatMap((e) => [e['field'], e['message'], e['code']])
      : []),
  ];
  return texts.some(
    (t) => typeof t === 'string' && /e-?mail|DUPLICATE_EMAIL|EMAIL_ALREADY_EXISTS/i.test(t),
  );
}

/**
 * Maps an HTTP error response to a FinHubApiError (docs/finhub-contract.md#errors). `body` is the
 * parsed JSON body, or the raw text / undefined when it was not JSON (e.g. a proxy's HTML 502
 * page).
 */
export function errorFromResponse(
  status: number,
  headers: Headers,
  body: unknown,
  endpoint?: string,
  context: ErrorContext = {},
): FinHubApiError {
  const data = isObject(body) && isObject(body['data']) ? body['data'] : {};
  const base = { status, endpoint, serverMessage: serverMessageOf(body) };

  if (status === 400) {
    const missingKeys = Array.isArray(data['missingKeys'])
      ? data['missingKeys'].filter((k): k is string => typeof k === 'string')
      : [];
    const invalidValues = stringRecord(data['invalidValues']);
    if (missingKeys.length > 0 || Object.keys(invalidValues).length > 0) {
      return new FinHubApiError({
        ...base,
        code: 'categorization_invalid',
        missingKeys,
        invalidValues,
        message: `category refused: ${[...missingKeys, ...Object.keys(invalidValues)].join(', ')}`,
      });
    }
    const fieldErrors = fieldErrorsOf(data);
    if (fieldErrors.length > 0) {
      return new FinHubApiError({
        ...base,
        code: 'validation_failed',
        fieldErrors,
        message: `invalid fields: ${fieldErrors.map((error) => error.field).join(', ')}`,
      });
    }
    return new FinHubApiError({ ...base, code: 'bad_request', message: 'request refused (400)' });
  }

  if (status === 401) {
    // docs/finhub-contract.md#customer-session: a lockout after 5 failed sign-ins carries
    // data.lockoutTime (+ lockoutDuration).
    if (data['lockoutTime'] !== undefined && data['lockoutTime'] !== null) {
      const retryAfter =
        parseDuration(data['lockoutDuration']) ??
        lockoutRemaining(data['lockoutTime'], context.now);
      return new FinHubApiError({
        ...base,
        code: 'account_locked',
        retryAfter,
        message: `sign-in locked${after(retryAfter)}`,
      });
    }
    if (context.credentials) {
      const attempts = data['attempts'];
      const max = data['maxAttempts'];
      const left =
        typeof attempts === 'number' && typeof max === 'number'
          ? Math.max(0, max - attempts)
          : undefined;
      return new FinHubApiError({
        ...base,
        code: 'unauthorized',
        attemptsLeft: left,
        message: `wrong email or password${left === undefined ? '' : ` (attempts left: ${left})`}`,
      });
    }
    return new FinHubApiError({
      ...base,
      code: 'unauthorized',
      message: 'token refused (expired or not valid)',
    });
  }

  if (status === 403) {
    return new FinHubApiError({
      ...base,
      code: 'forbidden',
      message: 'forbidden (403)',
    });
  }

  if (status === 404) {
    return new FinHubApiError({
      ...base,
      code: 'not_found',
      message: 'not found (404)',
    });
  }

  if (status === 409) {
    if (mentionsEmail(body)) {
      return new FinHubApiError({
        ...base,
        code: 'duplicate_email',
        fieldErrors: [{ field: 'email', message: text(data['error']) ?? base.serverMessage ?? '' }],
        message: 'email already registered',
      });
    }
    return new FinHubApiError({
      ...base,
      code: 'conflict',
      message: 'conflict (409)',
    });
  }

  if (status === 422) {
    return new FinHubApiError({
      ...base,
      code: 'unprocessable',
      message: 'refused by a business rule (422)',
    });
  }

  if (status === 429) {
    const retryAfter = parseRetryAfter(headers.get('Retry-After'), context.now);
    return new FinHubApiError({
      ...base,
      code: 'rate_limited',
      retryAfter,
      message: `rate limited${after(retryAfter)}`,
    });
  }

  if (status >= 500 && status <= 599) {
    return new FinHubApiError({
      ...base,
      code: 'server_error',
      message: `server error (${status})`,
    });
  }

  if (status === 413) {
    return new FinHubApiError({
      ...base,
      code: 'bad_request',
      message: 'body too large (413)',
    });
  }

  if (status >= 400 && status <= 499) {
    return new FinHubApiError({
      ...base,
      code: 'bad_request',
      message: `request refused (${status})`,
    });
  }

  // 1xx/3xx reaching us means something between us and FinHub misbehaved.
  return invalidResponseError(endpoint, status);
}

function lockoutRemaining(value: unknown, now = Date.now()): number | undefined {
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(at) || at <= now) return undefined;
  return Math.ceil((at - now) / 1000);
}

/** `field`: the body path the element needed and could not read (never its value). */
export const invalidResponseError = (
  endpoint?: string,
  status?: number,
  cause?: unknown,
  field?: string,
) =>
  new FinHubApiError({
    code: 'invalid_response',
    status,
    endpoint,
    cause,
    field,
    message: field === undefined ? 'unreadable response' : `unreadable response at ${field}`,
  });

export const networkError = (endpoint?: string, cause?: unknown) =>
  new FinHubApiError({
    code: 'network_error',
    endpoint,
    cause,
    message: 'network error',
  });

export const timeoutError = (endpoint?: string, cause?: unknown) =>
  new FinHubApiError({
    code: 'timeout',
    endpoint,
    cause,
    message: 'timed out',
  });

export const tokenUnavailableError = (endpoint?: string, cause?: unknown) =>
  new FinHubApiError({
    code: 'token_unavailable',
    endpoint,
    cause,
    message: 'no onboarding token',
  });

/**
 * Neither the host (`tenant-id`) nor the token endpoint supplied a tenant id
 * (docs/finhub-contract.md#headers `X-Tenant-ID`).
 */
export const missingTenantError = (endpoint?: string) =>
  new FinHubApiError({
    code: 'bad_request',
    endpoint,
    message: 'no tenant id: set tenant-id, or have the token endpoint return tenantId',
  });
