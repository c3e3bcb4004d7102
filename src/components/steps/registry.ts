/**
 * Which element shows which step, loaded with dynamic `import()` the first time it is needed so
 * the first screen stays small (DESIGN §5). Step classes have no side effects; the tag is
 * registered here, guarded, when the module arrives.
 */
import type { FlowKind, StepId } from '../../flow/types.js';
import { defineOnce } from '../define-once.js';

export type StepView = 'categorization' | 'individual-registration' | 'progress' | 'placeholder';

export const STEP_TAGS: Record<StepView, string> = {
  categorization: 'finhub-step-categorization',
  'individual-registration': 'finhub-step-individual-registration',
  progress: 'finhub-step-progress',
  placeholder: 'finhub-step-placeholder',
};

const loaders: Record<StepView, () => Promise<CustomElementConstructor>> = {
  categorization: async () => (await import('./categorization-step.js')).FinHubCategorizationStep,
  'individual-registration': async () =>
    (await import('./individual-registration-step.js')).FinHubIndividualRegistrationStep,
  progress: async () => (await import('./progress-step.js')).FinHubProgressStep,
  placeholder: async () => (await import('./placeholder-step.js')).FinHubPlaceholderStep,
};

/** The view for a step; automatic steps show progress. */
export function viewFor(flow: FlowKind, step: StepId, automatic: boolean): StepView {
  if (automatic) return 'progress';
  if (step === 'categorization') return 'categorization';
  if (step === 'registration' && flow === 'individual') return 'individual-registration';
  return 'placeholder';
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
