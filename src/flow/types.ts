/** Shared flow vocabulary (no DOM, no Lit): step ids, ids FinHub hands back, category choices. */
import type { CategorizationDetails } from '../api/categorization.js';

export type FlowKind = 'individual' | 'organization';

/** Individual (B2C) steps in FinHub's order (finhub-api.md §1.2). */
export type IndividualStepId =
  | 'categorization'
  | 'registration'
  | 'session'
  | 'verification'
  | 'documents'
  | 'consents'
  | 'activation';

/** Organization (B2B) steps in FinHub's order (finhub-api.md §1.3). */
export type OrganizationStepId =
  | 'categorization'
  | 'registration'
  | 'personnel'
  | 'session'
  | 'verification'
  | 'documents'
  | 'consents'
  | 'activation';

export type StepId = IndividualStepId | OrganizationStepId;

/** Ids the flow collects. Ids and statuses only: never passwords, tokens or document bytes. */
export interface FlowIds {
  customerId?: string;
  userId?: string;
  organizationId?: string;
  verificationId?: string;
}

/** One category the person can choose (finhub-api.md §4.1, `categories.{code}`). */
export interface CategoryOption {
  /** Category code (`categoryId`, e.g. `INDIVIDUAL_BASIC`); what the host presets with `category`. */
  key: string;
  name: string;
  description?: string;
  /** Preselected when the person has not chosen yet. */
  isDefault?: boolean;
  /** Other names a host preset may use: the `categoryId` and the `databaseId` (§4.1). */
  aliases?: string[];
  /**
   * Smart categorization cannot fill it (docs/finhub-contract.md#smart-categorization): not
   * offered to the person; the host hears why in `finhub-error`.
   */
  unavailable?: CategorizationDetails;
}

/** The three individual consents, as their path segments (finhub-api.md §5.4), in sending order. */
export const CONSENT_KINDS = ['terms', 'privacy', 'data-processing'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/**
 * Where a person who comes back later picks up: the last `finhub-step-complete` detail, or just
 * the ids a host kept (`customer-id` + `user-id`).
 */
export interface ResumeState {
  /** The last step completed (from `finhub-step-complete`), when the host kept it. */
  step?: StepId;
  flow?: FlowKind;
  ids: FlowIds;
}
