/**
 * One section of the people step (employees, directors or shareholders), rendered from its
 * config (sections.ts): what FinHub holds, the rows added here (add, edit, remove before
 * sending), the row form (on the shared form controller), and a refused row's error. It renders
 * into the step's own shadow root, so every id stays unique there (`<section>-form`, …).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { FormController, type FormHost } from '../common/form-controller.js';
import { selectField } from '../common/form-fields.js';
import { personName, personOption, type KnownPerson } from './people.js';
import type { RowFormContext } from './row-forms.js';
import type { ListItem, PeopleContext, SectionConfig } from './sections.js';

/** What a section needs from the step. */
export interface SectionHost extends FormHost, PeopleContext {
  readonly busy: boolean;
  /** A key for a new row, unique in the step (ids, focus and row errors follow it). */
  nextKey(): number;
  /** People entered elsewhere (registration, the other sections) that `section` could take. */
  knownPeople(section: SectionConfig<object, unknown, unknown>['id']): KnownPerson[];
}

export interface Row<D> {
  readonly key: number;
  readonly draft: D;
}

const copy = <T extends object>(draft: T): T => {
  const result = { ...draft };
  for (const [key, value] of Object.entries(result)) {
    if (Array.isArray(value)) (result as Record<string, unknown>)[key] = [...value]; // roles
  }
  return result;
};

const same = (a: object, b: object): boolean => JSON.stringify(a) === JSON.stringify(b);

type Key<D> = keyof D & string;

export class PersonnelSection<D extends object, V, R> {
  readonly config: SectionConfig<D, V, R>;
  readonly #host: SectionHost;
  rows: Row<D>[] = [];
  /** The open row form: a new row, or the row `key` being edited. */
  open: { mode: 'add' | 'edit'; key?: number; initial: D } | undefined;
  /** FinHub's (or the step's) message on a new row, by key. */
  errors: ReadonlyMap<number, string> = new Map();
  readonly #form: FormController<Key<D>, V, D>;
  /** The person picked in "Use someone you've already added" ('' for none). */
  #reused = '';

