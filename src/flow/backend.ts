/**
 * The seam between the flow and FinHub. `FlowController` calls a `FlowBackend` for everything that
 * talks to the relay: `createApiBackend()` (api-backend.ts) implements it on the API client; the
 * tests' stand-in, `createLocalBackend()`, lives in test/doubles/local-backend.ts.
 */
import { FinHubApiError } from '../api/api-error.js';
import type {
  AddDirectorRequest,
  AddEmployeeRequest,
  AddShareholderRequest,
} from '../api/requests.js';
import type { FinHubErrorEventCode } from '../events/finhub-error.js';
import type { FlowData } from './flows.js';
import type { IndividualRegistrationValues } from '../steps/registration/individual-registration.schema.js';
import type { OrganizationRegistrationValues } from '../steps/registration/organization-registration.schema.js';
import type { SavedDirector } from '../steps/personnel/personnel.schema.js';
import type { CategoryOption, ConsentKind, FlowIds } from './types.js';

export interface StepContext {
  data: Readonly<FlowData>;
  /** Aborted when the element is removed or reset: pass it to every request. */
  signal: AbortSignal;
}

export interface StepOutcome {
  /** Ids learned in this step (merged into the flow's ids). */
  ids?: FlowIds;
  /** Status FinHub reported, e.g. the activation status (finhub-api.md §10). */
  status?: string;
}

/** What the session step signs in with: the credentials the person just registered with. */
export interface SessionCredentials {
  username: string;
  password: string;
}

/** A started verification (finhub-api.md §5.3a / §6.1). */
export interface VerificationInfo {
  verificationId: string;
  /** Requirement codes, e.g. `GOVERNMENT_ID`, `PROOF_OF_ADDRESS` (§6.2). */
  requiredDocuments: string[];
  status?: string;
}

/** One file for a verification (finhub-api.md §6.2), already checked and base64-encoded. */
export interface DocumentUpload {
  documentType: string;
  fileName: string;
  mimeType: string;
  /** Base64, no `data:` prefix. Never leaves the backend call (no events, no logs). */
  fileContent: string;
  /**
   * The element's id for this file (a UUID v4, §6.2 `docId`), the same on every attempt to send
   * it: how a re-sent upload is recognised instead of stored twice.
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

/** The readiness check (finhub-api.md §5.5), both generations normalised. */
export interface ActivationCheck {
  allowed: boolean;
  consentOk?: boolean;
  verificationOk?: boolean;
  /** `INITIATED`, `PENDING`, `IN_PROGRESS`, `APPROVED`, `REJECTED`… (§10). Opaque otherwise. */
  verificationStatus?: string;
  /** Consents still missing, as path segments. */
  missingConsents: ConsentKind[];
  /**
   * The organization's own status when the readiness check names it (§7.8, §10):
   * `PENDING_ACTIVATION`, then `ACTIVATING` (wallet provisioning) and `ACTIVE`.
   */
  status?: string;
}

/**
 * What activation returned (finhub-api.md §5.6, §7.8); the [R] generation returns none of it. An
 * organization answers `ACTIVATING` while its wallet is provisioned, then `ACTIVE` with the IBAN.
 */
export interface ActivationOutcome {
  status?: string;
  iban?: string;
  wallet?: { walletId?: string; currency?: string; status?: string };
}

/** A saved employee (§7.2): the new person's user id, when FinHub says. */
export interface EmployeeOutcome {
  userId?: string;
  employeeId?: string;
}

/**
 * The calls the flow makes. Steps both flows share (session, verification, documents, consents,
 * activation) read `context.data.flow` and call the individual (§5) or organization (§7)
 * endpoints; the organization's ids are `organizationId` and the admin user's `userId`.
 */
export interface FlowBackend {
  /** Categories for this flow (finhub-api.md §4.1; organizations filter by name, §1.3). */
  loadCategories(context: StepContext): Promise<CategoryOption[]>;
  /** Registers the person (finhub-api.md §5.1, errata E1). Category: `context.data.categoryKey`. */
  registerIndividual(
    values: IndividualRegistrationValues,
    context: StepContext,
  ): Promise<StepOutcome>;
  /** Registers the company and its admin user (§7.1): ids `organizationId` and `userId`. */
  registerOrganization(
    values: OrganizationRegistrationValues,
    context: StepContext,
  ): Promise<StepOutcome>;
  /** §7.2: adds one employee to `context.data.ids.organizationId`. */
  addEmployee(request: AddEmployeeRequest, context: StepContext): Promise<EmployeeOutcome>;
  /** §7.3: adds one director. */
  addDirector(request: AddDirectorRequest, context: StepContext): Promise<{ directorId?: string }>;
  /** §7.4: adds one shareholder. */
  addShareholder(
    request: AddShareholderRequest,
    context: StepContext,
  ): Promise<{ shareholderId?: string; status?: string }>;
  /** §7.3: the directors FinHub holds for the organization. */
  listDirectors(context: StepContext): Promise<SavedDirector[]>;
  /**
   * Opens the customer session (§3.2) or, for an organization, the admin user's org-user session
   * (§3.3) for `context.data.ids`, with the credentials just entered.
   */
  openSession(credentials: SessionCredentials, context: StepContext): Promise<StepOutcome>;
  /**
   * Starts the identity verification (§5.3a, §6.1) or the organization's KYB (§7.6) and says which
   * documents it needs.
   */
  startVerification(context: StepContext): Promise<VerificationInfo>;
  /** Uploads one document to `context.data.ids.verificationId` (§6.2). */
  uploadDocument(
    upload: DocumentUpload,
    options: DocumentUploadOptions,
    context: StepContext,
  ): Promise<{ documentId: string }>;
  /**
   * Whether FinHub already holds this upload (sent before, its answer lost): its id, or undefined.
   * Absent when there is no way to ask (v2.1 lists only an individual's documents, §6.2(b)).
   */
  findDocument?(
    document: DocumentRef,
    context: StepContext,
  ): Promise<{ documentId: string } | undefined>;
  /** Accepts one consent (§5.4, §7.7). */
  acceptConsent(
    kind: ConsentKind,
    consent: { version: string; acceptedAt: string },
    context: StepContext,
  ): Promise<void>;
  /** The readiness check (§5.5; an organization's §7.8 readiness). */
  checkActivation(context: StepContext): Promise<ActivationCheck>;
  /** Activates with the emailed code (§5.6; an organization's §7.8 activation). */
  activate(code: string, context: StepContext): Promise<ActivationOutcome>;
  /**
   * An organization's wallet while it is provisioned after activation (§7.8 [O]): `ACTIVATING`
   * until `ACTIVE`, then the IBAN.
   */
  checkWallet(context: StepContext): Promise<ActivationOutcome>;
}

/** A failure that is the element's own rather than FinHub's (setup, a rejected verification). */
export class FlowError extends Error {
  override readonly name = 'FlowError';
  readonly code: FinHubErrorEventCode;

  constructor(code: FinHubErrorEventCode, message: string) {
    super(message);
    this.code = code;
  }
}

export const abortedError = () =>
  new FinHubApiError({ code: 'aborted', message: 'The request was cancelled.' });

/** Resolves after `ms`, or rejects with `aborted` when `signal` fires first. */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortedError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
