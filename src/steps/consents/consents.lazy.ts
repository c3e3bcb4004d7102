/**
 * What loads when the step is reached, one chunk: its element, its work, and how the element
 * renders it (docs/architecture.md#how-a-step-is-built).
 */
import { html } from 'lit';
import type { RenderContext } from '../../flow/definitions.js';
import { resolveConsentDocuments } from './consent-documents.js';
import type { ConsentsSlice } from './consents.step.js';

export { FinHubConsentsStep as view } from './consents-view.js';
export { work } from './consents.work.js';

export const render = (c: RenderContext<ConsentsSlice>) =>
  html`<finhub-step-consents
    exportparts=${c.parts}
    .documents=${resolveConsentDocuments(c.settings.consents)}
    ?show-versions=${c.settings.consents?.showVersions === true}
    .accepted=${[...(c.data.consentsHeld ?? [])]}
    ?busy=${c.busy}
  ></finhub-step-consents>`;
