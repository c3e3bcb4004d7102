/**
 * Owns the flow machine and the backend for one element (a Lit ReactiveController): runs each step's
 * work with an AbortSignal tied to the element's connection, turns errors into UI state and
 * dispatches the public events. The element only renders what this holds and forwards the
 * person's actions here.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import type { FieldError } from '../api/api-error.js';
import { FinHubCompleteEvent } from '../events/finhub-complete.js';
import { FinHubErrorEvent, type FinHubErrorEventCode } from '../events/finhub-error.js';
import { FinHubSignInRequestEvent } from '../events/finhub-sign-in-request.js';
import { FinHubStepChangeEvent } from '../events/finhub-step-change.js';
import { FinHubStepCompleteEvent } from '../events/finhub-step-complete.js';
import { errorMessage } from '../localization/error-messages.js';
import {
  wait,
  type ActivationOutcome,
  type DocumentUpload,
  type DocumentUploadOptions,
  type FlowBackend,
  type SessionCredentials,
  type StepContext,
  type StepOutcome,
  type VerificationInfo,
} from './backend.js';
import { toFailure } from './failure.js';
import type { Cause, FlowInternals, FlowKernel } from './flow-kernel.js';
import { createFlowMachine, type FlowData } from './flows.js';
import type { FlowMachine, FlowTransition } from './machine.js';
import type {
  IndividualRegistrationDraft,
  IndividualRegistrationValues,
} from '../steps/registration/individual-registration.schema.js';
import type {
  OrganizationRegistrationDraft,
  OrganizationRegistrationValues,
} from '../steps/registration/organization-registration.schema.js';
// Types only: the personnel schemas (zod) load with the personnel step, not the first screen.
import type {
  PersonnelRowError,
  PersonnelSection,
  PersonnelValues,
  SavedPersonnel,
} from '../steps/personnel/personnel.schema.js';
import {
  type CategoryOption,
  type ConsentKind,
  type FlowIds,
  type FlowKind,
  type ResumeState,
  type StepId,
} from './types.js';

// The steps after categorization: their work loads when the flow first leaves it (DESIGN §5).
type StepHandlers = typeof import('./step-handlers.js');
type OrganizationHandlers = typeof import('./organization-handlers.js');
// Shared by every element once loaded; a failed load is tried again next time.
let stepHandlers: StepHandlers | undefined;
let organizationHandlers: OrganizationHandlers | undefined;
let stepsLoading: Promise<StepHandlers> | undefined;
let organizationLoading: Promise<OrganizationHandlers> | undefined;

const loadStepHandlers = (): Promise<StepHandlers> =>
  stepHandlers
    ? Promise.resolve(stepHandlers)
    : (stepsLoading ??= import('./step-handlers.js').then(
        (module) => (stepHandlers = module),
        (error: unknown) => {
          stepsLoading = undefined;
          throw error;
        },
      ));

const loadOrganizationHandlers = (): Promise<OrganizationHandlers> =>
  organizationHandlers
    ? Promise.resolve(organizationHandlers)
    : (organizationLoading ??= import('./organization-handlers.js').then(
        (module) => (organizationHandlers = module),
        (error: unknown) => {
          organizationLoading = undefined;
          throw error;
        },
      ));

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
  #retry: (() => void) | undefined;
  #categoriesLoading = false;
  /** Run state shared with the step handlers (flow-kernel.ts); `reset()` clears it. */
  readonly #s: FlowInternals = {
    credentials: undefined,
    automaticRunning: undefined,
    verifying: false,
    polling: false,
    walletPolling: false,
    directorsLoading: false,
    directorsLoaded: false,
    lastStatus: undefined,
    consentsUnsure: false,
    personnelUnsure: false,
    activationUnsure: false,
    uploadsUnsure: new Set(),
    pollToken: 0,
    walletToken: 0,
  };
  readonly #kernel: FlowKernel;
  #registeredEmail: string | undefined;
  #registrationUncertain = false;
  /** Epoch ms before which the banner's retry waits (429 `Retry-After`). */
  #retryNotBefore = 0;
  // Tokens so a run that was overtaken (reset, newer run) never clears the newer one's state.
  #runToken = 0;
  #loadToken = 0;

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
    this.#kernel = {
      c: this,
      s: this.#s,
      host,
      options: this.#options,
      backend: () => this.#backend(),
      context: () => this.#context(),
      personActed: () => this.#personActed,
      perform: (step, cause, retry, work) => this.#perform(step, cause, retry, work),
      fail: (step, error, retry) => this.#fail(step, error, retry),
      advance: (cause) => this.#advance(cause),
      jump: (from, completed, to, cause, reopen) => this.#jump(from, completed, to, cause, reopen),
      merge: (outcome) => this.#merge(outcome),
      loadOrg: loadOrganizationHandlers,
      withOrg: (run) => this.#withOrg(run),
    };
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
    this.#s.pollToken++;
    this.#s.walletToken++;
    this.busy = false;
    this.error = undefined;
    this.categories = undefined;
    this.#categoriesLoading = false;
    this.#s.automaticRunning = undefined;
    this.#s.verifying = false;
    this.#s.polling = false;
    this.#s.walletPolling = false;
    this.#s.directorsLoading = false;
    this.#s.directorsLoaded = false;
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
    this.#s.credentials = undefined;
    this.#registeredEmail = undefined;
    this.#registrationUncertain = false;
    this.#retryNotBefore = 0;
    this.#s.consentsUnsure = false;
    this.#s.personnelUnsure = false;
    this.#s.activationUnsure = false;
    this.#s.uploadsUnsure.clear();
    this.#retry = undefined;
    this.#personActed = false;
    this.#s.lastStatus = undefined;
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
   * failing row's error is set; a retry sends only what is left (organization-handlers.ts).
   */
  savePersonnel(values: PersonnelValues, onSent?: (counts: PersonnelSentCounts) => void): void {
    this.#withOrg((org) => org.savePersonnel(this.#kernel, values, onSent));
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
        this.#s.credentials = { username: values.email, password: values.password };
        this.#machine.update({ email: values.email });
        this.#merge(outcome);
        this.#advance('person');
      });
    attempt();
  }

  /** A person who came back signs in (finhub-api.md §3.2), then lands where they left off. */
  signIn(credentials: SessionCredentials): void {
    this.#withSteps((steps) => steps.signIn(this.#kernel, credentials));
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
  readonly uploadDocument = (
    upload: DocumentUpload,
    options: DocumentUploadOptions = {},
  ): Promise<{ documentId: string }> =>
    this.#loadSteps().then((steps) => steps.uploadDocument(this.#kernel, upload, options));

  /** Sends the consents FinHub does not hold yet, in the order §5.4 gives, then moves on. */
  acceptConsents(versions: Record<ConsentKind, string>): void {
    this.#withSteps((steps) => steps.acceptConsents(this.#kernel, versions));
  }

  /**
   * Activates with the code from the email (finhub-api.md §5.6, §7.8). An organization answers
   * `ACTIVATING` while its wallet is provisioned: the step says so and the flow finishes once the
   * wallet is `ACTIVE` (with its IBAN).
   */
  activate(code: string): void {
    this.#withSteps((steps) => steps.activate(this.#kernel, code));
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
    if (outcome.status) this.#s.lastStatus = outcome.status;
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
      // Cancelled (the element left the page) after the registration may have gone out: the
      // relay carries it out regardless, so a later 409 means this attempt registered (§9).
      else if (step === 'registration') this.#registrationUncertain = true;
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
    // The banner words its message again at each render, so switching `locale` re-words it.
    let wording: (() => string) | undefined = () => errorMessage(code);
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
        wording = () =>
          msg(
            'We could not confirm that your account was created. Try again: if it was, we will ask you to sign in instead.',
          );
        message = wording();
      }
    } else {
      // A refused sign-in, people row or activation code: shown on the form (step-handlers.ts;
      // those steps' work runs there, so it has loaded).
      const onFormFailure = stepHandlers?.formFailure(this.#kernel, step, failure);
      if (onFormFailure) {
        ({ message, recoverable } = onFormFailure);
        wording = undefined;
        onForm = true;
      }
    }
    if (code === 'rate_limited' && failure.retryAfter !== undefined) {
      // §8 429 with Retry-After: say how long (the API error's message does), and hold the
      // banner's retry until then (see retry()).
      message = failure.message;
      wording = undefined;
      this.#retryNotBefore = Date.now() + failure.retryAfter * 1000;
    }
    if (!onForm) {
      const fixed = message;
      const say = wording ?? (() => fixed);
      this.error = {
        step,
        code,
        get message() {
          return say();
        },
        recoverable,
        retryable: failure.retryable,
      };
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
          status: this.#s.lastStatus ?? 'ACTIVE',
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
    } else if (this.#handlersReady()) {
      stepHandlers!.enter(this.#kernel, step);
    } else {
      // The first step past categorization: load the steps' work, then enter the current step.
      this.#withSteps(() => this.#enter(this.#machine.current));
    }
  }

  #handlersReady(): boolean {
    return Boolean(stepHandlers && (this.flow !== 'organization' || organizationHandlers));
  }

  /** This flow's step handlers (step-handlers.ts, and organization-handlers.ts for a company). */
  #loadSteps(): Promise<StepHandlers> {
    if (this.flow !== 'organization') return loadStepHandlers();
    return Promise.all([loadStepHandlers(), loadOrganizationHandlers()]).then(([module]) => module);
  }

  /** Runs `run` with the step handlers: at once when loaded (as before the split), else once they are. */
  #withSteps(run: (steps: StepHandlers) => void): void {
    if (this.#handlersReady()) {
      run(stepHandlers!);
      return;
    }
    this.#loadSteps().then(run, () =>
      this.reportError('step_unavailable', { retry: () => this.#withSteps(run) }),
    );
  }

  #withOrg(run: (org: OrganizationHandlers) => void): void {
    if (organizationHandlers) {
      run(organizationHandlers);
      return;
    }
    loadOrganizationHandlers().then(run, () =>
      this.reportError('step_unavailable', { retry: () => this.#withOrg(run) }),
    );
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
          // The first screen is up: fetch the next steps' work while the person chooses.
          this.#loadSteps().catch(() => undefined);
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
}
