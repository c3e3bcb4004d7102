/**
 * Where a person who comes back lands, from the readiness check
 * (docs/finhub-contract.md#readiness-check) and the host's resume object. Pure functions, no DOM.
 *
 * FinHub's verification statuses are not fully documented
 * (docs/finhub-contract.md#statuses, #approval): `INITIATED`/`PENDING` read as "documents still to
 * come", `IN_PROGRESS` and review-like values as "documents in", and anything unknown defers to the
 * host's resume object (its last completed step). A status that says there is no verification, or
 * one that was decided, always wins over the host's hint.
 */
import { CONSENT_KINDS, type ActivationCheck, type ConsentKind, type StepId } from './types.js';

/**
 * `terms` / `TERMS_AND_CONDITIONS` / `TERMS` → `terms` (docs/finhub-contract.md#consents path names
 * vs stored names).
 */
export function consentKindOf(value: string): ConsentKind | undefined {
  const name = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if (name === 'TERMS' || name === 'TERMS_AND_CONDITIONS') return 'terms';
  if (name === 'PRIVACY' || name === 'PRIVACY_POLICY') return 'privacy';
  if (name === 'DATA_PROCESSING') return 'data-processing';
  return undefined;
}

const NOT_STARTED = new Set(['NOT_STARTED', 'NONE', 'NOT_FOUND']);
const IN_REVIEW = new Set([
  'IN_PROGRESS',
  'IN_REVIEW',
  'UNDER_REVIEW',
  'SUBMITTED',
  'PENDING_REVIEW',
  'PENDING_APPROVAL',
  'PROCESSING',
]);
const DECIDED = new Set(['APPROVED', 'REJECTED', 'DECLINED']);

/**
 * The individual steps after the sign-in, in FinHub's order
 * (docs/finhub-contract.md#individual-flow).
 */
const AFTER_SESSION = ['verification', 'documents', 'consents', 'activation'] as const;
type AfterSession = (typeof AFTER_SESSION)[number];

export interface ResumePlan {
  /** The first unfinished step. */
  landing: AfterSession;
  /** Steps to count as done (the session included). */
  completed: StepId[];
  /** Consents FinHub already holds: never sent again. */
  acceptedConsents: ConsentKind[];
}

export function isRejected(status: string | undefined): boolean {
  const value = status?.toUpperCase();
  return value === 'REJECTED' || value === 'DECLINED';
}

export function planResume(check: ActivationCheck, resumeStep?: StepId): ResumePlan {
  const status = check.verificationStatus?.trim().toUpperCase() || undefined;
  const hinted = resumeStep ? AFTER_SESSION.indexOf(resumeStep as AfterSession) : -1;
  const hostSays = (step: AfterSession) => hinted >= AFTER_SESSION.indexOf(step);

  const decided = check.verificationOk === true || (status !== undefined && DECIDED.has(status));
  const started =
    decided || (status !== undefined ? !NOT_STARTED.has(status) : hostSays('verification'));
  const documentsDone =
    decided ||
    (status !== undefined && IN_REVIEW.has(status)) ||
    // PENDING may stay PENDING after uploads ([R]); the host knows whether they happened.
    (started && hostSays('documents'));
  const missing = new Set(check.missingConsents);
  const consentsDone =
    check.consentOk ?? (missing.size === 0 && hostSays('consents') ? true : false);
  const acceptedConsents = consentsDone
    ? [...CONSENT_KINDS]
    : missing.size > 0
      ? CONSENT_KINDS.filter((kind) => !missing.has(kind))
      : [];

  const landing: AfterSession = !started
    ? 'verification'
    : !documentsDone
      ? 'documents'
      : !consentsDone
        ? 'consents'
        : 'activation';
  const completed: StepId[] = [
    'session',
    ...AFTER_SESSION.slice(0, AFTER_SESSION.indexOf(landing)),
  ];
  return { landing, completed, acceptedConsents };
}

/**
 * Organizations (docs/finhub-contract.md#organization-flow): whether the people step still has to
 * run after a resumed sign-in. The host's resume object says so when it has one (its last completed
 * step comes before personnel); without it, a KYB already started or a director on file
 * (docs/finhub-contract.md#directors, the one list FinHub documents) says the people were saved.
 * Employees and shareholders have no v2.1 list to check.
 */
export function personnelPending(
  check: ActivationCheck,
  resumeStep: StepId | undefined,
  directorCount: number,
): boolean {
  if (resumeStep === 'categorization' || resumeStep === 'registration') return true;
  if (resumeStep) return false;
  const status = check.verificationStatus?.trim().toUpperCase() || undefined;
  const started =
    check.verificationOk === true || (status !== undefined && !NOT_STARTED.has(status));
  return !started && directorCount === 0;
}
