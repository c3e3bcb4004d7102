/** An error from any step's work, reduced to what the flow controller and its step handlers use. */
import { isFinHubApiError, type FieldError } from '../api/api-error.js';
import type { FinHubErrorEventCode } from '../events/finhub-error.js';
import { FlowError } from './backend.js';

export interface Failure {
  code: FinHubErrorEventCode;
  retryable: boolean;
  fieldErrors: FieldError[];
  /** The error's own (localized) message: the API's says how many sign-in attempts are left. */
  message: string;
  /** Seconds FinHub asked us to wait (429 `Retry-After`, §8). */
  retryAfter?: number | undefined;
  /** An unreadable answer: which endpoint and field, for the host (FinHubErrorDetail). */
  source?: { endpoint?: string; field?: string };
}

export function toFailure(error: unknown): Failure {
  if (isFinHubApiError(error)) {
    return {
      code: error.code,
      retryable: error.retryable,
      fieldErrors: [...error.fieldErrors],
      message: error.message,
      retryAfter: error.retryAfter,
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
  if (error instanceof FlowError) {
    return { code: error.code, retryable: false, fieldErrors: [], message: error.message };
  }
  return {
    code: 'server_error',
    retryable: true,
    fieldErrors: [],
    message: error instanceof Error ? error.message : 'Unexpected error',
  };
}
