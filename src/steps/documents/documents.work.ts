/**
 * The documents step's work: each upload (docs/finhub-contract.md#document-upload), and moving on
 * once every one is on FinHub.
 */
import type { DocumentUpload, DocumentUploadOptions } from '../../flow/backend.js';
import type { StepContext, StepWork } from '../../flow/definitions.js';
import { outcomeUnknown, toFailure } from '../../flow/failure.js';
import { startVerification } from '../verification/verification.work.js';
import type { DocumentsSlice } from './documents.step.js';
import type { DocumentsStepValue } from './documents-view.js';

export const work: StepWork<DocumentsSlice, DocumentsStepValue> = {
  enter: startVerification,

  /** Every requirement is uploaded, here or by the phone (ids, types and names only). */
  async submit({ documents, phone }, context) {
    const uploaded = { ...context.slice.uploaded };
    for (const doc of documents) {
      uploaded[doc.requirement] = { documentId: doc.documentId, fileName: doc.fileName };
    }
    return { slice: { uploaded, ...(phone ? { phone } : {}) }, next: true };
  },
};

/**
 * Uploads one checked file to the started verification (docs/finhub-contract.md#document-upload);
 * the view shows how it went.
 */
export async function uploadDocument(
  upload: DocumentUpload,
  options: DocumentUploadOptions,
  context: StepContext<DocumentsSlice>,
): Promise<{ documentId: string }> {
  const resent = context.slice.unsure.has(upload.docId);
  const unsure = (docId: string, value: boolean) => {
    const next = new Set(context.slice.unsure);
    if (value) next.add(docId);
    else next.delete(docId);
    context.update({ slice: { unsure: next } });
  };
  try {
    // An earlier attempt's answer was lost: ask FinHub whether it holds the file before sending it
    // again (docs/finhub-contract.md#retries-and-idempotency: no idempotency key). Where it cannot
    // be asked (an organization), the same `docId` goes again and a 409 says the earlier attempt
    // stored it.
    const held = resent
      ? await context.backend.findDocument?.(upload, {
          ...context,
          signal: options.signal
            ? AbortSignal.any([options.signal, context.signal])
            : context.signal,
        })
      : undefined;
    const result = held ?? (await context.backend.uploadDocument(upload, options, context));
    unsure(upload.docId, false);
    return result;
  } catch (error) {
    const failure = toFailure(error);
    if (resent && failure.code === 'conflict') {
      unsure(upload.docId, false);
      // FinHub's id is not in the 409 we read; the docId is the document's own id
      // (docs/finhub-contract.md#document-upload).
      return { documentId: upload.docId };
    }
    // Cancelled too: the request may have reached FinHub before it was.
    if (outcomeUnknown(error) || failure.code === 'aborted') unsure(upload.docId, true);
    // The view shows it beside the file; the host still hears about it.
    if (failure.code !== 'aborted' && !options.signal?.aborted) context.reportError(failure, true);
    throw error;
  }
}
