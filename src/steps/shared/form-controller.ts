/**
 * The form state every form step shares (docs/architecture.md#steps): the values, which fields
 * were touched, whether the person submitted, FinHub's errors on fields, the schema's errors shown
 * after a field is left or on submit, and on a failed submit the first invalid field focused and
 * the fields that need attention announced.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import type { FieldErrors, ValidationResult } from './validate.js';

/** What a form step offers its controller (StepElement does). */
export interface FormHost extends ReactiveControllerHost {
  focusAfterRender(id: string | undefined): void;
  announce(message: string): void;
}

export interface FormOptions<F extends string, V, D extends Record<F, unknown>> {
  /** The fields in form order (the first invalid one gets the focus). */
  fields: readonly F[];
  /** The values of an empty form. */
  empty: () => D;
  validate: (values: D) => ValidationResult<V, F>;
  /** A field's visible label, for the announcement of what needs attention. */
  label?: (field: F) => string;
  /** The locale the announcement's list is written in. */
  locale?: () => string;
  /** What is announced when a submit finds errors (default: "Check these fields: …"). */
  invalid?: (fields: F[], errors: FieldErrors<F>) => string;
  /** The id of the control to focus for a field (default: the field's name). */
  controlId?: (field: F, values: D) => string;
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
  submitted = false;
  /** FinHub's errors, by field: shown until the person changes the field. */
  server: FieldErrors<F> = {};
  #errors: FieldErrors<F> = {};

  constructor(host: FormHost, options: FormOptions<F, V, D>) {
    this.#host = host;
    this.#options = options;
    this.values = options.empty();
    host.addController(this);
  }

  /** Validates before each render, so the errors shown match the values. */
  hostUpdate(): void {
    this.#errors = this.#options.validate(this.values).errors;
  }

  /** The messages to show for `field` now: FinHub's, else the schema's once touched or submitted. */
  errorsFor(field: F): string[] {
    const server = this.server[field];
    if (server?.length) return server;
    if (!this.submitted && !this.touched.has(field)) return [];
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
    this.#host.requestUpdate();
  }

  /** The person changed `field`: FinHub's verdict on it no longer applies. */
  set(field: F, value: D[F], touch = false): void {
    this.values = { ...this.values, [field]: value };
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

  /** For `@blur` on the controls. */
  readonly onBlur = (event: Event): void => {
    this.touch((event.target as HTMLInputElement).name as F); // bound on form controls
  };

  /** FinHub's errors on the fields: shown, the first focused, all announced. */
  showServer(errors: FieldErrors<F>): void {
    this.server = errors;
    this.#attention(errors);
    this.#host.requestUpdate();
  }

  /** The validated values, or undefined (the first invalid field focused, the rest announced). */
  submit(): V | undefined {
    this.submitted = true;
    const result = this.#options.validate(this.values);
    this.#host.requestUpdate();
    if (result.success) return result.values;
    this.#attention(result.errors);
    return undefined;
  }

  /** Forgets everything typed (a row form that closes). */
  clear(values: D = this.#options.empty()): void {
    this.values = values;
    this.touched = new Set();
    this.submitted = false;
    this.server = {};
    this.#host.requestUpdate();
  }

  #attention(errors: FieldErrors<F>): void {
    const fields = this.#options.fields.filter((field) => errors[field]?.length);
    const first = fields[0];
    if (first === undefined) return;
    this.#host.focusAfterRender(this.#options.controlId?.(first, this.values) ?? first);
    const { invalid, label } = this.#options;
    if (invalid) {
      this.#host.announce(invalid(fields, errors));
    } else if (label) {
      const list = new Intl.ListFormat(this.#options.locale?.() ?? 'en', {
        type: 'conjunction',
      }).format(fields.map(label));
      this.#host.announce(msg(str`Check these fields: ${list}.`));
    }
  }
}
