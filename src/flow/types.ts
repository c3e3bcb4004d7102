/**
 * The flow's vocabulary (no DOM, no Lit): step ids, the ids FinHub hands back, category choices
 * and the data every step can read. One type per concept: the API layer, the flow, the steps and
 * the public events use these.
 */
import type { CategorizationDetails, CategorizationSelection } from '../api/categorization.js';

export type FlowKind = 'individual' | 'organization';

/** Individual (B2C) steps in FinHub's order (docs/finhub-contract.md#individual-flow). */
export type IndividualStepId =
  | 'categorization'
  | 'registration'
  | 'session'
  | 'verification'
  | 'documents'
  | 'consents'
  | 'activation';

/** Organization (B2B) steps in FinHub's order (docs/finhub-contract.md#organization-flow). */
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

/**
 * One category the person can choose (docs/finhub-contract.md#categorization-hierarchy,
 * `categories.{code}`).
 */
export interface CategoryOption {
  /** Category code (`categoryId`, e.g. `INDIVIDUAL_BASIC`); what the host presets with `category`. */
  key: string;
  name: string;
  description?: string;
  /** Preselected when the person has not chosen yet. */
  isDefault?: boolean;
  /**
   * Other names a host preset may use: the `categoryId` and the `databaseId`
   * (docs/finhub-contract.md#categorization-hierarchy).
   */
  aliases?: string[];
  /**
   * Smart categorization cannot fill it (docs/finhub-contract.md#smart-categorization): not
   * offered to the person; the host hears why in `finhub-error`.
   */
  unavailable?: CategorizationDetails;
  /**
   * What registration sends for it (`customerCategory`, `categorization`), analysed without host
   * overrides; the relay's token answer carries it, so registration reads no hierarchy
   * (docs/architecture.md#categories-with-the-token). Absent when it is unavailable.
   */
  selection?: CategorizationSelection;
}

export { CONSENT_KINDS, type ConsentKind, type Gender } from '../api/vocabulary.js';
import type { ConsentKind } from '../api/vocabulary.js';

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

/**
 * A verification FinHub started
 * (docs/finhub-contract.md#individual-verification, #create-verification, #kyb-verification): the
 * documents it asks for.
 */
export interface VerificationState {
  /**
   * Requirement codes, e.g. `GOVERNMENT_ID`, `PROOF_OF_ADDRESS`
   * (docs/finhub-contract.md#document-upload).
   */
  requiredDocuments: string[];
  status?: string;
}

/**
 * Data every step can read: ids, choices and what FinHub is known to hold. Never a password, a
 * token or document bytes (the credentials the session step needs are held apart, in memory).
 */
export interface FlowData {
  flow: FlowKind;
  /** Category code the host preset with the `category` attribute; categorization runs by itself. */
  presetCategory?: string | undefined;
  /** Category code chosen (or preset and found). */
  categoryKey?: string;
  /**
   * The tenant's categories for this flow (undefined until categorization loads them); one that
   * cannot be opened is marked `unavailable` (registration marks one FinHub refused).
   */
  categories?: readonly CategoryOption[];
  ids: FlowIds;
  /**
   * The person's email: the activation call sends it as `userId`
   * (docs/finhub-contract.md#individual-activation) and the activation screen says where the code
   * went. Never the password.
   */
  email?: string;
  /** A resumed onboarding: the session step asks for email and password instead of running alone. */
  signInRequired?: boolean;
  /** The last step the host says was completed (resume object), a hint for where to land. */
  resumeStep?: StepId;
  /** The started verification (its id is `ids.verificationId`). */
  verification?: VerificationState;
  /** Consents FinHub holds: never sent again. */
  consentsHeld?: readonly ConsentKind[];
  /**
   * A resumed sign-in's readiness answer (docs/finhub-contract.md#readiness-check), the activation
   * step's first check.
   */
  readiness?: ActivationCheck;
}

/** The readiness check (docs/finhub-contract.md#readiness-check), both generations normalised. */
export interface ActivationCheck {
  allowed: boolean;
  consentOk?: boolean;
  verificationOk?: boolean;
  /**
   * `INITIATED`, `PENDING`, `IN_PROGRESS`, `APPROVED`, `REJECTED`…
   * (docs/finhub-contract.md#statuses). Opaque otherwise.
   */
  verificationStatus?: string;
  /** Consents still missing, as path segments. */
  missingConsents: ConsentKind[];
  /**
   * The organization's own status when the readiness check names it
   * (docs/finhub-contract.md#organization-activation, #statuses): `PENDING_ACTIVATION`, then
   * `ACTIVATING` (wallet provisioning) and `ACTIVE`.
   */
  status?: string;
}
