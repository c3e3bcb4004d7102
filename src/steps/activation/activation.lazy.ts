/** What loads when the step is reached: its element and its work (one chunk). */
export { FinHubActivationStep as view } from './activation-view.js';
export { work } from './activation.work.js';
