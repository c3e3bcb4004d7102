/**
 * The seam between the flow and FinHub: the calls each flow's steps make (docs/architecture.md#flow).
 * Every flow has the shared calls; each adds its own (a person's registration, a company's people
 * and wallet). The flow objects (src/flows/) implement them on the API client; the tests
 * use a stand-in from test/doubles/. Types only, plus `FlowError`.
 */
import type {
  AddDirectorRequest,
  AddEmployeeRequest,
  AddShareholderRequest,
} from '../api/organization-requests.js';
import type { SessionCredentials } from '../api/requests.js';
import type { FinHubErrorEventCode } from '../events/finhub-error.js';
import type {
  HandoffCreateBody,
  HandoffCreated,
  HandoffSession,
  HandoffStatus,
} from '../api/handoff-protocol.js';
import type { IndividualRegistrationValues } from '../steps/registration/individual-registration.schema.js';
import type { OrganizationRegistrationValues } from '../steps/registration/organization-registration.schema.js';
import type { SavedDirector } from '../steps/personnel/personnel.schema.js';
import type { ActivationCheck, CategoryOption, ConsentKind, FlowData, FlowIds } from './types.js';

export type { ActivationCheck } from './types.js';

/** What every backend call gets: the flow's data and the run's signal. */
export interface CallContext {
  data: Readonly<FlowData>;
  /** Aborted when the element is removed or reset, or the run is overtaken: pass it on. */
  signal: AbortSignal;
}

export interface StepOutcome {
  /** Ids learned in this step (merged into the flow's ids). */
  ids?: FlowIds;
  /** Status FinHub reported, e.g. the activation status (docs/finhub-contract.md#statuses). */
  status?: string;
}

/** What the session step signs in with: the credentials the person registered or signed in with. */
export type { SessionCredentials };

/**
 * A started verification (docs/finhub-contract.md#individual-verification, #create-verification).
 */
export interface VerificationInfo {
  verificationId: string;
  /**
   * Requirement codes, e.g. `GOVERNMENT_ID`, `PROOF_OF_ADDRESS`
   * (docs/finhub-contract.md#document-upload).
   */
  requiredDocuments: string[];
  status?: string;
}

/**
 * One file for a verification (docs/finhub-contract.md#document-upload), already checked and
 * base64-encoded.
 */
export interface DocumentUpload {
  documentType: string;
  fileName: string;
  mimeType: string;
  /**
   * The file's base64 (no `data:` prefix) as a Blob of that text, sent into the body as it is
   * (src/api/http.ts), never one 13 MB string on the page. Never leaves the backend call (no
   * events, no logs).
   */
  fileContent: Blob;
  /**
   * The element's id for this file (a UUID v4, docs/finhub-contract.md#document-upload `docId`),
   * the same on every attempt to send it: how a re-sent upload is recognised instead of stored
   * twice.
   */
  docId: string;
}

/** What identifies an upload when checking whether FinHub already holds it. */
export type DocumentRef = Pick<DocumentUpload, 'docId' | 'documentType' | 'fileName'>;

export interface DocumentUploadOptions {
  signal?: AbortSignal;
  /** Upload progress as a fraction from 0 to 1, when the transport can tell. */
  onProgress?: (fraction: number) => void;
}

/**
 * What activation returned
 * (docs/finhub-contract.md#individual-activation, #organization-activation); the [R] generation
 * returns none of it. An organization answers `ACTIVATING` while its wallet is provisioned, then
 * `ACTIVE` with the IBAN.
 */
export interface ActivationOutcome {
  status?: string;
  iban?: string;
  wallet?: { walletId?: string; currency?: string; status?: string };
}

/**
 * A saved employee (docs/finhub-contract.md#employees): the new person's user id, when FinHub says.
 */
export interface EmployeeOutcome {
  userId?: string;
  employeeId?: string;
}

/**
 * The calls both flows make. Each flow object implements them on its own endpoints: a person's
 * (docs/finhub-contract.md#individual-registration) or a company's
 * (docs/finhub-contract.md#organization-registration, whose ids are `organizationId` and the
 * admin's `userId`).
 */
