/** What loads when the step is reached: its element and its work (one chunk). */
export { FinHubConsentsStep as view } from './consents-view.js';
export { work } from './consents.work.js';
