/**
 * What loads when the step is reached, one chunk: its element, its work, and how the element
 * renders it (docs/architecture.md#how-a-step-is-built).
 */
import { html } from 'lit';
import type { RenderContext } from '../../flow/definitions.js';
import type { PersonnelSlice } from './personnel.step.js';

export { FinHubPersonnelStep as view } from './personnel-view.js';
export { work } from './personnel.work.js';

export const render = (c: RenderContext<PersonnelSlice>) =>
  html`<finhub-step-personnel
    exportparts=${c.parts}
    .saved=${c.slice.saved}
    .sent=${c.slice.sent}
    .rowErrors=${c.slice.rowErrors}
    ?busy=${c.busy}
    ?can-go-back=${c.canGoBack}
    locale=${c.locale}
    admin-email=${c.data.email ?? ''}
  ></finhub-step-personnel>`;
