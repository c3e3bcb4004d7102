/** An error from any step's work, reduced to what the driver and the steps decide on. */
import { isFinHubApiError, type FieldError } from '../api/api-error.js';
import type { CategorizationDetails } from '../api/categorization.js';
import type { FinHubErrorEventCode } from '../events/finhub-error.js';
import { FlowError } from './backend.js';

/** What the flow decides on, and what the error catalogue words (src/localization/error-messages.ts). */
export interface Failure {
  code: FinHubErrorEventCode;
  retryable: boolean;
  fieldErrors: FieldError[];
  /** HTTP status, when FinHub answered. */
  status?: number | undefined;
  /**
   * Seconds FinHub asked us to wait (429 `Retry-After`, docs/finhub-contract.md#errors; a sign-in
   * lockout, docs/finhub-contract.md#customer-session).
   */
  retryAfter?: number | undefined;
  /** A refused sign-in's attempts left (docs/finhub-contract.md#customer-session). */
  attemptsLeft?: number | undefined;
  /** An unreadable answer: which endpoint and field, for the host (FinHubErrorDetail). */
  source?: { endpoint?: string; field?: string };
  /**
   * An account type that cannot be opened (smart categorization cannot fill it, or FinHub refused
   * it at registration): the feature, key and override the host hears about.
   */
  categorization?: CategorizationDetails;
}

export function toFailure(error: unknown): Failure {
  if (isFinHubApiError(error)) {
    return {
      code: error.code,
      retryable: error.retryable,
      fieldErrors: [...error.fieldErrors],
      status: error.status,
      retryAfter: error.retryAfter,
      attemptsLeft: error.attemptsLeft,
      ...('categorization' in error
        ? { categorization: (error as { categorization: CategorizationDetails }).categorization }
        : {}),
      ...(error.code === 'invalid_response'
        ? {
            source: {
              ...(error.endpoint ? { endpoint: error.endpoint } : {}),
              ...(error.field ? { field: error.field } : {}),
            },
          }
        : {}),
    };
  }
  if (error instanceof FlowError) return { code: error.code, retryable: false, fieldErrors: [] };
  return { code: 'server_error', retryable: true, fieldErrors: [] };
}

/**
 * The request may have been carried out although no answer said so (lost answer, timeout, 5xx);
 * docs/finhub-contract.md#retries-and-idempotency documents no idempotency keys, so such a request
 * is checked before it is sent again.
 */
export const outcomeUnknown = (error: unknown): boolean =>
  ['network_error', 'timeout', 'server_error', 'invalid_response'].includes(toFailure(error).code);

/**
 * How long FinHub asked us to wait, in ms, when the failure is a `Retry-After` (a 429 from FinHub
 * or from the token endpoint, docs/finhub-contract.md#errors); undefined otherwise. (A sign-in
 * lockout's time is not one: the person may try again and is told so.)
 */
export const retryAfterMs = (failure: Failure): number | undefined =>
  failure.retryAfter !== undefined &&
  (failure.code === 'rate_limited' || failure.code === 'token_unavailable')
    ? failure.retryAfter * 1000
    : undefined;