export interface FlowBackend {
  /**
   * Categories for this flow (docs/finhub-contract.md#categorization-hierarchy; organizations
   * filter by name, docs/finhub-contract.md#organization-flow).
   */
  loadCategories(context: CallContext): Promise<CategoryOption[]>;
  /**
   * Opens the customer session (docs/finhub-contract.md#customer-session) or, for an organization,
   * the admin user's org-user session (docs/finhub-contract.md#organization-user-session) for
   * `context.data.ids`, with the credentials given.
   */
  openSession(credentials: SessionCredentials, context: CallContext): Promise<StepOutcome>;
  /**
   * Starts the identity verification
   * (docs/finhub-contract.md#individual-verification, #create-verification) or the organization's
   * KYB (docs/finhub-contract.md#kyb-verification).
   */
  startVerification(context: CallContext): Promise<VerificationInfo>;
  /**
   * Uploads one document to `context.data.ids.verificationId`
   * (docs/finhub-contract.md#document-upload).
   */
  uploadDocument(
    upload: DocumentUpload,
    options: DocumentUploadOptions,
    context: CallContext,
  ): Promise<{ documentId: string }>;
  /**
   * Whether FinHub already holds this upload (sent before, its answer lost): its id, or undefined
   * when it does not or cannot be asked (v2.1 lists only an individual's documents,
   * docs/finhub-contract.md#document-list).
   */
  findDocument?(
    document: DocumentRef,
    context: CallContext,
  ): Promise<{ documentId: string } | undefined>;
  /** Accepts one consent (docs/finhub-contract.md#consents). */
  acceptConsent(
    kind: ConsentKind,
    consent: { version: string; acceptedAt: string },
    context: CallContext,
  ): Promise<void>;
  /**
   * The readiness check (docs/finhub-contract.md#readiness-check; an organization's
   * docs/finhub-contract.md#organization-activation readiness).
   */
  checkActivation(context: CallContext): Promise<ActivationCheck>;
  /**
   * Activates with the emailed code (docs/finhub-contract.md#individual-activation; an
   * organization's docs/finhub-contract.md#organization-activation activation).
   */
  activate(code: string, context: CallContext): Promise<ActivationOutcome>;
  /**
   * The relay's phone hand-off, computer side (docs/handoff.md#what-the-element-calls); absent
   * where the backend has no relay (the documents step then offers no "Use my phone").
   */
  handoff?: HandoffBackend;
}

/** The computer's hand-off calls, with the element's own (bound) onboarding token. */
export interface HandoffBackend {
  /** A new code for the documents still missing (the onboarding's previous hand-off ends). */
  create(body: HandoffCreateBody, context: CallContext): Promise<HandoffCreated>;
  status(context: CallContext): Promise<HandoffStatus>;
  cancel(context: CallContext): Promise<HandoffStatus>;
}

/** What the phone learned from its code: the hand-off without its token (the backend keeps it). */
export type PhoneHandoff = Omit<HandoffSession, 'accessToken'>;

/**
 * The phone's calls on the partner's hand-off page (docs/handoff.md#the-phones-token): the code
 * exchanged for a token only the backend holds, the documents uploaded with it, then completed.
 */
export interface PhoneBackend extends FlowBackend {
  exchangeHandoff(code: string, context: CallContext): Promise<PhoneHandoff>;
  completeHandoff(context: CallContext): Promise<HandoffStatus>;
}

/** The individual flow's calls (docs/finhub-contract.md#individual-registration). */
export interface IndividualBackend extends FlowBackend {
  /**
   * Registers the person (docs/finhub-contract.md#individual-registration, #registration-body).
   * Category: `context.data.categoryKey`.
   */
  registerIndividual(
    values: IndividualRegistrationValues,
    context: CallContext,
  ): Promise<StepOutcome>;
}

/** The organization flow's calls (docs/finhub-contract.md#organization-registration). */
export interface OrganizationBackend extends FlowBackend {
  /**
   * Registers the company and its admin user (docs/finhub-contract.md#organization-registration):
   * ids `organizationId` and `userId`.
   */
  registerOrganization(
    values: OrganizationRegistrationValues,
    context: CallContext,
  ): Promise<StepOutcome>;
  /** docs/finhub-contract.md#employees: adds one employee to `context.data.ids.organizationId`. */
  addEmployee(request: AddEmployeeRequest, context: CallContext): Promise<EmployeeOutcome>;
  /** docs/finhub-contract.md#directors: adds one director. */
  addDirector(request: AddDirectorRequest, context: CallContext): Promise<{ directorId?: string }>;
  /** docs/finhub-contract.md#shareholders: adds one shareholder. */
  addShareholder(
    request: AddShareholderRequest,
    context: CallContext,
  ): Promise<{ shareholderId?: string; status?: string }>;
  /** docs/finhub-contract.md#directors: the directors FinHub holds for the organization. */
  listDirectors(context: CallContext): Promise<SavedDirector[]>;
  /**
   * The organization's wallet while it is provisioned after activation
   * (docs/finhub-contract.md#wallet-status): `ACTIVATING` until `ACTIVE`, then the IBAN.
   */
  checkWallet(context: CallContext): Promise<ActivationOutcome>;
}

/** Both flows' calls: what a stand-in for either flow implements (tests, the element's `backend`). */
export type AnyBackend = IndividualBackend & OrganizationBackend;

/** A failure that is the element's own rather than FinHub's (setup, a rejected verification). */
export class FlowError extends Error {
  override readonly name = 'FlowError';
  readonly code: FinHubErrorEventCode;

  constructor(code: FinHubErrorEventCode, message: string) {
    super(message);
    this.code = code;
  }
}
