import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { ApiSession } from '../api/api-session.js';
import { FinHubCompleteEvent } from '../events/finhub-complete.js';
import { FinHubErrorEvent } from '../events/finhub-error.js';
import { FinHubReadyEvent } from '../events/finhub-ready.js';
import { FinHubSignInRequestEvent } from '../events/finhub-sign-in-request.js';
import { FinHubStepChangeEvent } from '../events/finhub-step-change.js';
import { FinHubStepCompleteEvent } from '../events/finhub-step-complete.js';
import type { ActivationOutcome, AnyBackend, FlowBackend } from '../flow/backend.js';
import type { Clock } from '../flow/clock.js';
import type { FlowDefinition, FlowReport, StepModule, StepView } from '../flow/definitions.js';
import { FlowDriver } from '../flow/driver.js';
import type { FlowKind, ResumeState } from '../flow/types.js';
import { FLOWS } from '../flows/index.js';
import { errorText } from '../localization/error-messages.js';
import { activeLocale, applyLocale, resolveLocale } from '../localization/localization.js';
import { PROGRESS_VIEW } from '../steps/shared/progress.js';
import { StepAnnounceEvent, StepDraftEvent, StepSubmitEvent } from '../steps/shared/step-events.js';
import { baseStyles } from '../styles/shared-styles.js';
import { shellStyles } from '../styles/shell-styles.js';
import { themeStyles } from '../styles/theme.js';
import { defineOnce } from './define-once.js';

import type {
  FinHubCategorizationOverrides,
  FinHubConsents,
  FinHubFetchToken,
  FinHubPrefill,
  FinHubResume,
  FinHubTheme,
} from './public-types.js';

export type {
  FinHubCategorizationOverrides,
  FinHubConsents,
  FinHubFetchToken,
  FinHubPrefill,
  FinHubResume,
  FinHubTheme,
} from './public-types.js';

/** A loaded view: a step's lazy module (with its `render`), or the progress view. */
type Loaded = Awaited<ReturnType<StepView['load']>> &
  Partial<Pick<StepModule<object, never, FlowBackend>, 'render' | 'renderDone'>>;

/** Loads a step's lazy module and registers its element once; a failed load can be tried again. */
const views = new Map<string, Promise<Loaded>>();
function loadView(view: StepView): Promise<Loaded> {
  let pending = views.get(view.tag);
  if (!pending) {
    pending = view.load().then((module) => {
      defineOnce(view.tag, module.view);
      return module;
    });
    pending.catch(() => views.delete(view.tag));
    views.set(view.tag, pending);
  }
  return pending;
}

/** Parts each step element passes up, so `finhub-onboarding::part(input)` reaches them. */
const STEP_PARTS =
  'form, field, fieldset, label, input, field-error, button, button-primary, button-secondary, progress';

