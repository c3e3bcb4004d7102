/**
 * The session's work (docs/finhub-contract.md#customer-session, #organization-user-session): the
 * sign-in right after registration, a returning person's sign-in, and where they land (the
 * readiness check, docs/finhub-contract.md#readiness-check).
 */
import { FlowError, type SessionCredentials } from '../../flow/backend.js';
import type { StepContext, StepWork } from '../../flow/definitions.js';
import { planResume } from '../../flow/resume.js';
import { signInText } from './sign-in-text.js';
import type { SessionSlice } from './session.step.js';

type Context = StepContext<SessionSlice>;

export const work: StepWork<SessionSlice, SessionCredentials> = {
  async enter(context) {
    if (context.data.signInRequired !== true) {
      const credentials = context.credentials;
      if (!credentials) throw new FlowError('unauthorized', 'No credentials to sign in.');
      const outcome = await context.backend.openSession(credentials, context);
      return {
        // Signed in: the password is not needed again (docs/finhub-contract.md#customer-session;
        // the relay keeps the session).
        credentials: null,
        ...(outcome.ids ? { ids: outcome.ids } : {}),
        ...(outcome.status ? { status: outcome.status } : {}),
        next: true,
      };
    }
    if (context.slice.locating) return locate(context);
  },

  /**
   * A person who came back signs in (docs/finhub-contract.md#customer-session), then lands where
   * they left off.
   */
  async submit(credentials, context) {
    if (!context.data.signInRequired || context.slice.locating) return;
    context.update({ slice: { error: undefined } });
    const outcome = await context.backend.openSession(credentials, context);
    return {
      ...(outcome.ids ? { ids: outcome.ids } : {}),
      ...(outcome.status ? { status: outcome.status } : {}),
      data: { email: credentials.username.trim() },
      // Where to land is the entry work's (a retry of it does not sign in again).
      slice: { locating: true },
      reenter: true,
    };
  },

  failed(failure, context) {
    const { code } = failure;
    if (
      context.data.signInRequired &&
      (code === 'unauthorized' || code === 'account_locked' || code === 'not_found')
    ) {
      // A refused sign-in: says how many attempts are left, or how long the account is locked.
      const text = () => signInText(failure);
      context.update({ slice: { error: failure } });
      return { onForm: true, text, recoverable: code !== 'account_locked' };
    }
    return undefined;
  },
};

/**
 * After a resumed sign-in: the readiness check (docs/finhub-contract.md#readiness-check) decides
 * the first unfinished step.
 */
async function locate(context: Context) {
  const check = await context.backend.checkActivation(context);
  const plan = planResume(check, context.data.resumeStep);
  context.update({ data: { consentsHeld: plan.acceptedConsents } });
  // A step before the session may have to be done again (a company whose people were never saved).
  const reopen = await context.signedIn(check);
  if (reopen) {
    return { slice: { locating: false }, jump: { to: reopen, completed: [], reopen: true } };
  }
  return {
    slice: { locating: false },
    // Landing on activation: this answer is its first readiness check.
    ...(plan.landing === 'activation' ? { data: { readiness: check } } : {}),
    jump: { to: plan.landing, completed: plan.completed },
  };
}
