/** What loads when the step is reached: its element and its work (one chunk). */
export { FinHubPersonnelStep as view } from './personnel-view.js';
export { work } from './personnel.work.js';
