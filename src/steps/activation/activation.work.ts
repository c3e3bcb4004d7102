/**
 * Activation's work: polling the readiness check (docs/finhub-contract.md#readiness-check) until
 * the code can be entered, activating
 * (docs/finhub-contract.md#individual-activation, #organization-activation), and for a company the
 * wallet until it is `ACTIVE` with its IBAN.
 */
import { msg } from '@lit/localize';
import type { ActivationOutcome, OrganizationBackend } from '../../flow/backend.js';
import type { Patch, StepContext, StepWork } from '../../flow/definitions.js';
import { outcomeUnknown, toFailure, type Failure } from '../../flow/failure.js';
import { isRejected } from '../../flow/resume.js';
import type { ActivationCheck } from '../../flow/types.js';
import type { ActivationPhase, ActivationSlice } from './activation.step.js';

type Context = StepContext<ActivationSlice>;

export const isActive = (status: string | undefined) => status?.trim().toUpperCase() === 'ACTIVE';

/** 1 s, 2 s, 4 s, 8 s, then every 15 s, each ± 20 % so many browsers do not poll in step. */
export function defaultPollDelay(attempt: number): number {
  const base = Math.min(15_000, 1000 * 2 ** Math.min(attempt, 4));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Wallet provisioning takes seconds, not the minutes a KYC review does: 0.5 s, 0.8 s, 1.3 s, …
 * up to 15 s, each ± 20 %, so the company sees its account soon after it is ready.
 */
export function walletPollDelay(attempt: number): number {
  const base = Math.min(15_000, 500 * 1.6 ** attempt);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** A blip while waiting is not worth a banner: this many are tried again by themselves. */
const QUIET_RETRIES = 6;

export const work: StepWork<ActivationSlice, string> = {
  /**
   * Polls the readiness check with backoff until activation is allowed (or the verification is
   * rejected); for a company being provisioned, its wallet. Stops when the element is removed
   * (its signal aborts) and starts again when it comes back.
   */
  async enter(context) {
    if (context.slice.phase === 'provisioning') return pollWallet(context);
    const readiness = context.data.readiness;
    if (context.slice.phase === 'checking' && readiness) {
      // A resume's readiness answer is the first check.
      const phase = noteCheck(context, readiness);
      if (phase !== 'pending') return;
    }
    // Decided already (a resume's check, or an earlier poll): nothing to wait for.
    if (context.slice.account) return;
    if (context.slice.phase !== 'checking' && context.slice.phase !== 'pending') return;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) await context.sleep(defaultPollDelay(attempt - 1));
      let check: ActivationCheck;
      try {
        check = await context.backend.checkActivation(context);
      } catch (error) {
        // Tried again on the next tick, no sooner than a 429's Retry-After asks
        // (docs/finhub-contract.md#errors).
        if (!toFailure(error).retryable || attempt >= QUIET_RETRIES) throw error;
        await context.waitOut(error);
        continue;
      }
      const phase = noteCheck(context, check);
      if (phase === 'provisioning') return pollWallet(context);
      if (phase !== 'pending') return;
    }
  },

  /**
   * Activates with the code from the email
   * (docs/finhub-contract.md#individual-activation, #organization-activation). A company answers
   * `ACTIVATING` while its wallet is provisioned: the step says so and the flow finishes once the
   * wallet is `ACTIVE`.
   */
  async submit(code, context) {
    if (context.slice.phase !== 'ready') return;
    context.update({ slice: { codeRejected: false } });
    const provisions = context.flow.provisionsWallet === true;
    let outcome: ActivationOutcome;
    try {
      outcome = await context.backend.activate(code, context);
    } catch (error) {
      // An earlier attempt's answer was lost (docs/finhub-contract.md#retries-and-idempotency):
      // FinHub's 409 now says that attempt activated.
      if (!context.slice.unsure || toFailure(error).code !== 'conflict') {
        context.update({ slice: { unsure: outcomeUnknown(error) || context.signal.aborted } });
        throw error;
      }
      // The IBAN went with the lost answer: a company's comes from its wallet (polled below),
      // a person's is not to be had again (docs/finhub-contract.md#individual-activation names no
      // other source).
      outcome = provisions ? {} : { status: 'ACTIVE' };
    }
    const done: Patch<ActivationSlice> = {
      slice: { unsure: false, account: outcome },
      account: outcome,
      ...(outcome.status ? { status: outcome.status } : {}),
    };
    if (provisions && !isActive(outcome.status)) {
      context.announce(
        msg('The company account is activated. We are setting up its wallet and IBAN…'),
      );
      return { ...done, slice: { ...done.slice, phase: 'provisioning' }, reenter: true };
    }
    return { ...done, next: true };
  },

  failed(failure, context) {
    if (
      failure.code === 'bad_request' ||
      (failure.code === 'validation_failed' && failure.fieldErrors.length > 0)
    ) {
      // docs/finhub-contract.md#individual-activation: a wrong or expired code.
      context.update({ slice: { codeRejected: true } });
      return {
        onForm: true,
        text: () => msg('This code is not correct. Check the email we sent you and try again.'),
        recoverable: true,
      };
    }
    return undefined;
  },
};

