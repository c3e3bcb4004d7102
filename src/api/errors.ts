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
// (docs/finhub-contract.md#errors). Messages are English, for developers and logs: the person reads
// the error catalogue's text for the code (src/localization/error-messages.ts). FinHub's own text
// is kept in `serverMessage`. No message ever contains a request body, password or token.
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

function wrongCredentialsMessage(attemptsLeft: number | undefined): string {
  if (attemptsLeft === 1) {
    return 'The email or password is incorrect. Check them and try again (1 attempt left).';
  }
  if (attemptsLeft !== undefined && attemptsLeft > 1) {
    return `The email or password is incorrect. Check them and try again (${attemptsLeft} attempts left).`;
  }
  return 'The email or password is incorrect. Check them and try again.';
}

/** `lockoutDuration: "30 minutes"` (docs/finhub-contract.md#customer-session) → seconds. */
function parseDuration(value: unknown): number | undefined {
  const match = text(value)?.match(/^(\d+)\s*(second|sec|s|minute|min|m|hour|h)/i);
  if (!match) return undefined;
  const unit = match[2]!.toLowerCase();
  const factor = unit.startsWith('h') ? 3600 : unit.startsWith('m') ? 60 : 1;
  return Number(match[1]) * factor;
}

function rateLimitedMessage(seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 1) {
    return 'Too many requests. Please wait a moment and try again.';
  }
  if (seconds < 120) {
    return `Too many requests. Please wait ${seconds} seconds and try again.`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `Too many requests. Please wait ${minutes} minutes and try again.`;
}

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
        message:
          'The selected customer category could not be applied. Choose another category or contact support.',
      });
    }
    const fieldErrors = fieldErrorsOf(data);
    if (fieldErrors.length > 0) {
      return new FinHubApiError({
        ...base,
        code: 'validation_failed',
        fieldErrors,
        message: 'Some details are not valid. Check the marked fields and try again.',
      });
    }
    return new FinHubApiError({
      ...base,
      code: 'bad_request',
      message: 'The request was not accepted. Check your details and try again.',
    });
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
        message:
          retryAfter !== undefined
            ? `Too many failed sign-in attempts. This account is locked for ${Math.max(1, Math.ceil(retryAfter / 60))} minutes.`
            : 'Too many failed sign-in attempts. This account is locked for now. Try again later.',
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
        message: wrongCredentialsMessage(left),
      });
    }
    return new FinHubApiError({
      ...base,
      code: 'unauthorized',
      message: 'Your session has expired. Reload the page to start again.',
    });
  }

  if (status === 403) {
    return new FinHubApiError({
      ...base,
      code: 'forbidden',
      message: 'You are not allowed to do this. Contact support if you think this is wrong.',
    });
  }

  if (status === 404) {
    return new FinHubApiError({
      ...base,
      code: 'not_found',
      message: 'We could not find this record. Start the onboarding again or contact support.',
    });
  }

  if (status === 409) {
    if (mentionsEmail(body)) {
      return new FinHubApiError({
        ...base,
        code: 'duplicate_email',
        fieldErrors: [{ field: 'email', message: text(data['error']) ?? base.serverMessage ?? '' }],
        message: 'This email address is already registered. Sign in to continue.',
      });
    }
    return new FinHubApiError({
      ...base,
      code: 'conflict',
      message:
        'This was already submitted or conflicts with existing details. Check them and try again.',
    });
  }

  if (status === 422) {
    return new FinHubApiError({
      ...base,
      code: 'unprocessable',
      message:
        'This step cannot be completed yet. Check that the earlier steps are finished and try again.',
    });
  }

  if (status === 429) {
    const retryAfter = parseRetryAfter(headers.get('Retry-After'), context.now);
    return new FinHubApiError({
      ...base,
      code: 'rate_limited',
      retryAfter,
      message: rateLimitedMessage(retryAfter),
    });
  }

  if (status >= 500 && status <= 599) {
    return new FinHubApiError({
      ...base,
      code: 'server_error',
      message: 'The service is having a problem right now. Please try again in a few minutes.',
    });
  }

  if (status === 413) {
    return new FinHubApiError({
      ...base,
      code: 'bad_request',
      message: 'The file is too large. Choose a smaller file and try again.',
    });
  }

  if (status >= 400 && status <= 499) {
    return new FinHubApiError({
      ...base,
      code: 'bad_request',
      message: 'The request was not accepted. Check your details and try again.',
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
    message:
      'The server sent a response we could not understand. Please try again later or contact support.',
  });

export const networkError = (endpoint?: string, cause?: unknown) =>
  new FinHubApiError({
    code: 'network_error',
    endpoint,
    cause,
    message: 'Could not reach the server. Check your internet connection and try again.',
  });

export const timeoutError = (endpoint?: string, cause?: unknown) =>
  new FinHubApiError({
    code: 'timeout',
    endpoint,
    cause,
    message: 'The server took too long to answer. Please try again.',
  });

export const tokenUnavailableError = (endpoint?: string, cause?: unknown) =>
  new FinHubApiError({
    code: 'token_unavailable',
    endpoint,
    cause,
    message: 'Could not start a secure session. Please try again in a moment.',
  });

/**
 * Neither the host (`tenant-id`) nor the token endpoint supplied a tenant id
 * (docs/finhub-contract.md#headers `X-Tenant-ID`).
 */
export const missingTenantError = (endpoint?: string) =>
  new FinHubApiError({
    code: 'bad_request',
    endpoint,
    message: 'Onboarding is not set up correctly (no tenant id). Contact support.',
  });
