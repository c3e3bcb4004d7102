import type { FlowKind, StepId } from '../flow/types.js';

export interface FinHubSignInRequestDetail {
  flow: FlowKind;
  step: StepId;
  /**
   * Why: the email given at registration already has an account
   * (docs/finhub-contract.md#individual-registration, 409).
   */
  reason: 'duplicate_email';
}

/**
 * Fired when the person chooses "Sign in instead". The element has no sign-in of its own: the
 * host takes the person to its sign-in page.
 */
export class FinHubSignInRequestEvent extends CustomEvent<FinHubSignInRequestDetail> {
  static readonly eventName = 'finhub-sign-in-request';

  constructor(detail: FinHubSignInRequestDetail) {
    super(FinHubSignInRequestEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'finhub-sign-in-request': FinHubSignInRequestEvent;
  }
}
