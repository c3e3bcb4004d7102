// Side-effect-free entry: classes, events, errors and types. Import `finhub-onboarding/define` to register the tag.
export {
  FinHubOnboarding,
  type FinHubCategorizationOverrides,
  type FinHubCategoryLabels,
  type FinHubConsents,
  type FinHubFetchToken,
  type FinHubPrefill,
  type FinHubResume,
  type FinHubTheme,
} from './element/finhub-onboarding.js';
export * from './events/index.js';
export { FinHubApiError, isFinHubApiError } from './api/errors.js';
export type { FinHubErrorCode, FieldError } from './api/errors.js';
export type {
  CategorizationDetails,
  CategorizationProblem,
  CategorizationProblemReason,
} from './api/categorization.js';
export type {
  FlowKind,
  StepId,
  IndividualStepId,
  OrganizationStepId,
  FlowIds,
  CategoryOption,
} from './flow/types.js';
export type {
  Gender,
  IndividualRegistrationValues,
} from './steps/registration/individual-registration.schema.js';
