/**
 * The onboarding flow as a plain state machine (no DOM, no Lit), driven by a typed config array
 * in the manner of Lion's `lion-steps`: shared data, a current step, `next()` / `previous()`,
 * per-step conditions.
 */
import type { FlowData, FlowIds, FlowKind, StepId } from './types.js';

/** A step as the machine sees it (a step definition is one). */
export interface StepConfig<TData> {
  readonly id: StepId;
  /**
   * The step completes without asking the person (e.g. session: sign in with the credentials just
   * entered); the UI shows progress. A function lets data decide (a host-preset category).
   */
  readonly automatic?: boolean | ((data: TData) => boolean);
  /** Whether the person may go back from this step to the one before it. */
  readonly canGoBack: boolean;
  /**
   * Once completed, the step is never entered again, and nothing before it either: it created
   * something on the server (a registration cannot be submitted twice,
   * docs/finhub-contract.md#retries-and-idempotency).
   */
  readonly locked: boolean;
  /** The step applies only when this returns true (default: always). */
  readonly when?: (data: TData) => boolean;
}

export type TransitionDirection = 'forward' | 'back' | 'jump';

export interface FlowTransition {
  from: StepId;
  to: StepId;
  direction: TransitionDirection;
}

export type TransitionListener = (transition: FlowTransition) => void;

export interface FlowMachineOptions {
  /** Steps already done (resume); `current` lands on the first unfinished one. */
  completed?: Iterable<StepId>;
}

export class FlowMachine<TData extends object> {
  readonly #config: readonly StepConfig<TData>[];
  readonly #completed = new Set<StepId>();
  readonly #listeners = new Set<TransitionListener>();
  #data: TData;
  #current: StepId;
  #finished = false;

  constructor(config: readonly StepConfig<TData>[], data: TData, options: FlowMachineOptions = {}) {
    // The flows are fixed: test/flow/machine.test.ts checks each has steps, each id once.
    const ids = new Set(config.map((step) => step.id));
    this.#config = config;
    this.#data = data;
    for (const id of options.completed ?? []) if (ids.has(id)) this.#completed.add(id);
    this.#current = this.#firstUnfinished() ?? this.#lastApplicable().id;
    this.#finished = this.#firstUnfinished() === undefined;
  }

  /** The step the person is on. */
  get current(): StepId {
    return this.#current;
  }

  get currentConfig(): StepConfig<TData> {
    return this.#configOf(this.#current);
  }

  /** Steps that apply to the current data, in order. */
  get steps(): readonly StepConfig<TData>[] {
    return this.#config.filter((step) => this.#applies(step));
  }

  get completed(): ReadonlySet<StepId> {
    return this.#completed;
  }

  get data(): Readonly<TData> {
    return this.#data;
  }

  /** True once the last step has been completed. */
  get finished(): boolean {
    return this.#finished;
  }

  /** Merges a patch into the shared data. */
  update(patch: Partial<TData>): void {
    this.#data = { ...this.#data, ...patch };
  }

