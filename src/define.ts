import { FinHubOnboarding } from './element/finhub-onboarding.js';
import { defineOnce } from './element/define-once.js';

export { FinHubOnboarding };

/** Registers `<finhub-onboarding>`; warns instead of throwing when the tag is already taken. */
export function defineFinHubOnboarding(tagName = 'finhub-onboarding'): void {
  defineOnce(tagName, FinHubOnboarding);
}

defineFinHubOnboarding();

declare global {
  interface HTMLElementTagNameMap {
    'finhub-onboarding': FinHubOnboarding;
  }
}
