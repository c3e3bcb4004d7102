/**
 * What loads when the step is reached, one chunk: its element, its work, and how the element
 * renders it (docs/architecture.md#how-a-step-is-built).
 */
import { html, nothing } from 'lit';
import type { RenderContext } from '../../flow/definitions.js';
import type { CategorizationSlice } from './categorization.step.js';

export { FinHubCategorizationStep as view } from './categorization-view.js';
export { work } from './categorization.work.js';

export const render = (c: RenderContext<CategorizationSlice>) =>
  // Categories failed to load: the banner explains and offers a retry.
  !c.data.categories && c.entryStatus !== 'pending'
    ? nothing
    : html`<finhub-step-categorization
        exportparts=${c.parts}
        .categories=${c.data.categories}
        .selected=${c.data.categoryKey}
        ?busy=${c.busy}
        ?can-go-back=${c.canGoBack}
        support-url=${c.settings.supportUrl ?? ''}
        .labels=${c.settings.categoryLabels}
        locale=${c.locale}
        flow=${c.flow.kind}
      ></finhub-step-categorization>`;
