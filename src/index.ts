// Side-effect-free entry: classes, events, errors and types. Import `finhub-onboarding/define` to register the tag.
export { FinHubOnboarding } from './element/finhub-onboarding.js';
export type {
  FinHubCategorizationOverrides,
  FinHubCategoryLabels,
  FinHubConsents,
  FinHubFetchToken,
  FinHubPrefill,
  FinHubResume,
  FinHubTheme,
} from './element/public-types.js';
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
