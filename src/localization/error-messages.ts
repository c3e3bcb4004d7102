/** What the person reads for each error code (the API's own text is kept for support only). */
import { msg } from '@lit/localize';
import type { FinHubErrorEventCode } from '../events/finhub-error.js';

export function errorMessage(code: FinHubErrorEventCode): string {
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
      // Renewed once and refused again (§2): no retry is offered, so none is promised.
      return msg('Your secure session could not be renewed. Reload the page to continue.');
    case 'account_locked':
      return msg('Too many sign-in attempts. Please wait and try again later.');
    case 'forbidden':
      return msg('This action is not allowed. Please contact support.');
    case 'not_found':
      return msg('We could not find your application. Please start again.');
    case 'rate_limited':
      return msg('Too many requests. Please wait a moment and try again.');
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
      return msg('Something went wrong. Please try again.');
  }
}
