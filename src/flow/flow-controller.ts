/**
 * Owns the flow machine and the backend for one element (a Lit ReactiveController): runs each step's
 * work with an AbortSignal tied to the element's connection, turns errors into UI state and
 * dispatches the public events. The element only renders what this holds and forwards the
 * person's actions here.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import { isFinHubApiError, type FieldError } from '../api/api-error.js';
import { FinHubCompleteEvent } from '../events/finhub-complete.js';
import { FinHubErrorEvent, type FinHubErrorEventCode } from '../events/finhub-error.js';
import { FinHubSignInRequestEvent } from '../events/finhub-sign-in-request.js';
import { FinHubStepChangeEvent } from '../events/finhub-step-change.js';
import { FinHubStepCompleteEvent } from '../events/finhub-step-complete.js';
import { errorMessage } from '../localization/error-messages.js';
import {
  FlowError,
  wait,
  type ActivationCheck,
  type ActivationOutcome,
  type DocumentUpload,
  type DocumentUploadOptions,
  type FlowBackend,
  type SessionCredentials,
  type StepContext,
  type StepOutcome,
  type VerificationInfo,
} from './backend.js';
import { createFlowMachine, type FlowData } from './flows.js';
import type { FlowMachine, FlowTransition } from './machine.js';
import { isRejected, personnelPending, planResume } from './resume.js';
import type {
  IndividualRegistrationDraft,
  IndividualRegistrationValues,
} from './schemas/individual-registration.js';
import type {
  OrganizationRegistrationDraft,
  OrganizationRegistrationValues,
} from './schemas/organization-registration.js';
// Types only: the personnel schemas (zod) load with the personnel step, not the first screen.
import type {
  PersonnelRequest,
  PersonnelRowError,
  PersonnelSection,
  PersonnelValues,
  SavedPersonnel,
} from './schemas/personnel.js';
import {
  CONSENT_KINDS,
  type CategoryOption,
  type ConsentKind,
  type FlowIds,
  type FlowKind,
  type ResumeState,
  type StepId,
} from './types.js';

export type FlowControllerHost = ReactiveControllerHost & EventTarget;

export interface FlowErrorState {
  step: StepId;
  code: FinHubErrorEventCode;
  message: string;
  recoverable: boolean;
  /** A retry button makes sense (the same request may succeed later). */
  retryable: boolean;
}

export interface TransitionInfo {
  from: StepId;
  /** The new step, or null when the flow has just finished. */
  to: StepId | null;
  /** The person caused it (directly or through a step that ran by itself right after). */
  moveFocus: boolean;
}

export interface FlowSettings {
  flow: FlowKind;
  /** Category code the host preset (the person is not asked). */
  presetCategory?: string | undefined;
  /** An earlier onboarding to resume: the person signs in, then lands where they left off. */
  resume?: ResumeState | undefined;
}

export interface FlowControllerOptions {
  /** Read when the flow starts or resets (the element's current attributes). */
  settings: () => FlowSettings;
  /** Read for every call, so a backend swapped before a call is used by it. */
  backend: () => FlowBackend;
  onTransition?: (info: TransitionInfo) => void;
  /** A message for the polite live region (e.g. "Your documents are verified"). */
  announce?: (message: string) => void;
  /** Readiness-check backoff, ms, for the attempt number (default 1 s doubling to 15 s ± 20 %). */
  pollDelay?: (attempt: number) => number;
}

/**
 * Where the activation step is: checking readiness, waiting for KYC, asking for the code… and, for
 * an organization, `provisioning`: activated, its wallet being set up (§7.8 `ACTIVATING`).
 */
export type ActivationPhase =
  'checking' | 'pending' | 'ready' | 'rejected' | 'blocked' | 'provisioning';

/** How many new rows of each section FinHub now holds after a failed save. */
export type PersonnelSentCounts = Record<PersonnelSection, number>;

/** One uploaded document, as the documents step reports it (ids only, never bytes). */
export interface UploadedDocument {
  requirement: string;
  documentType: string;
  documentId: string;
  fileName: string;
}

type Cause = 'person' | 'automatic' | 'system';

interface Failure {
  code: FinHubErrorEventCode;
  retryable: boolean;
  fieldErrors: FieldError[];
  /** The error's own (localized) message: the API's says how many sign-in attempts are left. */
  message: string;
  /** Seconds FinHub asked us to wait (429 `Retry-After`, §8). */
  retryAfter?: number | undefined;
}

function toFailure(error: unknown): Failure {
  if (isFinHubApiError(error)) {
    return {
      code: error.code,
      retryable: error.retryable,
      fieldErrors: [...error.fieldErrors],
      message: error.message,
      retryAfter: error.retryAfter,
    };
  }
  if (error instanceof FlowError) {
    return { code: error.code, retryable: false, fieldErrors: [], message: error.message };
  }
  return {
    code: 'server_error',
    retryable: true,
    fieldErrors: [],
    message: error instanceof Error ? error.message : 'Unexpected error',
  };
}

/** The people step's sections in the order FinHub needs them (§7.2 before §7.3 before §7.4). */
const PERSONNEL_SECTIONS: readonly PersonnelSection[] = ['employees', 'directors', 'shareholders'];

/**
 * The rows as requests in sending order: employees (the step puts the `ADMIN_USER` one first,
 * §7.2), directors, shareholders. Written here rather than imported from the personnel schema,
 * which would bring zod into the shell's first chunk (DESIGN §5).
 */
function orderedRequests(values: PersonnelValues): PersonnelRequest[] {
  return [
    ...values.employees.map((request, index) => ({
      section: 'employees' as const,
      index,
      request,
    })),
    ...values.directors.map((request, index) => ({
      section: 'directors' as const,
      index,
      request,
    })),
    ...values.shareholders.map((request, index) => ({
      section: 'shareholders' as const,
      index,
      request,
    })),
  ];
}

