/**
 * The form state every form step shares (docs/architecture.md#steps): the values, which fields
 * were touched, which the person tried to submit, FinHub's errors on fields, and the error
 * summary. A field's error shows once the person leaves it after typing in it (or it held
 * something), or once they tried to continue; a failed submit puts the summary at the top of the
 * form (GOV.UK's pattern: "There is a problem", one link per field) and focuses it.
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { nothing } from 'lit';
import { errorSummary, focusControl, type SummaryItem } from './error-summary.js';
import type { FieldErrors, ValidationResult } from './validate.js';

/** What a form step offers its controller (StepElement does). */
export interface FormHost extends ReactiveControllerHost {
  focusAfterRender(id: string | undefined): void;
  announce(message: string): void;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface FormOptions<F extends string, V, D extends Record<F, unknown>> {
  /** The fields in form order (the summary lists them in this order). */
  fields: readonly F[];
  /** The values of an empty form. */
  empty: () => D;
  validate: (values: D) => ValidationResult<V, F>;
  /** The id of the control to focus for a field (default: the field's name). */
  controlId?: (field: F, values: D) => string;
  /** The id of the summary (unique in the shadow root; default `error-summary`). */
  summaryId?: string;
  /** Makes a field's control present before a summary link focuses it (e.g. turns a page). */
  reveal?: (field: F) => void;
  /** A field was left, or a choice changed (e.g. to keep a draft). */
  onTouch?: (field: F) => void;
}

export class FormController<
  F extends string,
  V,
  D extends Record<F, unknown> = Record<F, string>,
> implements ReactiveController {
  readonly #host: FormHost;
  readonly #options: FormOptions<F, V, D>;
  values: D;
  touched = new Set<F>();
  /** Fields the person tried to submit (all of them, or a page's): their errors show. */
  attempted = new Set<F>();
  /** FinHub's errors, by field: shown until the person changes the field. */
  server: FieldErrors<F> = {};
  /** The schema's errors for the values of this update; undefined until a field asks for them. */
  #errors: FieldErrors<F> | undefined;
  /** Fields typed in (a blur on one shows its error even if it is empty again). */
  #typed = new Set<F>();
  /** What the summary lists: the fields of the last failed submit, and messages on no field. */
  #summary: { fields: F[]; general: string[] } | undefined;

  constructor(host: FormHost, options: FormOptions<F, V, D>) {
    this.#host = host;
    this.#options = options;
    this.values = options.empty();
    host.addController(this);
  }

  /**
   * Before each render the errors are forgotten, so those shown match the values; they are
   * worked out again once a field that may show one asks. A form nobody has touched yet (a step
   * just arrived) never runs its schema: its first build and run is the costliest part of arriving.
   */
  hostUpdate(): void {
    this.#errors = undefined;
  }

  /** The messages to show for `field` now: FinHub's, else the schema's once touched or tried. */
  errorsFor(field: F): string[] {
    const server = this.server[field];
    if (server?.length) return server;
    if (!this.attempted.has(field) && !this.touched.has(field)) return [];
    this.#errors ??= this.#options.validate(this.values).errors;
    return this.#errors[field] ?? [];
  }

  /** Sets values (a prefill, an edit), leaving out `except`. */
  fill(values: Partial<Record<F, unknown>>, except?: (field: F) => boolean): void {
    const next = { ...this.values };
    for (const field of this.#options.fields) {
      const value = values[field];
      if (value !== undefined && !except?.(field)) next[field] = value as D[F]; // the field's own kind
    }
    this.values = next;
    this.#errors = undefined;
    this.#host.requestUpdate();
  }

  /** The person changed `field`: FinHub's verdict on it no longer applies. */
  set(field: F, value: D[F], touch = false): void {
    this.values = { ...this.values, [field]: value };
    this.#errors = undefined;
    this.#typed.add(field);
    if (this.server[field]) {
      const rest = { ...this.server };
      delete rest[field];
      this.server = rest;
    }
    if (touch) this.touch(field);
    this.#host.requestUpdate();
  }

  touch(field: F): void {
    if (!this.touched.has(field)) this.touched = new Set(this.touched).add(field);
    this.#options.onTouch?.(field);
    this.#host.requestUpdate();
  }

  /** For `@input`/`@change` on text inputs, selects and text areas named by their field. */
  readonly onInput = (event: Event): void => {
    const control = event.target as HTMLInputElement | HTMLSelectElement; // bound on form controls
    this.set(control.name as F, control.value as D[F], control instanceof HTMLSelectElement);
  };

  /**
   * For `@blur` on the controls: the field's error shows from now on if the person typed in it
   * or it holds something. Tabbing through an empty field says nothing yet.
   */
  readonly onBlur = (event: Event): void => {
    const field = (event.target as HTMLInputElement).name as F; // bound on form controls
    const value = this.values[field];
    if (this.#typed.has(field) || (typeof value === 'string' && value !== '')) this.touch(field);
  };

  /** FinHub's errors on the fields (and messages on no field): in the summary, which is focused. */
  showServer(errors: FieldErrors<F>, general: readonly string[] = []): void {
    this.server = errors;
    const fields = this.#options.fields.filter((field) => errors[field]?.length);
    this.#fail(fields, [...general]);
  }

  /**
   * Checks only `fields` (a page of a longer form): true when they pass; otherwise their errors
   * show and the summary lists them.
   */
  check(fields: readonly F[]): boolean {
    this.attempted = new Set([...this.attempted, ...fields]);
    const { errors } = this.#options.validate(this.values);
    const bad = fields.filter((field) => errors[field]?.length || this.server[field]?.length);
    this.#fail(bad, []);
    this.#host.requestUpdate();
    return bad.length === 0;
  }

  /** The validated values, or undefined (the summary lists what to fix, and is focused). */
  submit(): V | undefined {
    this.attempted = new Set(this.#options.fields);
    const result = this.#options.validate(this.values);
    this.#host.requestUpdate();
    if (result.success) {
      this.#summary = undefined;
      return result.values;
    }
    this.#fail(
      this.#options.fields.filter((field) => result.errors[field]?.length),
      [],
    );
    return undefined;
  }

  /** The first field `submit` or `showServer` found wrong (to turn to its page). */
  get firstInvalid(): F | undefined {
    return this.#summary?.fields[0];
  }

  /** Forgets everything typed (a row form that closes). */
  clear(values: D = this.#options.empty()): void {
    this.values = values;
    this.#errors = undefined;
    this.touched = new Set();
    this.attempted = new Set();
    this.#typed = new Set();
    this.server = {};
    this.#summary = undefined;
    this.#host.requestUpdate();
  }

  /** Drops the summary (the person moved on, e.g. to the next page). */
  dismiss(): void {
    this.#summary = undefined;
    this.#host.requestUpdate();
  }

  /**
   * The summary, for the top of the form: the fields of the last failed submit that are still
   * wrong, each linking to its control. Gone once all are fixed.
   */
  summary(): TemplateResult | typeof nothing {
    const summary = this.#summary;
    if (!summary) return nothing;
    const items: SummaryItem[] = summary.general.map((message) => ({ message }));
    for (const field of summary.fields) {
      const message = this.errorsFor(field)[0];
      if (message) items.push({ message, target: this.#controlId(field) });
    }
    return errorSummary(this.#summaryId, items, (target) => {
      // The step's own shadow root holds the control, unless it is on another page.
      if (focusControl(this.#host.renderRoot as ShadowRoot, target)) return;
      const field = summary.fields.find((candidate) => this.#controlId(candidate) === target);
      if (field === undefined || !this.#options.reveal) return;
      this.#options.reveal(field);
      this.#host.focusAfterRender(target); // once its page has rendered
    });
  }

  get #summaryId(): string {
    return this.#options.summaryId ?? 'error-summary';
  }

  #controlId(field: F): string {
    return this.#options.controlId?.(field, this.values) ?? field;
  }

  #fail(fields: F[], general: string[]): void {
    if (!fields.length && !general.length) {
      this.#summary = undefined;
      return;
    }
    this.#summary = { fields, general };
    this.#host.focusAfterRender(this.#summaryId);
    this.#host.requestUpdate();
  }
}
