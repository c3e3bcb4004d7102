/**
 * The one error type the API layer throws (FinHubApiError) and its codes: a module of its own so the
 * flow and the element can test for it without loading the mapping from HTTP responses
 * (errors.ts, which re-exports all of this) before the first step renders (docs/architecture.md#loading-on-demand).
 */

export type FinHubErrorCode =
  | 'validation_failed' // 400 with data.errors[]
  | 'categorization_invalid' // 400 with missingKeys / invalidValues (docs/finhub-contract.md#individual-registration)
  | 'bad_request' // any other 400 (e.g. missing required header, personnel rule)
  | 'unauthorized' // 401 (expired token, wrong credentials)
  | 'account_locked' // 401 after 5 failed sign-ins (docs/finhub-contract.md#customer-session)
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'duplicate_email' // 409 (docs/finhub-contract.md#individual-registration, #errors)
  | 'conflict' // any other 409
  | 'unprocessable' // 422 business rule
  | 'rate_limited' // 429 (retryAfter set when the server sent Retry-After)
  | 'server_error' // 5xx
  | 'network_error' // fetch rejected: offline, DNS, dropped connection
  | 'timeout' // our own timeout fired
  | 'aborted' // the caller's AbortSignal fired (element removed, step left)
  | 'invalid_response' // body is not what the contract promises
  | 'token_unavailable' // the host's token endpoint or fetchToken() failed
  | 'categorization_unsatisfiable'; // no allowed value can satisfy a mandatory key (docs/finhub-contract.md#smart-categorization)

export interface FieldError {
  /** Dotted path as FinHub reports it, e.g. `matchingPassword` or `individualCustomer.person.email`. */
  field: string;
  message: string;
}

export interface FinHubApiErrorInit {
  code: FinHubErrorCode;
  message: string;
  status?: number;
  fieldErrors?: FieldError[];
  /** Seconds to wait before retrying (429 Retry-After, or lockout). */
  retryAfter?: number;
  /**
   * A refused sign-in (docs/finhub-contract.md#customer-session): attempts left before the account
   * locks, when FinHub says.
   */
  attemptsLeft?: number | undefined;
  /**
   * Categorization details (docs/finhub-contract.md#individual-registration): keys missing and
   * values refused.
   */
  missingKeys?: string[];
  invalidValues?: Record<string, string>;
  /** FinHub's own message, kept for support; never shown raw as HTML. */
  serverMessage?: string;
  /** Request method and path template, e.g. `POST /v2.1/customer/individual/registration`. */
  endpoint?: string;
  /**
   * `invalid_response`: the response field the element needed and could not read, as a path in
   * the body (e.g. `data.verificationId`). Names a field, never carries its value.
   */
  field?: string;
  cause?: unknown;
}

export class FinHubApiError extends Error {
  override readonly name = 'FinHubApiError';
  readonly code: FinHubErrorCode;
  readonly status: number | undefined;
  readonly fieldErrors: FieldError[];
  readonly retryAfter: number | undefined;
  readonly attemptsLeft: number | undefined;
  readonly missingKeys: string[];
  readonly invalidValues: Record<string, string>;
  readonly serverMessage: string | undefined;
  readonly endpoint: string | undefined;
  readonly field: string | undefined;

  constructor(init: FinHubApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfter = init.retryAfter;
    this.attemptsLeft = init.attemptsLeft;
    this.missingKeys = init.missingKeys ?? [];
    this.invalidValues = init.invalidValues ?? {};
    this.serverMessage = init.serverMessage;
    this.endpoint = init.endpoint;
    this.field = init.field;
  }

  /**
   * True when repeating the same request later may succeed without the person changing anything.
   * An unreadable answer counts: it may be a proxy's page or a blip, and the person gets "Try
   * again" rather than a dead end (the flow treats its outcome as unknown before repeating).
   */
  get retryable(): boolean {
    return (
      this.code === 'invalid_response' ||
      this.code === 'rate_limited' ||
      this.code === 'server_error' ||
      this.code === 'network_error' ||
      this.code === 'timeout' ||
      this.code === 'token_unavailable'
    );
  }
}

export const isFinHubApiError = (error: unknown): error is FinHubApiError =>
  error instanceof FinHubApiError;
