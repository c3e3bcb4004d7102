// Side-effect-free entry: classes, errors and types. Import `finhub-onboarding/define` to register the tag.
export { FinHubOnboarding } from './components/finhub-onboarding/finhub-onboarding.js';
export { FinHubApiError, isFinHubApiError } from './api/errors.js';
export type { FinHubErrorCode, FieldError } from './api/errors.js';
