/**
 * The shape of a step and of a flow (docs/architecture.md#how-a-step-is-built). A step is one
 * folder, `src/steps/<step>/`: its definition (`<step>.step.ts`: machine entry, title, its slice
 * of state, when it has entry work) is always loaded; what it does and shows loads when it is
 * reached (`<step>.lazy.ts`: its element, its work from `<step>.work.ts`, and how it renders), so
 * the first screen does not carry it. A flow (`src/flows/`) is the list of its steps plus its
 * backend calls. Types, and two identity helpers.
 */
import type { TemplateResult, nothing } from 'lit';
import type { FinHubErrorDetail, FinHubErrorEventCode } from '../events/finhub-error.js';
import type { Clock } from './clock.js';
import type { Failure } from './failure.js';
import type { ActivationOutcome, CallContext, FlowBackend, SessionCredentials } from './backend.js';
import type { ApiSession, ApiSessionOptions } from '../api/api-session.js';
import type { CategoryLabels } from '../steps/categorization/category-labels.js';
import type { ConsentDocumentsInput } from '../steps/consents/consent-documents.js';
import type { ActivationCheck, FlowData, FlowIds, FlowKind, ResumeState, StepId } from './types.js';

/**
 * A step's Lit element: its tag and how to load it (the element registers it once). `load`
 * resolves with the step's lazy module (`<step>.lazy.ts`), which holds the element as `view`.
 */
export interface StepView {
  readonly tag: string;
  readonly load: () => Promise<{ view: CustomElementConstructor }>;
}

/**
 * What loads when a step is reached (`<step>.lazy.ts`), one chunk: its element, its work, and how
 * the element renders it.
 */
export interface StepModule<S, V, B extends FlowBackend> {
  readonly view: CustomElementConstructor;
  readonly work: StepWork<S, V, B>;
  readonly render: (context: RenderContext<S>) => TemplateResult | typeof nothing;
  /** The flow's last step's: what the element shows once the flow is done. */
  readonly renderDone?: (account: ActivationOutcome | undefined, flow: FlowKind) => TemplateResult;
  /**
   * Work the step's first render would otherwise do, done ahead while the person is still on the
   * step before (called when the element is idle after prefetching this module): e.g. the country
   * list sorted for the locale, so arriving has no long task.
   */
  readonly prepare?: (locale: string) => void;
}

/**
 * What a step's work hands back (or passes to `update` as it goes): changes to its own slice and
 * to the flow's data, and where the flow goes next.
 */
export interface Patch<S> {
  slice?: Partial<S>;
  data?: Partial<Omit<FlowData, 'ids' | 'flow'>>;
  /** Merged into the flow's ids. */
  ids?: FlowIds;
  /** The last status FinHub reported (`finhub-complete`'s `status`). */
  status?: string;
  /** The account as activation left it (IBAN, wallet), shown when the flow is done. */
  account?: ActivationOutcome;
  /** Held in memory for the session step (never in data or events); null drops them. */
  credentials?: SessionCredentials | null;
  /** Complete this step and move on. */
  next?: boolean;
  /**
   * Complete this step, count `completed` as done and land on `to` (resume); `reopen` lands on a
   * step counted as done before.
   */
  jump?: { to: StepId; completed: readonly StepId[]; reopen?: boolean };
  /** Run this step's entry work again (its slice says what is left, e.g. the wallet). */
  reenter?: boolean;
}

/** What a step's work runs with. `update` is dropped once the run is overtaken (reset, newer run). */
export interface StepContext<S, B extends FlowBackend = FlowBackend> extends CallContext {
  readonly backend: B;
  readonly flow: FlowDefinition;
  /** This step's slice as it is now. */
  readonly slice: Readonly<S>;
  /** What the session step signs in with (set by registration, dropped once signed in). */
  readonly credentials: SessionCredentials | undefined;
  /** The host's settings (consent documents). */
  readonly settings: FlowSettings;
  update(patch: Patch<S>): void;
  /** A message for the polite live region. */
  announce(message: string): void;
  /**
   * Tells the host about a failure the step shows itself (e.g. beside a file, or an account type
   * not offered); `detail` adds to the event's detail.
   */
  reportError(failure: Failure, recoverable: boolean, detail?: ErrorDetailExtras): void;
  /** Sleeps on the flow's clock (polling backoff); also ends early when `signal` fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** After a failure: waits out its `Retry-After`, if it has one, before anything is sent again. */
  waitOut(error: unknown): Promise<void>;
  /**
   * After a resumed sign-in: lets every step of the flow that keeps something FinHub holds look at
   * the readiness answer (`signedIn`); returns the step that asks to be done again, if any.
   */
  signedIn(check: ActivationCheck): Promise<StepId | undefined>;
}

