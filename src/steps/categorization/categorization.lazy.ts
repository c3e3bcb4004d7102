/** What loads when the step is reached: its element and its work (one chunk). */
export { FinHubCategorizationStep as view } from './categorization-view.js';
export { work } from './categorization.work.js';
