/**
 * The consents' work: each one FinHub does not hold yet, in the order
 * docs/finhub-contract.md#consents gives.
 */
import type { StepWork } from '../../flow/definitions.js';
import { outcomeUnknown } from '../../flow/failure.js';
import { planResume } from '../../flow/resume.js';
import { CONSENT_KINDS, type ConsentKind } from '../../flow/types.js';
import { consentKey, resolveConsentDocuments } from './consent-documents.js';
import type { ConsentsSlice } from './consents.step.js';
import type { ConsentValues } from './consents.schema.js';

const allHeld = (held: readonly ConsentKind[] | undefined) =>
  CONSENT_KINDS.every((kind) => held?.includes(kind));

export const work: StepWork<ConsentsSlice, ConsentValues> = {
  /** FinHub holds all three already (a resumed onboarding): nothing to ask. */
  async enter(context) {
    return allHeld(context.data.consentsHeld) ? { next: true } : undefined;
  },

  async submit(accepted, context) {
    if (!CONSENT_KINDS.every((kind) => accepted[kind])) return;
    const documents = resolveConsentDocuments(context.settings.consents);
    const held = () => context.data.consentsHeld ?? [];
    if (context.slice.unsure) {
      // The last consent's outcome is unknown: ask FinHub which it holds
      // (docs/finhub-contract.md#readiness-check) rather than send one twice
      // (docs/finhub-contract.md#retries-and-idempotency).
      const check = await context.backend.checkActivation(context);
      const known = planResume(check).acceptedConsents;
      context.update({
        data: { consentsHeld: [...new Set([...held(), ...known])] },
        slice: { unsure: false },
      });
    }
    const acceptedAt = new Date().toISOString();
    for (const kind of CONSENT_KINDS) {
      if (held().includes(kind)) continue;
      const consent = { version: documents[consentKey(kind)].version, acceptedAt };
      try {
        await context.backend.acceptConsent(kind, consent, context);
      } catch (error) {
        // Cancelled too (element removed): the relay may still have carried it out.
        context.update({ slice: { unsure: outcomeUnknown(error) || context.signal.aborted } });
        throw error;
      }
      // Recorded one by one: a retry after a failure sends only what is still missing.
      context.update({ data: { consentsHeld: [...held(), kind] } });
    }
    return { next: true };
  },
};
