/**
 * What the two registration steps (a person's, a company's) share: their slice and where their
 * form starts (docs/architecture.md#steps).
 */
import type { FieldError } from '../../api/api-error.js';

export interface RegistrationSlice<TDraft extends object> {
  /** What the person typed, minus passwords, kept across back and forward. */
  draft: TDraft;
  /** FinHub's field errors from the last attempt (400 `validation_failed`). */
  errors: FieldError[];
  /** The last attempt was refused because the email exists (409). */
  duplicateEmail: boolean;
  /**
   * An earlier attempt's outcome was unknown (timeout, network, 5xx) and the retry met a 409: the
   * account was most likely created by that attempt.
   */
  registeredEarlier: boolean;
  /** An attempt may have registered without our knowing (its answer never came). */
  uncertain: boolean;
}

export const registrationSlice = <TDraft extends object>(): RegistrationSlice<TDraft> => ({
  draft: {} as TDraft, // no field typed yet
  errors: [],
  duplicateEmail: false,
  registeredEarlier: false,
  uncertain: false,
});

/** The host's prefill under the person's draft (what the person typed wins). Never passwords. */
export function startValues<TDraft extends object>(
  prefill: object | undefined,
  draft: TDraft,
): TDraft {
  // Hosts in plain JS could pass passwords: they are dropped, never shown.
  const start: Record<string, unknown> = { ...prefill };
  delete start['password'];
  delete start['matchingPassword'];
  return { ...(start as TDraft), ...draft }; // the host's fields, the draft's over them
}
