export { FinHubReadyEvent, type FinHubReadyDetail } from './finhub-ready.js';
export { FinHubStepChangeEvent, type FinHubStepChangeDetail } from './finhub-step-change.js';
export { FinHubStepCompleteEvent, type FinHubStepCompleteDetail } from './finhub-step-complete.js';
export { FinHubCompleteEvent, type FinHubCompleteDetail } from './finhub-complete.js';
export {
  FinHubErrorEvent,
  type FinHubErrorDetail,
  type FinHubErrorEventCode,
} from './finhub-error.js';
export {
  FinHubSignInRequestEvent,
  type FinHubSignInRequestDetail,
} from './finhub-sign-in-request.js';
export {
  FinHubHandoffCompleteEvent,
  FinHubHandoffStartEvent,
  type FinHubHandoffCompleteDetail,
  type FinHubHandoffStartDetail,
} from './finhub-handoff.js';
