import type { FlowKind, StepId } from '../flow/types.js';

export interface FinHubHandoffStartDetail {
  flow: FlowKind;
  step: StepId;
  /** How many documents the phone is asked for. */
  documents: number;
  /** When the code stops being accepted (ISO-8601). Never the code or the link. */
  expiresAt: string;
}

/** "Use my phone": a hand-off code was made and its QR code shown (docs/handoff.md#flow). */
export class FinHubHandoffStartEvent extends CustomEvent<FinHubHandoffStartDetail> {
  static readonly eventName = 'finhub-handoff-start';

  constructor(detail: FinHubHandoffStartDetail) {
    super(FinHubHandoffStartEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

export interface FinHubHandoffCompleteDetail {
  flow: FlowKind;
  step: StepId;
  /** The documentTypes the phone uploaded (never file names or bytes). */
  documentTypes: string[];
}

/** The phone finished: its documents are on FinHub and the computer moves on by itself. */
export class FinHubHandoffCompleteEvent extends CustomEvent<FinHubHandoffCompleteDetail> {
  static readonly eventName = 'finhub-handoff-complete';

  constructor(detail: FinHubHandoffCompleteDetail) {
    super(FinHubHandoffCompleteEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'finhub-handoff-start': FinHubHandoffStartEvent;
    'finhub-handoff-complete': FinHubHandoffCompleteEvent;
  }
}
