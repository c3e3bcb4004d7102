/**
 * What loads when the step is reached, one chunk: its element, its work, and how the element
 * renders it (docs/architecture.md#how-a-step-is-built).
 */
import { html } from 'lit';
import { msg } from '@lit/localize';
import type { DocumentUpload, DocumentUploadOptions } from '../../flow/backend.js';
import type { RenderContext } from '../../flow/definitions.js';
import type { DocumentsSlice } from './documents.step.js';
import { uploadDocument } from './documents.work.js';
import { handoffControl, type HandoffControl } from './handoff.work.js';
import { requirementsFor } from './requirements.js';

export { FinHubDocumentsStep as view } from './documents-view.js';
export { work } from './documents.work.js';

type Uploader = (
  upload: DocumentUpload,
  options?: DocumentUploadOptions,
) => Promise<{ documentId: string }>;

// One uploader per element (its `act`), so the view's property stays the same across renders.
const uploaders = new WeakMap<RenderContext<DocumentsSlice>['act'], Uploader>();
export function uploaderFor(act: RenderContext<DocumentsSlice>['act']): Uploader {
  let uploader = uploaders.get(act);
  if (!uploader) {
    uploader = (upload, options = {}) => act((context) => uploadDocument(upload, options, context));
    uploaders.set(act, uploader);
  }
  return uploader;
}

// One hand-off control per element and hand-off page.
const controls = new WeakMap<RenderContext<DocumentsSlice>['act'], Map<string, HandoffControl>>();
function handoffFor(c: RenderContext<DocumentsSlice>): HandoffControl | undefined {
  const page = c.settings.handoffUrl;
  if (!page) return undefined;
  let byPage = controls.get(c.act);
  if (!byPage) controls.set(c.act, (byPage = new Map()));
  let control = byPage.get(page);
  if (!control) byPage.set(page, (control = handoffControl(c.act, page)));
  return control;
}

export const render = (c: RenderContext<DocumentsSlice>) => {
  const required = c.data.verification?.requiredDocuments;
  if (!required) {
    // Resume: the verification is being created again for its id and list.
    return html`<finhub-step-progress
      exportparts=${c.parts}
      message=${msg('Preparing your document upload…')}
    ></finhub-step-progress>`;
  }
  return html`<finhub-step-documents
    exportparts=${`${c.parts}, document, dropzone, preview`}
    .requirements=${requirementsFor(required, c.flow.kind)}
    .uploader=${uploaderFor(c.act)}
    .uploaded=${c.slice.uploaded}
    .handoff=${handoffFor(c)}
    ?busy=${c.busy}
  ></finhub-step-documents>`;
};
