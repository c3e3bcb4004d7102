/** The view a step shows while it runs by itself (and the documents step while it prepares). */
import type { StepView } from '../../flow/definitions.js';

export const PROGRESS_VIEW: StepView = {
  tag: 'finhub-step-progress',
  load: async () => ({ view: (await import('./progress-view.js')).FinHubProgressStep }),
};