/**
 * FinHub BaaS v2.1 customer onboarding for a person (B2C) or a company (B2B), from
 * categorization to an activated account. Talks only to the partner's relay (`token-url`,
 * `api-base`); it never holds FinHub secrets.
 *
 * @summary Embeddable FinHub onboarding: categorization to an activated account.
 * @tagname finhub-onboarding
 *
 * @fires {FinHubReadyEvent} finhub-ready - Once, when the element has rendered for the first time. `detail: {flow, step}`.
 * @fires {FinHubStepChangeEvent} finhub-step-change - Once per move between steps. `detail: {from, to}`.
 * @fires {FinHubStepCompleteEvent} finhub-step-complete - When a step is done. `detail: {step, flow, ids}`.
 * @fires {FinHubCompleteEvent} finhub-complete - When the whole onboarding is done. `detail: {flow, ids, status}`.
 * @fires {FinHubErrorEvent} finhub-error - For every error the person sees. `detail: {step, code, message, recoverable}`; for `invalid_response` also `endpoint` and `field` (names, never values); for an account type that cannot be opened (`categorization_unsatisfiable`, `categorization_invalid`) also `{category, feature, key, problems, override, fix}`: the `categorizationOverrides` value that would fix it.
 * @fires {FinHubSignInRequestEvent} finhub-sign-in-request - The person chose "Sign in instead" after a duplicate email and the host gave no resume ids; the host shows its sign-in (or sets `customer-id`/`user-id`, which opens the element's own). `detail: {flow, step, reason}`.
 *
 * @cssproperty [--finhub-color-primary=#1d4ed8] - Primary actions, current step, links (dark: #93c5fd).
 * @cssproperty [--finhub-color-on-primary=#ffffff] - Text on the primary colour (dark: #111827).
 * @cssproperty [--finhub-color-text=#1f2937] - Body text (dark: #f9fafb).
 * @cssproperty [--finhub-color-muted=#4b5563] - Hints and secondary text; keep ≥ 4.5:1 on the surface (dark: #d1d5db).
 * @cssproperty [--finhub-color-surface=#ffffff] - Background of the container and controls (dark: #111827).
 * @cssproperty [--finhub-color-border=#6b7280] - Control and container borders; keep ≥ 3:1 on the surface (dark: #9ca3af).
 * @cssproperty [--finhub-color-error=#b91c1c] - Error text and borders (dark: #fca5a5).
 * @cssproperty [--finhub-color-success=#15803d] - Completed steps (dark: #86efac).
 * @cssproperty [--finhub-font-family=inherit] - Font; inherits the host page's by default.
 * @cssproperty [--finhub-radius=0.375rem] - Corner radius of the container, controls and buttons.
 * @cssproperty [--finhub-spacing=1rem] - Base spacing unit; gaps and padding scale from it.
 * @cssproperty [--finhub-control-height=2.75rem] - Height of inputs and buttons (density); keep ≥ 24px.
 * @cssproperty [--finhub-focus-ring=#1d4ed8] - Colour of the focus outline; keep ≥ 3:1 on the surface (dark: #93c5fd).
 *
 * @csspart container - The outer box.
 * @csspart header - The title above the stepper.
 * @csspart stepper - The ordered list of steps.
 * @csspart step - One step in the stepper (also `step-current` or `step-complete`).
 * @csspart step-current - The step the person is on.
 * @csspart step-complete - A step already done.
 * @csspart heading - The current step's heading (receives focus when the person advances).
 * @csspart error - The error banner with its retry action.
 * @csspart form - A step's form.
 * @csspart field - A label, its control, hint and error together.
 * @csspart label - A field's label (or a radio group's legend).
 * @csspart input - An input, select or radio.
 * @csspart field-error - The error message under a field.
 * @csspart button - Every button (also `button-primary` or `button-secondary`).
 * @csspart button-primary - The step's main action.
 * @csspart button-secondary - Back, retry, show passwords, sign in instead.
 * @csspart progress - Progress bars shown while something runs.
 * @csspart fieldset - A group of radios or checkboxes (its legend is a `label` part).
 * @csspart document - One document card on the documents step.
 * @csspart dropzone - The area of a document card that takes a dropped or chosen file.
 * @csspart preview - The preview of a chosen image or PDF on a document card.
 */
@localized()
export class FinHubOnboarding extends LitElement {
  static override styles = [themeStyles, baseStyles, shellStyles];

  /** Which onboarding to run: `individual` (B2C) or `organization` (B2B). */
  @property({ reflect: true }) flow: FlowKind = 'individual';

  /** URL of the host's token endpoint (POST), e.g. the relay's `/onboarding/token`. */
  @property({ attribute: 'token-url' }) tokenUrl = '';

  /** Base URL of the relay's API pass-through (`{api-base}/v2.1/...`). */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** FinHub tenant id; when empty, the one the token endpoint reports is used. */
  @property({ attribute: 'tenant-id' }) tenantId = '';

  /** Language of the messages (BCP 47, e.g. `lt`); unsupported ones fall back to English. Page-wide. */
  @property() locale = '';

  /** Overrides the generated per-browser device id sent as `deviceId`. */
  @property({ attribute: 'device-id' }) deviceId = '';