  constructor(host: SectionHost, config: SectionConfig<D, V, R>) {
    this.#host = host;
    this.config = config;
    this.#form = new FormController<Key<D>, V, D>(host, {
      fields: config.fields,
      empty: () => config.emptyDraft(host),
      validate: (draft) => this.#validate(draft, this.open?.key),
      controlId: (field, draft) => config.controlId(field, draft),
      summaryId: `${config.id}-summary`,
    });
  }

  get id() {
    return this.config.id;
  }

  #validate(draft: D, exceptKey: number | undefined) {
    const others = this.rows.filter((row) => row.key !== exceptKey).map((row) => row.draft);
    const takenEmails = this.config.emails(this.#host.saved, others);
    return this.config.validate(draft, { takenEmails, locale: this.#host.locale });
  }

  /** New rows that do not pass their own form's checks (edited after a refusal, say). */
  invalidRows(): Row<D>[] {
    return this.rows.filter((row) => !this.#validate(row.draft, row.key).success);
  }

  /** The new rows as requests, in the order shown. */
  requests(): R[] {
    return this.rows.flatMap((row) => {
      const result = this.#validate(row.draft, row.key);
      return result.success ? [this.config.toRequest(result.values)] : [];
    });
  }

  /** The open form holds something typed (an untouched "Add" does not count). */
  get unfinished(): boolean {
    const open = this.open;
    return !!open && !(open.mode === 'add' && same(this.#form.values, open.initial));
  }

  /** Continue with an untouched new form: an "Add" clicked by mistake, dropped. */
  dropUntouched(): void {
    if (this.open && !this.unfinished) this.open = undefined;
  }

  setRows(drafts: readonly D[]): void {
    this.rows = drafts.map((draft) => ({ key: this.#host.nextKey(), draft: copy(draft) }));
  }

  get drafts(): D[] {
    return this.rows.map((row) => copy(row.draft));
  }

  /** Sets a row's error (or the step's note that it needs fixing); clears them all with none. */
  setError(key: number, message: string): void {
    this.errors = new Map(this.errors).set(key, message);
  }

  clearError(key: number): void {
    if (!this.errors.has(key)) return;
    const errors = new Map(this.errors);
    errors.delete(key);
    this.errors = errors;
  }

  // ---- the person's actions ---------------------------------------------------------------

  openAdd(): void {
    if (this.#host.busy) return;
    const draft = this.config.emptyDraft(this.#host);
    this.#form.clear(draft);
    this.#reused = '';
    this.open = { mode: 'add', initial: copy(draft) };
    this.#host.focusAfterRender(this.config.controlId(this.config.fields[0]!, draft));
  }

  openEdit(key: number): void {
    if (!this.#host.busy) this.#edit(key);
  }

  #edit(key: number): void {
    const row = this.rows.find((candidate) => candidate.key === key);
    if (!row) return;
    this.#form.clear(copy(row.draft));
    // Show what is wrong at once (e.g. a row FinHub refused).
    this.#form.touched = new Set(this.config.fields);
    this.open = { mode: 'edit', key, initial: copy(row.draft) };
    this.#host.focusAfterRender(this.config.controlId(this.config.fields[0]!, row.draft));
  }

  /**
   * A row FinHub refused naming one of its fields: its form opens with FinHub's message on that
   * field and the error summary focused (its link leads to the field), as on every other form.
   * False when `field` is not one of this row's fields.
   */
  openRefused(key: number, field: string, message: string): boolean {
    if (!(this.config.fields as readonly string[]).includes(field)) return false;
    // Called as the failed save settles, while the step may still count as busy.
    this.#edit(key);
    if (!this.open) return false;
    this.#form.showServer({ [field]: [message] } as Partial<Record<Key<D>, string[]>>);
    return true;
  }

  close(): void {
    const open = this.open;
    this.open = undefined;
    this.#host.focusAfterRender(
      open?.mode === 'edit' ? `row-${open.key}-edit` : `${this.config.id}-add`,
    );
    this.#host.requestUpdate();
  }

  #save(event: Event): void {
    event.preventDefault();
    const open = this.open;
    if (!open || this.#host.busy) return;
    if (!this.#form.submit()) return;
    const draft = copy(this.#form.values);
    const name = this.config.item(draft, this.#host.locale).name;
    if (open.mode === 'edit' && open.key !== undefined) {
      const key = open.key;
      this.rows = this.rows.map((row) => (row.key === key ? { key, draft } : row));
      this.clearError(key);
      this.#host.focusAfterRender(`row-${key}-edit`);
      this.#host.announce(msg(str`Updated ${name}.`));
    } else {
      this.rows = [...this.rows, { key: this.#host.nextKey(), draft }];
      this.#host.focusAfterRender(`${this.config.id}-add`);
      this.#host.announce(msg(str`Added ${name}.`));
    }
    this.open = undefined;
  }

  #remove(key: number): void {
    if (this.#host.busy) return;
    const index = this.rows.findIndex((row) => row.key === key);
    if (index < 0) return;
    const name = this.config.item(this.rows[index]!.draft, this.#host.locale).name;
    const rest = this.rows.filter((row) => row.key !== key);
    this.rows = rest;
    this.clearError(key);
    // Focus stays in the list: the next row's Remove, else the previous one's, else Add.
    const neighbour = rest[index] ?? rest[index - 1];
    this.#host.focusAfterRender(
      neighbour
        ? `row-${neighbour.key}-remove`
        : this.open
          ? `${this.config.id}-form-heading`
          : `${this.config.id}-add`,
    );
    this.#host.announce(msg(str`Removed ${name}.`));
  }

  /** Radios and checkboxes (roles): `name` is the field. */
  #onChoice = (event: Event): void => {
    const control = event.target as HTMLInputElement; // radios and checkboxes
    const field = control.name as Key<D>; // the inputs are named by their field
    if (control.type === 'checkbox') {
      const current = (this.#form.values[field] as string[] | undefined) ?? []; // the roles
      const roles = control.checked
        ? [...current, control.value]
        : current.filter((role) => role !== control.value);
      this.#form.set(field, roles as D[Key<D>], true); // a list of the checked values
    } else {
      this.#form.set(field, control.value as D[Key<D>], true); // a radio's value
    }
  };

  /** Someone already entered, picked for this section: their details filled in, editable. */
  #onReuse = (event: Event): void => {
    const id = (event.target as HTMLSelectElement).value; // the reuse select
    this.#reused = id;
    const person = this.#host.knownPeople(this.id).find((candidate) => candidate.id === id);
    if (!person) return;
    this.#form.fill(this.config.fromPerson(person) as Partial<Record<Key<D>, unknown>>);
    this.#host.announce(
      msg(str`Filled in the details of ${personName(person)}. Check them and add what is missing.`),
    );
  };

  #renderReuse(): TemplateResult | typeof nothing {
    const people = this.#host.knownPeople(this.id);
    if (!people.length) return nothing;
    return selectField({
      id: `${this.id}-reuse`,
      label: msg('Use someone you’ve already added'),
      hint: msg('Their details are filled in below, and you can change them.'),
      optional: true,
      value: this.#reused,
      errors: [],
      options: people.map((person) => ({
        value: person.id,
        label: personOption(person, this.#host.locale),
      })),
      onInput: this.#onReuse,
    });
  }

  // ---- rendering -------------------------------------------------------------------------

  render(problem: string | undefined): TemplateResult {
    const { id, words } = this.config;
    const headingId = `${id}-heading`;
    const problemId = `${id}-problem`;
    const items = [
      ...this.config.savedItems(this.#host).map((item) => this.#item(item)),
      ...this.rows.map((row) =>
        this.#item(this.config.item(row.draft, this.#host.locale), row.key),
      ),
    ];
    return html`<section aria-labelledby=${headingId}>
      <h3 id=${headingId}>${words.heading()}</h3>
      <p class="muted">${words.intro()}</p>
      ${
        problem
          ? html`<p id=${problemId} class="field-error error-summary problem" tabindex="-1">
              <span>${problem}</span>
            </p>`
          : nothing
      }
      ${
        items.length
          ? html`<ul class="rows" aria-labelledby=${headingId}>
              ${items}
            </ul>`
          : html`<p class="muted">${words.empty()}</p>`
      }
      ${this.config.after?.(this.#host) ?? nothing}
      ${
        this.open
          ? this.#renderForm(this.open)
          : html`<button
              id=${`${id}-add`}
              part="button button-secondary"
              class="button button-secondary add"
              type="button"
              aria-describedby=${problem ? problemId : nothing}
              @click=${() => this.openAdd()}
            >
              ${words.add()}
            </button>`
      }
    </section>`;
  }

  /** One line of the list; a new row (with `key`) can be edited and removed. */
  #item(item: ListItem, key?: number): TemplateResult {
    const error = key === undefined ? undefined : this.errors.get(key);
    const errorId = `row-${key}-error`;
    const details = item.details.filter(Boolean).join(' · ');
    const badges = item.badges;
    return html`<li class="row">
      <div class="row-main">
        <span class="row-name">${item.name}</span>
        ${details ? html`<span class="muted">${details}</span>` : nothing}
        ${
          badges.length
            ? html`<span class="badges">
                ${badges.map((badge) => html`<span class="badge">${badge}</span>`)}
              </span>`
            : nothing
        }
        ${error ? html`<p id=${errorId} class="field-error"><span>${error}</span></p>` : nothing}
      </div>
      ${
        key === undefined
          ? nothing
          : this.open?.key === key
            ? html`<span class="muted">${msg('Editing below')}</span>`
            : html`<div class="row-actions">
                <button
                  id=${`row-${key}-edit`}
                  part="button button-secondary"
                  class="button button-secondary"
                  type="button"
                  aria-label=${msg(str`Edit ${item.name}`)}
                  aria-describedby=${error ? errorId : nothing}
                  @click=${() => this.openEdit(key)}
                >
                  ${msg('Edit')}
                </button>
                <button
                  id=${`row-${key}-remove`}
                  part="button button-secondary"
                  class="button button-secondary"
                  type="button"
                  aria-label=${msg(str`Remove ${item.name}`)}
                  @click=${() => this.#remove(key)}
                >
                  ${msg('Remove')}
                </button>
              </div>`
      }
    </li>`;
  }

  #renderForm(open: NonNullable<PersonnelSection<D, V, R>['open']>): TemplateResult {
    const { id, words } = this.config;
    const headingId = `${id}-form-heading`;
    const form = this.#form;
    const editing = this.rows.find((row) => row.key === open.key);
    const name = editing ? this.config.item(editing.draft, this.#host.locale).name : '';
    const heading = open.mode === 'edit' ? msg(str`Edit ${name}`) : words.newRow();
    const context: RowFormContext<D> = {
      draft: form.values,
      errors: (field) => form.errorsFor(field as Key<D>),
      onInput: form.onInput,
      onBlur: form.onBlur,
      onChoice: this.#onChoice,
      locale: this.#host.locale,
    };
    return html`<form
      id=${`${id}-form`}
      class="row-form"
      novalidate
      aria-labelledby=${headingId}
      @submit=${(event: Event) => this.#save(event)}
    >
      <h4 id=${headingId} tabindex="-1">${heading}</h4>
      ${form.summary()} ${open.mode === 'add' ? this.#renderReuse() : nothing}
      ${this.config.form(context, this.#host, open.mode)}
      <div class="row-form-actions">
        <button part="button button-primary" class="button button-primary" type="submit">
          ${words.submit(open.mode)}
        </button>
        <button
          part="button button-secondary"
          class="button button-secondary"
          type="button"
          @click=${() => this.close()}
        >
          ${msg('Cancel')}
        </button>
      </div>
    </form>`;
  }
}