  isAutomatic(step: StepId = this.#current): boolean {
    const { automatic } = this.#configOf(step);
    return typeof automatic === 'function' ? automatic(this.#data) : automatic === true;
  }

  /** Where `previous()` would go, or undefined when going back is not safe. */
  get previousStep(): StepId | undefined {
    if (this.#finished || !this.currentConfig.canGoBack) return undefined;
    const steps = this.steps;
    const index = steps.findIndex((step) => step.id === this.#current);
    for (let i = index - 1; i >= 0; i--) {
      const step = steps[i]!;
      if (step.locked && this.#completed.has(step.id)) return undefined;
      // Automatic steps are passed over: returning to "signing you in" means nothing.
      if (!this.isAutomatic(step.id)) return step.id;
    }
    return undefined;
  }

  get canGoBack(): boolean {
    return this.previousStep !== undefined;
  }

  /**
   * Completes the current step and moves to the next applicable one not done yet (after a resume,
   * steps ahead may be done already, e.g. the sign-in). Returns the transition, or null when
   * nothing is left (then `finished` is true).
   */
  next(): FlowTransition | null {
    if (this.#finished) return null;
    this.#completed.add(this.#current);
    const steps = this.steps;
    const index = steps.findIndex((step) => step.id === this.#current);
    const following = steps.find((step, i) => i > index && !this.#completed.has(step.id));
    if (!following) {
      this.#finished = true;
      return null;
    }
    return this.#move(following.id, 'forward');
  }

  /** Goes back one step where that is safe (see `previousStep`); null when it is not. */
  previous(): FlowTransition | null {
    const target = this.previousStep;
    return target === undefined ? null : this.#move(target, 'back');
  }

  /**
   * Jumps towards `step` (resume): lands on `step` when everything before it is done, otherwise on
   * the first unfinished step before it. Never lands behind a completed locked step. Returns null
   * when that is where the machine already is.
   */
  goTo(step: StepId): FlowTransition | null {
    const steps = this.steps;
    let targetIndex = steps.findIndex((config) => config.id === step);
    if (targetIndex < 0) throw new Error(`Unknown step for this flow: ${step}`);
    const barrier = this.#barrierIndex(steps);
    if (targetIndex <= barrier) targetIndex = steps.length - 1;
    const unfinished = steps.findIndex(
      (config, i) => i > barrier && i <= targetIndex && !this.#completed.has(config.id),
    );
    const landing = steps[unfinished >= 0 ? unfinished : targetIndex]!.id;
    if (landing === this.#current && !this.#finished) return null;
    this.#finished = false;
    return this.#move(landing, 'jump');
  }

  /**
   * Counts `step` as not done again and lands on it (resume: an organization signed in, but its
   * people were never saved). Steps done after it stay done, so `next()` passes over them.
   */
  reopen(step: StepId): FlowTransition | null {
    this.#completed.delete(this.#configOf(step).id);
    return this.goTo(step);
  }

  /** Marks steps done without moving (resume from a saved state, then `goTo`). */
  markCompleted(steps: Iterable<StepId>): void {
    for (const step of steps) this.#completed.add(this.#configOf(step).id);
  }

  /** Listens to transitions `{from, to, direction}`; returns the unsubscribe function. */
  subscribe(listener: TransitionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #move(to: StepId, direction: TransitionDirection): FlowTransition | null {
    const previous = this.#current;
    if (previous === to) return null;
    this.#current = to;
    const transition: FlowTransition = { from: previous, to, direction };
    for (const listener of [...this.#listeners]) listener(transition);
    return transition;
  }

  #configOf(step: StepId): StepConfig<TData> {
    const config = this.#config.find((candidate) => candidate.id === step);
    if (!config) throw new Error(`Unknown step for this flow: ${step}`);
    return config;
  }

  #applies(step: StepConfig<TData>): boolean {
    return step.when ? step.when(this.#data) : true;
  }

  /** Index (in `steps`) of the last completed locked step; -1 when none. */
  #barrierIndex(steps: readonly StepConfig<TData>[]): number {
    for (let i = steps.length - 1; i >= 0; i--) {
      if (steps[i]!.locked && this.#completed.has(steps[i]!.id)) return i;
    }
    return -1;
  }

  #firstUnfinished(): StepId | undefined {
    const steps = this.steps;
    const barrier = this.#barrierIndex(steps);
    return steps.find((step, i) => i > barrier && !this.#completed.has(step.id))?.id;
  }

  #lastApplicable(): StepConfig<TData> {
    const steps = this.steps;
    return steps[steps.length - 1] ?? this.#config[this.#config.length - 1]!;
  }
}

export interface CreateFlowOptions extends FlowMachineOptions {
  presetCategory?: string;
  ids?: FlowIds;
  /** Start at the sign-in (resume): every step before the session counts as done. */
  signIn?: { resumeStep?: StepId; email?: string };
}

/** The machine for a flow (its kind and steps), at its start or at a resume's sign-in. */
export function createFlowMachine(
  flow: { readonly kind: FlowKind; readonly steps: readonly StepConfig<FlowData>[] },
  options: CreateFlowOptions = {},
): FlowMachine<FlowData> {
  const data: FlowData = { flow: flow.kind, ids: { ...options.ids } };
  if (options.presetCategory) data.presetCategory = options.presetCategory;
  let completed = options.completed;
  if (options.signIn) {
    data.signInRequired = true;
    if (options.signIn.resumeStep) data.resumeStep = options.signIn.resumeStep;
    if (options.signIn.email) data.email = options.signIn.email;
    // Everything before the session happened in an earlier visit (the ids prove it).
    completed = [...beforeSignIn(flow.steps), ...(completed ?? [])];
  }
  return new FlowMachine(flow.steps, data, { ...options, completed });
}

/** The steps a resumed onboarding did in an earlier visit: all before the session. */
export function beforeSignIn(steps: readonly StepConfig<FlowData>[]): StepId[] {
  const ids = steps.map((step) => step.id);
  return ids.slice(0, Math.max(0, ids.indexOf('session')));
}
