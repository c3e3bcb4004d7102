import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { TokenProviderOptions } from '../api/token-provider.js';
import type { FinHubStepCompleteDetail } from '../events/finhub-step-complete.js';
import { FinHubReadyEvent } from '../events/finhub-ready.js';
import { abortedError, type FlowBackend, type SessionCredentials } from '../flow/backend.js';
import {
  consentKey,
  resolveConsentDocuments,
  type ConsentDocumentsInput,
} from '../steps/consents/consent-documents.js';
import {
  FlowController,
  type TransitionInfo,
  type UploadedDocument,
} from '../flow/flow-controller.js';
import type { ConsentValues } from '../steps/consents/consents.schema.js';
import type {
  IndividualRegistrationDraft,
  IndividualRegistrationValues,
} from '../steps/registration/individual-registration.schema.js';
import type {
  OrganizationRegistrationDraft,
  OrganizationRegistrationValues,
} from '../steps/registration/organization-registration.schema.js';
import type { PersonnelValues } from '../steps/personnel/personnel.schema.js';
import { CONSENT_KINDS, type ConsentKind, type FlowKind, type ResumeState } from '../flow/types.js';
import { activeLocale, applyLocale, resolveLocale } from '../localization/localization.js';
import { baseStyles } from '../styles/shared-styles.js';
import { shellStyles } from '../styles/shell-styles.js';
import { themeStyles } from '../styles/theme.js';
import { StepAnnounceEvent, StepDraftEvent, StepSubmitEvent } from '../steps/shared/step-events.js';
import { documentRequirements, loadStepView, viewFor, type StepView } from './step-views.js';
import { stepTitle } from './step-titles.js';

export type FinHubTheme = 'light' | 'dark' | 'auto';

/**
 * What a host can give instead of `token-url`: a function that gets an onboarding token from its
 * own backend (`{ accessToken, expiresIn }`), the same contract as the API client's token provider.
 */
export type FinHubFetchToken = NonNullable<TokenProviderOptions['fetchToken']>;

/**
 * Details the host already knows, shown prefilled: the person's (individual flow) or the
 * company's and its admin's (organization flow). Passwords are never prefilled.
 */
export type FinHubPrefill = IndividualRegistrationDraft & OrganizationRegistrationDraft;

/**
 * Where a returning person picks up: the last `finhub-step-complete` detail as the host saved it
 * (`{step, flow, ids}`), or just `{ids: {customerId, userId}}`.
 */
export type FinHubResume = Partial<Omit<FinHubStepCompleteDetail, 'ids'>> & {
  ids: FinHubStepCompleteDetail['ids'];
};

/** Consent documents: `{terms, privacy, dataProcessing}`, each `{url, version}` (all optional). */
export type FinHubConsents = ConsentDocumentsInput;

type ApiBackendModule = typeof import('../flow/api-backend.js');

let apiBackendModule: Promise<ApiBackendModule> | undefined;

/**
 * The API client, its response schemas (zod) and request builders are a chunk of their own,
 * loaded when the first backend call is made, beside the first step's render (DESIGN §5: the
 * first screen stays inside the size budget). A failed load is tried again on the next call.
 */
function loadApiBackend(): Promise<ApiBackendModule> {
  apiBackendModule ??= import('../flow/api-backend.js').catch((error: unknown) => {
    apiBackendModule = undefined;
    throw error;
  });
  return apiBackendModule;
}

/** The AbortSignal of a backend call: its StepContext (last argument) or options carry one. */
function signalIn(args: readonly unknown[]): AbortSignal | undefined {
  for (const arg of args) {
    const signal = (arg as { signal?: unknown } | null)?.signal;
    if (signal instanceof AbortSignal) return signal;
  }
  return undefined;
}

