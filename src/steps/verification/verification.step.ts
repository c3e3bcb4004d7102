/**
 * Identity check (finhub-api.md §5.3a, §6.1), or the company's KYB (§7.6): starts the
 * verification and shows the documents it needs, so the person can get them ready.
 */
import { html } from 'lit';
import { msg } from '@lit/localize';
import { defineStep } from '../../flow/definitions.js';
import { describeDocuments, loadCatalogue } from '../documents/describe.js';

export const verification = defineStep<object, null>({
  id: 'verification',
  // Verification creates a verification record (§6.1) and documents are submitted for review
  // (§6.2): going back would create duplicates.
  canGoBack: false,
  locked: true,
  title: () => msg('Identity check'),
  tag: 'finhub-step-verification',
  load: async () => {
    const [module] = await Promise.all([import('./verification.lazy.js'), loadCatalogue()]);
    return module;
  },
  slice: () => ({}),
  entry: (data) => !data.verification && 'busy',
  render: (c) =>
    html`<finhub-step-verification
      exportparts=${c.parts}
      flow=${c.flow.kind}
      .requirements=${describeDocuments(c.data.verification?.requiredDocuments, c.flow.kind)}
      ?busy=${c.busy}
    ></finhub-step-verification>`,
});
