/**
 * What loads on the partner's hand-off page (src/flows/phone.ts), one chunk: the documents step's
 * element for the phone, its work and render, and what shows once the phone is done.
 */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { RenderContext } from '../../flow/definitions.js';
import { FinHubDocumentsStep } from './documents-view.js';
import { uploaderFor } from './documents.lazy.js';
import type { PhoneDocumentsSlice } from './phone-documents.step.js';
import { requirementsFor } from './requirements.js';

export { work } from './phone-documents.work.js';

/**
 * The documents step on a phone: the same cards, and the primary action finishes the hand-off.
 * @internal
 */
export class FinHubPhoneDocumentsStep extends FinHubDocumentsStep {
  protected override primaryLabel(): string {
    return msg('Send to my computer');
  }
}

export { FinHubPhoneDocumentsStep as view };

/** Why a code gives no access, in words for the person holding the phone. */
function refusalText(code: string): string {
  switch (code) {
    case 'handoff_expired':
      return msg(
        'This code has expired. On your computer, choose "Show a new code" and scan it again.',
      );
    case 'handoff_used':
      return msg(
        'This code has already been used. On your computer, choose "Show a new code" and scan it again.',
      );
    case 'handoff_cancelled':
      return msg(
        'This hand-off was cancelled on your computer. Carry on there, or scan a new code.',
      );
    case 'handoff_complete':
      return msg('Your documents were already sent. Go back to your computer.');
    default:
      return msg('This link is not valid. Scan the QR code on your computer again.');
  }
}

export const render = (c: RenderContext<PhoneDocumentsSlice>) => {
  const { refused, handoff } = c.slice;
  if (refused) {
    return html`<div part="error" class="banner" role="alert">
      <p class="banner-message">${refusalText(refused)}</p>
    </div>`;
  }
  if (!handoff) {
    if (c.entryStatus === 'error') return nothing; // the banner says why, with a retry
    return html`<finhub-step-progress
      exportparts=${c.parts}
      message=${msg('Opening your documents…')}
    ></finhub-step-progress>`;
  }
  return html`<finhub-step-phone-documents
    exportparts=${`${c.parts}, document, dropzone, preview`}
    .requirements=${requirementsFor(
      handoff.documents.map((d) => d.type),
      handoff.flow,
    )}
    .uploader=${uploaderFor(c.act)}
    .uploaded=${c.slice.uploaded}
    ?busy=${c.busy}
  ></finhub-step-phone-documents>`;
};

/** Once the phone has finished: back to the computer, which has moved on by itself. */
export const renderDone = () =>
  html`<div class="done">
    <p>${msg('All done, go back to your computer.')}</p>
    <p class="muted">
      ${msg('Your documents are with your application. You can close this page.')}
    </p>
  </div>`;
