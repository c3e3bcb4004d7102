/**
 * Whether the host set any categorization override. A category's ready-made registration
 * selection (docs/architecture.md#categories-with-the-token) is used only without them: one built
 * with overrides would go stale when the host changes them. A module of its own: the first step
 * asks it without loading the categorization analysis.
 */
import type { CategorizationOverrides } from './categorization.js';

export const hasOverrides = (overrides: CategorizationOverrides | undefined): boolean =>
  overrides !== undefined && Object.keys(overrides).length > 0;
