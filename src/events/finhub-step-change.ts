import type { StepId } from '../flow/types.js';

export interface FinHubStepChangeDetail {
  from: StepId;
  to: StepId;
}

/** Fired once per transition from one step to another (forward, back or resume). */
export class FinHubStepChangeEvent extends CustomEvent<FinHubStepChangeDetail> {
  static readonly eventName = 'finhub-step-change';

  constructor(detail: FinHubStepChangeDetail) {
    super(FinHubStepChangeEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'finhub-step-change': FinHubStepChangeEvent;
  }
}
