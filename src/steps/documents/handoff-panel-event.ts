/**
 * What the hand-off panel tells the documents step: apart from the panel, which loads only when the
 * person presses "Use my phone" (documents-view.ts).
 */
import type { HandoffStatus } from '../../api/handoff-protocol.js';

/** What the panel tells the documents step. */
export class HandoffPanelEvent extends Event {
  static readonly eventName = 'finhub-handoff-panel';

  constructor(
    readonly change:
      | { kind: 'started'; expiresAt: string; documents: number }
      | { kind: 'complete'; status: HandoffStatus }
      | { kind: 'closed' },
  ) {
    super(HandoffPanelEvent.eventName, { bubbles: true, composed: false });
  }
}