  /**
   * Resume: the customer id of an earlier registration (with `user-id`). The person signs in and
   * lands on the first unfinished step.
   */
  @property({ attribute: 'customer-id' }) customerId = '';

  /** Resume: the user id of an earlier registration (with `customer-id` or `organization-id`). */
  @property({ attribute: 'user-id' }) userId = '';

  /**
   * Resume (`flow="organization"`): the organization id of an earlier registration, with the
   * admin user's `user-id`. The admin signs in and lands on the first unfinished step.
   */
  @property({ attribute: 'organization-id' }) organizationId = '';

  /**
   * Resume from the last `finhub-step-complete` detail the host saved (`{step, flow, ids}`); its
   * `verificationId` and step help find where to land. `customer-id`/`user-id` win over its ids.
   */
  @property({ attribute: false }) resume: FinHubResume | undefined;

  /**
   * The consent documents: `{terms, privacy, dataProcessing}`, each `{url, version}`. Anything
   * left out falls back to `/terms`, `/privacy`, `/data-processing`, version `1.0`.
   */
  @property({ attribute: false }) consents: FinHubConsents | undefined;

  /** Category code the host chose (e.g. `INDIVIDUAL_STANDARD`); the person is then not asked. */
  @property() category = '';

  /**
   * Values smart categorization sends for feature keys, `{FEATURE_CODE: {key: value}}` (JSON in the
   * attribute), when a `finhub-error` names an `override`; checked against the allowed values.
   */
  @property({ attribute: 'categorization-overrides', type: Object })
  categorizationOverrides: FinHubCategorizationOverrides | undefined;

  /** Where a person gets help when no account type can be opened online: `https:`, `mailto:`,
   * `tel:` or a path on this site, shown as a link (anything else is not linked). */
  @property({ attribute: 'support-url' }) supportUrl = '';

  /** Colour scheme: `light`, `dark` or `auto` (follows the system setting). */
  @property({ reflect: true }) theme: FinHubTheme = 'auto';

  /** Gets an onboarding token from the host instead of `token-url`. */
  @property({ attribute: false }) fetchToken: FinHubFetchToken | undefined;

  /** Details to prefill (never the password). */
  @property({ attribute: false }) prefill: FinHubPrefill | undefined;

  /**
   * Replaces the backend built from `token-url`/`fetchToken` and `api-base` (tests, stand-ins).
   * @internal
   */
  @property({ attribute: false }) backend: AnyBackend | undefined;

  /**
   * The clock every wait of the flow uses (polling, Retry-After); tests drive it.
   * @internal
   */
  @property({ attribute: false }) clock: Clock | undefined;

  @state() private _announcement = '';
  @state() private _alert = '';
  @state() private _locale = 'en';

  @query('#step-heading') private _heading!: HTMLElement | null;

  /** The API session (client, tokens) for the attributes in `key`, once made, and each flow's calls. */
  #api:
    | {
        key: string;
        session: { made: ApiSession | undefined } | undefined;
        calls: Map<FlowDefinition, FlowBackend | Promise<FlowBackend>>;
      }
    | undefined;
  #localeLoading: Promise<void> | undefined;
  #focusHeading = false;
  #shownError: unknown;
  /** What activation left (IBAN, wallet), shown once the flow is done. */
  #account: ActivationOutcome | undefined;

