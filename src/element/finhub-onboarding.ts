import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { localized, msg } from '@lit/localize';
import { FinHubCompleteEvent } from '../events/finhub-complete.js';
import { FinHubErrorEvent } from '../events/finhub-error.js';
import { FinHubReadyEvent } from '../events/finhub-ready.js';
import { FinHubSignInRequestEvent } from '../events/finhub-sign-in-request.js';
import { FinHubStepChangeEvent } from '../events/finhub-step-change.js';
import { FinHubStepCompleteEvent } from '../events/finhub-step-complete.js';
import type { ActivationOutcome, AnyBackend } from '../flow/backend.js';
import type { Clock } from '../flow/clock.js';
import type { FlowReport, StepView } from '../flow/definitions.js';
import { FlowDriver } from '../flow/driver.js';
import type { FlowKind, ResumeState } from '../flow/types.js';
import { flowFor } from '../flows/index.js';
import { errorText } from '../localization/error-messages.js';
import {
  activeLocale,
  applyLocale,
  completeLocale,
  resolveLocale,
} from '../localization/localization.js';
import { PROGRESS_VIEW } from '../steps/common/progress.js';
import {
  StepAnnounceEvent,
  StepDraftEvent,
  StepHandoffEvent,
  StepSubmitEvent,
} from '../steps/common/step-events.js';
import { baseStyles } from '../styles/shared-styles.js';
import { shellStyles } from '../styles/shell-styles.js';
import { themeStyles } from '../styles/theme.js';
import { loadView, whenIdle, type Loaded } from './views.js';
import { progressIndicator } from './progress-indicator.js';
import { apiBackends } from './api-backend.js';

import type {
  FinHubCategorizationOverrides,
  FinHubCategoryLabels,
  FinHubConsents,
  FinHubFetchToken,
  FinHubPrefill,
  FinHubResume,
  FinHubTheme,
} from './public-types.js';

