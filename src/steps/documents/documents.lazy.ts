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
import { requirementsFor } from './requirements.js';

export { FinHubDocumentsStep as view } from './documents-view.js';
export { work } from './documents.work.js';

type Uploader = (
  upload: DocumentUpload,
  options?: DocumentUploadOptions,
) => Promise<{ documentId: string }>;

// One uploader per element (its `act`), so the view's property stays the same across renders.
const uploaders = new WeakMap<RenderContext<DocumentsSlice>['act'], Uploader>();
function uploaderFor(act: RenderContext<DocumentsSlice>['act']): Uploader {
  let uploader = uploaders.get(act);
  if (!uploader) {
    uploader = (upload, options = {}) => act((context) => uploadDocument(upload, options, context));
    uploaders.set(act, uploader);
  }
  return uploader;
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
    ?busy=${c.busy}
  ></finhub-step-documents>`;
};
