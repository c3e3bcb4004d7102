/**
 * What loads when the step is reached, one chunk: its element, its work, and how the element
 * renders it (docs/architecture.md#how-a-step-is-built).
 */
import { html } from 'lit';
import type { RenderContext } from '../../flow/definitions.js';
import { requirementsFor } from '../documents/requirements.js';

export { FinHubVerificationStep as view } from './verification-view.js';
export { work } from './verification.work.js';

export const render = (c: RenderContext<object>) => {
  const required = c.data.verification?.requiredDocuments;
  return html`<finhub-step-verification
    exportparts=${c.parts}
    flow=${c.flow.kind}
    .requirements=${required ? requirementsFor(required, c.flow.kind) : undefined}
    ?busy=${c.busy}
  ></finhub-step-verification>`;
};
