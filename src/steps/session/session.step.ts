/**
 * The session (docs/finhub-contract.md#customer-session,
 * docs/finhub-contract.md#organization-user-session): signs in with the credentials just registered, without
 * asking; a person who comes back later signs in on this step's form instead, then lands where
 * they left off.
 */
import { msg } from '@lit/localize';
import type { SessionCredentials } from '../../flow/backend.js';
import { defineStep } from '../../flow/definitions.js';
import type { Failure } from '../../flow/failure.js';

export interface SessionSlice {
  /** Why the last sign-in was refused, shown on the form (worded at each render). */
  error?: Failure | undefined;
  /** After a resumed sign-in: the readiness check that decides where to land is running. */
  locating: boolean;
}

export const session = defineStep<SessionSlice, SessionCredentials>({
  id: 'session',
  locked: false,
  automatic: (data) => data.signInRequired !== true,
  progress: () => msg('Signing you in…'),
  // A noun here ("Prisijungimas"), unlike the sign-in step's button (a verb).
  title: () => msg('Sign in', { id: 'step.session', desc: 'Name of the sign-in step (a noun)' }),
  tag: 'finhub-step-sign-in',
  load: () => import('./session.lazy.js'),
  slice: () => ({ locating: false }),
  // Signs in by itself, or finds where a returning person left off.
  entry: (data, slice) => (data.signInRequired !== true || slice.locating) && 'busy',
});
