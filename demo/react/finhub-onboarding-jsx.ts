// Types for `<finhub-onboarding>` in React 19 JSX without the wrapper. A TypeScript app declares
// this once (the wrapper, `finhub-onboarding/react`, needs none of it).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  FinHubCompleteEvent,
  FinHubErrorEvent,
  FinHubFetchToken,
  FinHubOnboarding,
  FinHubPrefill,
  FinHubReadyEvent,
  FinHubSignInRequestEvent,
  FinHubStepChangeEvent,
  FinHubStepCompleteEvent,
  FinHubTheme,
  FlowKind,
} from '../../src/index.js';

export interface FinHubOnboardingJsxProps extends DetailedHTMLProps<
  HTMLAttributes<FinHubOnboarding>,
  FinHubOnboarding
> {
  flow?: FlowKind;
  'token-url'?: string;
  'api-base'?: string;
  'tenant-id'?: string;
  'device-id'?: string;
  locale?: string;
  category?: string;
  theme?: FinHubTheme;
  /** Properties (React 19 sets them as properties because the element has them). */
  fetchToken?: FinHubFetchToken;
  prefill?: FinHubPrefill;
  'onfinhub-ready'?: (event: FinHubReadyEvent) => void;
  'onfinhub-step-change'?: (event: FinHubStepChangeEvent) => void;
  'onfinhub-step-complete'?: (event: FinHubStepCompleteEvent) => void;
  'onfinhub-complete'?: (event: FinHubCompleteEvent) => void;
  'onfinhub-error'?: (event: FinHubErrorEvent) => void;
  'onfinhub-sign-in-request'?: (event: FinHubSignInRequestEvent) => void;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX types live in a namespace
  namespace JSX {
    interface IntrinsicElements {
      'finhub-onboarding': FinHubOnboardingJsxProps;
    }
  }
}