/**
 * What a refused row of the people step says (§7.2–§7.4: 400 with field errors, 409 for a person
 * already on file); '' when the failure is not about the row (network, 5xx: the banner says it).
 */
function personnelRowMessage(error: unknown): string {
  const failure = toFailure(error);
  switch (failure.code) {
    case 'duplicate_email':
    case 'conflict':
      return msg('FinHub already has someone with this email address for this company.');
    case 'validation_failed':
    case 'bad_request':
    case 'unprocessable':
      return failure.fieldErrors[0]?.message ?? failure.message;
    default:
      return '';
  }
}

/**
 * The request may have been carried out although no answer said so (lost answer, timeout, 5xx);
 * §9 documents no idempotency keys, so such a request is checked before it is sent again.
 */
const outcomeUnknown = (error: unknown): boolean =>
  ['network_error', 'timeout', 'server_error', 'invalid_response'].includes(toFailure(error).code);

/** 1 s, 2 s, 4 s, 8 s, then every 15 s, each ± 20 % so many browsers do not poll in step. */
export function defaultPollDelay(attempt: number): number {
  const base = Math.min(15_000, 1000 * 2 ** Math.min(attempt, 4));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** The customer's id, or for an organization its `organizationId` (§7.1). */
const ownerIdOf = (ids: FlowIds, flow: FlowKind): string | undefined =>
  flow === 'organization' ? ids.organizationId : ids.customerId;

const hasResumeIds = (resume: ResumeState | undefined, flow: FlowKind): resume is ResumeState =>
  Boolean(
    resume &&
    ownerIdOf(resume.ids, flow) &&
    resume.ids.userId &&
    (resume.flow === undefined || resume.flow === flow),
  );

const emptyPersonnel = (): SavedPersonnel => ({ employees: [], directors: [], shareholders: [] });

const isActive = (status: string | undefined) => status?.trim().toUpperCase() === 'ACTIVE';

function settingsKey(settings: FlowSettings): string {
  const resume = hasResumeIds(settings.resume, settings.flow) ? settings.resume : undefined;
  return JSON.stringify([
    settings.flow,
    settings.presetCategory ?? '',
    resume?.ids.customerId ?? '',
    resume?.ids.organizationId ?? '',
    resume?.ids.userId ?? '',
    resume?.ids.verificationId ?? '',
    resume?.step ?? '',
  ]);
}

export class FlowController implements ReactiveController {
  readonly #host: FlowControllerHost;
  readonly #options: FlowControllerOptions;
  #machine: FlowMachine<FlowData>;
  #settings: FlowSettings;
  #settingsKey: string;
  #unsubscribe: () => void;
  #abort = new AbortController();
  #connected = false;
  #started = false;
  #personActed = false;
  #cause: Cause = 'system';
  #credentials: SessionCredentials | undefined;
  #retry: (() => void) | undefined;
  #categoriesLoading = false;
  #automaticRunning: StepId | undefined;
  #verifying = false;
  #polling = false;
  #walletPolling = false;
  #directorsLoading = false;
  #directorsLoaded = false;
  #lastStatus: string | undefined;
  #registeredEmail: string | undefined;
  #registrationUncertain = false;
  /** Epoch ms before which the banner's retry waits (429 `Retry-After`). */
  #retryNotBefore = 0;
  /** A consent may have been recorded without our knowing (lost answer, cancelled request). */
  #consentsUnsure = false;
  // Tokens so a run that was overtaken (reset, newer run) never clears the newer one's state.
  #runToken = 0;
  #loadToken = 0;
  #pollToken = 0;
  #walletToken = 0;

  /** A submit is in flight; steps disable their primary action. */
  busy = false;
  /** The error shown in the banner, if any. */
  error: FlowErrorState | undefined;
  /** Categories for the categorization step; undefined until loaded. */
  categories: CategoryOption[] | undefined;
  /** FinHub's field errors from the last registration attempt (400 `validation_failed`). */
  registrationErrors: FieldError[] = [];
  /** The last registration attempt was refused because the email exists (409). */
  duplicateEmail = false;
  /**
   * An earlier attempt's outcome was unknown (timeout, network, 5xx) and the retry met a 409:
   * the account was most likely created by that attempt.
   */
  registeredEarlier = false;
  /** What the person typed at registration, minus passwords, kept across back/forward. */
  registrationDraft: IndividualRegistrationDraft = {};
  /** The same for the organization's registration. */
  organizationDraft: OrganizationRegistrationDraft = {};
  /** Employees, directors and shareholders FinHub holds for the organization (§7.2–§7.4). */
  savedPersonnel: SavedPersonnel = emptyPersonnel();
  /** FinHub refused a new row of the people step (index into that section's unsent rows). */
  personnelRowErrors: PersonnelRowError[] = [];
  /** Why the last sign-in (resume) was refused, shown on the sign-in form. */
  signInError: string | undefined;
  /** After a resumed sign-in: the readiness check that decides where to land is running. */
  locating = false;
  /** The started verification (id and required documents). */
  verification: VerificationInfo | undefined;
  /** Documents uploaded so far, by requirement. */
  uploaded: Record<string, { documentId: string; fileName: string }> = {};
  /** Consents FinHub holds: never sent again. */
  acceptedConsents: ReadonlySet<ConsentKind> = new Set();
  activationPhase: ActivationPhase = 'checking';
  /** The last activation code was refused. */
  activationCodeRejected = false;
  /** What activation returned (IBAN, wallet) once the flow is finished. */
  result: ActivationOutcome | undefined;

  /** Ids collected so far. */
  get ids(): FlowIds {
    return this.#machine.data.ids;
  }

  constructor(host: FlowControllerHost, options: FlowControllerOptions) {
    this.#host = host;
    this.#options = { ...options };
    this.#settings = options.settings();
    this.#settingsKey = settingsKey(this.#settings);
    this.#machine = this.#createMachine();
    this.#unsubscribe = this.#machine.subscribe((t) => this.#onTransition(t));
    host.addController(this);
  }

  get machine(): FlowMachine<FlowData> {
    return this.#machine;
  }

  get flow(): FlowKind {
    return this.#settings.flow;
  }

  /** The preset category the flow was built with (as the host gave it). */
  get presetCategory(): string | undefined {
    return this.#settings.presetCategory;
  }

  get current(): StepId {
    return this.#machine.current;
  }

  get finished(): boolean {
    return this.#machine.finished;
  }

  get started(): boolean {
    return this.#started;
  }

  get categoriesLoading(): boolean {
    return this.#categoriesLoading;
  }

  /** Where the activation code was sent (the email the person registered or signed in with). */
  get email(): string | undefined {
    return this.#machine.data.email;
  }

  hostConnected(): void {
    this.#connected = true;
    if (!this.#started) {
      // After this task: attributes and properties a host sets right after inserting the
      // element (token-url, resume ids…) are in place before anything is requested.
      queueMicrotask(() => {
        if (this.#connected) this.start();
      });
    } else {
      // Re-attached after real removal: pick up work that was cancelled.
      this.#enter(this.#machine.current);
    }
  }

  hostDisconnected(): void {
    this.#connected = false;
    // A move (remove + insert in the same task) must not cancel work: decide after this task.
    queueMicrotask(() => {
      if (this.#connected) return;
      this.#abort.abort();
      this.#abort = new AbortController();
    });
  }

  /** Starts the flow once; later calls do nothing. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const settings = this.#options.settings();
    if (settingsKey(settings) !== this.#settingsKey) this.#replaceMachine(settings);
    this.#enter(this.#machine.current);
  }

  /**
   * The host changed flow, category or resume ids. Before the flow starts, or when the flow or
   * category changed, this starts over. New resume ids while the person is told their email is
   * taken take them to the sign-in; once this onboarding registered someone they are ignored.
   */
  settingsChanged(): void {
    const next = this.#options.settings();
    const key = settingsKey(next);
    if (key === this.#settingsKey) return;
    const flowChanged =
      next.flow !== this.#settings.flow || next.presetCategory !== this.#settings.presetCategory;
    if (!this.#started || flowChanged || !this.#committed()) {
      if (!flowChanged && this.duplicateEmail && hasResumeIds(next.resume, next.flow)) {
        this.#settings = { ...next };
        this.#settingsKey = key;
        this.#switchToSignIn(next.resume);
        return;
      }
      this.reset();
      return;
    }
    this.#settings = { ...next };
    this.#settingsKey = key;
  }

  /**
   * Back to the first step with nothing kept: cancels work in flight, forgets ids, errors, drafts
   * and credentials. Re-reads the settings (flow, preset category, resume ids).
   */
  reset(): void {
    const from = this.#machine.current;
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#replaceMachine(this.#options.settings());
    this.#runToken++;
    this.#loadToken++;
    this.#pollToken++;
    this.#walletToken++;
    this.busy = false;
    this.error = undefined;
    this.categories = undefined;
    this.#categoriesLoading = false;
    this.#automaticRunning = undefined;
    this.#verifying = false;
    this.#polling = false;
    this.#walletPolling = false;
    this.#directorsLoading = false;
    this.#directorsLoaded = false;
    this.registrationErrors = [];
    this.duplicateEmail = false;
    this.registeredEarlier = false;
    this.registrationDraft = {};
    this.organizationDraft = {};
    this.savedPersonnel = emptyPersonnel();
    this.personnelRowErrors = [];
    this.signInError = undefined;
    this.locating = false;
    this.verification = undefined;
    this.uploaded = {};
    this.acceptedConsents = new Set();
    this.activationPhase = 'checking';
    this.activationCodeRejected = false;
    this.result = undefined;
    this.#credentials = undefined;
    this.#registeredEmail = undefined;
    this.#registrationUncertain = false;
    this.#retryNotBefore = 0;
    this.#consentsUnsure = false;
    this.#retry = undefined;
    this.#personActed = false;
    this.#lastStatus = undefined;
    const to = this.#machine.current;
    if (this.#started && from !== to) {
      this.#host.dispatchEvent(new FinHubStepChangeEvent({ from, to }));
    }
    this.#host.requestUpdate();
    if (this.#started) this.#enter(to);
  }

  // ---- the person's actions -------------------------------------------------------------

  chooseCategory(key: string): void {
    if (this.busy || this.#machine.current !== 'categorization') return;
    if (!this.categories?.some((category) => category.key === key)) return;
    this.#machine.update({ categoryKey: key });
    this.#advance('person');
  }

  submitIndividualRegistration(values: IndividualRegistrationValues): void {
    if (this.flow !== 'individual') return;
    this.#register(values, (context) => this.#backend().registerIndividual(values, context));
  }

  /** The company and its admin user (§7.1); the admin signs in with these credentials (§3.3). */
  submitOrganizationRegistration(values: OrganizationRegistrationValues): void {
    if (this.flow !== 'organization') return;
    this.#register(values, (context) => this.#backend().registerOrganization(values, context));
  }

  /**
   * Saves the people step's new rows (§7.2–§7.4) in the order FinHub needs: employees (the
   * `ADMIN_USER` one first), directors, shareholders. The step checked its rules before this, so
   * nothing is sent for a list that breaks them. After a failure `onSent` hears how many rows of
   * each section FinHub now holds (the step drops them; they show in `savedPersonnel`) before the
   * failing row's error is set; a retry sends only what is left.
   */
  savePersonnel(values: PersonnelValues, onSent?: (counts: PersonnelSentCounts) => void): void {
    if (this.busy || this.flow !== 'organization' || this.#machine.current !== 'personnel') return;
    let remaining = values;
    const attempt = () =>
      this.#perform('personnel', 'person', attempt, async (context) => {
        this.personnelRowErrors = [];
        const sent: PersonnelSentCounts = { employees: 0, directors: 0, shareholders: 0 };
        const requests = orderedRequests(remaining);
        let failing: PersonnelRequest | undefined;
        try {
          for (const item of requests) {
            failing = item;
            await this.#savePerson(item, context);
            sent[item.section] += 1;
          }
        } catch (error) {
          const rest: PersonnelValues = { employees: [], directors: [], shareholders: [] };
          for (const section of PERSONNEL_SECTIONS) {
            (rest[section] as unknown[]) = remaining[section].slice(sent[section]); // same section
          }
          remaining = rest;
          if (PERSONNEL_SECTIONS.some((section) => sent[section] > 0)) onSent?.(sent);
          if (sent.directors > 0) this.#loadDirectors(true);
          const rowMessage = failing && !context.signal.aborted ? personnelRowMessage(error) : '';
          if (failing && rowMessage) {
            // The failing row is the first of its section still unsent.
            this.personnelRowErrors = [{ section: failing.section, index: 0, message: rowMessage }];
          }
          throw error;
        }
        this.#advance('person');
      });
    attempt();
  }

  async #savePerson(item: PersonnelRequest, context: StepContext): Promise<void> {
    const backend = this.#backend();
    const saved = this.savedPersonnel;
    if (item.section === 'employees') {
      const { person, position, roles } = item.request;
      const outcome = await backend.addEmployee(item.request, context);
      // §7.1 says the default admin may be created later: when registration named no user,
      // the employee with the admin's email is that user (the one who signs in, §3.3).
      const email = this.#machine.data.email?.toLowerCase();
      if (!this.ids.userId && outcome.userId && person.email.toLowerCase() === email) {
        this.#merge({ ids: { userId: outcome.userId } });
      }
      this.savedPersonnel = {
        ...saved,
        employees: [
          ...saved.employees,
          {
            ...(outcome.employeeId ? { employeeId: outcome.employeeId } : {}),
            ...(outcome.userId ? { userId: outcome.userId } : {}),
            firstName: person.firstName,
            lastName: person.lastName,
            email: person.email,
            ...(position ? { position } : {}),
            roles: [...roles],
          },
        ],
      };
    } else if (item.section === 'directors') {
      const request = item.request;
      const outcome = await backend.addDirector(request, context);
      this.savedPersonnel = {
        ...saved,
        directors: [
          ...saved.directors,
          {
            ...(outcome.directorId ? { directorId: outcome.directorId } : {}),
            firstName: request.firstName,
            lastName: request.lastName,
            email: request.email,
            role: request.role,
            ...(request.appointmentDate ? { appointedDate: request.appointmentDate } : {}),
          },
        ],
      };
    } else {
      const outcome = await backend.addShareholder(item.request, context);
      this.savedPersonnel = {
        ...saved,
        shareholders: [...saved.shareholders, { ...item.request, ...outcome }],
      };
    }
  }

  /** Registration for either flow: never retried by itself (§9); see `#fail` for a 409. */
  #register(
    values: { email: string; password: string },
    send: (context: StepContext) => Promise<StepOutcome>,
  ): void {
    if (this.busy || this.#machine.current !== 'registration') return;
    this.registrationErrors = [];
    this.duplicateEmail = false;
    this.#registeredEmail = values.email;
    const attempt = () =>
      this.#perform('registration', 'person', attempt, async (context) => {
        const outcome = await send(context);
        // Held in memory only until the session step has signed in (§3.2, §3.3).
        this.#credentials = { username: values.email, password: values.password };
        this.#machine.update({ email: values.email });
        this.#merge(outcome);
        this.#advance('person');
      });
    attempt();
  }

  /** A person who came back signs in (finhub-api.md §3.2), then lands where they left off. */
  signIn(credentials: SessionCredentials): void {
    const data = this.#machine.data;
    if (this.busy || this.locating || this.#machine.current !== 'session' || !data.signInRequired)
      return;
    this.signInError = undefined;
    const attempt = () =>
      this.#perform('session', 'person', attempt, async (context) => {
        const outcome = await this.#backend().openSession(credentials, context);
        this.#merge(outcome);
        this.#machine.update({ email: credentials.username.trim() });
        this.#locate();
      });
    attempt();
  }

  /** The person read which documents are needed and moves on to upload them. */
  continueVerification(): void {
    if (this.busy || this.#machine.current !== 'verification' || !this.verification) return;
    this.#advance('person');
  }

  /** The documents step reports every requirement uploaded (ids and names only). */
  completeDocuments(documents: readonly UploadedDocument[]): void {
    if (this.busy || this.#machine.current !== 'documents') return;
    const uploaded = { ...this.uploaded };
    for (const doc of documents) {
      uploaded[doc.requirement] = { documentId: doc.documentId, fileName: doc.fileName };
    }
    this.uploaded = uploaded;
    this.#advance('person');
  }

  /** For the documents step: uploads one checked file to the started verification (§6.2). */
  readonly uploadDocument = async (
    upload: DocumentUpload,
    options: DocumentUploadOptions = {},
  ): Promise<{ documentId: string }> => {
    try {
      return await this.#backend().uploadDocument(upload, options, this.#context());
    } catch (error) {
      const failure = toFailure(error);
      if (failure.code !== 'aborted' && !options.signal?.aborted) {
        // The documents step shows it beside the file; the host still hears about it.
        this.#host.dispatchEvent(
          new FinHubErrorEvent({
            step: 'documents',
            code: failure.code,
            message: errorMessage(failure.code),
            recoverable: true,
          }),
        );
      }
      throw error;
    }
  };

  /** Sends the consents FinHub does not hold yet, in the order §5.4 gives, then moves on. */
  acceptConsents(versions: Record<ConsentKind, string>): void {
    if (this.busy || this.#machine.current !== 'consents') return;
    const attempt = () =>
      this.#perform('consents', 'person', attempt, async (context) => {
        if (this.#consentsUnsure) {
          // The last consent's outcome is unknown: ask FinHub which it holds (§5.5) rather than
          // send one twice (§9).
          const check = await this.#backend().checkActivation(context);
          const held = planResume(check).acceptedConsents;
          this.acceptedConsents = new Set([...this.acceptedConsents, ...held]);
          this.#consentsUnsure = false;
        }
        const acceptedAt = new Date().toISOString();
        for (const kind of CONSENT_KINDS) {
          if (this.acceptedConsents.has(kind)) continue;
          try {
            await this.#backend().acceptConsent(
              kind,
              { version: versions[kind], acceptedAt },
              context,
            );
          } catch (error) {
            // Cancelled too (element removed): the relay may still have carried it out.
            this.#consentsUnsure = outcomeUnknown(error) || context.signal.aborted;
            throw error;
          }
          // Recorded one by one: a retry after a failure sends only what is still missing.
          this.acceptedConsents = new Set([...this.acceptedConsents, kind]);
        }
        this.#advance('person');
      });
    attempt();
  }

  /**
   * Activates with the code from the email (finhub-api.md §5.6, §7.8). An organization answers
   * `ACTIVATING` while its wallet is provisioned: the step says so and the flow finishes once the
   * wallet is `ACTIVE` (with its IBAN).
   */
  activate(code: string): void {
    if (this.busy || this.#machine.current !== 'activation' || this.activationPhase !== 'ready')
      return;
    this.activationCodeRejected = false;
    const attempt = () =>
      this.#perform('activation', 'person', attempt, async (context) => {
        const outcome = await this.#backend().activate(code, context);
        this.result = outcome;
        if (outcome.status) this.#lastStatus = outcome.status;
        if (this.flow === 'organization' && !isActive(outcome.status)) {
          this.activationPhase = 'provisioning';
          this.#options.announce?.(
            msg('The company account is activated. We are setting up its wallet and IBAN…'),
          );
          this.#pollWallet();
          return;
        }
        this.#advance('person');
      });
    attempt();
  }

  back(): void {
    if (this.busy || !this.#machine.canGoBack) return;
    this.#personActed = true;
    this.#cause = 'person';
    this.error = undefined;
    this.#machine.previous();
    this.#host.requestUpdate();
  }

  /** Repeats what failed (banner's retry action). */
  retry(): void {
    const retry = this.#retry;
    if (!retry || this.busy) return;
    const shown = this.error;
    const notBefore = this.#retryNotBefore;
    this.#retry = undefined;
    this.error = undefined;
    this.#retryNotBefore = 0;
    if (notBefore <= Date.now()) {
      retry();
      return;
    }
    // FinHub asked for a pause (429 Retry-After): busy until it is over, then the retry goes out.
    const token = this.#runToken;
    this.busy = true;
    this.#host.requestUpdate();
    wait(notBefore - Date.now(), this.#abort.signal).then(
      () => {
        if (token !== this.#runToken) return;
        this.busy = false;
        retry();
      },
      () => {
        // Removed or reset meanwhile: the banner comes back, for when the person is back.
        if (token !== this.#runToken) return;
        this.busy = false;
        this.error = shown;
        this.#retry = retry;
        this.#retryNotBefore = notBefore;
        this.#host.requestUpdate();
      },
    );
  }

  saveRegistrationDraft(draft: IndividualRegistrationDraft): void {
    this.registrationDraft = { ...draft };
  }

  saveOrganizationDraft(draft: OrganizationRegistrationDraft): void {
    this.organizationDraft = { ...draft };
  }

  /**
   * "Sign in instead" after a duplicate email: with resume ids from the host, the element's own
   * sign-in; otherwise the host is asked (`finhub-sign-in-request`).
   */
  requestSignIn(): void {
    const resume = this.#options.settings().resume;
    if (!this.#committed() && hasResumeIds(resume, this.flow)) {
      this.#switchToSignIn(resume);
      return;
    }
    this.#host.dispatchEvent(
      new FinHubSignInRequestEvent({
        flow: this.flow,
        step: this.#machine.current,
        reason: 'duplicate_email',
      }),
    );
  }

  /** Reports an error that happened outside a backend call (e.g. a step module failed to load). */
  reportError(
    code: FinHubErrorEventCode,
    options: { retry?: () => void; recoverable?: boolean } = {},
  ): void {
    const step = this.#machine.current;
    this.#retry = options.retry;
    this.error = {
      step,
      code,
      message: errorMessage(code),
      recoverable: options.recoverable ?? true,
      retryable: options.retry !== undefined,
    };
    this.#host.dispatchEvent(
      new FinHubErrorEvent({
        step,
        code,
        message: this.error.message,
        recoverable: this.error.recoverable,
      }),
    );
    this.#host.requestUpdate();
  }

  // ---- internals -----------------------------------------------------------------------

  /** This onboarding registered someone or signed in: new resume ids no longer apply. */
  #committed(): boolean {
    const data = this.#machine.data;
    return data.signInRequired
      ? this.#machine.completed.has('session')
      : Boolean(ownerIdOf(data.ids, this.flow));
  }

  #backend(): FlowBackend {
    return this.#options.backend();
  }

  #createMachine(): FlowMachine<FlowData> {
    const { flow, presetCategory, resume } = this.#settings;
    if (hasResumeIds(resume, flow)) {
      return createFlowMachine(flow, {
        ids: { ...resume.ids },
        signIn: resume.step ? { resumeStep: resume.step } : {},
      });
    }
    return createFlowMachine(flow, presetCategory ? { presetCategory } : {});
  }

  #replaceMachine(settings: FlowSettings): void {
    this.#unsubscribe();
    this.#settings = { ...settings };
    this.#settingsKey = settingsKey(this.#settings);
    this.#machine = this.#createMachine();
    this.#unsubscribe = this.#machine.subscribe((t) => this.#onTransition(t));
  }

  #context(): StepContext {
    return { data: this.#machine.data, signal: this.#abort.signal };
  }

  #merge(outcome: StepOutcome): void {
    if (outcome.ids) this.#machine.update({ ids: { ...this.#machine.data.ids, ...outcome.ids } });
    if (outcome.status) this.#lastStatus = outcome.status;
  }

  /** Runs one step's async work: busy while it runs, errors turned into UI state and events. */
  async #perform(
    step: StepId,
    cause: Cause,
    retry: () => void,
    work: (context: StepContext) => Promise<void>,
  ): Promise<void> {
    if (cause === 'person') this.#personActed = true;
    const context = this.#context();
    const token = ++this.#runToken;
    this.busy = true;
    this.error = undefined;
    this.#retry = undefined;
    this.#host.requestUpdate();
    try {
      await work(context);
    } catch (error) {
      if (!context.signal.aborted) this.#fail(step, error, retry);
    } finally {
      if (token === this.#runToken) this.busy = false;
      this.#host.requestUpdate();
    }
  }

  #fail(step: StepId, error: unknown, retry: () => void): void {
    const failure = toFailure(error);
    const { code } = failure;
    if (code === 'aborted') return;
    let message = errorMessage(code);
    let recoverable = failure.retryable || code === 'validation_failed';
    let onForm = false;

    if (step === 'registration') {
      if (code === 'duplicate_email') {
        // After an attempt whose outcome was unknown, the 409 says that attempt did register.
        this.registeredEarlier = this.registeredEarlier || this.#registrationUncertain;
        this.duplicateEmail = true;
        onForm = recoverable = true;
      } else if (code === 'validation_failed' && failure.fieldErrors.length > 0) {
        this.registrationErrors = failure.fieldErrors;
        onForm = true;
      } else if (failure.retryable && code !== 'rate_limited' && code !== 'token_unavailable') {
        // §9: no idempotency key, so a repeat could register twice. The person is told and
        // decides; a repeat that meets a 409 then offers the sign-in instead. (A 429, or no
        // token at all, means FinHub never acted on it: those are not in doubt.)
        this.#registrationUncertain = true;
        message = msg(
          'We could not confirm that your account was created. Try again: if it was, we will ask you to sign in instead.',
        );
      }
    } else if (
      step === 'session' &&
      this.#machine.data.signInRequired &&
      (code === 'unauthorized' || code === 'account_locked' || code === 'not_found')
    ) {
      // A refused sign-in: the API's own message says how many attempts are left.
      message = code === 'not_found' ? errorMessage('unauthorized') : failure.message;
      this.signInError = message;
      onForm = true;
      recoverable = code !== 'account_locked';
    } else if (step === 'personnel' && this.personnelRowErrors.length > 0) {
      // Shown on the row FinHub refused (the step focuses it); the host still hears about it.
      message = this.personnelRowErrors[0]!.message;
      onForm = recoverable = true;
    } else if (
      step === 'activation' &&
      (code === 'bad_request' || (code === 'validation_failed' && failure.fieldErrors.length > 0))
    ) {
      // §5.6: a wrong or expired code.
      this.activationCodeRejected = true;
      message = msg('This code is not correct. Check the email we sent you and try again.');
      onForm = recoverable = true;
    }
    if (code === 'rate_limited' && failure.retryAfter !== undefined) {
      // §8 429 with Retry-After: say how long (the API error's message does), and hold the
      // banner's retry until then (see retry()).
      message = failure.message;
      this.#retryNotBefore = Date.now() + failure.retryAfter * 1000;
    }
    if (!onForm) {
      this.error = { step, code, message, recoverable, retryable: failure.retryable };
      if (failure.retryable) this.#retry = retry;
    }
    this.#host.dispatchEvent(new FinHubErrorEvent({ step, code, message, recoverable }));
  }

  #advance(cause: Cause): void {
    const step = this.#machine.current;
    this.#cause = cause;
    // "Done" before "moved on": a host that saves the resume object sees it before the next step.
    this.#host.dispatchEvent(
      new FinHubStepCompleteEvent({ step, flow: this.flow, ids: { ...this.ids } }),
    );
    const transition = this.#machine.next();
    if (!transition && this.#machine.finished) {
      this.#options.onTransition?.({ from: step, to: null, moveFocus: this.#personActed });
      this.#host.dispatchEvent(
        new FinHubCompleteEvent({
          flow: this.flow,
          ids: { ...this.ids },
          status: this.#lastStatus ?? 'ACTIVE',
        }),
      );
    }
    this.#host.requestUpdate();
  }

  /**
   * Completes `from`, counts `completed` as done and lands on `to` (resume). `reopen` lands on a
   * step counted as done before (an organization's people, when they were never saved).
   */
  #jump(
    from: StepId,
    completed: readonly StepId[],
    to: StepId,
    cause: Cause,
    reopen = false,
  ): void {
    this.#cause = cause;
    this.#host.dispatchEvent(
      new FinHubStepCompleteEvent({ step: from, flow: this.flow, ids: { ...this.ids } }),
    );
    this.#machine.markCompleted([from, ...completed]);
    if (reopen) this.#machine.reopen(to);
    else this.#machine.goTo(to);
    this.#host.requestUpdate();
  }

  #switchToSignIn(resume: ResumeState): void {
    this.#machine.update({
      ids: { ...resume.ids },
      signInRequired: true,
      ...(resume.step ? { resumeStep: resume.step } : {}),
      ...(this.#registeredEmail || this.#draftEmail()
        ? { email: this.#registeredEmail ?? this.#draftEmail() }
        : {}),
    });
    this.duplicateEmail = false;
    this.registeredEarlier = false;
    this.error = undefined;
    this.#personActed = true;
    this.#cause = 'person';
    const before: StepId[] = ['categorization', 'registration', 'personnel'];
    const known = new Set(this.#machine.steps.map((config) => config.id));
    this.#machine.markCompleted(before.filter((id) => known.has(id)));
    this.#machine.goTo('session');
    this.#host.requestUpdate();
  }

  #draftEmail(): string | undefined {
    return this.flow === 'organization'
      ? this.organizationDraft.email
      : this.registrationDraft.email;
  }

  #onTransition(transition: FlowTransition): void {
    this.#host.dispatchEvent(
      new FinHubStepChangeEvent({ from: transition.from, to: transition.to }),
    );
    const moveFocus =
      this.#cause === 'person' || (this.#cause === 'automatic' && this.#personActed);
    this.#options.onTransition?.({ from: transition.from, to: transition.to, moveFocus });
    this.#cause = 'system';
    this.#enter(transition.to);
  }

  /** Starts whatever a step needs on arrival; safe to call again (does nothing twice). */
  #enter(step: StepId): void {
    if (!this.#started || !this.#connected || this.#machine.finished) return;
    if (step === 'categorization') {
      if (this.categories) this.#resolvePreset();
      else this.#loadCategories();
    } else if (step === 'personnel') {
      // What FinHub already holds (a resumed onboarding), shown as saved (§7.3 list).
      this.#loadDirectors();
    } else if (step === 'session') {
      if (this.#machine.isAutomatic('session')) this.#runSession();
      else if (this.locating) this.#locate();
    } else if (step === 'verification' || step === 'documents') {
      // Documents after a resume: the verification is created again for its id and list.
      if (!this.verification) this.#startVerification();
    } else if (step === 'consents') {
      if (CONSENT_KINDS.every((kind) => this.acceptedConsents.has(kind))) {
        this.#advance(this.#personActed ? 'automatic' : 'system');
      }
    } else if (step === 'activation') {
      if (this.activationPhase === 'provisioning') this.#pollWallet();
      else this.#poll();
    }
  }

  /**
   * The directors FinHub holds (§7.3), for the people step's saved list. Best effort: without it
   * the step shows what this visit saved. `again` reloads after a partial save.
   */
  #loadDirectors(again = false): void {
    if (this.#directorsLoading || (!again && this.#directorsLoaded)) return;
    this.#directorsLoading = true;
    const context = this.#context();
    this.#backend()
      .listDirectors(context)
      .then(
        (directors) => {
          if (context.signal.aborted) return;
          this.#directorsLoaded = true;
          this.savedPersonnel = { ...this.savedPersonnel, directors };
        },
        () => undefined,
      )
      .finally(() => {
        this.#directorsLoading = false;
        this.#host.requestUpdate();
      });
  }

  #loadCategories(): void {
    if (this.#categoriesLoading) return;
    this.#categoriesLoading = true;
    const token = ++this.#loadToken;
    const context = this.#context();
    const retry = () => this.#loadCategories();
    this.#host.requestUpdate();
    this.#backend()
      .loadCategories(context)
      .then(
        (categories) => {
          if (context.signal.aborted) return;
          this.categories = categories;
          this.#resolvePreset();
        },
        (error: unknown) => {
          if (!context.signal.aborted) this.#fail('categorization', error, retry);
        },
      )
      .finally(() => {
        if (token === this.#loadToken) this.#categoriesLoading = false;
        this.#host.requestUpdate();
      });
  }

  /** A host-preset category completes categorization by itself when the tenant offers it. */
  #resolvePreset(): void {
    const preset = this.#machine.data.presetCategory;
    if (!preset || this.#machine.current !== 'categorization') return;
    const wanted = preset.toLowerCase();
    const match = this.categories?.find((category) =>
      [category.key, ...(category.aliases ?? [])].some((name) => name.toLowerCase() === wanted),
    );
    if (match) {
      this.#machine.update({ categoryKey: match.key });
      this.#advance('automatic');
    } else {
      // Unknown code: let the person choose rather than fail the whole onboarding.
      console.warn(`<finhub-onboarding>: category "${preset}" is not offered; asking instead.`);
      this.#machine.update({ presetCategory: undefined });
      this.#host.requestUpdate();
    }
  }

  #runSession(): void {
    if (this.#automaticRunning === 'session') return;
    const credentials = this.#credentials;
    const attempt = () => {
      this.#automaticRunning = 'session';
      void this.#perform('session', 'automatic', attempt, async (context) => {
        if (!credentials) {
          throw new FlowError('unauthorized', 'No credentials to sign in.');
        }
        const outcome = await this.#backend().openSession(credentials, context);
        // Signed in: the password is not needed again (§3.2; the relay keeps the session).
        this.#credentials = undefined;
        this.#merge(outcome);
        this.#advance('automatic');
      }).finally(() => {
        if (this.#automaticRunning === 'session') this.#automaticRunning = undefined;
      });
    };
    attempt();
  }

  /** After a resumed sign-in: the readiness check (§5.5) decides the first unfinished step. */
  #locate(): void {
    if (this.#automaticRunning === 'session') return;
    this.locating = true;
    const attempt = () => {
      this.#automaticRunning = 'session';
      void this.#perform('session', 'automatic', attempt, async (context) => {
        const backend = this.#backend();
        const check = await backend.checkActivation(context);
        const plan = planResume(check, this.#machine.data.resumeStep);
        this.acceptedConsents = new Set(plan.acceptedConsents);
        if (this.flow === 'organization') {
          // §7.3: the one personnel list FinHub documents; it also fills the saved list.
          const directors = await backend.listDirectors(context).catch(() => undefined);
          if (directors) {
            this.#directorsLoaded = true;
            this.savedPersonnel = { ...this.savedPersonnel, directors };
          }
          const resumeStep = this.#machine.data.resumeStep;
          if (personnelPending(check, resumeStep, directors?.length ?? 0)) {
            this.locating = false;
            this.#jump('session', [], 'personnel', 'person', true);
            return;
          }
        }
        this.locating = false;
        // Landing on activation: this answer is the first readiness check.
        const phase = plan.landing === 'activation' ? this.#noteCheck(check) : undefined;
        this.#jump('session', plan.completed, plan.landing, 'person');
        if (phase) this.#reportPhase('checking', phase);
      }).finally(() => {
        if (this.#automaticRunning === 'session') this.#automaticRunning = undefined;
      });
    };
    attempt();
  }

  #startVerification(): void {
    if (this.#verifying) return;
    const step = this.#machine.current;
    const attempt = () => {
      this.#verifying = true;
      void this.#perform(step, 'automatic', attempt, async (context) => {
        const info = await this.#backend().startVerification(context);
        this.verification = { ...info, requiredDocuments: [...info.requiredDocuments] };
        this.#machine.update({ ids: { ...this.ids, verificationId: info.verificationId } });
      }).finally(() => {
        this.#verifying = false;
      });
    };
    attempt();
  }

  /** Keeps what a readiness answer says for the activation screen. */
  #noteCheck(check: ActivationCheck): ActivationPhase {
    let phase: ActivationPhase;
    const status = check.status?.trim().toUpperCase();
    // An organization activated earlier: its wallet is (being) set up (§7.8, §10).
    if (status === 'ACTIVATING' || status === 'ACTIVE') phase = 'provisioning';
    else if (check.allowed) phase = 'ready';
    else if (isRejected(check.verificationStatus)) phase = 'rejected';
    // Verified and agreed, yet not allowed (e.g. already active, §5.5): waiting will not help.
    else if (check.verificationOk === true && check.consentOk === true) phase = 'blocked';
    else phase = 'pending';
    this.activationPhase = phase;
    return phase;
  }

  /** Tells the person (live region) and the host (`finhub-error`) what a new phase means. */
  #reportPhase(before: ActivationPhase, phase: ActivationPhase): void {
    if (phase === before) return;
    if (phase === 'ready') {
      this.#options.announce?.(
        msg('Your documents are verified. Enter the activation code from your email.'),
      );
    } else if (phase === 'rejected' || phase === 'blocked') {
      const code = phase === 'rejected' ? 'verification_rejected' : 'unprocessable';
      this.#host.dispatchEvent(
        new FinHubErrorEvent({
          step: 'activation',
          code,
          message: errorMessage(code),
          recoverable: false,
        }),
      );
    }
  }

  /**
   * Polls the readiness check with backoff until activation is allowed (or the verification is
   * rejected). Stops when the element is removed (its signal aborts); `#enter` starts it again
   * when the element comes back.
   */
  #poll(): void {
    if (this.#polling || this.result) return;
    // Decided already (a resume's check, or an earlier poll): nothing to wait for.
    if (this.activationPhase !== 'checking' && this.activationPhase !== 'pending') return;
    this.#polling = true;
    const token = ++this.#pollToken;
    const context = this.#context();
    const delay = this.#options.pollDelay ?? defaultPollDelay;
    const run = async () => {
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) await wait(delay(attempt - 1), context.signal);
        let check: ActivationCheck;
        try {
          check = await this.#backend().checkActivation(context);
        } catch (error) {
          if (context.signal.aborted) return;
          const failure = toFailure(error);
          // A blip while waiting is not worth a banner: try again on the next tick.
          if (failure.retryable && attempt < 6) continue;
          this.#fail('activation', error, () => this.#poll());
          return;
        }
        if (token !== this.#pollToken) return;
        const before = this.activationPhase;
        const phase = this.#noteCheck(check);
        this.#host.requestUpdate();
        this.#reportPhase(before, phase);
        if (phase !== 'pending') return;
      }
    };
    void run()
      .catch(() => undefined) // only the abort of `wait` reaches here
      .finally(() => {
        if (token === this.#pollToken) this.#polling = false;
        this.#host.requestUpdate();
        if (token === this.#pollToken && this.activationPhase === 'provisioning') {
          this.#pollWallet();
        }
      });
  }

  /**
   * After an organization's activation: polls its wallet (§7.8 [O] names `wallet-status`) with the
   * same backoff until it is `ACTIVE`, then finishes with the IBAN. Stops when the element is
   * removed; `#enter` starts it again when the element comes back.
   */
  #pollWallet(): void {
    if (this.#walletPolling || this.#machine.finished) return;
    this.#walletPolling = true;
    const token = ++this.#walletToken;
    const context = this.#context();
    const delay = this.#options.pollDelay ?? defaultPollDelay;
    const finish = (outcome: ActivationOutcome) => {
      const result = { ...this.result, ...outcome };
      this.result = result;
      this.#lastStatus = result.status ?? 'ACTIVE';
      this.#advance('automatic');
    };
    const run = async () => {
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) await wait(delay(attempt - 1), context.signal);
        let outcome: ActivationOutcome;
        try {
          outcome = await this.#backend().checkWallet(context);
        } catch (error) {
          if (context.signal.aborted || token !== this.#walletToken) return;
          const failure = toFailure(error);
          // No wallet poll on this tenant: the activation itself succeeded, so finish with it.
          if (failure.code === 'not_found') return finish({});
          if (failure.retryable && attempt < 6) continue;
          this.#fail('activation', error, () => this.#pollWallet());
          return;
        }
        if (token !== this.#walletToken) return;
        if (isActive(outcome.status) || outcome.iban) {
          this.#options.announce?.(msg('The company account is active.'));
          return finish({ ...outcome, status: outcome.status ?? 'ACTIVE' });
        }
      }
    };
    void run()
      .catch(() => undefined) // only the abort of `wait` reaches here
      .finally(() => {
        if (token === this.#walletToken) this.#walletPolling = false;
        this.#host.requestUpdate();
      });
  }
}
