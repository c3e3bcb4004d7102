/**
 * The error catalogue: what the person reads for a failure, one wording per code (the API layer
 * holds codes and English developer messages only; docs/architecture.md#api-client). Worded at
 * call time through msg(), so a banner re-renders in the current locale.
 */
import { msg, str } from '@lit/localize';
import type { FinHubErrorEventCode } from '../events/finhub-error.js';

/** What the wording depends on. */
export interface ErrorFacts {
  code: FinHubErrorEventCode;
  /** HTTP status, when FinHub answered (413: the file is too large). */
  status?: number | undefined;
  /** Seconds a `Retry-After` (429) or a sign-in lockout asks for. */
  retryAfter?: number | undefined;
  /** Sign-in attempts left before the account locks (docs/finhub-contract.md#customer-session). */
  attemptsLeft?: number | undefined;
}

export function errorText({ code, status, retryAfter }: ErrorFacts): string {
  switch (code) {
    case 'validation_failed':
      return msg('Some details need your attention. Check the highlighted fields.');
    case 'duplicate_email':
      return msg('This email is already registered.');
    case 'categorization_invalid':
    case 'categorization_unsatisfiable':
      // The categorization step offers the way on: another account type, or the host's contact.
      return msg('This account type cannot be opened right now.');
    case 'unauthorized':
      // Renewed once and refused again (docs/finhub-contract.md#headers): no retry is offered, so
      // none is promised.
      return msg('Your secure session could not be renewed. Reload the page to continue.');
    case 'account_locked':
      return retryAfter !== undefined
        ? msg(
            str`Too many failed sign-in attempts. This account is locked for ${Math.max(1, Math.ceil(retryAfter / 60))} minutes.`,
            { id: 'error.account_locked-minutes' },
          )
        : msg(
            'Too many failed sign-in attempts. This account is locked for now. Try again later.',
            { id: 'error.account_locked' },
          );
    case 'forbidden':
      return msg('This action is not allowed. Please contact support.');
    case 'not_found':
      return msg('We could not find your application. Please start again.');
    case 'rate_limited':
      return rateLimitedText(retryAfter);
    case 'network_error':
      return msg('You appear to be offline. Check your connection and try again.');
    case 'timeout':
      return msg('This is taking too long. Please try again.');
    case 'token_unavailable':
      return msg('We could not start a secure session. Please try again.');
    case 'not_configured':
      return msg('Onboarding is not set up on this page. Please contact support.');
    case 'verification_rejected':
      return msg(
        'We could not verify your identity with the documents provided. Please contact support.',
      );
    case 'step_unavailable':
      return msg('This step could not be loaded. Check your connection and try again.');
    case 'server_error':
      return msg('Something went wrong on our side. Please try again.');
    case 'invalid_response':
      return msg(
        'We received an answer we could not read. Reload the page, or try again in a few minutes.',
      );
    default:
      if (status === 413) {
        return msg('The file is too large. Choose a smaller file and try again.', {
          id: 'error.payload_too_large',
        });
      }
      return msg('Something went wrong. Please try again.');
  }
}

function rateLimitedText(seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 1) {
    return msg('Too many requests. Please wait a moment and try again.', {
      id: 'error.rate_limited',
    });
  }
  if (seconds < 120) {
    return msg(str`Too many requests. Please wait ${seconds} seconds and try again.`, {
      id: 'error.rate_limited-seconds',
    });
  }
  const minutes = Math.ceil(seconds / 60);
  return msg(str`Too many requests. Please wait ${minutes} minutes and try again.`, {
    id: 'error.rate_limited-minutes',
  });
}
