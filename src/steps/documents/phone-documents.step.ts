/**
 * The documents step on the phone (src/flows/phone.ts): the hand-off code exchanged on arrival,
 * then the documents the computer asked for, then the hand-off completed
 * (docs/handoff.md#flow). Its id is `documents`, as on the computer.
 */
import { msg } from '@lit/localize';
import type { PhoneHandoff } from '../../flow/backend.js';
import { defineStep } from '../../flow/definitions.js';
import type { DocumentsSlice } from './documents.step.js';
import type { DocumentsStepValue } from './documents-view.js';
import { withMessages } from '../../localization/localization.js';
import { phoneMessages } from '../../localization/parts/phone.js';

export interface PhoneDocumentsSlice extends DocumentsSlice {
  /** The exchanged hand-off (ids and the documents asked for; its token stays in the backend). */
  handoff?: PhoneHandoff;
  /** Why the code gave no access (the relay's refusal: `handoff_expired`, `handoff_used`, …). */
  refused?: string;
}

export const phoneDocuments = defineStep<PhoneDocumentsSlice, DocumentsStepValue>({
  id: 'documents',
  title: () => msg('Documents'),
  tag: 'finhub-step-phone-documents',
  load: () => withMessages(import('./phone-documents.lazy.js'), phoneMessages),
  slice: () => ({ uploaded: {}, unsure: new Set() }),
  entry: (_data, slice) => !slice.handoff && !slice.refused && 'busy',
});
