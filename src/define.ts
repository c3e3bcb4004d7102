import { FinHubOnboarding } from './components/finhub-onboarding/finhub-onboarding.js';

export { FinHubOnboarding };

/** Registers `<finhub-onboarding>`; warns instead of throwing when the tag is already taken. */
export function defineFinHubOnboarding(tagName = 'finhub-onboarding'): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tagName);
  if (existing) {
    if (existing !== FinHubOnboarding) {
      console.warn(`<${tagName}> is already defined by another class; keeping that one.`);
    }
    return;
  }
  customElements.define(tagName, FinHubOnboarding);
}

defineFinHubOnboarding();

declare global {
  interface HTMLElementTagNameMap {
    'finhub-onboarding': FinHubOnboarding;
  }
}
