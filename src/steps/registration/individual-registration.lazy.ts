/** What loads when the step is reached: its element and its work (one chunk). */
export { FinHubIndividualRegistrationStep as view } from './individual-registration-view.js';
export { individualWork as work } from './registration.work.js';
