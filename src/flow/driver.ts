/**
 * Drives one flow for one element (a Lit ReactiveController; docs/architecture.md#flow): the
 * machine, each step's slice of state, the runs of the steps' work, the error banner, resume and
 * reset. It knows no step and no flow by name: it looks the current step up in the flow's list and
 * runs that step's work. What happens is reported (`report`); the element turns reports into its
 * public events.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FinHubErrorEventCode } from '../events/finhub-error.js';
import { untilAborted } from '../api/abort.js';
import type { ActivationOutcome, FlowBackend, SessionCredentials } from './backend.js';
import { systemClock, type Clock } from './clock.js';
import type {
  FailurePlacement,
  FlowDefinition,
  FlowReport,
  FlowSettings,
  Patch,
  Step,
  StepContext,
} from './definitions.js';
import { toFailure, type Failure } from './failure.js';
import {
  beforeSignIn,
  createFlowMachine,
  type FlowMachine,
  type FlowTransition,
} from './machine.js';
import { hasResumeIds, onboardingOf, settingsKey } from './settings.js';
import { Runner, type Run, type RunStatus } from './runner.js';
import { loaded, workOf, type AnyWork } from './works.js';
import type { ActivationCheck, FlowData, FlowIds, ResumeState, StepId } from './types.js';

export type DriverHost = ReactiveControllerHost & EventTarget;

export interface DriverOptions {
  /** Read when the flow starts or resets (the element's current attributes). */
  settings: () => FlowSettings;
  /**
   * Read for every run, so a backend swapped before a call is used by it; a promise while the API
   * chunk loads.
   */
  backend: (flow: FlowDefinition) => FlowBackend | Promise<FlowBackend>;
  report: (report: FlowReport) => void;
  /** Default text for a failure (the element's error catalogue). */
  failureText: (failure: Failure) => string;
  clock?: () => Clock | undefined;
}

/** The banner: what failed and whether a retry may help. */
export interface BannerState {
  step: StepId;
  code: FinHubErrorEventCode;
  text: () => string;
  recoverable: boolean;
  /** A retry button makes sense (the same request may succeed later). */
  retryable: boolean;
}

type Cause = 'person' | 'automatic';
type AnyContext = StepContext<object>;

export class FlowDriver implements ReactiveController {
  readonly #host: DriverHost;
  readonly #options: DriverOptions;
  readonly #runner: Runner;
  #settings: FlowSettings;
  #settingsKey: string;
  #machine!: FlowMachine<FlowData>;
  #unsubscribe: () => void = () => undefined;
  #slices = new Map<StepId, object>();
  #acts = new Map<StepId, <T>(action: (context: AnyContext) => Promise<T>) => Promise<T>>();
  /** What the session signs in with: in memory only, dropped once signed in or on reset. */
  #credentials: SessionCredentials | undefined;
  #account: ActivationOutcome | undefined;
  #lastStatus: string | undefined;
  #error: BannerState | undefined;
  #retry: (() => void) | undefined;
  #connected = false;
  #started = false;
  #personActed = false;
  #cause: Cause = 'automatic';
  /** The person was offered "Sign in instead" (a duplicate email): resume ids may take them there. */
  #signInOffered = false;
  /** Bumped by reset: an action started before it no longer counts. */
  #generation = 0;
  /** Set while `retry()` starts a run: a run cancelled before it sent anything restores the banner. */
  #restore: { error: BannerState | undefined; retry: () => void } | undefined;

  constructor(host: DriverHost, options: DriverOptions) {
    this.#host = host;
    this.#options = options;
    this.#runner = new Runner(() => options.clock?.() ?? systemClock);
    this.#settings = options.settings();
    this.#settingsKey = settingsKey(this.#settings);
    this.#build();
    host.addController(this);
  }

  // ---- what the element reads ------------------------------------------------------------

  get flow(): FlowDefinition {
    return this.#settings.flow;
  }

  get settings(): FlowSettings {
    return this.#settings;
  }

