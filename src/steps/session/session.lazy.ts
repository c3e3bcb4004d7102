/** What loads when the step is reached: its element and its work (one chunk). */
export { FinHubSignInStep as view } from './sign-in-view.js';
export { work } from './session.work.js';
