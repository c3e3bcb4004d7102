/**
 * Events a step element sends to the shell. Internal: they bubble inside the shell's shadow root
 * but are not `composed`, so the host page never sees them (it gets the public `finhub-*` ones).
 */
import type { FlowKind, StepId } from '../../flow/types.js';
import type { IndividualRegistrationDraft } from '../registration/individual-registration.schema.js';

/** The person confirmed the step; `value` is the step's validated result. */
export class StepSubmitEvent<TValue> extends Event {
  static readonly eventName = 'finhub-step-submit';
  readonly value: TValue;

  constructor(value: TValue) {
    super(StepSubmitEvent.eventName, { bubbles: true, composed: false });
    this.value = value;
  }
}

/** The person asked to go back one step. */
export class StepBackEvent extends Event {
  static readonly eventName = 'finhub-step-back';

  constructor() {
    super(StepBackEvent.eventName, { bubbles: true, composed: false });
  }
}

/** A message for the shell's polite live region. */
export class StepAnnounceEvent extends Event {
  static readonly eventName = 'finhub-step-announce';
  readonly message: string;

  constructor(message: string) {
    super(StepAnnounceEvent.eventName, { bubbles: true, composed: false });
    this.message = message;
  }
}

/**
 * What the person has typed so far (never passwords), so it survives going back and forth.
 * `TDraft` is the sending step's draft type (the individual registration's by default).
 */
export class StepDraftEvent<TDraft extends object = IndividualRegistrationDraft> extends Event {
  static readonly eventName = 'finhub-step-draft';
  readonly draft: TDraft;

  constructor(draft: TDraft) {
    super(StepDraftEvent.eventName, { bubbles: true, composed: false });
    this.draft = draft;
  }
}

/** The person chose "Sign in instead" on a duplicate email. */
export class StepSignInEvent extends Event {
  static readonly eventName = 'finhub-step-sign-in';

  constructor() {
    super(StepSignInEvent.eventName, { bubbles: true, composed: false });
  }
}

/**
 * The documents step's phone hand-off started or completed: `toPublic` builds the host's
 * `finhub-handoff-*` event (its class loads with the step, not with the element).
 */
export class StepHandoffEvent extends Event {
  static readonly eventName = 'finhub-step-handoff';

  constructor(readonly toPublic: (where: { flow: FlowKind; step: StepId }) => Event) {
    super(StepHandoffEvent.eventName, { bubbles: true, composed: false });
  }
}
