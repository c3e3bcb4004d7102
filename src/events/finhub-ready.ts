import type { FlowKind, StepId } from '../flow/types.js';

export interface FinHubReadyDetail {
  flow: FlowKind;
  /** The step shown first. */
  step: StepId;
}

/** Fired once, when the element has rendered for the first time. */
export class FinHubReadyEvent extends CustomEvent<FinHubReadyDetail> {
  static readonly eventName = 'finhub-ready';

  constructor(detail: FinHubReadyDetail) {
    super(FinHubReadyEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'finhub-ready': FinHubReadyEvent;
  }
}
