import type { FlowIds, FlowKind, StepId } from '../flow/types.js';

export interface FinHubStepCompleteDetail {
  step: StepId;
  flow: FlowKind;
  /** Ids known so far. Never passwords, tokens or document bytes. */
  ids: FlowIds;
}

/** Fired when a step is done (registration accepted, session opened, ...). */
export class FinHubStepCompleteEvent extends CustomEvent<FinHubStepCompleteDetail> {
  static readonly eventName = 'finhub-step-complete';

  constructor(detail: FinHubStepCompleteDetail) {
    super(FinHubStepCompleteEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'finhub-step-complete': FinHubStepCompleteEvent;
  }
}
