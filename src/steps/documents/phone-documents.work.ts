/**
 * The phone's documents work (docs/handoff.md#flow): exchange the code from the page's address,
 * upload as on the computer (documents.work.ts), complete the hand-off on Continue.
 */
import { isFinHubApiError } from '../../api/api-error.js';
import { readHandoffCode } from '../../api/handoff-protocol.js';
import type { PhoneBackend } from '../../flow/backend.js';
import type { StepWork } from '../../flow/definitions.js';
import { toFailure } from '../../flow/failure.js';
import type { DocumentsStepValue } from './documents-view.js';
import type { PhoneDocumentsSlice } from './phone-documents.step.js';

/** Refusals that mean this code gives no access, whatever is tried again (docs/handoff.md#refusals). */
export const CODE_REFUSALS = [
  'handoff_unknown',
  'handoff_expired',
  'handoff_used',
  'handoff_cancelled',
  'handoff_complete',
] as const;

const relayCodeOf = (error: unknown): string | undefined =>
  isFinHubApiError(error) && 'relayCode' in error && typeof error.relayCode === 'string'
    ? error.relayCode
    : undefined;

export const work: StepWork<PhoneDocumentsSlice, DocumentsStepValue, PhoneBackend> = {
  async enter(context) {
    const code = readHandoffCode(context.settings.handoffLink ?? '');
    if (!code) return { slice: { refused: 'handoff_unknown' } };
    try {
      const handoff = await context.backend.exchangeHandoff(code, context);
      const ids = handoff.organizationId
        ? { organizationId: handoff.organizationId }
        : { customerId: handoff.customerId ?? '' };
      return {
        slice: { handoff },
        ids: { ...ids, verificationId: handoff.verificationId },
        data: { verification: { requiredDocuments: handoff.documents.map((d) => d.type) } },
      };
    } catch (error) {
      const refusal = relayCodeOf(error);
      if (!refusal || !(CODE_REFUSALS as readonly string[]).includes(refusal)) throw error;
      // No access, and nothing to retry: the step says why and the host hears it.
      context.reportError(toFailure(error), false);
      return { slice: { refused: refusal } };
    }
  },

  async submit({ documents }, context) {
    try {
      await context.backend.completeHandoff(context);
    } catch (error) {
      // Cancelled on the computer meanwhile: the step says so instead of a banner.
      const refusal = relayCodeOf(error);
      if (refusal === 'handoff_cancelled' || refusal === 'handoff_expired') {
        return { slice: { refused: refusal } };
      }
      throw error;
    }
    const uploaded = { ...context.slice.uploaded };
    for (const doc of documents) {
      uploaded[doc.requirement] = { documentId: doc.documentId, fileName: doc.fileName };
    }
    return { slice: { uploaded }, next: true };
  },
};
