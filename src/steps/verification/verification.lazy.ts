/** What loads when the step is reached: its element and its work (one chunk). */
export { FinHubVerificationStep as view } from './verification-view.js';
export { work } from './verification.work.js';
