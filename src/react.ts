/**
 * `finhub-onboarding/react`: `<FinHubOnboarding>` for React 18 and 19, made with
 * `@lit/react`, with typed event props. Importing this entry registers `<finhub-onboarding>`
 * (guarded: it warns instead of throwing when the tag is already taken, and does nothing where
 * there is no `customElements`, e.g. during server rendering).
 *
 * React 19 can also use the tag directly (`<finhub-onboarding onfinhub-ready={…}>`); the wrapper
 * adds camel-case event props and types.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { FinHubOnboarding as FinHubOnboardingElement } from './element/finhub-onboarding.js';
import { defineOnce } from './element/define-once.js';
import type {
  FinHubCompleteEvent,
  FinHubErrorEvent,
  FinHubReadyEvent,
  FinHubSignInRequestEvent,
  FinHubStepChangeEvent,
  FinHubStepCompleteEvent,
} from './events/index.js';

// Registered in this file rather than by importing `./define.js`, so the call stays in this entry
// and the shared chunks the bundler splits out remain free of side effects (`sideEffects`).
defineOnce('finhub-onboarding', FinHubOnboardingElement);

/** Event props of `<FinHubOnboarding>` (React) and the `finhub-*` events they listen to. */
export const finHubOnboardingEvents = {
  onReady: 'finhub-ready' as EventName<FinHubReadyEvent>,
  onStepChange: 'finhub-step-change' as EventName<FinHubStepChangeEvent>,
  onStepComplete: 'finhub-step-complete' as EventName<FinHubStepCompleteEvent>,
  onComplete: 'finhub-complete' as EventName<FinHubCompleteEvent>,
  onError: 'finhub-error' as EventName<FinHubErrorEvent>,
  onSignInRequest: 'finhub-sign-in-request' as EventName<FinHubSignInRequestEvent>,
};

/**
 * `<finhub-onboarding>` as a React component (the element class is `FinHubOnboardingElement`). Attributes become camel-case props (`tokenUrl`,
 * `apiBase`, `deviceId`, …), `fetchToken` and `prefill` are set as properties, and events arrive
 * through `onReady`, `onStepChange`, `onStepComplete`, `onComplete`, `onError`, `onSignInRequest`.
 */
export const FinHubOnboarding = createComponent({
  react: React,
  tagName: 'finhub-onboarding',
  elementClass: FinHubOnboardingElement,
  events: finHubOnboardingEvents,
  displayName: 'FinHubOnboarding',
});

/** Props of `<FinHubOnboarding>` (React). */
export type FinHubOnboardingProps = React.ComponentProps<typeof FinHubOnboarding>;

export { FinHubOnboardingElement };
