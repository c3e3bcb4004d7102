/**
 * Which element shows which step, loaded with dynamic `import()` the first time it is needed so
 * the first screen stays small (DESIGN §5). Step classes have no side effects; the tag is
 * registered here, guarded, when the module arrives.
 */
import type { DocumentRequirement } from '../steps/documents/requirements.js';
import type { FlowKind, StepId } from '../flow/types.js';
import { defineOnce } from './define-once.js';

export type StepView =
  | 'categorization'
  | 'individual-registration'
  | 'organization-registration'
  | 'personnel'
  | 'progress'
  | 'sign-in'
  | 'verification'
  | 'documents'
  | 'consents'
  | 'activation';

export const STEP_TAGS: Record<StepView, string> = {
  categorization: 'finhub-step-categorization',
  'individual-registration': 'finhub-step-individual-registration',
  'organization-registration': 'finhub-step-organization-registration',
  personnel: 'finhub-step-personnel',
  progress: 'finhub-step-progress',
  'sign-in': 'finhub-step-sign-in',
  verification: 'finhub-step-verification',
  documents: 'finhub-step-documents',
  consents: 'finhub-step-consents',
  activation: 'finhub-step-activation',
};

type RequirementsModule = typeof import('../steps/documents/requirements.js');

let requirementsModule: RequirementsModule | undefined;

/** The requirement catalogue, loaded with the verification and documents views. */
async function loadRequirements(): Promise<void> {
  requirementsModule ??= await import('../steps/documents/requirements.js');
}

const loaders: Record<StepView, () => Promise<CustomElementConstructor>> = {
  categorization: async () =>
    (await import('../steps/categorization/categorization-view.js')).FinHubCategorizationStep,
  'individual-registration': async () =>
    (await import('../steps/registration/individual-registration-view.js'))
      .FinHubIndividualRegistrationStep,
  'organization-registration': async () =>
    (await import('../steps/registration/organization-registration-view.js'))
      .FinHubOrganizationRegistrationStep,
  personnel: async () => (await import('../steps/personnel/personnel-view.js')).FinHubPersonnelStep,
  progress: async () => (await import('../steps/shared/progress-view.js')).FinHubProgressStep,
  'sign-in': async () => (await import('../steps/session/sign-in-view.js')).FinHubSignInStep,
  verification: async () => {
    const [module] = await Promise.all([
      import('../steps/verification/verification-view.js'),
      loadRequirements(),
    ]);
    return module.FinHubVerificationStep;
  },
  documents: async () => {
    const [module] = await Promise.all([
      import('../steps/documents/documents-view.js'),
      loadRequirements(),
    ]);
    return module.FinHubDocumentsStep;
  },
  consents: async () => (await import('../steps/consents/consents-view.js')).FinHubConsentsStep,
  activation: async () =>
    (await import('../steps/activation/activation-view.js')).FinHubActivationStep,
};

/**
 * What FinHub's `requiredDocuments` codes mean (labels, formats, caps); empty until the
 * verification or documents view has loaded.
 */
export function documentRequirements(
  requiredDocuments: readonly string[],
  kind: FlowKind,
): DocumentRequirement[] {
  return requirementsModule?.requirementsFor([...requiredDocuments], kind) ?? [];
}

/**
 * The view for a step; automatic steps show progress. Both flows share every view after the
 * registration (the flow controller passes `flow` on to the backend and the step's wording).
 */
export function viewFor(flow: FlowKind, step: StepId, automatic: boolean): StepView {
  if (automatic) return 'progress';
  switch (step) {
    case 'registration':
      return flow === 'organization' ? 'organization-registration' : 'individual-registration';
    case 'session':
      return 'sign-in';
    case 'categorization':
    case 'personnel':
    case 'verification':
    case 'documents':
    case 'consents':
    case 'activation':
      return step;
  }
}

const loaded = new Map<StepView, Promise<void>>();

/** Loads and registers a step's element once; a failed load can be retried. */
export function loadStepView(view: StepView): Promise<void> {
  let pending = loaded.get(view);
  if (!pending) {
    pending = loaders[view]().then((constructor) => defineOnce(STEP_TAGS[view], constructor));
    pending.catch(() => loaded.delete(view));
    loaded.set(view, pending);
  }
  return pending;
}