/** Parts each step element passes up, so `finhub-onboarding::part(input)` reaches them. */
const STEP_PARTS =
  'form, field, fieldset, label, input, field-error, error-summary, button, button-primary, button-secondary, progress';

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
 * @fires {FinHubHandoffStartEvent} finhub-handoff-start - "Use my phone" on the documents step made a hand-off code and shows its QR code. `detail: {flow, step, documents, expiresAt}` (never the code or link).
 * @fires {FinHubHandoffCompleteEvent} finhub-handoff-complete - The phone finished the documents; the element moves on by itself. `detail: {flow, step, documentTypes}`.
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
 * @cssproperty [--finhub-spacing=1rem] - Base spacing unit; every gap and padding is a step of a quarter of it (0.25×, 0.5×, 0.75×, 1×, 1.25×, 1.5×, 2×).
 * @cssproperty [--finhub-font-size=1rem] - Body text size; the type scale's base.
 * @cssproperty [--finhub-font-size-small=0.875rem] - Small text: the progress line, hints, badges.
 * @cssproperty [--finhub-font-size-section=1.125rem] - Section headings inside a step and the title above the progress.
 * @cssproperty [--finhub-font-size-heading=1.5rem] - The step's heading.
 * @cssproperty [--finhub-control-height=2.75rem] - Height of inputs and buttons (density); keep ≥ 24px.
 * @cssproperty [--finhub-focus-ring=#1d4ed8] - Colour of the focus outline; keep ≥ 3:1 on the surface (dark: #93c5fd).
 *
 * @csspart container - The outer box.
 * @csspart header - The title above the progress.
 * @csspart progress-summary - The progress line ("Step 2 of 5 · Your details").
 * @csspart progress-bar - The thin bar under it (filled in `--finhub-color-primary`).
 * @csspart progress-toggle - The "All steps" disclosure that shows the list.
 * @csspart stepper - The ordered list of the steps the person acts on (inside the disclosure).
 * @csspart step - One step in the list (also `step-current` or `step-complete`).
 * @csspart step-current - The step the person is on.
 * @csspart step-complete - A step already done.
 * @csspart heading - The current step's heading (receives focus when the person advances).
 * @csspart error - The error banner with its retry action.
 * @csspart form - A step's form.
 * @csspart field - A label, its control, hint and error together.
 * @csspart label - A field's label (or a radio group's legend).
 * @csspart input - An input, select or radio.
 * @csspart field-error - The error message under a field.
 * @csspart error-summary - "There is a problem" at the top of a form, linking to each field to fix.
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
   * left out falls back to `/terms`, `/privacy`, `/data-processing`, version `1.0`. Versions are
   * recorded, not shown, unless `showVersions: true`.
   */
  @property({ attribute: false }) consents: FinHubConsents | undefined;

  /**
   * How the account categories read, per locale: `{[locale or 'default']: {[category code or key]:
   * {name, description}}}`. Without it, a name that reads like a risk class ("Low Risk Individual
   * Customer") shows as a friendly default ("Basic account"); other names show as FinHub has them.
   */
  @property({ attribute: false }) categoryLabels: FinHubCategoryLabels | undefined;

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

  /**
   * The partner's phone hand-off page (absolute or relative to this page), where another
   * `<finhub-onboarding>` with the same `api-base` runs the phone's side. When set, the documents
   * step offers "Use my phone": a QR code and link of this page with `#handoff=<code>`.
   */
  @property({ attribute: 'handoff-url' }) handoffUrl = '';

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

  /** The API calls of a flow for the current attributes. */
  readonly #apiBackend = apiBackends(this);
  #localeLoading: Promise<void> | undefined;
  #focusHeading = false;
  #shownError: unknown;
  /** What activation left (IBAN, wallet), shown once the flow is done. */
  #account: ActivationOutcome | undefined;

  /**
   * The address this page was opened with when it carries a hand-off code (`#handoff=`): this is
   * the partner's hand-off page, and the element runs the phone's side (src/flows/phone.ts).
   */
  #handoffLink: string | undefined;

  readonly #driver = new FlowDriver(this, {
    settings: () => ({
      flow: flowFor(this.#flowKind(), this.#handoffLink !== undefined),
      handoffLink: this.#handoffLink,
      ...(this.category ? { presetCategory: this.category } : {}),
      resume: this.#resumeState(),
      consents: this.consents,
      categoryLabels: this.categoryLabels,
      prefill: this.prefill,
      supportUrl: this.supportUrl,
      handoffUrl: this.handoffUrl,
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
  #prefetchWanted = false;
  #viewFailed = false;

  /** Loads the current step's element when the view changes (or again on retry). */
  #loadView(again = false): void {
    const view = this.#currentView();
    if (!view || (view === this.#viewWanted && !again)) return;
    this.#viewWanted = view;
    this.#viewFailed = false;
    if (this.#viewsReady.has(view)) return;
    // Any step but the flow's first shows words from the rest of a split catalogue.
    const first = view === this.#driver.step(this.#driver.machine.steps[0]!.id);
    Promise.all([loadView(view), first ? undefined : completeLocale()]).then(
      ([module]) => {
        this.#viewsReady.set(view, module);
        if (this.#viewWanted === view) this.requestUpdate();
        this.#prefetchWanted = true; // once this step's own work is done (updated())
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
    void completeLocale().catch(() => undefined);
    for (
      let i = steps.findIndex((step) => step.id === driver.machine.current) + 1;
      i < steps.length;
      i++
    ) {
      const step = driver.step(steps[i]!.id);
      const automatic = driver.machine.isAutomatic(step.id);
      // Prepared when idle too (the next form's country list): arriving has no long task.
      void loadView(automatic ? PROGRESS_VIEW : step, this._locale).catch(() => undefined);
      if (!automatic) break; // an automatic step shows progress, then the next screen follows
    }
  }

  override connectedCallback(): void {
    const { location, history } = globalThis;
    if (this.#handoffLink === undefined && /[#&]handoff=/.test(location?.hash ?? '')) {
      this.#handoffLink = location.href;
      // Read once and dropped from the address bar and history (docs/handoff.md#endpoints).
      history.replaceState(history.state, '', location.href.replace(/#.*$/, ''));
    }
    super.connectedCallback(); // the driver starts after this task, with the phone's flow
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
    // The next screen loads after this one is interactive, not alongside its requests (issue 17).
    if (this.#prefetchWanted && !this.#driver.busy) {
      this.#prefetchWanted = false;
      whenIdle(() => this.#prefetchNext());
    }
    // Looked up here rather than with @query: the decorator is bytes the first step does without.
    const heading =
      this.#focusHeading && this.renderRoot.querySelector<HTMLElement>('#step-heading');
    if (heading) {
      this.#focusHeading = false;
      heading.focus();
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
        ${
          // A one-step flow (the phone's documents) has no progress to show.
          driver.machine.steps.length < 2
            ? nothing
            : progressIndicator({
                steps: driver.machine.steps.map((step) => driver.step(step.id)),
                current: driver.machine.current,
                completed: driver.machine.completed,
                finished,
                isAutomatic: (step) => driver.machine.isAutomatic(step),
              })
        }
        ${this.#renderBanner()}
        <h2 id="step-heading" part="heading" class="heading" tabindex="-1">${title}</h2>
        <div
          class="content"
          @finhub-step-submit=${this.#onStepSubmit}
          @finhub-step-back=${() => this.#driver.back()}
          @finhub-step-announce=${this.#onAnnounce}
          @finhub-step-draft=${this.#onDraft}
          @finhub-step-sign-in=${() => this.#driver.requestSignIn()}
          @finhub-step-handoff=${this.#onHandoff}
        >
          ${finished ? this.#renderDone() : this.#renderCurrentStep()}
        </div>
        <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
        <div class="visually-hidden" role="alert" aria-live="assertive">${this._alert}</div>
      </div>
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
    const { flow } = this.#driver;
    const last = flow.steps.at(-1);
    return (last && this.#viewsReady.get(last)?.renderDone?.(this.#account, flow.kind)) ?? nothing;
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

  #onHandoff = (event: Event): void => {
    if (!(event instanceof StepHandoffEvent)) return;
    const { flow, machine } = this.#driver;
    this.dispatchEvent(event.toPublic({ flow: flow.kind, step: machine.current }));
  };

  #onAnnounce = (event: Event): void => {
    if (event instanceof StepAnnounceEvent) this.#announce(event.message);
  };

  #onDraft = (event: Event): void => {
    if (event instanceof StepDraftEvent) this.#driver.keepDraft(event.draft);
  };
}
