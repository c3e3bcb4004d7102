/**
 * What loads when the step is reached, one chunk: its element, its work, and how the element
 * renders it (docs/architecture.md#how-a-step-is-built).
 */
import { html } from 'lit';
import type { RenderContext } from '../../flow/definitions.js';
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
