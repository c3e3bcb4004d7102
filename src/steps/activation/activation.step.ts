/**
 * Activation (docs/finhub-contract.md#readiness-check,
 * docs/finhub-contract.md#individual-activation, #organization-activation): waits while FinHub reviews the documents, then asks
 * for the code from the email; a company's wallet is then provisioned before the flow finishes.
 */
import { msg } from '@lit/localize';
import { defineStep } from '../../flow/definitions.js';
import type { ActivationOutcome } from '../../flow/backend.js';

/**
 * Where activation is: checking readiness, waiting for KYC, asking for the code… and, for an
 * organization, `provisioning`: activated, its wallet being set up
 * (docs/finhub-contract.md#organization-activation `ACTIVATING`).
 */
export type ActivationPhase =
  'checking' | 'pending' | 'ready' | 'rejected' | 'blocked' | 'provisioning';

/** Phases the entry work waits through (the readiness check, then a company's wallet). */
const WAITING: readonly ActivationPhase[] = ['checking', 'pending', 'provisioning'];

export interface ActivationSlice {
  phase: ActivationPhase;
  /** The last activation code was refused. */
  codeRejected: boolean;
  /** An activation may have gone through without our knowing (answer lost, request cancelled). */
  unsure: boolean;
  /** What activation returned (IBAN, wallet). */
  account?: ActivationOutcome;
}

export const activation = defineStep<ActivationSlice, string>({
  id: 'activation',
  title: () => msg('Activation'),
  tag: 'finhub-step-activation',
  load: () => import('./activation.lazy.js'),
  slice: () => ({ phase: 'checking', codeRejected: false, unsure: false }),
  // Polls until the code can be entered (or, for a company, its wallet is ready).
  entry: (_data, slice) => WAITING.includes(slice.phase) && 'quiet',
});
