/** What loads when the step is reached: its element and its work (one chunk). */
export { FinHubOrganizationRegistrationStep as view } from './organization-registration-view.js';
export { organizationWork as work } from './registration.work.js';
