/**
 * The verification's work: starting it
 * (docs/finhub-contract.md#individual-verification, #create-verification, #kyb-verification) and
 * moving on once it has.
 */
import type { Patch, StepContext, StepWork } from '../../flow/definitions.js';

/**
 * Starts the verification when none has started (also the documents step's entry work: a resumed
 * onboarding landing there creates it again for its id and list).
 */
export async function startVerification(
  context: StepContext<object>,
): Promise<Patch<object> | undefined> {
  if (context.data.verification) return undefined;
  const info = await context.backend.startVerification(context);
  return {
    ids: { verificationId: info.verificationId },
    data: {
      verification: {
        requiredDocuments: [...info.requiredDocuments],
        ...(info.status ? { status: info.status } : {}),
      },
    },
  };
}

export const work: StepWork<object, null> = {
  enter: startVerification,
  /** The person read which documents are needed and moves on to upload them. */
  async submit(_value, context) {
    return context.data.verification ? { next: true } : undefined;
  },
};
