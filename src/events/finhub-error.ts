import type { CategorizationProblem } from '../api/categorization.js';
import type { FinHubErrorCode } from '../api/errors.js';
import type { StepId } from '../flow/types.js';

/**
 * API error codes plus the element's own: a step module that failed to load, an element set up
 * without `token-url`/`fetchToken` or `api-base`, a verification FinHub rejected.
 */
export type FinHubErrorEventCode =
  FinHubErrorCode | 'step_unavailable' | 'not_configured' | 'verification_rejected';

export interface FinHubErrorDetail {
  step: StepId;
  code: FinHubErrorEventCode;
  /** A message a person can act on (localized). Never contains secrets. */
  message: string;
  /** True when the person can fix it or retry without starting over. */
  recoverable: boolean;
  /**
   * `invalid_response` only: the FinHub endpoint whose answer could not be read, as a path
   * template (`POST /v2.1/verifications`), and the field it lacked or could not read, as a path in
   * the answer (`data.verificationId`; `body` when it was not JSON). Names, never values: no PII.
   */
  endpoint?: string;
  field?: string;
  /**
   * `categorization_unsatisfiable` (found before the person registers) or `categorization_invalid`
   * (FinHub refused it at registration): the category code the person is no longer offered.
   */
  category?: string;
  /** The feature and key of the first problem (all of them in `problems`). */
  feature?: string;
  key?: string;
  /** Why each key cannot be filled (docs/finhub-contract.md#smart-categorization). */
  problems?: readonly CategorizationProblem[];
  /**
   * The `categorizationOverrides` value (property; or the `categorization-overrides` attribute as
   * JSON) that would fix it: `{FEATURE: {key: value}}`, `<value>` where only the host can choose.
   * Empty when no override can help.
   */
  override?: Record<string, Record<string, string>>;
  /** What to change, in English, for the developer (never shown to the person). */
  fix?: string;
}

/** Fired for every error the person sees (banner or field errors from the server). */
export class FinHubErrorEvent extends CustomEvent<FinHubErrorDetail> {
  static readonly eventName = 'finhub-error';

  constructor(detail: FinHubErrorDetail) {
    super(FinHubErrorEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'finhub-error': FinHubErrorEvent;
  }
}
