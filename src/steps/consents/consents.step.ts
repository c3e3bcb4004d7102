/**
 * Consents (docs/finhub-contract.md#consents): terms, privacy and data processing, each with the host's
 * document and version; all three are required, and those FinHub holds are not sent again.
 */
import { msg } from '@lit/localize';
import { defineStep } from '../../flow/definitions.js';
import { CONSENT_KINDS } from '../../flow/types.js';
import type { ConsentValues } from './consents.schema.js';

export interface ConsentsSlice {
  /** A consent may have been recorded without our knowing (lost answer, cancelled request). */
  unsure: boolean;
}

export const consents = defineStep<ConsentsSlice, ConsentValues>({
  id: 'consents',
  title: () => msg('Agreements'),
  tag: 'finhub-step-consents',
  load: () => import('./consents.lazy.js'),
  slice: () => ({ unsure: false }),
  // FinHub holds all three already (a resumed onboarding): nothing to ask.
  entry: (data) => CONSENT_KINDS.every((kind) => data.consentsHeld?.includes(kind)) && 'quiet',
});
