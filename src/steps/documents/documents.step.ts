/**
 * Documents (docs/finhub-contract.md#document-upload): one card per document the verification asks for,
 * each uploaded on its own; Continue once every one is on FinHub.
 */
import { msg } from '@lit/localize';
import { defineStep } from '../../flow/definitions.js';
import type { DocumentsStepValue } from './documents-view.js';

export interface DocumentsSlice {
  /** Documents uploaded so far, by requirement. */
  uploaded: Record<string, { documentId: string; fileName: string }>;
  /** `docId`s of uploads that may have been stored without our knowing (answer lost). */
  unsure: ReadonlySet<string>;
  /** What the phone sent through a hand-off (types and names only), when it did. */
  phone?: ReadonlyArray<{ documentType: string; fileName: string }>;
}

export const documents = defineStep<DocumentsSlice, DocumentsStepValue>({
  id: 'documents',
  title: () => msg('Documents'),
  tag: 'finhub-step-documents',
  load: () => import('./documents.lazy.js'),
  slice: () => ({ uploaded: {}, unsure: new Set() }),
  // After a resume: the verification is created again for its id and list.
  entry: (data) => !data.verification && 'busy',
});
