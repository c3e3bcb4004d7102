/**
 * The flow controller's work for the steps after the first screen (sign-in, verification,
 * documents, consents, activation), for both flows. Loaded when the flow leaves categorization (or
 * starts past it, e.g. a resume), so the first render does not carry it (DESIGN §5). The controller
 * keeps the state machine, events, focus and the banner; these run on its kernel.
 */
import { msg } from '@lit/localize';
import type { CategorizationDetails } from '../api/categorization.js';
import { FinHubErrorEvent, type FinHubErrorDetail } from '../events/finhub-error.js';
import { errorMessage } from '../localization/error-messages.js';
import {
  FlowError,
  wait,
  type ActivationOutcome,
  type ActivationCheck,
  type DocumentUpload,
  type DocumentUploadOptions,
  type SessionCredentials,
} from './backend.js';
import { toFailure, type Failure } from './failure.js';
import type { ActivationPhase } from './flow-controller.js';
import type { FlowKernel } from './flow-kernel.js';
import { isRejected, planResume } from './resume.js';
import { CONSENT_KINDS, type ConsentKind, type StepId } from './types.js';

/**
 * The request may have been carried out although no answer said so (lost answer, timeout, 5xx);
 * §9 documents no idempotency keys, so such a request is checked before it is sent again.
 */
export const outcomeUnknown = (error: unknown): boolean =>
  ['network_error', 'timeout', 'server_error', 'invalid_response'].includes(toFailure(error).code);