  get machine(): FlowMachine<FlowData> {
    return this.#machine;
  }

  /** The step the person is on. */
  get current(): Step {
    return this.step(this.#machine.current);
  }

  step(id: StepId): Step {
    return this.flow.steps.find((step) => step.id === id)!; // the machine holds this flow's steps
  }

  get finished(): boolean {
    return this.#machine.finished;
  }

  get started(): boolean {
    return this.#started;
  }

  /** A run the person waits for is in flight; steps disable their primary action. */
  get busy(): boolean {
    return this.#runner.busy;
  }

  get error(): BannerState | undefined {
    return this.#error;
  }

  get ids(): FlowIds {
    return this.#machine.data.ids;
  }

  /** The account as activation left it (IBAN, wallet). */
  get account(): ActivationOutcome | undefined {
    return this.#account;
  }

  slice<S extends object>(step: Step): S {
    return this.#slices.get(step.id) as S; // built by this step's own `slice()`
  }

  /** How the step's entry work went (the view shows progress or nothing while it fails). */
  entryStatus(step: Step): RunStatus | undefined {
    return this.#runner.status(`${step.id}:enter`);
  }

  /** Runs `action` with `step`'s context outside the busy state (stable per step). */
  actFor(step: Step): <T>(action: (context: AnyContext) => Promise<T>) => Promise<T> {
    let act = this.#acts.get(step.id);
    if (!act) {
      const generation = this.#generation;
      act = async <T>(action: (context: AnyContext) => Promise<T>): Promise<T> => {
        const signal = this.#runner.signal;
        const current = () => this.#generation === generation;
        const run = {
          signal,
          get current() {
            return current();
          },
        };
        const context = this.#context(step, run, await this.#options.backend(this.flow));
        return this.#runner.act(step.id, signal, () => action(context));
      };
      this.#acts.set(step.id, act);
    }
    return act;
  }

  // ---- lifecycle -------------------------------------------------------------------------

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
      if (!this.#connected) this.#runner.disconnect();
    });
  }

  /** Starts the flow once; later calls do nothing. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const settings = this.#options.settings();
    if (settingsKey(settings) !== this.#settingsKey) {
      this.#settings = settings;
      this.#settingsKey = settingsKey(settings);
      this.#build();
    }
    this.#enter(this.#machine.current);
  }

  /**
   * The host changed flow, category or resume ids. Before the flow starts, or when the flow or
   * category changed, this starts over. New resume ids while the person is offered the sign-in
   * take them to it; once this onboarding registered someone they are ignored.
   */
  settingsChanged(): void {
    const next = this.#options.settings();
    const key = settingsKey(next);
    if (key === this.#settingsKey) {
      this.#settings = next; // the same flow, category and ids: other settings may have changed
      return;
    }
    const flowChanged = onboardingOf(next) !== onboardingOf(this.#settings);
    if (!this.#started || flowChanged || !this.#committed()) {
      if (!flowChanged && this.#signInOffered && hasResumeIds(next.flow, next.resume)) {
        this.#settings = next;
        this.#settingsKey = key;
        this.#switchToSignIn(next.resume!);
        return;
      }
      this.reset();
      return;
    }
    this.#settings = next;
    this.#settingsKey = key;
  }

  /**
   * Back to the first step with nothing kept: cancels work in flight and drops every slice, the
   * ids, the banner and the credentials. Re-reads the settings (flow, preset category, resume).
   */
  reset(): void {
    const from = this.#machine.current;
    this.#runner.reset();
    this.#settings = this.#options.settings();
    this.#settingsKey = settingsKey(this.#settings);
    this.#build();
    this.#credentials = undefined;
    this.#account = undefined;
    this.#lastStatus = undefined;
    this.#error = undefined;
    this.#retry = undefined;
    this.#personActed = false;
    this.#signInOffered = false;
    const to = this.#machine.current;
    if (this.#started && from !== to) {
      this.#options.report({ type: 'step-change', from, to, moveFocus: false });
    }
    this.#host.requestUpdate();
    if (this.#started) this.#enter(to);
  }

  // ---- the person's actions --------------------------------------------------------------

  /** The current step's view sent its (validated) value. */
  submit(value: unknown): void {
    const step = this.current;
    if (this.busy || this.finished || !this.#started) return;
    this.#personActed = true;
    this.#signInOffered = false;
    const attempt = () => this.#run(step, 'submit', true, attempt, (w, c) => w.submit?.(value, c));
    attempt();
  }

  back(): void {
    if (this.busy || !this.#machine.canGoBack) return;
    this.#personActed = true;
    this.#cause = 'person';
    this.#error = undefined;
    this.#machine.previous();
    this.#host.requestUpdate();
  }

  /** Repeats what failed (the banner's retry action); it waits out a Retry-After first. */
  retry(): void {
    const retry = this.#retry;
    if (!retry || this.busy) return;
    this.#restore = { error: this.#error, retry };
    this.#retry = undefined;
    this.#error = undefined;
    try {
      retry();
    } finally {
      this.#restore = undefined;
    }
  }

  /** What the person typed on the current step (never passwords), kept in its slice. */
  keepDraft(draft: object): void {
    const id = this.#machine.current;
    const slice = this.#slices.get(id);
    if (slice && 'draft' in slice) this.#slices.set(id, { ...slice, draft: { ...draft } });
  }

  /**
   * "Sign in instead" after a duplicate email: with resume ids from the host, the element's own
   * sign-in; otherwise the host is asked (`finhub-sign-in-request`).
   */
  requestSignIn(): void {
    const resume = this.#options.settings().resume;
    if (!this.#committed() && hasResumeIds(this.flow, resume)) {
      this.#switchToSignIn(resume!);
      return;
    }
    this.#options.report({
      type: 'sign-in-request',
      step: this.#machine.current,
      reason: 'duplicate_email',
    });
  }

  /** Reports an error that happened outside a step's work (a view that failed to load). */
  reportError(code: FinHubErrorEventCode, retry: () => void): void {
    const failure: Failure = { code, retryable: true, fieldErrors: [] };
    this.#show(this.#machine.current, failure, { recoverable: true }, retry);
    this.#host.requestUpdate();
  }

  // ---- runs ------------------------------------------------------------------------------

  /** Starts whatever a step needs on arrival; does nothing while its entry work runs. */
  #enter(id: StepId): void {
    if (!this.#started || !this.#connected || this.#machine.finished) return;
    const step = this.step(id);
    if (this.#runner.pending(`${id}:enter`)) return;
    const attempt = () => {
      const entry = step.entry?.(this.#machine.data, this.slice(step));
      if (!entry) return;
      this.#run(step, 'enter', entry === 'busy', attempt, (w, c) => w.enter?.(c));
    };
    attempt();
  }

  /** Runs a step's entry work or submit (the person's: it moves the focus) on the runner. */
  #run(
    step: Step,
    kind: 'enter' | 'submit',
    busy: boolean,
    retry: () => void,
    task: (work: AnyWork, context: AnyContext) => Promise<Patch<object> | void> | undefined,
  ): void {
    const cause: Cause = kind === 'submit' ? 'person' : 'automatic';
    if (busy) {
      this.#error = undefined;
      this.#retry = undefined;
    }
    let context: AnyContext | undefined;
    let workLoaded = false;
    const restore = this.#restore;
    this.#runner.run(`${step.id}:${kind}`, {
      gate: step.id,
      busy,
      task: (run) => {
        const work = loaded.get(step);
        const backend = this.#options.backend(this.flow);
        const start = async (work: AnyWork, backend: FlowBackend) =>
          task(work, (context = this.#context(step, run, backend)));
        // Loaded already: the work starts in this task (its first request with it).
        if (work && !(backend instanceof Promise)) return start(work, backend);
        return workOf(step).then((work) =>
          untilAborted(Promise.resolve(backend), run.signal).then(
            (backend) => start(work, backend),
            (error: unknown) => {
              workLoaded = true; // the API chunk failed, not the step's work
              throw error;
            },
          ),
        );
      },
      complete: (patch) => {
        if (patch) this.#apply(step, patch, cause);
      },
      failed: (error) => this.#fail(step, error, retry, context, workLoaded),
      cancelled: () => {
        // Removed while a retry waited out a Retry-After: the banner comes back for when the
        // person is back (nothing was sent).
        if (restore && !context) {
          this.#error = restore.error;
          this.#retry = restore.retry;
        }
      },
      settled: () => this.#host.requestUpdate(),
    });
    this.#host.requestUpdate();
  }

  #context(step: Step, run: Pick<Run, 'signal' | 'current'>, backend: FlowBackend): AnyContext {
    const runner = this.#runner;
    const { signal } = run;
    const data = () => this.#machine.data;
    const slice = () => this.slice(step);
    const credentials = () => this.#credentials;
    return {
      signal,
      backend,
      flow: this.flow,
      settings: this.#settings,
      get data() {
        return data();
      },
      get slice() {
        return slice();
      },
      get credentials() {
        return credentials();
      },
      update: (patch) => {
        if (run.current) this.#apply(step, patch, 'automatic', false);
      },
      announce: (message) => this.#options.report({ type: 'announce', message }),
      reportError: (failure, recoverable, detail) => {
        if (run.current) this.#show(step.id, failure, { onForm: true, recoverable, detail });
      },
      sleep: (ms, also) => runner.clock.sleep(ms, also ? AbortSignal.any([signal, also]) : signal),
      waitOut: (error) => runner.waitOut(step.id, error, signal),
      signedIn: (check) => this.#signedIn(check, run),
    };
  }

  /** Applies a patch of `step`'s work; `moves` false: only its state (an update while it runs). */
  #apply(step: Step, patch: Patch<object>, cause: Cause, moves = true): void {
    if (patch.slice) {
      this.#slices.set(step.id, { ...this.#slices.get(step.id), ...patch.slice });
    }
    if (patch.data) this.#machine.update(patch.data);
    if (patch.ids) this.#machine.update({ ids: { ...this.#machine.data.ids, ...patch.ids } });
    if (patch.status) this.#lastStatus = patch.status;
    if (patch.account) this.#account = patch.account;
    if (patch.credentials !== undefined) this.#credentials = patch.credentials ?? undefined;
    const here = moves && this.#machine.current === step.id && !this.#machine.finished;
    if (here && patch.jump) this.#jump(step.id, patch.jump, cause);
    else if (here && patch.next) this.#advance(cause);
    else if (here && patch.reenter) this.#enter(step.id);
    this.#host.requestUpdate();
  }

  #fail(
    step: Step,
    error: unknown,
    retry: () => void,
    context: AnyContext | undefined,
    workLoaded: boolean,
  ): void {
    let failure = toFailure(error);
    if (failure.code === 'aborted') return;
    // The step's work did not load: the person may try again.
    if (!context && !workLoaded)
      failure = { ...failure, code: 'step_unavailable', retryable: true };
    if (failure.code === 'duplicate_email' && !this.#committed()) this.#signInOffered = true;
    const failed = context && loaded.get(step)?.failed;
    const placement = failed ? failed(failure, context) : undefined;
    this.#show(step.id, failure, placement, retry);
    if (placement?.back && this.#machine.current === step.id) {
      // As the person's own Back: the heading of the step before takes the focus.
      this.#cause = 'person';
      this.#machine.previous();
    }
  }

  /** A failure in the banner (with its retry) or on the step's form, and the host told. */
  #show(
    step: StepId,
    failure: Failure,
    placement: FailurePlacement | void,
    retry?: () => void,
  ): void {
    const { code, retryable } = failure;
    const text = placement?.text ?? (() => this.#options.failureText(failure));
    const recoverable = placement?.recoverable ?? (retryable || code === 'validation_failed');
    if (!placement?.onForm) {
      this.#error = { step, code, text, recoverable, retryable };
      this.#retry = retryable ? retry : undefined;
    }
    const detail = { ...failure.source, ...placement?.detail };
    this.#options.report({ type: 'error', step, code, text, recoverable, detail });
  }

  // ---- moving ----------------------------------------------------------------------------

  #advance(cause: Cause): void {
    const step = this.#machine.current;
    this.#cause = cause;
    // "Done" before "moved on": a host that saves the resume object sees it before the next step.
    this.#options.report({ type: 'step-complete', step, ids: { ...this.ids } });
    const transition = this.#machine.next();
    if (!transition && this.#machine.finished) {
      this.#options.report({
        type: 'complete',
        ids: { ...this.ids },
        status: this.#lastStatus ?? 'ACTIVE',
        account: this.#account,
        moveFocus: this.#personActed,
      });
    }
    this.#host.requestUpdate();
  }

  #jump(from: StepId, jump: NonNullable<Patch<object>['jump']>, cause: Cause): void {
    this.#cause = cause;
    this.#options.report({ type: 'step-complete', step: from, ids: { ...this.ids } });
    this.#machine.markCompleted([from, ...jump.completed]);
    if (jump.reopen) this.#machine.reopen(jump.to);
    else this.#machine.goTo(jump.to);
    this.#host.requestUpdate();
  }

  #onTransition(transition: FlowTransition): void {
    const moveFocus =
      this.#cause === 'person' || (this.#cause === 'automatic' && this.#personActed);
    this.#cause = 'automatic';
    this.#options.report({
      type: 'step-change',
      from: transition.from,
      to: transition.to,
      moveFocus,
    });
    this.#enter(transition.to);
  }

  // ---- resume ----------------------------------------------------------------------------

  /** This onboarding registered someone or signed in: new resume ids no longer apply. */
  #committed(): boolean {
    const data = this.#machine.data;
    return data.signInRequired
      ? this.#machine.completed.has('session')
      : Boolean(this.flow.ownerId(data.ids));
  }

  #build(): void {
    this.#unsubscribe();
    const { flow, presetCategory, resume } = this.#settings;
    this.#machine = hasResumeIds(flow, resume)
      ? createFlowMachine(flow, {
          ids: { ...resume!.ids },
          signIn: resume!.step ? { resumeStep: resume!.step } : {},
        })
      : createFlowMachine(flow, presetCategory ? { presetCategory } : {});
    this.#unsubscribe = this.#machine.subscribe((t) => this.#onTransition(t));
    this.#slices = new Map(flow.steps.map((step) => [step.id, step.slice()]));
    this.#acts = new Map();
    this.#generation++;
  }

  #switchToSignIn(resume: ResumeState): void {
    this.#machine.update({
      ids: { ...resume.ids },
      signInRequired: true,
      ...(resume.step ? { resumeStep: resume.step } : {}),
    });
    // What the steps before it showed (the duplicate email) no longer applies.
    const before = beforeSignIn(this.#machine.steps);
    for (const id of before) this.#slices.set(id, this.step(id).slice());
    this.#signInOffered = false;
    this.#error = undefined;
    this.#personActed = true;
    this.#cause = 'person';
    this.#machine.markCompleted(before);
    this.#machine.goTo('session');
    this.#host.requestUpdate();
  }

  /** See `StepContext.signedIn`: each step's `signedIn` looks at the readiness answer. */
  async #signedIn(check: ActivationCheck, run: Run): Promise<StepId | undefined> {
    let reopen: StepId | undefined;
    for (const step of this.flow.steps) {
      if (!step.onSignIn) continue;
      const work = await workOf(step);
      if (!work.signedIn || !run.current) continue;
      const context = this.#context(step, run, await this.#options.backend(this.flow));
      if ((await work.signedIn(check, context)) && !reopen) reopen = step.id;
    }
    return reopen;
  }
}