/** How a failure shows when the step says (`failed`); by default, in the banner. */
export interface FailurePlacement {
  /** On the step's own form (its slice was updated): no banner. */
  onForm?: boolean;
  /** The person-facing message, worded again at each render (the locale may change). */
  text?: () => string;
  recoverable?: boolean;
  /** Added to the host's `finhub-error` detail (e.g. which account type and why). */
  detail?: ErrorDetailExtras;
  /** Go back a step, as if the person had (e.g. to choose another account type). */
  back?: boolean;
}

/** What a `finhub-error` detail may carry beyond step, code, message and recoverable. */
export type ErrorDetailExtras = Partial<
  Omit<FinHubErrorDetail, 'step' | 'code' | 'message' | 'recoverable'>
>;

/** A step's work: loaded with its view (docs/architecture.md#how-a-step-is-built). */
export interface StepWork<S, V = never, B extends FlowBackend = FlowBackend> {
  /** Runs on arrival (and again after a reconnect or a retry); reads its slice to skip what is done. */
  enter?(context: StepContext<S, B>): Promise<Patch<S> | void>;
  /** The person confirmed the step with `value` (already validated by the view). */
  submit?(value: V, context: StepContext<S, B>): Promise<Patch<S> | void>;
  /** Where a failure of this step's work shows (may `update` the slice first). */
  failed?(failure: Failure, context: StepContext<S, B>): FailurePlacement | void;
  /** See `StepContext.signedIn`: true asks for this step to be done again. */
  signedIn?(check: ActivationCheck, context: StepContext<S, B>): Promise<boolean>;
}

/** What a step's `render` gets from the element. */
export interface RenderContext<S> {
  readonly slice: Readonly<S>;
  readonly data: Readonly<FlowData>;
  readonly flow: FlowDefinition;
  readonly settings: FlowSettings;
  /** A run of this step that the person started (or that blocks the step) is in flight. */
  readonly busy: boolean;
  readonly canGoBack: boolean;
  /** How the entry work went: pending, complete, or error (the banner says why). */
  readonly entryStatus: 'pending' | 'complete' | 'error' | undefined;
  readonly locale: string;
  /** `exportparts` for the step's element, so `::part()` reaches into it. */
  readonly parts: string;
  /** Runs `action` with this step's context, outside the busy state (e.g. one document upload). */
  readonly act: <T>(action: (context: StepContext<S>) => Promise<T>) => Promise<T>;
}

/** One step of a flow. */
export interface StepDefinition<
  S extends object = object,
  V = never,
  B extends FlowBackend = FlowBackend,
> extends StepView {
  /** The public step id (events, resume). */
  readonly id: StepId;
  /** Whether the person may go back from this step to the one before it (default: no). */
  readonly canGoBack?: boolean;
  /**
   * Once completed, the step is never entered again, and nothing before it either: it created
   * something on FinHub (a registration cannot be submitted twice:
   * docs/finhub-contract.md#retries-and-idempotency). Default: yes; a step that creates nothing
   * says `locked: false`.
   */
  readonly locked?: boolean;
  /**
   * Whether the progress indicator counts the step ("Step 2 of 5"; default: yes). A step that only
   * informs (nothing to fill in or decide) says `counted: false`; a step that runs by itself
   * (`automatic`) is never counted.
   */
  readonly counted?: boolean;
  /** The step completes without asking the person; the element shows `progress`. */
  readonly automatic?: (data: Readonly<FlowData>) => boolean;
  /** What the progress view says while the step runs by itself. */
  readonly progress?: () => string;
  /** The step's name in the stepper and heading (through `msg()`: the locale may change). */
  readonly title: () => string;
  /** The step's element (`tag`) and work, loaded when it is first needed. */
  readonly load: () => Promise<StepModule<S, V, B>>;
  readonly tag: string;
  /** The step's own state, fresh (reset drops every slice). */
  readonly slice: () => S;
  /**
   * Whether the step has entry work to do now: `busy` while it runs (the view's primary action
   * does nothing), `quiet` (it runs in the background, e.g. polling), or false (nothing to do).
   */
  readonly entry?: (data: Readonly<FlowData>, slice: Readonly<S>) => 'busy' | 'quiet' | false;
  /** Its work has `signedIn`: asked after a resumed sign-in (see `StepContext.signedIn`). */
  readonly onSignIn?: boolean;
}

