/**
 * Why a sign-in was refused (docs/finhub-contract.md#customer-session), as the sign-in form says it: wrong credentials
 * (with the attempts left), a lockout, or an account that does not exist (said as wrong
 * credentials). Other codes get the error catalogue's words.
 */
import { msg, str } from '@lit/localize';
import { errorText, type ErrorFacts } from '../../localization/error-messages.js';

export function signInText(facts: ErrorFacts): string {
  if (facts.code === 'account_locked') return errorText(facts);
  if (facts.code === 'not_found') return errorText({ code: 'unauthorized' });
  const left = facts.attemptsLeft;
  if (left === 1) {
    return msg('The email or password is incorrect. Check them and try again (1 attempt left).', {
      id: 'error.unauthorized-credentials-last',
    });
  }
  if (left !== undefined && left > 1) {
    return msg(
      str`The email or password is incorrect. Check them and try again (${left} attempts left).`,
      { id: 'error.unauthorized-credentials-attempts' },
    );
  }
  return msg('The email or password is incorrect. Check them and try again.', {
    id: 'error.unauthorized-credentials',
  });
}