/** 1 s, 2 s, 4 s, 8 s, then every 15 s, each ± 20 % so many browsers do not poll in step. */
export function defaultPollDelay(attempt: number): number {
  const base = Math.min(15_000, 1000 * 2 ** Math.min(attempt, 4));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Waits out a 429's `Retry-After` (seconds, §8) before a poll asks again; nothing without one. */
export async function honourRetryAfter(
  retryAfter: number | undefined,
  signal: AbortSignal,
): Promise<void> {
  if (retryAfter !== undefined && retryAfter > 0) await wait(retryAfter * 1000, signal);
}

export const isActive = (status: string | undefined) => status?.trim().toUpperCase() === 'ACTIVE';

/**
 * FinHub refused the chosen category at registration (`categorization_invalid`, explained by the
 * API backend; docs/finhub-contract.md#categorization-at-registration): sending it again would
 * fail the same way. It is no longer offered; the person goes back to choose another (what they
 * typed is kept) or, with none left, sees the host's contact route. Returns what the controller's
 * `finhub-error` adds (category, feature, key, override) and whether the person can go on.
 */
export function withdrawCategory(
  k: FlowKernel,
  unavailable: CategorizationDetails,
): { detail: Partial<FinHubErrorDetail>; recoverable: boolean } {
  const { c } = k;
  const category = c.machine.data.categoryKey;
  c.categories = c.categories?.map((o) =>
    o.key === category ? { ...o, unavailable, isDefault: false } : o,
  );
  c.machine.update({ presetCategory: undefined, categoryKey: undefined });
  k.back();
  const recoverable = c.categories?.some((option) => !option.unavailable) ?? false;
  return { detail: { category, ...unavailable }, recoverable };
}

/**
 * A failure of a later step that the step's form shows (the controller's `#fail` then shows no
 * banner): a refused sign-in, a people row FinHub refused, a wrong activation code.
 */
export function formFailure(
  k: FlowKernel,
  step: StepId,
  failure: Failure,
): { message: string; recoverable: boolean } | undefined {
  const { code } = failure;
  if (
    step === 'session' &&
    k.c.machine.data.signInRequired &&
    (code === 'unauthorized' || code === 'account_locked' || code === 'not_found')
  ) {
    // A refused sign-in: the API's own message says how many attempts are left.
    const message = code === 'not_found' ? errorMessage('unauthorized') : failure.message;
    k.c.signInError = message;
    return { message, recoverable: code !== 'account_locked' };
  }
  if (step === 'personnel' && k.c.personnelRowErrors.length > 0) {
    // Shown on the row FinHub refused (the step focuses it); the host still hears about it.
    return { message: k.c.personnelRowErrors[0]!.message, recoverable: true };
  }
  if (
    step === 'activation' &&
    (code === 'bad_request' || (code === 'validation_failed' && failure.fieldErrors.length > 0))
  ) {
    // §5.6: a wrong or expired code.
    k.c.activationCodeRejected = true;
    return {
      message: msg('This code is not correct. Check the email we sent you and try again.'),
      recoverable: true,
    };
  }
  return undefined;
}

/** Starts whatever a step after categorization needs on arrival; safe to call again. */
export function enter(k: FlowKernel, step: StepId): void {
  if (step === 'personnel') {
    // What FinHub already holds (a resumed onboarding), shown as saved (§7.3 list).
    k.withOrg((org) => org.loadDirectors(k));
  } else if (step === 'session') {
    if (k.c.machine.isAutomatic('session')) runSession(k);
    else if (k.c.locating) locate(k);
  } else if (step === 'verification' || step === 'documents') {
    // Documents after a resume: the verification is created again for its id and list.
    if (!k.c.verification) startVerification(k);
  } else if (step === 'consents') {
    if (CONSENT_KINDS.every((kind) => k.c.acceptedConsents.has(kind))) {
      k.advance(k.personActed() ? 'automatic' : 'system');
    }
  } else if (step === 'activation') {
    if (k.c.activationPhase === 'provisioning') k.withOrg((org) => org.pollWallet(k));
    else poll(k);
  }
}

/** A person who came back signs in (finhub-api.md §3.2), then lands where they left off. */
export function signIn(k: FlowKernel, credentials: SessionCredentials): void {
  const machine = k.c.machine;
  const data = machine.data;
  if (k.c.busy || k.c.locating || machine.current !== 'session' || !data.signInRequired) return;
  k.c.signInError = undefined;
  const attempt = () =>
    k.perform('session', 'person', attempt, async (context) => {
      const outcome = await k.backend().openSession(credentials, context);
      k.merge(outcome);
      k.c.machine.update({ email: credentials.username.trim() });
      locate(k);
    });
  attempt();
}

/** For the documents step: uploads one checked file to the started verification (§6.2). */
export async function uploadDocument(
  k: FlowKernel,
  upload: DocumentUpload,
  options: DocumentUploadOptions,
): Promise<{ documentId: string }> {
  const unsure = k.s.uploadsUnsure;
  const resent = unsure.has(upload.docId);
  try {
    const context = k.context();
    // An earlier attempt's answer was lost: ask FinHub whether it holds the file before sending it
    // again (§9: no idempotency key). Where it cannot be asked (an organization), the same `docId`
    // goes again and a 409 says the earlier attempt stored it.
    const held = resent
      ? await k.backend().findDocument?.(upload, {
          ...context,
          signal: options.signal
            ? AbortSignal.any([options.signal, context.signal])
            : context.signal,
        })
      : undefined;
    const result = held ?? (await k.backend().uploadDocument(upload, options, context));
    unsure.delete(upload.docId);
    return result;
  } catch (error) {
    const failure = toFailure(error);
    if (resent && failure.code === 'conflict') {
      unsure.delete(upload.docId);
      // FinHub's id is not in the 409 we read; the docId is the document's own id (§6.2).
      return { documentId: upload.docId };
    }
    // Cancelled too: the request may have reached FinHub before it was.
    if (outcomeUnknown(error) || failure.code === 'aborted') unsure.add(upload.docId);
    if (failure.code !== 'aborted' && !options.signal?.aborted) {
      // The documents step shows it beside the file; the host still hears about it.
      k.host.dispatchEvent(
        new FinHubErrorEvent({
          step: 'documents',
          code: failure.code,
          message: errorMessage(failure.code),
          recoverable: true,
          ...failure.source,
        }),
      );
    }
    throw error;
  }
}

/** Sends the consents FinHub does not hold yet, in the order §5.4 gives, then moves on. */
export function acceptConsents(k: FlowKernel, versions: Record<ConsentKind, string>): void {
  if (k.c.busy || k.c.current !== 'consents') return;
  const attempt = () =>
    k.perform('consents', 'person', attempt, async (context) => {
      if (k.s.consentsUnsure) {
        // The last consent's outcome is unknown: ask FinHub which it holds (§5.5) rather than
        // send one twice (§9).
        const check = await k.backend().checkActivation(context);
        const held = planResume(check).acceptedConsents;
        k.c.acceptedConsents = new Set([...k.c.acceptedConsents, ...held]);
        k.s.consentsUnsure = false;
      }
      const acceptedAt = new Date().toISOString();
      for (const kind of CONSENT_KINDS) {
        if (k.c.acceptedConsents.has(kind)) continue;
        try {
          await k.backend().acceptConsent(kind, { version: versions[kind], acceptedAt }, context);
        } catch (error) {
          // Cancelled too (element removed): the relay may still have carried it out.
          k.s.consentsUnsure = outcomeUnknown(error) || context.signal.aborted;
          throw error;
        }
        // Recorded one by one: a retry after a failure sends only what is still missing.
        k.c.acceptedConsents = new Set([...k.c.acceptedConsents, kind]);
      }
      k.advance('person');
    });
  attempt();
}

/**
 * Activates with the code from the email (finhub-api.md §5.6, §7.8). An organization answers
 * `ACTIVATING` while its wallet is provisioned: the step says so and the flow finishes once the
 * wallet is `ACTIVE` (with its IBAN).
 */
export function activate(k: FlowKernel, code: string): void {
  if (k.c.busy || k.c.current !== 'activation' || k.c.activationPhase !== 'ready') return;
  k.c.activationCodeRejected = false;
  const attempt = () =>
    k.perform('activation', 'person', attempt, async (context) => {
      let outcome: ActivationOutcome;
      try {
        outcome = await k.backend().activate(code, context);
      } catch (error) {
        // An earlier attempt's answer was lost (§9): FinHub's 409 now says that attempt activated.
        if (!k.s.activationUnsure || toFailure(error).code !== 'conflict') {
          k.s.activationUnsure = outcomeUnknown(error) || context.signal.aborted;
          throw error;
        }
        // The IBAN went with the lost answer: a company's comes from its wallet (polled below),
        // a person's is not to be had again (§5.6 names no other source).
        outcome = k.c.flow === 'organization' ? {} : { status: 'ACTIVE' };
      }
      k.s.activationUnsure = false;
      k.c.result = outcome;
      if (outcome.status) k.s.lastStatus = outcome.status;
      if (k.c.flow === 'organization' && !isActive(outcome.status)) {
        k.c.activationPhase = 'provisioning';
        k.options.announce?.(
          msg('The company account is activated. We are setting up its wallet and IBAN…'),
        );
        k.withOrg((org) => org.pollWallet(k));
        return;
      }
      k.advance('person');
    });
  attempt();
}

function runSession(k: FlowKernel): void {
  if (k.s.automaticRunning === 'session') return;
  const credentials = k.s.credentials;
  const attempt = () => {
    k.s.automaticRunning = 'session';
    void k
      .perform('session', 'automatic', attempt, async (context) => {
        if (!credentials) {
          throw new FlowError('unauthorized', 'No credentials to sign in.');
        }
        const outcome = await k.backend().openSession(credentials, context);
        // Signed in: the password is not needed again (§3.2; the relay keeps the session).
        k.s.credentials = undefined;
        k.merge(outcome);
        k.advance('automatic');
      })
      .finally(() => {
        if (k.s.automaticRunning === 'session') k.s.automaticRunning = undefined;
      });
  };
  attempt();
}

/** After a resumed sign-in: the readiness check (§5.5) decides the first unfinished step. */
function locate(k: FlowKernel): void {
  if (k.s.automaticRunning === 'session') return;
  k.c.locating = true;
  const attempt = () => {
    k.s.automaticRunning = 'session';
    void k
      .perform('session', 'automatic', attempt, async (context) => {
        const check = await k.backend().checkActivation(context);
        const plan = planResume(check, k.c.machine.data.resumeStep);
        k.c.acceptedConsents = new Set(plan.acceptedConsents);
        if (k.c.flow === 'organization') {
          const org = await k.loadOrg();
          if (await org.landOnPersonnel(k, check, context)) return;
        }
        k.c.locating = false;
        // Landing on activation: this answer is the first readiness check.
        const phase = plan.landing === 'activation' ? noteCheck(k, check) : undefined;
        k.jump('session', plan.completed, plan.landing, 'person');
        if (phase) reportPhase(k, 'checking', phase);
      })
      .finally(() => {
        if (k.s.automaticRunning === 'session') k.s.automaticRunning = undefined;
      });
  };
  attempt();
}

function startVerification(k: FlowKernel): void {
  if (k.s.verifying) return;
  const step = k.c.current;
  const attempt = () => {
    k.s.verifying = true;
    void k
      .perform(step, 'automatic', attempt, async (context) => {
        const info = await k.backend().startVerification(context);
        k.c.verification = { ...info, requiredDocuments: [...info.requiredDocuments] };
        k.c.machine.update({ ids: { ...k.c.ids, verificationId: info.verificationId } });
      })
      .finally(() => {
        k.s.verifying = false;
      });
  };
  attempt();
}

/** Keeps what a readiness answer says for the activation screen. */
function noteCheck(k: FlowKernel, check: ActivationCheck): ActivationPhase {
  let phase: ActivationPhase;
  const status = check.status?.trim().toUpperCase();
  // An organization activated earlier: its wallet is (being) set up (§7.8, §10).
  if (status === 'ACTIVATING' || status === 'ACTIVE') phase = 'provisioning';
  else if (check.allowed) phase = 'ready';
  else if (isRejected(check.verificationStatus)) phase = 'rejected';
  // Verified and agreed, yet not allowed (e.g. already active, §5.5): waiting will not help.
  else if (check.verificationOk === true && check.consentOk === true) phase = 'blocked';
  else phase = 'pending';
  k.c.activationPhase = phase;
  return phase;
}

/** Tells the person (live region) and the host (`finhub-error`) what a new phase means. */
function reportPhase(k: FlowKernel, before: ActivationPhase, phase: ActivationPhase): void {
  if (phase === before) return;
  if (phase === 'ready') {
    k.options.announce?.(
      msg('Your documents are verified. Enter the activation code from your email.'),
    );
  } else if (phase === 'rejected' || phase === 'blocked') {
    const code = phase === 'rejected' ? 'verification_rejected' : 'unprocessable';
    k.host.dispatchEvent(
      new FinHubErrorEvent({
        step: 'activation',
        code,
        message: errorMessage(code),
        recoverable: false,
      }),
    );
  }
}

/**
 * Polls the readiness check with backoff until activation is allowed (or the verification is
 * rejected). Stops when the element is removed (its signal aborts); `enter` starts it again
 * when the element comes back.
 */
function poll(k: FlowKernel): void {
  if (k.s.polling || k.c.result) return;
  // Decided already (a resume's check, or an earlier poll): nothing to wait for.
  if (k.c.activationPhase !== 'checking' && k.c.activationPhase !== 'pending') return;
  k.s.polling = true;
  const token = ++k.s.pollToken;
  const context = k.context();
  const delay = k.options.pollDelay ?? defaultPollDelay;
  const run = async () => {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) await wait(delay(attempt - 1), context.signal);
      let check: ActivationCheck;
      try {
        check = await k.backend().checkActivation(context);
      } catch (error) {
        if (context.signal.aborted) return;
        const failure = toFailure(error);
        // A blip while waiting is not worth a banner: try again on the next tick, and no sooner
        // than a 429's Retry-After asks (§8).
        if (failure.retryable && attempt < 6) {
          await honourRetryAfter(failure.retryAfter, context.signal);
          continue;
        }
        k.fail('activation', error, () => poll(k));
        return;
      }
      if (token !== k.s.pollToken) return;
      const before = k.c.activationPhase;
      const phase = noteCheck(k, check);
      k.host.requestUpdate();
      reportPhase(k, before, phase);
      if (phase !== 'pending') return;
    }
  };
  void run()
    .catch(() => undefined) // only the abort of `wait` reaches here
    .finally(() => {
      if (token === k.s.pollToken) k.s.polling = false;
      k.host.requestUpdate();
      if (token === k.s.pollToken && k.c.activationPhase === 'provisioning') {
        k.withOrg((org) => org.pollWallet(k));
      }
    });
}
