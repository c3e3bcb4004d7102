/** The two onboarding flows as config arrays for `FlowMachine` (finhub-api.md §1.2, §1.3). */
import { FlowMachine, type FlowMachineOptions, type StepConfig } from './machine.js';
import type { FlowIds, FlowKind, StepId } from './types.js';

/**
 * Data every step can read. Ids and choices only: the password the session step needs lives in
 * the controller's memory, never here (this object may be logged or saved for resume).
 */
export interface FlowData {
  flow: FlowKind;
  /** Category code the host preset with the `category` attribute; categorization runs by itself. */
  presetCategory?: string;
  /** Category code chosen (or preset and found). */
  categoryKey?: string;
  ids: FlowIds;
  /**
   * The person's email: the activation call sends it as `userId` (finhub-api.md §5.6) and the
   * activation screen says where the code went. Never the password.
   */
  email?: string;
  /** A resumed onboarding: the session step asks for email and password instead of running alone. */
  signInRequired?: boolean;
  /** The last step the host says was completed (resume object), a hint for where to land. */
  resumeStep?: StepId;
}

const categorization: StepConfig<FlowData> = {
  id: 'categorization',
  automatic: (data) => data.presetCategory !== undefined,
  canGoBack: false,
  locked: false,
};

// Registration creates the customer (§5.1); retrying it is unsafe (§9), so once done it is locked
// and nothing before it can be revisited. Before submitting, the person may change the category.
const registration: StepConfig<FlowData> = { id: 'registration', canGoBack: true, locked: true };

const personnel: StepConfig<FlowData> = { id: 'personnel', canGoBack: false, locked: true };

// Session signs in with the credentials just entered (§3.2 / §3.3), without asking; a person who
// resumes later signs in on this step's screen instead.
const session: StepConfig<FlowData> = {
  id: 'session',
  automatic: (data) => data.signInRequired !== true,
  canGoBack: false,
  locked: false,
};

// Verification creates a verification record (§6.1) and documents are submitted for review
// (§6.2): going back would create duplicates.
const verification: StepConfig<FlowData> = { id: 'verification', canGoBack: false, locked: true };
const documents: StepConfig<FlowData> = { id: 'documents', canGoBack: false, locked: true };
const consents: StepConfig<FlowData> = { id: 'consents', canGoBack: false, locked: true };
const activation: StepConfig<FlowData> = { id: 'activation', canGoBack: false, locked: true };

export const INDIVIDUAL_STEPS: readonly StepConfig<FlowData>[] = [
  categorization,
  registration,
  session,
  verification,
  documents,
  consents,
  activation,
];

export const ORGANIZATION_STEPS: readonly StepConfig<FlowData>[] = [
  categorization,
  registration,
  personnel,
  session,
  verification,
  documents,
  consents,
  activation,
];

export function stepsFor(flow: FlowKind): readonly StepConfig<FlowData>[] {
  return flow === 'organization' ? ORGANIZATION_STEPS : INDIVIDUAL_STEPS;
}

export interface CreateFlowOptions extends FlowMachineOptions {
  presetCategory?: string;
  ids?: FlowIds;
  /** Start at the sign-in (resume): categorization and registration count as done. */
  signIn?: { resumeStep?: StepId; email?: string };
}

export function createFlowMachine(
  flow: FlowKind,
  options: CreateFlowOptions = {},
): FlowMachine<FlowData> {
  const data: FlowData = { flow, ids: { ...options.ids } };
  if (options.presetCategory) data.presetCategory = options.presetCategory;
  let completed = options.completed;
  if (options.signIn) {
    data.signInRequired = true;
    if (options.signIn.resumeStep) data.resumeStep = options.signIn.resumeStep;
    if (options.signIn.email) data.email = options.signIn.email;
    // Everything before the session happened in an earlier visit (the ids prove it); the
    // machine ignores `personnel` for individuals.
    const before: StepId[] = ['categorization', 'registration', 'personnel'];
    completed = [...before, ...(completed ?? [])];
  }
  return new FlowMachine(stepsFor(flow), data, { ...options, completed });
}
