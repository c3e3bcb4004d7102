/**
 * What loads when the step is reached, one chunk: its element, its work, and how the element
 * renders it (docs/architecture.md#how-a-step-is-built).
 */
import { html } from 'lit';
import type { ActivationOutcome } from '../../flow/backend.js';
import type { RenderContext } from '../../flow/definitions.js';
import type { FlowKind } from '../../flow/types.js';
import { defineOnce } from '../../element/define-once.js';
import { FinHubAccountReady } from './account-ready.js';
import type { ActivationSlice } from './activation.step.js';

export { FinHubActivationStep as view } from './activation-view.js';
export { work } from './activation.work.js';

export const render = (c: RenderContext<ActivationSlice>) =>
  html`<finhub-step-activation
    exportparts=${c.parts}
    flow=${c.flow.kind}
    phase=${c.slice.phase}
    email=${c.data.email ?? ''}
    ?code-rejected=${c.slice.codeRejected}
    ?busy=${c.busy}
  ></finhub-step-activation>`;

/** Once the flow is done: the finish, with the account's IBAN when FinHub gave one. */
export const renderDone = (account: ActivationOutcome | undefined, flow: FlowKind) => {
  defineOnce('finhub-account-ready', FinHubAccountReady); // loaded with this chunk, defined on use
  return html`<finhub-account-ready
    exportparts="button, button-secondary"
    flow=${flow}
    iban=${account?.iban ?? ''}
    currency=${account?.wallet?.currency ?? ''}
  ></finhub-account-ready>`;
};
