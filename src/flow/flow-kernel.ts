/**
 * What the lazily loaded step handlers (step-handlers.ts, organization-handlers.ts) work with: the
 * flow controller's public state, its private run state and its internals (perform, fail, advance…).
 * Types only: the controller builds the object; the handlers load with the steps after the first
 * screen (DESIGN §5), so the first render does not carry their code.
 */
import type { FlowBackend, SessionCredentials, StepContext, StepOutcome } from './backend.js';
import type {
  FlowController,
  FlowControllerHost,
  FlowControllerOptions,
} from './flow-controller.js';
import type * as OrganizationHandlers from './organization-handlers.js';
import type { StepId } from './types.js';

export type Cause = 'person' | 'automatic' | 'system';

/** The controller's private run state the handlers read and write (reset by `reset()`). */
export interface FlowInternals {
  credentials: SessionCredentials | undefined;
  automaticRunning: StepId | undefined;
  verifying: boolean;
  polling: boolean;
  walletPolling: boolean;
  directorsLoading: boolean;
  directorsLoaded: boolean;
  lastStatus: string | undefined;
  /** A consent may have been recorded without our knowing (lost answer, cancelled request). */
  consentsUnsure: boolean;
  /** The people step's first unsent row may be saved without our knowing (answer lost). */
  personnelUnsure: boolean;
  /** An activation may have gone through without our knowing (answer lost, request cancelled). */
  activationUnsure: boolean;
  /** `docId`s of uploads that may have been stored without our knowing (answer lost). */
  uploadsUnsure: Set<string>;
  // Tokens so a run that was overtaken (reset, newer run) never clears the newer one's state.
  pollToken: number;
  walletToken: number;
}

export interface FlowKernel {
  readonly c: FlowController;
  readonly s: FlowInternals;
  readonly host: FlowControllerHost;
  readonly options: FlowControllerOptions;
  backend(): FlowBackend;
  context(): StepContext;
  personActed(): boolean;
  perform(
    step: StepId,
    cause: Cause,
    retry: () => void,
    work: (context: StepContext) => Promise<void>,
  ): Promise<void>;
  fail(step: StepId, error: unknown, retry: () => void): void;
  advance(cause: Cause): void;
  /** Goes back a step as the person's doing (moves focus), even while a run is busy. */
  back(): void;
  jump(
    from: StepId,
    completed: readonly StepId[],
    to: StepId,
    cause: Cause,
    reopen?: boolean,
  ): void;
  merge(outcome: StepOutcome): void;
  /** The organization's handlers (loaded with these in the organization flow, else on demand). */
  loadOrg(): Promise<typeof OrganizationHandlers>;
  /** Runs `run` with the organization's handlers: at once when loaded, else once they are. */
  withOrg(run: (org: typeof OrganizationHandlers) => void): void;
}