/** `work`, or an `aborted` rejection as soon as `signal` fires. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A FlowBackend whose calls wait for the API chunk, then go to the backend `create` makes. */
function lazyBackend(create: (module: ApiBackendModule) => FlowBackend): FlowBackend {
  let backend: FlowBackend | undefined;
  void loadApiBackend().catch(() => undefined); // start fetching now; calls report a failure
  return new Proxy({} as FlowBackend, {
    get(_target, name) {
      // Not a thenable, no symbols: only the backend's methods (all async) are forwarded.
      if (typeof name !== 'string' || name === 'then') return undefined;
      return async (...args: unknown[]): Promise<unknown> => {
        // A call cancelled while the chunk loads (the element left the page) fails at once, as
        // the API backend's own calls do, so a re-mount starts afresh instead of waiting on it.
        const signal = signalIn(args);
        const module = await (signal ? untilAborted(loadApiBackend(), signal) : loadApiBackend());
        if (signal?.aborted) throw abortedError();
        backend ??= create(module);
        const method = backend[name as keyof FlowBackend] as unknown;
        if (typeof method !== 'function') throw new TypeError(`backend has no ${name}()`);
        return (method as (...rest: unknown[]) => unknown).apply(backend, args);
      };
    },
  });
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
 * @fires {FinHubErrorEvent} finhub-error - For every error the person sees. `detail: {step, code, message, recoverable}`.
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
  @property({ attribute: false }) backend: FlowBackend | undefined;

  @state() private _announcement = '';
  @state() private _alert = '';
  @state() private _locale = 'en';

  @query('#step-heading') private _heading!: HTMLElement | null;

  #api: { key: string; backend: FlowBackend } | undefined;
  #localeLoading: Promise<void> | undefined;
  #focusHeading = false;
  #shownError: unknown;

  readonly #flow = new FlowController(this, {
    settings: () => ({
      flow: this.#flowKind(),
      ...(this.category ? { presetCategory: this.category } : {}),
      resume: this.#resumeState(),
    }),
    backend: () => this.backend ?? this.#apiBackend(),
    onTransition: (info) => this.#onTransition(info),
    announce: (message) => this.#announce(message),
  });

  /** Step views whose element is loaded and defined (registry.ts). */
  readonly #viewsReady = new Set<StepView>();
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
    loadStepView(view).then(
      () => {
        this.#viewsReady.add(view);
        if (this.#viewWanted === view) this.requestUpdate();
        this.#prefetchNextView();
      },
      () => {
        if (this.#viewWanted !== view) return;
        this.#viewFailed = true;
        this.#flow.reportError('step_unavailable', { retry: () => this.#loadView(true) });
      },
    );
  }

  /**
   * Fetches the next screen's element while the person is on this one, so moving on does not wait
   * for a network round trip (only a prefetch: a failure here is retried when the view is needed).
   */
  #prefetchNextView(): void {
    const { machine, flow } = this.#flow;
    const steps = machine.steps;
    for (
      let i = steps.findIndex((step) => step.id === this.#flow.current) + 1;
      i < steps.length;
      i++
    ) {
      const id = steps[i]!.id;
      const automatic = machine.isAutomatic(id);
      loadStepView(viewFor(flow, id, automatic)).catch(() => undefined);
      if (!automatic) break; // an automatic step shows progress, then the next screen follows
    }
  }

  /** Starts the onboarding if it has not started yet (it starts by itself once connected). */
  start(): void {
    this.#flow.start();
  }

  /** Back to the first step with nothing kept (ids, drafts, errors are dropped). */
  reset(): void {
    this.#flow.reset();
    this._announcement = '';
    this._alert = '';
    this.#focusHeading = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#flow.settingsChanged();
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
    const error = this.#flow.error;
    if (error !== this.#shownError) {
      this.#shownError = error;
      this._alert = error ? error.message : '';
    }
  }

  protected override firstUpdated(): void {
    const ready = new FinHubReadyEvent({ flow: this.#flow.flow, step: this.#flow.current });
    this.dispatchEvent(ready);
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
    const flow = this.#flow;
    const finished = flow.finished;
    const title = finished ? msg('You are all set') : stepTitle(flow.current, flow.flow);
    return html`
      <div part="container" class="container" lang=${this._locale}>
        <header part="header" class="header">
          <p class="title">
            ${flow.flow === 'organization' ? msg('Open a business account') : msg('Open your account')}
          </p>
        </header>
        ${this.#renderStepper()} ${this.#renderBanner()}
        <h2 id="step-heading" part="heading" class="heading" tabindex="-1">${title}</h2>
        <div
          class="content"
          @finhub-step-submit=${this.#onStepSubmit}
          @finhub-step-back=${() => this.#flow.back()}
          @finhub-step-announce=${this.#onAnnounce}
          @finhub-step-draft=${this.#onDraft}
          @finhub-step-sign-in=${() => this.#flow.requestSignIn()}
        >
          ${finished ? this.#renderDone() : this.#renderCurrentStep()}
        </div>
        <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
        <div class="visually-hidden" role="alert" aria-live="assertive">${this._alert}</div>
      </div>
    `;
  }

  #renderStepper(): TemplateResult {
    const flow = this.#flow;
    const steps = flow.machine.steps;
    const position = steps.findIndex((step) => step.id === flow.current) + 1;
    return html`
      <nav aria-label=${msg('Onboarding progress')}>
        <ol part="stepper" class="stepper">
          ${steps.map((step, index) => {
            const current = !flow.finished && step.id === flow.current;
            const complete = !current && flow.machine.completed.has(step.id);
            const state = current ? 'current' : complete ? 'complete' : 'upcoming';
            return html`<li
              part=${current ? 'step step-current' : complete ? 'step step-complete' : 'step'}
              class=${`step ${state}`}
              aria-current=${current ? 'step' : nothing}
            >
              <span class="marker" aria-hidden="true">${complete ? '✓' : index + 1}</span>
              <span class="label">${stepTitle(step.id, flow.flow)}</span>
              ${complete ? html`<span class="visually-hidden">${msg('(done)')}</span>` : nothing}
            </li>`;
          })}
        </ol>
      </nav>
      ${
        flow.finished
          ? nothing
          : html`<p class="muted step-count">${msg(str`Step ${position} of ${steps.length}`)}</p>`
      }
    `;
  }

  #renderBanner(): TemplateResult | typeof nothing {
    const error = this.#flow.error;
    if (!error) return nothing;
    return html`<div part="error" class="banner">
      <p class="banner-message">${error.message}</p>
      ${
        error.retryable
          ? html`<button
              part="button button-secondary"
              class="button button-secondary"
              type="button"
              @click=${() => this.#flow.retry()}
            >
              ${msg('Try again')}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderDone(): TemplateResult {
    const result = this.#flow.result;
    const wallet = result?.wallet;
    return html`<p class="done">${msg('Your account is ready.')}</p>
      ${
        result?.iban || wallet?.walletId
          ? html`<dl class="account">
              ${
                result?.iban
                  ? html`<div>
                      <dt>${msg('IBAN')}</dt>
                      <dd class="iban">${result.iban}</dd>
                    </div>`
                  : nothing
              }
              ${
                wallet?.walletId
                  ? html`<div>
                      <dt>${msg('Wallet')}</dt>
                      <dd>
                        ${wallet.walletId}${wallet.currency ? html` (${wallet.currency})` : nothing}
                      </dd>
                    </div>`
                  : nothing
              }
            </dl>`
          : nothing
      }`;
  }

  #renderCurrentStep(): TemplateResult | typeof nothing {
    const view = this.#currentView();
    if (!view || !this.#viewsReady.has(view)) {
      if (this.#viewFailed) return nothing; // the banner offers a retry
      return html`<p id="step-loading" class="muted">${msg('Loading…')}</p>
        <progress part="progress" aria-labelledby="step-loading"></progress>`;
    }
    const flow = this.#flow;
    const canGoBack = flow.machine.canGoBack;
    switch (view) {
      case 'categorization':
        // Categories failed to load: the banner explains and offers a retry.
        if (!flow.categories && !flow.categoriesLoading) return nothing;
        return html`<finhub-step-categorization
          exportparts=${STEP_PARTS}
          .categories=${flow.categories}
          .selected=${flow.machine.data.categoryKey}
          ?busy=${flow.busy}
          ?can-go-back=${canGoBack}
        ></finhub-step-categorization>`;
      case 'individual-registration':
        return html`<finhub-step-individual-registration
          exportparts=${STEP_PARTS}
          .initialValues=${this.#registrationStart()}
          .serverErrors=${flow.registrationErrors}
          ?duplicate-email=${flow.duplicateEmail}
          ?registered-earlier=${flow.registeredEarlier}
          ?busy=${flow.busy}
          ?can-go-back=${canGoBack}
          locale=${this._locale}
        ></finhub-step-individual-registration>`;
      case 'organization-registration':
        return html`<finhub-step-organization-registration
          exportparts=${STEP_PARTS}
          .prefill=${this.#organizationStart()}
          .serverErrors=${flow.registrationErrors}
          ?duplicate-email=${flow.duplicateEmail}
          ?busy=${flow.busy}
          ?can-go-back=${canGoBack}
          locale=${this._locale}
        ></finhub-step-organization-registration>`;
      case 'personnel':
        return html`<finhub-step-personnel
          exportparts=${STEP_PARTS}
          .saved=${flow.savedPersonnel}
          .rowErrors=${flow.personnelRowErrors}
          ?busy=${flow.busy}
          ?can-go-back=${canGoBack}
          locale=${this._locale}
        ></finhub-step-personnel>`;
      case 'progress':
        return html`<finhub-step-progress
          exportparts=${STEP_PARTS}
          message=${
            flow.current === 'session'
              ? msg('Signing you in…')
              : msg('Preparing your account type…')
          }
        ></finhub-step-progress>`;
      case 'sign-in':
        return html`<finhub-step-sign-in
          exportparts=${STEP_PARTS}
          email=${flow.email ?? ''}
          error=${flow.signInError ?? ''}
          ?locating=${flow.locating}
          ?busy=${flow.busy}
        ></finhub-step-sign-in>`;
      case 'verification':
        return html`<finhub-step-verification
          exportparts=${STEP_PARTS}
          flow=${flow.flow}
          .requirements=${this.#requirements()}
          ?busy=${flow.busy}
        ></finhub-step-verification>`;
      case 'documents': {
        const requirements = this.#requirements();
        if (!requirements) {
          // Resume: the verification is being created again for its id and list.
          return html`<finhub-step-progress
            exportparts=${STEP_PARTS}
            message=${msg('Preparing your document upload…')}
          ></finhub-step-progress>`;
        }
        return html`<finhub-step-documents
          exportparts=${`${STEP_PARTS}, document, dropzone, preview`}
          .requirements=${requirements}
          .uploader=${flow.uploadDocument}
          .uploaded=${flow.uploaded}
          ?busy=${flow.busy}
        ></finhub-step-documents>`;
      }
      case 'consents':
        return html`<finhub-step-consents
          exportparts=${STEP_PARTS}
          .documents=${resolveConsentDocuments(this.consents)}
          .accepted=${[...flow.acceptedConsents]}
          ?busy=${flow.busy}
        ></finhub-step-consents>`;
      case 'activation':
        return html`<finhub-step-activation
          exportparts=${STEP_PARTS}
          flow=${flow.flow}
          phase=${flow.activationPhase}
          email=${flow.email ?? ''}
          ?code-rejected=${flow.activationCodeRejected}
          ?busy=${flow.busy}
        ></finhub-step-activation>`;
    }
  }

  /** The started verification's documents, described; undefined until it has started. */
  #requirements() {
    const verification = this.#flow.verification;
    if (!verification) return undefined;
    return documentRequirements(verification.requiredDocuments, this.#flow.flow);
  }

  /** The API backend for the current attributes, built once and kept while they stay the same. */
  #apiBackend(): FlowBackend {
    const viaFunction = typeof this.fetchToken === 'function';
    const key = JSON.stringify([viaFunction, this.tokenUrl, this.apiBase, this.deviceId]);
    if (this.#api?.key !== key) {
      // The attributes as they were when the key was made (the backend is created later).
      const { tokenUrl, apiBase, deviceId } = this;
      this.#api = {
        key,
        backend: lazyBackend(({ createApiBackend }) =>
          createApiBackend({
            // Through `this` so a host that passes a new function each render (React) keeps the
            // same backend and token.
            ...(viaFunction
              ? {
                  fetchToken: (signal: AbortSignal, context: { currentToken?: string }) =>
                    this.fetchToken!(signal, context),
                }
              : { tokenUrl }),
            apiBase,
            tenantId: () => this.tenantId || undefined,
            deviceId,
          }),
        ),
      };
    }
    return this.#api.backend;
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

  #flowKind(): FlowKind {
    return this.flow === 'organization' ? 'organization' : 'individual';
  }

  #currentView(): StepView | undefined {
    const flow = this.#flow;
    if (flow.finished) return undefined;
    return viewFor(flow.flow, flow.current, flow.machine.isAutomatic());
  }

  /** Prefill (host) under the draft (person): what the person typed wins. Never passwords. */
  #registrationStart(): IndividualRegistrationDraft {
    // Hosts in plain JS could pass passwords: they are dropped, never shown.
    const prefill: Record<string, unknown> = { ...this.prefill };
    delete prefill['password'];
    delete prefill['matchingPassword'];
    return { ...(prefill as IndividualRegistrationDraft), ...this.#flow.registrationDraft };
  }

  /** The same for the organization's registration (host prefill under the person's draft). */
  #organizationStart(): OrganizationRegistrationDraft {
    const prefill: Record<string, unknown> = { ...this.prefill };
    delete prefill['password'];
    delete prefill['matchingPassword'];
    return { ...(prefill as OrganizationRegistrationDraft), ...this.#flow.organizationDraft };
  }

  #onTransition(info: TransitionInfo): void {
    if (info.moveFocus) this.#focusHeading = true;
  }

  #onStepSubmit = (event: Event): void => {
    if (!(event instanceof StepSubmitEvent)) return;
    const flow = this.#flow;
    switch (this.#currentView()) {
      case 'categorization':
        if (typeof event.value === 'string') flow.chooseCategory(event.value);
        break;
      case 'individual-registration':
        // The registration step only sends values its schema validated.
        flow.submitIndividualRegistration(event.value as IndividualRegistrationValues);
        break;
      case 'organization-registration':
        // Sent only with values its schema validated.
        flow.submitOrganizationRegistration(event.value as OrganizationRegistrationValues);
        break;
      case 'personnel': {
        // The step checked its rules; after a partial save it drops the rows FinHub now holds.
        const people = event.target as Partial<{
          removeSentRows(counts: Record<string, number>): void;
        }>; // the personnel step element
        flow.savePersonnel(event.value as PersonnelValues, (counts) =>
          people.removeSentRows?.(counts),
        );
        break;
      }
      case 'sign-in':
        flow.signIn(event.value as SessionCredentials); // the sign-in step's validated values
        break;
      case 'verification':
        flow.continueVerification();
        break;
      case 'documents':
        flow.completeDocuments(
          (event.value as { documents: UploadedDocument[] }).documents, // DocumentsStepValue
        );
        break;
      case 'consents': {
        const accepted = event.value as ConsentValues; // every one true: the step validated it
        if (!CONSENT_KINDS.every((kind) => accepted[kind])) return;
        const documents = resolveConsentDocuments(this.consents);
        const versions = Object.fromEntries(
          CONSENT_KINDS.map((kind) => [kind, documents[consentKey(kind)].version]),
        ) as Record<ConsentKind, string>; // one entry per kind, built just above
        flow.acceptConsents(versions);
        break;
      }
      case 'activation':
        if (typeof event.value === 'string') flow.activate(event.value);
        break;
      default:
        return;
    }
    // Mirror `busy` onto the step now, so a second click in this same task does nothing.
    const step = event.target as Partial<{ busy: boolean }>; // every step element has `busy`
    if (step && 'busy' in step) step.busy = flow.busy;
  };

  #onAnnounce = (event: Event): void => {
    if (event instanceof StepAnnounceEvent) this.#announce(event.message);
  };

  #onDraft = (event: Event): void => {
    if (!(event instanceof StepDraftEvent)) return;
    if (this.#currentView() === 'organization-registration') {
      this.#flow.saveOrganizationDraft(event.draft as OrganizationRegistrationDraft);
    } else {
      this.#flow.saveRegistrationDraft(event.draft);
    }
  };
}
