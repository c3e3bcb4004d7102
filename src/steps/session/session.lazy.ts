/**
 * What loads when the step is reached, one chunk: its element, its work, and how the element
 * renders it (docs/architecture.md#how-a-step-is-built).
 */
import { html } from 'lit';
import type { RenderContext } from '../../flow/definitions.js';
import { signInText } from './sign-in-text.js';
import type { SessionSlice } from './session.step.js';

export { FinHubSignInStep as view } from './sign-in-view.js';
export { work } from './session.work.js';

export const render = (c: RenderContext<SessionSlice>) =>
  html`<finhub-step-sign-in
    exportparts=${c.parts}
    email=${c.data.email ?? ''}
    error=${c.slice.error ? signInText(c.slice.error) : ''}
    ?locating=${c.slice.locating}
    ?busy=${c.busy}
  ></finhub-step-sign-in>`;