/**
 * A step as the driver and the flows hold it, whatever its slice, value and backend: the driver
 * hands each step only its own slice and its flow's backend.
 */
export type Step = StepDefinition<object, never, FlowBackend> & {
  readonly canGoBack: boolean;
  readonly locked: boolean;
};

/** Types a step definition and erases its parameters for the flow's list (see `Step`). */
export function defineStep<S extends object, V = never, B extends FlowBackend = FlowBackend>(
  step: StepDefinition<S, V, B>,
): Step {
  // The driver keeps each slice with its own step (see `Step`).
  return { canGoBack: false, locked: true, ...step } as unknown as Step;
}

/** A flow: its steps in FinHub's order and its calls (docs/architecture.md#flow). */
export interface FlowDefinition<B extends FlowBackend = FlowBackend> {
  readonly kind: FlowKind;
  /** The element's title for this flow. */
  readonly title: () => string;
  readonly steps: readonly Step[];
  /** The id that shows this onboarding registered someone (a customer or an organization). */
  readonly ownerId: (ids: FlowIds) => string | undefined;
  /** The flow's calls on the API client, loaded with the API chunk. */
  readonly api: () => Promise<FlowApi<B>>;
  /** After activation, the account's wallet is provisioned and polled until it is ready. */
  readonly provisionsWallet?: boolean;
}

/** A flow's API module (`src/flows/<flow>-api.ts`): its calls, and what builds their session. */
export interface FlowApi<B extends FlowBackend> {
  /** The flow's calls on the session (one session per element, shared by both flows). */
  calls(session: ApiSession): B;
  createApiSession(options: ApiSessionOptions): ApiSession | undefined;
  /** Calls that each fail with `not_configured` (no token source or API base). */
  unconfiguredCalls<T extends object>(): T;
}

export const defineFlow = <B extends FlowBackend>(flow: FlowDefinition<B>): FlowDefinition =>
  flow as unknown as FlowDefinition; // the driver hands the backend only to this flow's steps

/** What the element tells the driver (read when the flow starts or resets). */
export interface FlowSettings {
  flow: FlowDefinition;
  /** Category code the host preset (the person is not asked). */
  presetCategory?: string | undefined;
  /** An earlier onboarding to resume: the person signs in, then lands where they left off. */
  resume?: ResumeState | undefined;
  /** The host's consent documents (`consents` property): where to read them, which version. */
  consents?: ConsentDocumentsInput | undefined;
  /** How categories read per locale (`categoryLabels` property). */
  categoryLabels?: CategoryLabels | undefined;
  /** Details the host already knows (`prefill` property), shown prefilled. */
  prefill?: object | undefined;
  /** Where a person who cannot go on gets help (`support-url`). */
  supportUrl?: string | undefined;
  /** The partner's phone hand-off page (`handoff-url`): the documents step offers "Use my phone". */
  handoffUrl?: string | undefined;
  /**
   * The address the partner's hand-off page was opened with (`#handoff=<code>`): the element runs
   * the phone's side, whose first step reads the code from it.
   */
  handoffLink?: string | undefined;
}

/** What the flow reports; the element turns reports into its public events. */
export type FlowReport =
  | { type: 'step-change'; from: StepId; to: StepId; moveFocus: boolean }
  | { type: 'step-complete'; step: StepId; ids: FlowIds }
  | {
      type: 'complete';
      ids: FlowIds;
      status: string;
      account: ActivationOutcome | undefined;
      moveFocus: boolean;
    }
  | {
      type: 'error';
      step: StepId;
      code: FinHubErrorEventCode;
      /** The person-facing message (what the banner or the form shows). */
      text: () => string;
      recoverable: boolean;
      /** More for the host: an unreadable answer's endpoint and field, an account type's problems. */
      detail?: ErrorDetailExtras;
    }
  | { type: 'sign-in-request'; step: StepId; reason: 'duplicate_email' }
  | { type: 'announce'; message: string };

export type { Clock };