  readonly #driver = new FlowDriver(this, {
    settings: () => ({
      flow: FLOWS[this.#flowKind()],
      ...(this.category ? { presetCategory: this.category } : {}),
      resume: this.#resumeState(),
      consents: this.consents,
      prefill: this.prefill,
      supportUrl: this.supportUrl,
    }),
    backend: (flow) => this.backend ?? this.#apiBackend(flow),
    report: (report) => this.#onReport(report),
    failureText: errorText,
    clock: () => this.clock,
  });

  /** Step views whose element is loaded and defined, with their module (its `render`). */
  readonly #viewsReady = new Map<StepView, Loaded>();
  /** The view last asked for, and whether loading it failed (the banner then offers a retry). */
  #viewWanted: StepView | undefined;
  #viewFailed = false;

  /** Loads the current step's element when the view changes (or again on retry). */
  #loadView(again = false): void {
    const view = this.#currentView();
    if (!view || (view === this.#viewWanted && !again)) return;
    this.#viewWanted = view;
    this.#viewFailed = false;
    if (this.#viewsReady.has(view)) return;
    loadView(view).then(
      (module) => {
        this.#viewsReady.set(view, module);
        if (this.#viewWanted === view) this.requestUpdate();
        this.#prefetchNext();
      },
      () => {
        if (this.#viewWanted !== view) return;
        this.#viewFailed = true;
        this.#driver.reportError('step_unavailable', () => this.#loadView(true));
      },
    );
  }

  /**
   * Fetches the next screen's element and work while the person is on this one, so moving on
   * does not wait for a network round trip (only a prefetch: a failure here is tried again when
   * the view is needed).
   */
  #prefetchNext(): void {
    const driver = this.#driver;
    const steps = driver.machine.steps;
    void loadView(PROGRESS_VIEW).catch(() => undefined);
    for (
      let i = steps.findIndex((step) => step.id === driver.machine.current) + 1;
      i < steps.length;
      i++
    ) {
      const step = driver.step(steps[i]!.id);
      const automatic = driver.machine.isAutomatic(step.id);
      void loadView(automatic ? PROGRESS_VIEW : step).catch(() => undefined);
      if (!automatic) break; // an automatic step shows progress, then the next screen follows
    }
  }

  /** Starts the onboarding if it has not started yet (it starts by itself once connected). */
  start(): void {
    this.#driver.start();
  }

  /** Back to the first step with nothing kept (ids, drafts, errors are dropped). */
  reset(): void {
    this.#driver.reset();
    this.#account = undefined;
    this._announcement = '';
    this._alert = '';
    this.#focusHeading = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#driver.settingsChanged();
    this.#loadView();
    if (changed.has('locale')) {
      if (this.locale) {
        const loading: Promise<void> = applyLocale(this.locale).then(
          (locale) => void (this._locale = locale),
          () => void (this._locale = resolveLocale(this.locale)),
        );
        this.#localeLoading = loading;
        void loading.finally(() => {
          if (this.#localeLoading === loading) this.#localeLoading = undefined;
        });
      } else {
        this._locale = activeLocale();
      }
    }
    const error = this.#driver.error;
    if (error !== this.#shownError) {
      this.#shownError = error;
      this._alert = error ? error.text() : '';
    }
  }

  protected override firstUpdated(): void {
    const { flow, machine } = this.#driver;
    this.dispatchEvent(new FinHubReadyEvent({ flow: flow.kind, step: machine.current }));
  }

  protected override updated(): void {
    if (this.#focusHeading && this._heading) {
      this.#focusHeading = false;
      this._heading.focus();
    }
  }

  /** Also waits for a requested locale's messages, so `await el.updateComplete` sees them. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.#localeLoading) {
      await this.#localeLoading;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  override render() {
    const driver = this.#driver;
    const finished = driver.finished;
    const title = finished ? msg('You are all set') : driver.current.title();
    return html`
      <div part="container" class="container" lang=${this._locale}>
        <header part="header" class="header">
          <p class="title">${driver.flow.title()}</p>
        </header>
        ${this.#renderStepper()} ${this.#renderBanner()}
        <h2 id="step-heading" part="heading" class="heading" tabindex="-1">${title}</h2>
        <div
          class="content"
          @finhub-step-submit=${this.#onStepSubmit}
          @finhub-step-back=${() => this.#driver.back()}
          @finhub-step-announce=${this.#onAnnounce}
          @finhub-step-draft=${this.#onDraft}
          @finhub-step-sign-in=${() => this.#driver.requestSignIn()}
        >
          ${finished ? this.#renderDone() : this.#renderCurrentStep()}
        </div>
        <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
        <div class="visually-hidden" role="alert" aria-live="assertive">${this._alert}</div>
      </div>
    `;
  }

  #renderStepper(): TemplateResult {
    const driver = this.#driver;
    const { machine } = driver;
    const steps = machine.steps;
    const position = steps.findIndex((step) => step.id === machine.current) + 1;
    return html`
      <nav aria-label=${msg('Onboarding progress')}>
        <ol part="stepper" class="stepper">
          ${steps.map((step, index) => {
            const current = !driver.finished && step.id === machine.current;
            const complete = !current && machine.completed.has(step.id);
            const state = current ? 'current' : complete ? 'complete' : 'upcoming';
            return html`<li
              part=${current ? 'step step-current' : complete ? 'step step-complete' : 'step'}
              class=${`step ${state}`}
              aria-current=${current ? 'step' : nothing}
            >
              <span class="marker" aria-hidden="true">${complete ? '✓' : index + 1}</span>
              <span class="label">${driver.step(step.id).title()}</span>
              ${complete ? html`<span class="visually-hidden">${msg('(done)')}</span>` : nothing}
            </li>`;
          })}
        </ol>
      </nav>
      ${
        driver.finished
          ? nothing
          : html`<p class="muted step-count">${msg(str`Step ${position} of ${steps.length}`)}</p>`
      }
    `;
  }

  #renderBanner(): TemplateResult | typeof nothing {
    const error = this.#driver.error;
    if (!error) return nothing;
    return html`<div part="error" class="banner">
      <p class="banner-message">${error.text()}</p>
      ${
        error.retryable
          ? html`<button
              part="button button-secondary"
              class="button button-secondary"
              type="button"
              @click=${() => this.#driver.retry()}
            >
              ${msg('Try again')}
            </button>`
          : nothing
      }
    </div>`;
  }

  /** Once done: what the last step shows (the account, its IBAN). */
  #renderDone(): TemplateResult | typeof nothing {
    const last = this.#driver.flow.steps.at(-1);
    return (last && this.#viewsReady.get(last)?.renderDone?.(this.#account)) ?? nothing;
  }

  /** The current step, looked up: its own render, or progress while it runs by itself. */
  #renderCurrentStep(): TemplateResult | typeof nothing {
    const view = this.#currentView();
    const module = view && this.#viewsReady.get(view);
    if (!module) {
      if (this.#viewFailed) return nothing; // the banner offers a retry
      return html`<p id="step-loading" class="muted">${msg('Loading…')}</p>
        <progress part="progress" aria-labelledby="step-loading"></progress>`;
    }
    const driver = this.#driver;
    const step = driver.current;
    if (!module.render) {
      return html`<finhub-step-progress
        exportparts=${STEP_PARTS}
        message=${step.progress?.() ?? ''}
      ></finhub-step-progress>`;
    }
    return module.render({
      slice: driver.slice(step),
      data: driver.machine.data,
      flow: driver.flow,
      settings: driver.settings,
      busy: driver.busy,
      canGoBack: driver.machine.canGoBack,
      entryStatus: driver.entryStatus(step),
      locale: this._locale,
      parts: STEP_PARTS,
      act: driver.actFor(step),
    });
  }

  /**
   * The API calls of `flow` for the current attributes: a promise while the API chunk loads (the
   * client, its response schemas and the flow's calls: docs/architecture.md#loading-on-demand), then the calls themselves. A failed load is tried again on the next call.
   */
  #apiBackend(flow: FlowDefinition): FlowBackend | Promise<FlowBackend> {
    const viaFunction = typeof this.fetchToken === 'function';
    const key = JSON.stringify([viaFunction, this.tokenUrl, this.apiBase, this.deviceId]);
    if (this.#api?.key !== key) this.#api = { key, session: undefined, calls: new Map() };
    const api = this.#api;
    let calls = api.calls.get(flow);
    if (!calls) {
      // The attributes as they are now (the session is made once the chunk is in).
      const { tokenUrl, apiBase, deviceId } = this;
      const loading = flow.api().then(
        (module) => {
          api.session ??= {
            made: module.createApiSession({
              // Through `this` so a host that passes a new function each render (React) keeps
              // the same session and token.
              ...(viaFunction
                ? {
                    fetchToken: (signal: AbortSignal, context: { currentToken?: string }) =>
                      this.fetchToken!(signal, context),
                  }
                : { tokenUrl }),
              apiBase,
              tenantId: () => this.tenantId || undefined,
              deviceId,
              categorizationOverrides: () => this.categorizationOverrides,
            }),
          };
          const made = api.session.made;
          const backend = made ? module.calls(made) : module.unconfiguredCalls<FlowBackend>();
          api.calls.set(flow, backend);
          return backend;
        },
        (error: unknown) => {
          api.calls.delete(flow);
          throw error;
        },
      );
      loading.catch(() => undefined); // a run reports it
      api.calls.set(flow, (calls = loading));
    }
    return calls;
  }

  /** `customer-id` + `user-id` over the `resume` object's ids. */
  #resumeState(): ResumeState | undefined {
    const resume = this.resume;
    const ids = { ...resume?.ids };
    if (this.customerId) ids.customerId = this.customerId;
    if (this.organizationId) ids.organizationId = this.organizationId;
    if (this.userId) ids.userId = this.userId;
    if (!(ids.customerId || ids.organizationId) || !ids.userId) return undefined;
    return {
      ids,
      ...(resume?.step ? { step: resume.step } : {}),
      ...(resume?.flow ? { flow: resume.flow } : {}),
    };
  }

  #announce(message: string): void {
    // The same text twice would not be read again: make it differ invisibly.
    this._announcement = message === this._announcement ? `${message}\u00a0` : message;
  }

  /** The `flow` attribute: anything but `organization` is the individual flow. */
  #flowKind(): FlowKind {
    return this.flow === 'organization' ? 'organization' : 'individual';
  }

  #currentView(): StepView | undefined {
    const driver = this.#driver;
    if (driver.finished) return undefined;
    return driver.machine.isAutomatic() ? PROGRESS_VIEW : driver.current;
  }

  /** What the flow reports becomes the element's public events (and focus, announcements). */
  #onReport(report: FlowReport): void {
    const flow = this.#driver.flow.kind;
    switch (report.type) {
      case 'step-change':
        this.dispatchEvent(new FinHubStepChangeEvent({ from: report.from, to: report.to }));
        if (report.moveFocus) this.#focusHeading = true;
        break;
      case 'step-complete':
        this.dispatchEvent(
          new FinHubStepCompleteEvent({ step: report.step, flow, ids: report.ids }),
        );
        break;
      case 'complete':
        this.#account = report.account;
        if (report.moveFocus) this.#focusHeading = true;
        this.dispatchEvent(
          new FinHubCompleteEvent({ flow, ids: report.ids, status: report.status }),
        );
        break;
      case 'error': {
        const { step, code, recoverable } = report;
        this.dispatchEvent(
          new FinHubErrorEvent({
            step,
            code,
            message: report.text(),
            recoverable,
            ...report.detail,
          }),
        );
        break;
      }
      case 'sign-in-request':
        this.dispatchEvent(
          new FinHubSignInRequestEvent({ flow, step: report.step, reason: report.reason }),
        );
        break;
      case 'announce':
        this.#announce(report.message);
        break;
    }
  }

  #onStepSubmit = (event: Event): void => {
    if (!(event instanceof StepSubmitEvent)) return;
    const driver = this.#driver;
    driver.submit(event.value);
    // Mirror `busy` onto the step now, so a second click in this same task does nothing.
    const step = event.target as Partial<{ busy: boolean }>; // every step element has `busy`
    if (step && 'busy' in step) step.busy = driver.busy;
  };

  #onAnnounce = (event: Event): void => {
    if (event instanceof StepAnnounceEvent) this.#announce(event.message);
  };

  #onDraft = (event: Event): void => {
    if (event instanceof StepDraftEvent) this.#driver.keepDraft(event.draft);
  };
}
