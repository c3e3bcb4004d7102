/**
 * Documents (finhub-api.md §5.3, §6.2, §7.6): one card per document the verification asks for,
 * each uploaded on its own; Continue once every one is on FinHub.
 */
import { html } from 'lit';
import { msg } from '@lit/localize';
import type { DocumentUpload, DocumentUploadOptions } from '../../flow/backend.js';
import { defineStep, type RenderContext } from '../../flow/definitions.js';
import { describeDocuments, loadCatalogue } from './describe.js';
import type { DocumentsStepValue } from './documents-view.js';

export interface DocumentsSlice {
  /** Documents uploaded so far, by requirement. */
  uploaded: Record<string, { documentId: string; fileName: string }>;
  /** `docId`s of uploads that may have been stored without our knowing (answer lost). */
  unsure: ReadonlySet<string>;
}

type Uploader = (
  upload: DocumentUpload,
  options?: DocumentUploadOptions,
) => Promise<{ documentId: string }>;

// One uploader per element (its `act`), so the view's property stays the same across renders.
const uploaders = new WeakMap<RenderContext<DocumentsSlice>['act'], Uploader>();
function uploaderFor(act: RenderContext<DocumentsSlice>['act']): Uploader {
  let uploader = uploaders.get(act);
  if (!uploader) {
    uploader = (upload, options = {}) =>
      act(async (context) =>
        (await import('./documents.lazy.js')).uploadDocument(upload, options, context),
      );
    uploaders.set(act, uploader);
  }
  return uploader;
}

export const documents = defineStep<DocumentsSlice, DocumentsStepValue>({
  id: 'documents',
  canGoBack: false,
  locked: true,
  title: () => msg('Documents'),
  tag: 'finhub-step-documents',
  load: async () => {
    const [module] = await Promise.all([import('./documents.lazy.js'), loadCatalogue()]);
    return module;
  },
  slice: () => ({ uploaded: {}, unsure: new Set() }),
  // After a resume: the verification is created again for its id and list.
  entry: (data) => !data.verification && 'busy',
  render: (c) => {
    const requirements = describeDocuments(c.data.verification?.requiredDocuments, c.flow.kind);
    if (!requirements) {
      // Resume: the verification is being created again for its id and list.
      return html`<finhub-step-progress
        exportparts=${c.parts}
        message=${msg('Preparing your document upload…')}
      ></finhub-step-progress>`;
    }
    return html`<finhub-step-documents
      exportparts=${`${c.parts}, document, dropzone, preview`}
      .requirements=${requirements}
      .uploader=${uploaderFor(c.act)}
      .uploaded=${c.slice.uploaded}
      ?busy=${c.busy}
    ></finhub-step-documents>`;
  },
});