/** Keeps what a readiness answer says and tells the person and the host what a new phase means. */
function noteCheck(context: Context, check: ActivationCheck): ActivationPhase {
  const before = context.slice.phase;
  let phase: ActivationPhase;
  const status = check.status?.trim().toUpperCase();
  // An organization activated earlier: its wallet is (being) set up
  // (docs/finhub-contract.md#organization-activation, #statuses).
  if (status === 'ACTIVATING' || status === 'ACTIVE') phase = 'provisioning';
  else if (check.allowed) phase = 'ready';
  else if (isRejected(check.verificationStatus)) phase = 'rejected';
  // Verified and agreed, yet not allowed (e.g. already active,
  // docs/finhub-contract.md#readiness-check): waiting will not help.
  else if (check.verificationOk === true && check.consentOk === true) phase = 'blocked';
  else phase = 'pending';
  context.update({ slice: { phase } });
  if (phase === before) return phase;
  if (phase === 'ready') {
    context.announce(
      msg('Your documents are verified. Enter the activation code from your email.'),
    );
  } else if (phase === 'rejected' || phase === 'blocked') {
    const code = phase === 'rejected' ? 'verification_rejected' : 'unprocessable';
    const failure: Failure = { code, retryable: false, fieldErrors: [] };
    context.reportError(failure, false);
  }
  return phase;
}

/**
 * After a company's activation: polls its wallet (docs/finhub-contract.md#wallet-status names
 * `wallet-status`) until it is `ACTIVE`, then finishes with the IBAN.
 */
async function pollWallet(context: Context): Promise<Patch<ActivationSlice>> {
  const backend = context.backend as OrganizationBackend; // only a flow that provisions wallets comes here
  const finish = (outcome: ActivationOutcome): Patch<ActivationSlice> => {
    const account = { ...context.slice.account, ...outcome };
    return { slice: { account }, account, status: account.status ?? 'ACTIVE', next: true };
  };
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) await context.sleep(walletPollDelay(attempt - 1));
    let outcome: ActivationOutcome;
    try {
      outcome = await backend.checkWallet(context);
    } catch (error) {
      const failure = toFailure(error);
      // No wallet poll on this tenant: the activation itself succeeded, so finish with it.
      if (failure.code === 'not_found') return finish({});
      if (!failure.retryable || attempt >= QUIET_RETRIES) throw error;
      await context.waitOut(error);
      continue;
    }
    if (isActive(outcome.status) || outcome.iban) {
      context.announce(msg('The company account is active.'));
      return finish({ ...outcome, status: outcome.status ?? 'ACTIVE' });
    }
  }
}
