/**
 * Owns the flow machine and the backend for one element (a Lit ReactiveController): runs each step's
 * work with an AbortSignal tied to the element's connection, turns errors into UI state and
 * dispatches the public events. The element only renders what this holds and forwards the
 * person's actions here; wiring the API client means handing it a backend built on the client.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FinHubApiError, isFinHubApiError, type FieldError } from '../api/errors.js';
import { FinHubCompleteEvent } from '../events/finhub-complete.js';
import { FinHubErrorEvent, type FinHubErrorEventCode } from '../events/finhub-error.js';
import { FinHubSignInRequestEvent } from '../events/finhub-sign-in-request.js';
import { FinHubStepChangeEvent } from '../events/finhub-step-change.js';
import { FinHubStepCompleteEvent } from '../events/finhub-step-complete.js';
import { errorMessage } from '../localization/error-messages.js';
import type { FlowBackend, SessionCredentials, StepContext, StepOutcome } from './backend.js';
import { createFlowMachine, type FlowData } from './flows.js';
import type { FlowMachine, FlowTransition } from './machine.js';
import type {
  IndividualRegistrationDraft,
  IndividualRegistrationValues,
} from './schemas/individual-registration.js';
import type { CategoryOption, FlowIds, FlowKind, StepId } from './types.js';

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
}

export interface FlowControllerOptions {
  /** Read when the flow starts or resets (the element's current attributes). */
  settings: () => FlowSettings;
  /** Read for every call, so a backend swapped before a call is used by it. */
  backend: () => FlowBackend;
  onTransition?: (info: TransitionInfo) => void;
}

type Cause = 'person' | 'automatic' | 'system';

const silentCodes = new Set<string>(['aborted']);

function toApiError(error: unknown): FinHubApiError {
  if (isFinHubApiError(error)) return error;
  return new FinHubApiError({
    code: 'server_error',
    message: error instanceof Error ? error.message : 'Unexpected error',
    cause: error,
  });
}

export class FlowController implements ReactiveController {
  readonly #host: FlowControllerHost;
  readonly #options: FlowControllerOptions;
  #machine: FlowMachine<FlowData>;
  #settings: FlowSettings;
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
  #lastStatus: string | undefined;
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
  /** What the person typed at registration, minus passwords, kept across back/forward. */
  registrationDraft: IndividualRegistrationDraft = {};
  /** Ids collected so far. */
  get ids(): FlowIds {
    return this.#machine.data.ids;
  }

  constructor(host: FlowControllerHost, options: FlowControllerOptions) {
    this.#host = host;
    this.#options = { ...options };
    this.#settings = options.settings();
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

  hostConnected(): void {
    this.#connected = true;
    if (!this.#started) {
      this.start();
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
    if (
      settings.flow !== this.#settings.flow ||
      settings.presetCategory !== this.#settings.presetCategory
    ) {
      this.#replaceMachine(settings);
    }
    this.#enter(this.#machine.current);
  }

  /**
   * Back to the first step with nothing kept: cancels work in flight, forgets ids, errors, drafts
   * and credentials. Re-reads the settings (flow, preset category).
   */
  reset(): void {
    const from = this.#machine.current;
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#replaceMachine(this.#options.settings());
    this.#runToken++;
    this.#loadToken++;
    this.busy = false;
    this.error = undefined;
    this.categories = undefined;
    this.#categoriesLoading = false;
    this.#automaticRunning = undefined;
    this.registrationErrors = [];
    this.duplicateEmail = false;
    this.registrationDraft = {};
    this.#credentials = undefined;
    this.#retry = undefined;
    this.#personActed = false;
    this.#lastStatus = undefined;
    const to = this.#machine.current;
    if (from !== to) this.#host.dispatchEvent(new FinHubStepChangeEvent({ from, to }));
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
    if (this.busy || this.#machine.current !== 'registration') return;
    this.registrationErrors = [];
    this.duplicateEmail = false;
    const attempt = () =>
      this.#perform('registration', 'person', attempt, async (context) => {
        const outcome = await this.#backend().registerIndividual(values, context);
        // Held in memory only until the session step has signed in (§3.2).
        this.#credentials = { username: values.email, password: values.password };
        this.#merge(outcome);
        this.#advance('person');
      });
    attempt();
  }

  /** The person confirms a step whose screen is a placeholder for now. */
  continueStep(): void {
    const step = this.#machine.current;
    if (this.busy || this.#machine.isAutomatic(step)) return;
    const attempt = () =>
      this.#perform(step, 'person', attempt, async (context) => {
        this.#merge(await this.#backend().completeStep(step, context));
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
    this.#retry = undefined;
    this.error = undefined;
    retry();
  }

  saveRegistrationDraft(draft: IndividualRegistrationDraft): void {
    this.registrationDraft = { ...draft };
  }

  requestSignIn(): void {
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

  #backend(): FlowBackend {
    return this.#options.backend();
  }

  #createMachine(): FlowMachine<FlowData> {
    const { flow, presetCategory } = this.#settings;
    return createFlowMachine(flow, presetCategory ? { presetCategory } : {});
  }

  #replaceMachine(settings: FlowSettings): void {
    this.#unsubscribe();
    this.#settings = { ...settings };
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
      if (!context.signal.aborted) this.#fail(step, toApiError(error), retry);
    } finally {
      if (token === this.#runToken) this.busy = false;
      this.#host.requestUpdate();
    }
  }

  #fail(step: StepId, error: FinHubApiError, retry: () => void): void {
    if (silentCodes.has(error.code)) return;
    const code = error.code;
    const recoverable =
      error.retryable || code === 'validation_failed' || code === 'duplicate_email';
    const message = errorMessage(code);
    const onForm =
      step === 'registration' &&
      ((code === 'validation_failed' && error.fieldErrors.length > 0) ||
        code === 'duplicate_email');
    if (onForm) {
      // Shown on the fields themselves; the banner would only repeat it.
      if (code === 'duplicate_email') this.duplicateEmail = true;
      else this.registrationErrors = [...error.fieldErrors];
    } else {
      this.error = { step, code, message, recoverable, retryable: error.retryable };
      if (error.retryable) this.#retry = retry;
    }
    this.#host.dispatchEvent(new FinHubErrorEvent({ step, code, message, recoverable }));
  }

  #advance(cause: Cause): void {
    const step = this.#machine.current;
    this.#cause = cause;
    const transition = this.#machine.next();
    this.#host.dispatchEvent(
      new FinHubStepCompleteEvent({ step, flow: this.flow, ids: { ...this.ids } }),
    );
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
    } else if (step === 'session') {
      this.#runSession();
    }
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
          if (!context.signal.aborted) this.#fail('categorization', toApiError(error), retry);
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
    const match = this.categories?.find(
      (category) => category.key.toLowerCase() === preset.toLowerCase(),
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
          throw new FinHubApiError({ code: 'unauthorized', message: 'No credentials to sign in.' });
        }
        const outcome = await this.#backend().openSession(credentials, context);
        this.#credentials = undefined;
        this.#merge(outcome);
        this.#advance('automatic');
      }).finally(() => {
        if (this.#automaticRunning === 'session') this.#automaticRunning = undefined;
      });
    };
    attempt();
  }
}
