/**
 * The session (finhub-api.md §3.2, §3.3): signs in with the credentials just registered, without
 * asking; a person who comes back later signs in on this step's form instead, then lands where
 * they left off.
 */
import { html } from 'lit';
import { msg } from '@lit/localize';
import type { SessionCredentials } from '../../flow/backend.js';
import { defineStep } from '../../flow/definitions.js';

export interface SessionSlice {
  /** Why the last sign-in was refused, shown on the form. */
  error?: string | undefined;
  /** After a resumed sign-in: the readiness check that decides where to land is running. */
  locating: boolean;
}

export const session = defineStep<SessionSlice, SessionCredentials>({
  id: 'session',
  canGoBack: false,
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
  render: (c) =>
    html`<finhub-step-sign-in
      exportparts=${c.parts}
      email=${c.data.email ?? ''}
      error=${c.slice.error ?? ''}
      ?locating=${c.slice.locating}
      ?busy=${c.busy}
    ></finhub-step-sign-in>`,
});
