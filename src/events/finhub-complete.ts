import type { FlowIds, FlowKind } from '../flow/types.js';

export interface FinHubCompleteDetail {
  flow: FlowKind;
  ids: FlowIds;
  /**
   * Final status FinHub reported (e.g. `ACTIVE`, `ACTIVATED`; docs/finhub-contract.md#statuses).
   * Opaque.
   */
  status: string;
}

/** Fired once when the whole onboarding is done. */
export class FinHubCompleteEvent extends CustomEvent<FinHubCompleteDetail> {
  static readonly eventName = 'finhub-complete';

  constructor(detail: FinHubCompleteDetail) {
    super(FinHubCompleteEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'finhub-complete': FinHubCompleteEvent;
  }
}
