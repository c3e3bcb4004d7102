// STUB: replaced by the relay implementation.
export type * from './types.js';
import type { OnboardingHandler, OnboardingHandlerOptions } from './types.js';

export function createOnboardingHandler(_options: OnboardingHandlerOptions): OnboardingHandler {
  return async () => new Response('relay not implemented', { status: 501 });
}
