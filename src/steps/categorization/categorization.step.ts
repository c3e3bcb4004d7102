/**
 * Categorization (docs/finhub-contract.md#categorization-hierarchy): the person picks one of the tenant's account categories, or
 * a category the host preset is applied by itself. The first step: its view and work are part of
 * the first screen.
 */
import { msg } from '@lit/localize';
import { defineStep } from '../../flow/definitions.js';

/** Nothing of its own: the categories are flow data (registration may withdraw one). */
export type CategorizationSlice = Record<never, never>;

export const categorization = defineStep<CategorizationSlice, string>({
  id: 'categorization',
  locked: false,
  automatic: (data) => data.presetCategory !== undefined,
  progress: () => msg('Preparing your account type…'),
  title: () => msg('Account type'),
  tag: 'finhub-step-categorization',
  load: () => import('./categorization.lazy.js'),
  slice: () => ({}),
  entry: () => 'quiet',
});
