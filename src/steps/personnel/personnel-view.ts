import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import {
  ADMIN_ROLE,
  DIRECTOR_FIELDS,
  DIRECTOR_ROLES,
  EMPLOYEE_FIELDS,
  EMPLOYEE_POSITIONS,
  EMPLOYEE_ROLES,
  PERSONNEL_SECTIONS,
  SHAREHOLDER_FIELDS,
  SHAREHOLDER_TYPES,
  emptyDirector,
  emptyEmployee,
  emptyShareholder,
  formatPercent,
  isBeneficialOwner,
  ownershipSummary,
  parseHundredths,
  personnelRuleProblems,
  savedHundredths,
  sumHundredths,
  toAddDirectorRequest,
  toAddEmployeeRequest,
  toAddShareholderRequest,
  validateDirector,
  validateEmployee,
  validateShareholder,
  type DirectorDraft,
  type EmployeeDraft,
  type PersonnelDrafts,
  type PersonnelRowError,
  type PersonnelSection,
  type PersonnelValues,
  type SavedPersonnel,
  type ShareholderDraft,
} from './personnel.schema.js';
import { countryName } from '../../localization/countries.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { fieldStyles, optionId } from '../shared/form-fields.js';
import {
  beneficialOwnerLabel,
  directorRoleLabel,
  labelOr,
  positionLabel,
  roleLabel,
  shareholderTypeLabel,
} from './labels.js';
import {
  DIRECTOR_PREFIX,
  EMPLOYEE_PREFIX,
  SHAREHOLDER_PREFIX,
  directorFields,
  employeeFields,
  shareholderFields,
  type RowFormContext,
} from './row-forms.js';
import { StepAnnounceEvent, StepBackEvent, StepSubmitEvent } from '../shared/step-events.js';

type Section = PersonnelSection;

interface Drafts {
  employees: EmployeeDraft;
  directors: DirectorDraft;
  shareholders: ShareholderDraft;
}

interface Row<S extends Section> {
  /** Stable identity for ids, focus and row errors (indices shift on remove). */
  key: number;
  draft: Drafts[S];
}

type Rows = { [S in Section]: Row<S>[] };

interface RowForm<S extends Section> {
  mode: 'add' | 'edit';
  /** The row being edited. */
  key?: number;
  draft: Drafts[S];
  /** What the form started from: an untouched new form is dropped silently on Continue. */
  initial: Drafts[S];
  touched: ReadonlySet<string>;
  submitted: boolean;
}

type Forms = { [S in Section]?: RowForm<S> };

type FieldErrorMap = Partial<Record<string, string[]>>;

const PREFIX: Record<Section, string> = {
  employees: EMPLOYEE_PREFIX,
  directors: DIRECTOR_PREFIX,
  shareholders: SHAREHOLDER_PREFIX,
};

const FIELDS: Record<Section, readonly string[]> = {
  employees: EMPLOYEE_FIELDS,
  directors: DIRECTOR_FIELDS,
  shareholders: SHAREHOLDER_FIELDS,
};

const emptyRows = (): Rows => ({ employees: [], directors: [], shareholders: [] });

const copyDraft = <T extends object>(draft: T): T => {
  const copy = { ...draft };
  for (const [key, value] of Object.entries(copy)) {
    if (Array.isArray(value)) (copy as Record<string, unknown>)[key] = [...value]; // roles
  }
  return copy;
};

const sameDraft = (a: object, b: object): boolean => JSON.stringify(a) === JSON.stringify(b);

const fullName = (first: string, last: string) => `${first} ${last}`.trim();

/**
 * Personnel (finhub-api.md §1.3 step 3): employees (§7.2), directors (§7.3) and shareholders
 * (§7.4). Presentational: lists what FinHub already holds (`saved`, not editable) and the rows
 * added here (add, edit, remove before sending), checks the step's rules before any request (an
 * `ADMIN_USER` employee, a director, ownership of exactly 100%), and on Continue sends a
 * `StepSubmitEvent<PersonnelValues>` with only the new rows, already shaped as requests.
 *
 * After a failed save the flow says how many rows were saved (`sent`: the step drops them), lists
 * them in `saved`, and names the failing row in `rowErrors`.
 *
 * @internal
 */
@localized()
export class FinHubPersonnelStep extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    fieldStyles,
    css`
      :host {
        display: block;
      }

      .content {
        display: grid;
        gap: calc(var(--_spacing, 1rem) * 2);
      }

      section {
        display: grid;
        gap: calc(var(--_spacing, 1rem) * 0.75);
      }

      h3,
      h4 {
        margin: 0;
        font-size: 1.125em;
      }

      h4 {
        font-size: 1em;
      }

      .rows {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }

      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        justify-content: space-between;
        align-items: center;
        padding: 0.75rem;
        border: 1px solid var(--_color-border, #6b7280);
        border-radius: var(--_radius, 0.375rem);
      }

      .row-main {
        display: grid;
        gap: 0.25rem;
      }

      .row-name {
        font-weight: 600;
      }

      .row-actions {
        display: flex;
        gap: 0.5rem;
      }

      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: 0.375rem;
      }

      .badge {
        display: inline-block;
        padding: 0.125rem 0.5rem;
        border: 1px solid currentColor;
        border-radius: 999px;
        font-size: 0.875em;
        font-weight: 600;
        color: var(--_color-primary, #1d4ed8);
      }

      .row-form {
        display: grid;
        gap: var(--_spacing, 1rem);
        padding: var(--_spacing, 1rem);
        border: 2px solid var(--_color-border, #6b7280);
        border-radius: var(--_radius, 0.375rem);
      }

      .row-form-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
      }

      .add {
        justify-self: start;
      }

      .total {
        font-weight: 600;
        margin: 0;
      }

      .owner-flag {
        margin: 0;
      }

      .problem:focus {
        outline: 3px solid var(--_focus-ring, #1d4ed8);
        outline-offset: 2px;
      }

      .busy {
        display: grid;
        gap: 0.25rem;
        flex: 1 1 100%;
      }
    `,
  ];

  /** What FinHub already holds: shown as saved, not editable or removable. */
  @property({ attribute: false }) saved: SavedPersonnel = {
    employees: [],
    directors: [],
    shareholders: [],
  };

  /**
   * After a failed save: how many new rows of each section FinHub took (a new object each time);
   * the step drops them (they show in `saved`) before it applies `rowErrors`.
   */
  @property({ attribute: false }) sent: { counts: Partial<Record<Section, number>> } | undefined;

  /** A server error on a new row after a failed save (index into that section's new rows). */
  @property({ attribute: false }) rowErrors: readonly PersonnelRowError[] = [];

  /** Saving is in flight: Continue does nothing and progress shows. */
  @property({ type: Boolean }) busy = false;

  @property({ type: Boolean, attribute: 'can-go-back' }) canGoBack = false;

  /** Locale for country names and percentages (`Intl`). */
  @property() locale = 'en';

  @state() private _rows: Rows = emptyRows();
  @state() private _forms: Forms = {};
  @state() private _submitted = false;
  /** Server errors by row key. */
  @state() private _rowErrors: ReadonlyMap<number, string> = new Map();

  #nextKey = 1;
  #focusAfterUpdate: string | undefined;

  /** The rows not yet on FinHub, as typed (e.g. to keep them when the person goes back). */
  get pending(): PersonnelDrafts {
    return {
      employees: this._rows.employees.map((row) => copyDraft(row.draft)),
      directors: this._rows.directors.map((row) => copyDraft(row.draft)),
      shareholders: this._rows.shareholders.map((row) => copyDraft(row.draft)),
    };
  }

  set pending(drafts: Partial<PersonnelDrafts>) {
    this._rows = {
      employees: (drafts.employees ?? []).map((draft) => this.#row<'employees'>(draft)),
      directors: (drafts.directors ?? []).map((draft) => this.#row<'directors'>(draft)),
      shareholders: (drafts.shareholders ?? []).map((draft) => this.#row<'shareholders'>(draft)),
    };
    this._rowErrors = new Map();
  }

  /**
   * Drops the first `counts[section]` new rows of each section: requests go out in order, so
   * after a partial save these are the ones FinHub now holds (pass them in `saved`).
   */
  removeSentRows(counts: Partial<Record<Section, number>>): void {
    const rows = { ...this._rows };
    for (const section of PERSONNEL_SECTIONS) {
      const count = counts[section] ?? 0;
      if (count > 0) (rows[section] as Row<Section>[]) = rows[section].slice(count); // same section
    }
    this._rows = rows;
    this._rowErrors = new Map();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sent') && this.sent) this.removeSentRows(this.sent.counts);
    if (changed.has('rowErrors')) this.#applyRowErrors();
  }

  protected override updated(): void {
    const id = this.#focusAfterUpdate;
    if (id) {
      this.#focusAfterUpdate = undefined;
      this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
    }
  }

  override render() {
    const problems = this._submitted ? this.#sectionProblems() : {};
    return html`
      <div class="content">
        ${this.#section('employees', problems.employees)}
        ${this.#section('directors', problems.directors)}
        ${this.#section('shareholders', problems.shareholders)}
      </div>
      <div class="actions">
        ${
          this.busy
            ? html`<div class="busy">
                <span id="busy-label" class="muted">${msg('Saving the company’s people…')}</span>
                <progress part="progress" aria-labelledby="busy-label"></progress>
              </div>`
            : nothing
        }
        ${
          this.canGoBack
            ? html`<button
                part="button button-secondary"
                class="button button-secondary"
                type="button"
                @click=${this.#onBack}
              >
                ${msg('Back')}
              </button>`
            : nothing
        }
        <button
          id="continue"
          part="button button-primary"
          class="button button-primary"
          type="button"
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${this.#onContinue}
        >
          ${msg('Continue')}
        </button>
      </div>
    `;
  }

  // ---- sections --------------------------------------------------------------------------

  #heading(section: Section): string {
    switch (section) {
      case 'employees':
        return msg('Employees');
      case 'directors':
        return msg('Directors');
      case 'shareholders':
        return msg('Shareholders');
    }
  }

  #intro(section: Section): string {
    switch (section) {
      case 'employees':
        return msg('People who will use the company’s account. Each gets their own sign-in.');
      case 'directors':
        return msg(
          'The company’s directors, as in the company register. At least one is required.',
        );
      case 'shareholders':
        return msg(
          'Everyone who owns shares in the company, people or companies. Together they must own exactly 100%.',
        );
    }
  }

  #emptyText(section: Section): string {
    switch (section) {
      case 'employees':
        return msg('No employees yet.');
      case 'directors':
        return msg('No directors yet.');
      case 'shareholders':
        return msg('No shareholders yet.');
    }
  }

  #addLabel(section: Section): string {
    switch (section) {
      case 'employees':
        return msg('Add an employee');
      case 'directors':
        return msg('Add a director');
      case 'shareholders':
        return msg('Add a shareholder');
    }
  }

  #section(section: Section, problem: string | undefined): TemplateResult {
    const headingId = `${section}-heading`;
    const problemId = `${section}-problem`;
    const items = [...this.#savedItems(section), ...this.#pendingItems(section)];
    const form = this._forms[section];
    return html`<section aria-labelledby=${headingId}>
      <h3 id=${headingId}>${this.#heading(section)}</h3>
      <p class="muted">${this.#intro(section)}</p>
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
          : html`<p class="muted">${this.#emptyText(section)}</p>`
      }
      ${section === 'shareholders' ? this.#total() : nothing}
      ${
        form
          ? this.#form(section, form)
          : html`<button
              id=${`${section}-add`}
              part="button button-secondary"
              class="button button-secondary add"
              type="button"
              aria-describedby=${problem ? problemId : nothing}
              @click=${() => this.#openAdd(section)}
            >
              ${this.#addLabel(section)}
            </button>`
      }
    </section>`;
  }

  #total(): TemplateResult {
    return html`<p id="ownership-total" class="total" role="status">
      ${ownershipSummary(this.#totalHundredths(), this.locale)}
    </p>`;
  }

  // ---- list items ------------------------------------------------------------------------

  #savedItems(section: Section): TemplateResult[] {
    const saved = this.saved ?? { employees: [], directors: [], shareholders: [] };
    switch (section) {
      case 'employees':
        return (saved.employees ?? []).map((employee) =>
          this.#item({
            name: fullName(employee.firstName, employee.lastName),
            details: [
              labelOr(employee.position, EMPLOYEE_POSITIONS, positionLabel),
              this.#rolesText(employee.roles),
            ],
            badges: [msg('Saved')],
          }),
        );
      case 'directors':
        return (saved.directors ?? []).map((director) =>
          this.#item({
            name: fullName(director.firstName, director.lastName),
            details: [
              labelOr(director.role, DIRECTOR_ROLES, directorRoleLabel),
              director.email ?? '',
            ],
            badges: [msg('Saved')],
          }),
        );
      case 'shareholders':
        return (saved.shareholders ?? []).map((holder) => {
          const hundredths = savedHundredths(holder);
          const owner = holder.isBeneficialOwner ?? isBeneficialOwner(hundredths);
          return this.#item({
            name:
              holder.type === 'CORPORATE'
                ? (holder.companyName ?? '')
                : fullName(holder.firstName ?? '', holder.lastName ?? ''),
            details: [
              labelOr(holder.type, SHAREHOLDER_TYPES, shareholderTypeLabel),
              formatPercent(hundredths, this.locale),
            ],
            badges: [
              msg('Saved'),
              ...(owner ? [beneficialOwnerLabel()] : []),
              ...(holder.isPEP ? [msg('Politically exposed person')] : []),
            ],
          });
        });
    }
  }

  #pendingItems(section: Section): TemplateResult[] {
    const rows = this._rows[section] as Row<Section>[];
    return rows.map((row) => {
      const name = this.#rowName(section, row.draft);
      return this.#item({
        name,
        details: this.#rowDetails(section, row.draft),
        badges: this.#rowBadges(section, row.draft),
        pending: { section, key: row.key, error: this._rowErrors.get(row.key) },
      });
    });
  }

  #item(item: {
    name: string;
    details: string[];
    badges: string[];
    pending?: { section: Section; key: number; error: string | undefined };
  }): TemplateResult {
    const pending = item.pending;
    const errorId = pending ? `row-${pending.key}-error` : '';
    const editing = pending && this._forms[pending.section]?.key === pending.key;
    const details = item.details.filter(Boolean).join(' · ');
    return html`<li class="row">
      <div class="row-main">
        <span class="row-name">${item.name}</span>
        ${details ? html`<span class="muted">${details}</span>` : nothing}
        ${
          item.badges.length
            ? html`<span class="badges">
                ${item.badges.map((badge) => html`<span class="badge">${badge}</span>`)}
              </span>`
            : nothing
        }
        ${
          pending?.error
            ? html`<p id=${errorId} class="field-error"><span>${pending.error}</span></p>`
            : nothing
        }
      </div>
      ${
        pending
          ? editing
            ? html`<span class="muted">${msg('Editing below')}</span>`
            : html`<div class="row-actions">
                <button
                  id=${`row-${pending.key}-edit`}
                  part="button button-secondary"
                  class="button button-secondary"
                  type="button"
                  aria-label=${msg(str`Edit ${item.name}`)}
                  aria-describedby=${pending.error ? errorId : nothing}
                  @click=${() => this.#openEdit(pending.section, pending.key)}
                >
                  ${msg('Edit')}
                </button>
                <button
                  id=${`row-${pending.key}-remove`}
                  part="button button-secondary"
                  class="button button-secondary"
                  type="button"
                  aria-label=${msg(str`Remove ${item.name}`)}
                  @click=${() => this.#remove(pending.section, pending.key)}
                >
                  ${msg('Remove')}
                </button>
              </div>`
          : nothing
      }
    </li>`;
  }

  #rowName(section: Section, draft: Drafts[Section]): string {
    if (section === 'shareholders') {
      const holder = draft as ShareholderDraft; // the shareholders section holds these
      return holder.type === 'CORPORATE'
        ? holder.companyName.trim()
        : fullName(holder.firstName.trim(), holder.lastName.trim());
    }
    const person = draft as EmployeeDraft | DirectorDraft; // both have names
    return fullName(person.firstName.trim(), person.lastName.trim());
  }

  #rowDetails(section: Section, draft: Drafts[Section]): string[] {
    switch (section) {
      case 'employees': {
        const employee = draft as EmployeeDraft; // by section
        return [
          labelOr(employee.position, EMPLOYEE_POSITIONS, positionLabel),
          this.#rolesText(employee.roles),
        ];
      }
      case 'directors': {
        const director = draft as DirectorDraft; // by section
        return [
          labelOr(director.role, DIRECTOR_ROLES, directorRoleLabel),
          director.nationality ? countryName(director.nationality, this.locale) : '',
        ];
      }
      case 'shareholders': {
        const holder = draft as ShareholderDraft; // by section
        const hundredths = parseHundredths(holder.ownershipPercentage);
        return [
          labelOr(holder.type, SHAREHOLDER_TYPES, shareholderTypeLabel),
          hundredths === undefined ? '' : formatPercent(hundredths, this.locale),
        ];
      }
    }
  }

  #rowBadges(section: Section, draft: Drafts[Section]): string[] {
    if (section !== 'shareholders') return [];
    const holder = draft as ShareholderDraft; // by section
    const hundredths = parseHundredths(holder.ownershipPercentage);
    return [
      ...(hundredths !== undefined && isBeneficialOwner(hundredths)
        ? [beneficialOwnerLabel()]
        : []),
      ...(holder.isPEP === 'yes' ? [msg('Politically exposed person')] : []),
    ];
  }

  #rolesText(roles: readonly string[]): string {
    const labels = roles.map((role) => labelOr(role, EMPLOYEE_ROLES, roleLabel));
    return labels.length
      ? new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(labels)
      : '';
  }

  // ---- row forms -------------------------------------------------------------------------

  #formHeading(section: Section, form: RowForm<Section>): string {
    if (form.mode === 'edit') {
      const row = this.#findRow(section, form.key);
      return msg(str`Edit ${row ? this.#rowName(section, row.draft) : ''}`);
    }
    switch (section) {
      case 'employees':
        return msg('New employee');
      case 'directors':
        return msg('New director');
      case 'shareholders':
        return msg('New shareholder');
    }
  }

  #submitLabel(section: Section, mode: 'add' | 'edit'): string {
    switch (section) {
      case 'employees':
        return mode === 'add' ? msg('Add employee') : msg('Update employee');
      case 'directors':
        return mode === 'add' ? msg('Add director') : msg('Update director');
      case 'shareholders':
        return mode === 'add' ? msg('Add shareholder') : msg('Update shareholder');
    }
  }

  #form(section: Section, form: RowForm<Section>): TemplateResult {
    const headingId = `${section}-form-heading`;
    const errors = this.#formErrors(section, form);
    const shown = (field: string) =>
      form.submitted || form.touched.has(field) ? (errors[field] ?? []) : [];
    const context = {
      errors: shown,
      onInput: (event: Event) => this.#onInput(section, event),
      onBlur: (event: Event) => this.#onBlur(section, event),
      onChoice: (event: Event) => this.#onChoice(section, event),
      locale: this.locale,
    };
    let fields: TemplateResult;
    switch (section) {
      case 'employees':
        fields = employeeFields(
          { ...context, draft: form.draft as EmployeeDraft } as RowFormContext<EmployeeDraft>, // by section
          { adminPreselected: form.mode === 'add' && !this.#adminAmong(undefined) },
        );
        break;
      case 'directors':
        fields = directorFields({ ...context, draft: form.draft as DirectorDraft }); // by section
        break;
      case 'shareholders':
        fields = shareholderFields({ ...context, draft: form.draft as ShareholderDraft }); // by section
        break;
    }
    return html`<form
      id=${`${section}-form`}
      class="row-form"
      novalidate
      aria-labelledby=${headingId}
      @submit=${(event: Event) => this.#onFormSubmit(section, event)}
    >
      <h4 id=${headingId} tabindex="-1">${this.#formHeading(section, form)}</h4>
      ${fields}
      <div class="row-form-actions">
        <button part="button button-primary" class="button button-primary" type="submit">
          ${this.#submitLabel(section, form.mode)}
        </button>
        <button
          part="button button-secondary"
          class="button button-secondary"
          type="button"
          @click=${() => this.#closeForm(section)}
        >
          ${msg('Cancel')}
        </button>
      </div>
    </form>`;
  }

  #formErrors(section: Section, form: RowForm<Section>): FieldErrorMap {
    return this.#validate(section, form.draft, form.key).errors;
  }

  #validate(
    section: Section,
    draft: Drafts[Section],
    exceptKey: number | undefined,
  ): { success: boolean; errors: FieldErrorMap } {
    const options = { takenEmails: this.#emails(section, exceptKey), locale: this.locale };
    switch (section) {
      case 'employees':
        return validateEmployee(draft as EmployeeDraft, options); // by section
      case 'directors':
        return validateDirector(draft as DirectorDraft, options); // by section
      case 'shareholders':
        return validateShareholder(draft as ShareholderDraft); // by section
    }
  }

  /** Emails used by the section's other rows, saved or new (FinHub refuses repeats, 409). */
  #emails(section: Section, exceptKey: number | undefined): string[] {
    if (section === 'employees') {
      return [
        ...(this.saved?.employees ?? []).map((e) => e.email),
        ...this._rows.employees.filter((r) => r.key !== exceptKey).map((r) => r.draft.email),
      ];
    }
    if (section === 'directors') {
      return [
        ...(this.saved?.directors ?? []).flatMap((d) => (d.email ? [d.email] : [])),
        ...this._rows.directors.filter((r) => r.key !== exceptKey).map((r) => r.draft.email),
      ];
    }
    return [];
  }

  /** Whether any employee other than `exceptKey` (saved or new) has the Admin user role. */
  #adminAmong(exceptKey: number | undefined): boolean {
    return (
      (this.saved?.employees ?? []).some((e) => e.roles.includes(ADMIN_ROLE)) ||
      this._rows.employees.some((r) => r.key !== exceptKey && r.draft.roles.includes(ADMIN_ROLE))
    );
  }

  #emptyDraft(section: Section): Drafts[Section] {
    switch (section) {
      case 'employees':
        // §7.2: the first employee must have ADMIN_USER, so it starts ticked while none has it.
        return emptyEmployee(this.#adminAmong(undefined) ? [] : [ADMIN_ROLE]);
      case 'directors':
        return emptyDirector();
      case 'shareholders':
        return emptyShareholder();
    }
  }

  #openAdd(section: Section): void {
    if (this.busy) return;
    const draft = this.#emptyDraft(section);
    this.#setForm(section, {
      mode: 'add',
      draft,
      initial: copyDraft(draft),
      touched: new Set(),
      submitted: false,
    });
    this.#focusAfterUpdate = this.#controlId(section, FIELDS[section][0]!, draft);
  }

  #openEdit(section: Section, key: number): void {
    if (this.busy) return;
    const row = this.#findRow(section, key);
    if (!row) return;
    this.#setForm(section, {
      mode: 'edit',
      key,
      draft: copyDraft(row.draft),
      initial: copyDraft(row.draft),
      // Show what is wrong at once (e.g. a row FinHub refused).
      touched: new Set(FIELDS[section]),
      submitted: false,
    });
    this.#focusAfterUpdate = this.#controlId(section, FIELDS[section][0]!, row.draft);
  }

  #closeForm(section: Section): void {
    const form = this._forms[section];
    this.#setForm(section, undefined);
    this.#focusAfterUpdate =
      form?.mode === 'edit' && form.key !== undefined ? `row-${form.key}-edit` : `${section}-add`;
  }

  #setForm(section: Section, form: RowForm<Section> | undefined): void {
    const forms: Forms = { ...this._forms };
    if (form)
      (forms as Record<Section, RowForm<Section>>)[section] = form; // same section
    else delete forms[section];
    this._forms = forms;
  }

  #updateDraft(section: Section, patch: Partial<Record<string, unknown>>, touch?: string): void {
    const form = this._forms[section];
    if (!form) return;
    const touched = touch ? new Set(form.touched).add(touch) : form.touched;
    this.#setForm(section, {
      ...form,
      draft: { ...form.draft, ...patch } as Drafts[Section], // fields of this draft only
      touched,
    });
  }

  #onInput(section: Section, event: Event): void {
    const control = event.target as HTMLInputElement | HTMLSelectElement; // bound on these only
    this.#updateDraft(
      section,
      { [control.name]: control.value },
      control instanceof HTMLSelectElement ? control.name : undefined,
    );
  }

  #onBlur(section: Section, event: Event): void {
    const form = this._forms[section];
    const name = (event.target as HTMLInputElement).name; // bound on form controls only
    if (form && !form.touched.has(name)) {
      this.#setForm(section, { ...form, touched: new Set(form.touched).add(name) });
    }
  }

  #onChoice(section: Section, event: Event): void {
    const control = event.target as HTMLInputElement; // radios and checkboxes
    const form = this._forms[section];
    if (!form) return;
    if (control.type === 'checkbox') {
      const current = (form.draft as EmployeeDraft).roles ?? []; // only employees have checkboxes
      const roles = control.checked
        ? [...current, control.value]
        : current.filter((role) => role !== control.value);
      this.#updateDraft(section, { roles }, control.name);
    } else {
      this.#updateDraft(section, { [control.name]: control.value }, control.name);
    }
  }

  #onFormSubmit(section: Section, event: Event): void {
    event.preventDefault();
    const form = this._forms[section];
    if (!form || this.busy) return;
    const result = this.#validate(section, form.draft, form.key);
    if (!result.success) {
      this.#setForm(section, { ...form, submitted: true });
      const first = FIELDS[section].find((field) => result.errors[field]?.length);
      if (first) this.#focusAfterUpdate = this.#controlId(section, first, form.draft);
      const count = Object.values(result.errors).filter((list) => list?.length).length;
      this.dispatchEvent(
        new StepAnnounceEvent(
          count === 1 ? msg('1 field needs attention.') : msg(str`${count} fields need attention.`),
        ),
      );
      return;
    }
    const name = this.#rowName(section, form.draft);
    const rows = { ...this._rows };
    if (form.mode === 'edit' && form.key !== undefined) {
      const key = form.key;
      (rows[section] as Row<Section>[]) = rows[section].map((row) =>
        row.key === key ? { key, draft: copyDraft(form.draft) } : row,
      ); // same section
      this.#clearRowError(key);
      this.#focusAfterUpdate = `row-${key}-edit`;
      this.dispatchEvent(new StepAnnounceEvent(msg(str`Updated ${name}.`)));
    } else {
      (rows[section] as Row<Section>[]) = [...rows[section], this.#row(form.draft)]; // same section
      this.#focusAfterUpdate = `${section}-add`;
      this.dispatchEvent(new StepAnnounceEvent(msg(str`Added ${name}.`)));
    }
    this._rows = rows;
    this.#setForm(section, undefined);
  }

  #remove(section: Section, key: number): void {
    if (this.busy) return;
    const list = this._rows[section] as Row<Section>[];
    const index = list.findIndex((row) => row.key === key);
    if (index < 0) return;
    const name = this.#rowName(section, list[index]!.draft);
    const rest = list.filter((row) => row.key !== key);
    this._rows = { ...this._rows, [section]: rest };
    this.#clearRowError(key);
    // Focus stays in the list: the next row's Remove, else the previous one's, else Add.
    const neighbour = rest[index] ?? rest[index - 1];
    this.#focusAfterUpdate = neighbour
      ? `row-${neighbour.key}-remove`
      : this._forms[section]
        ? `${section}-form-heading`
        : `${section}-add`;
    this.dispatchEvent(new StepAnnounceEvent(msg(str`Removed ${name}.`)));
  }

  #row<S extends Section>(draft: Drafts[S]): Row<S> {
    return { key: this.#nextKey++, draft: copyDraft(draft) };
  }

  #findRow(section: Section, key: number | undefined): Row<Section> | undefined {
    return (this._rows[section] as Row<Section>[]).find((row) => row.key === key);
  }

  /** The element to focus for a field: the control, or a group's checked/first option. */
  #controlId(section: Section, field: string, draft: Drafts[Section]): string {
    const prefix = PREFIX[section];
    if (section === 'employees' && field === 'roles') {
      const roles = (draft as EmployeeDraft).roles; // by section
      return optionId(`${prefix}-roles`, roles[0] ?? EMPLOYEE_ROLES[0]);
    }
    if (section === 'shareholders' && (field === 'type' || field === 'isPEP')) {
      const holder = draft as ShareholderDraft; // by section
      if (field === 'type') return optionId(`${prefix}-type`, holder.type || SHAREHOLDER_TYPES[0]);
      return optionId(`${prefix}-pep`, holder.isPEP || 'yes');
    }
    return `${prefix}-${field}`;
  }

  // ---- row errors from the server ----------------------------------------------------------

  #applyRowErrors(): void {
    const errors = new Map<number, string>();
    let first: number | undefined;
    for (const error of this.rowErrors ?? []) {
      const row = (this._rows[error.section] as Row<Section>[] | undefined)?.[error.index];
      if (!row) continue;
      errors.set(row.key, error.message);
      first ??= row.key;
    }
    this._rowErrors = errors;
    if (first !== undefined) {
      this.#focusAfterUpdate = `row-${first}-edit`;
      this.dispatchEvent(new StepAnnounceEvent([...errors.values()].join(' ')));
    }
  }

  #clearRowError(key: number): void {
    if (!this._rowErrors.has(key)) return;
    const errors = new Map(this._rowErrors);
    errors.delete(key);
    this._rowErrors = errors;
  }

  // ---- Continue ----------------------------------------------------------------------------

  #totalHundredths(): number {
    const pending = this._rows.shareholders.map(
      (row) => parseHundredths(row.draft.ownershipPercentage) ?? 0,
    );
    const saved = (this.saved?.shareholders ?? []).map(savedHundredths);
    return sumHundredths([...saved, ...pending]);
  }

  /** What stops Continue, per section: an unfinished form, a row to fix, or a rule. */
  #sectionProblems(): Partial<Record<Section, string>> {
    const saved = this.saved ?? { employees: [], directors: [], shareholders: [] };
    const rules = personnelRuleProblems(
      {
        employeeRoles: [
          ...(saved.employees ?? []).map((e) => e.roles),
          ...this._rows.employees.map((r) => r.draft.roles),
        ],
        directorCount: (saved.directors ?? []).length + this._rows.directors.length,
        shareholderHundredths: [
          ...(saved.shareholders ?? []).map(savedHundredths),
          ...this._rows.shareholders.map((r) => parseHundredths(r.draft.ownershipPercentage) ?? 0),
        ],
      },
      this.locale,
    );
    const problems: Partial<Record<Section, string>> = {};
    for (const section of PERSONNEL_SECTIONS) {
      const form = this._forms[section];
      if (form && !(form.mode === 'add' && sameDraft(form.draft, form.initial))) {
        problems[section] = this.#openFormProblem(section);
      } else if (this.#invalidRows(section).length) {
        problems[section] = msg('Some entries need attention: edit them to fix the details.');
      } else if (rules[section]) {
        problems[section] = rules[section];
      }
    }
    return problems;
  }

  #openFormProblem(section: Section): string {
    switch (section) {
      case 'employees':
        return msg('Finish or cancel the employee you are editing.');
      case 'directors':
        return msg('Finish or cancel the director you are editing.');
      case 'shareholders':
        return msg('Finish or cancel the shareholder you are editing.');
    }
  }

  #invalidRows(section: Section): Row<Section>[] {
    return (this._rows[section] as Row<Section>[]).filter(
      (row) => !this.#validate(section, row.draft, row.key).success,
    );
  }

  #onBack(): void {
    if (!this.busy) this.dispatchEvent(new StepBackEvent());
  }

  #onContinue(): void {
    if (this.busy) return;
    this._submitted = true;
    // An untouched new form is an "Add" clicked by mistake: drop it rather than block.
    for (const section of PERSONNEL_SECTIONS) {
      const form = this._forms[section];
      if (form?.mode === 'add' && sameDraft(form.draft, form.initial))
        this.#setForm(section, undefined);
    }
    const problems = this.#sectionProblems();
    const failing = PERSONNEL_SECTIONS.filter((section) => problems[section]);
    if (failing.length) {
      for (const section of failing) {
        for (const row of this.#invalidRows(section)) {
          if (!this._rowErrors.has(row.key)) {
            this._rowErrors = new Map(this._rowErrors).set(
              row.key,
              msg('Some details are missing or wrong. Edit this entry to fix them.'),
            );
          }
        }
      }
      this.#focusAfterUpdate = `${failing[0]}-problem`;
      this.dispatchEvent(
        new StepAnnounceEvent(failing.map((section) => problems[section]).join(' ')),
      );
      return;
    }
    this.#adminFirst();
    this.dispatchEvent(new StepSubmitEvent<PersonnelValues>(this.#values()));
    if (this.busy) this.dispatchEvent(new StepAnnounceEvent(msg('Saving the company’s people…')));
  }

  /**
   * §7.2: FinHub refuses a first employee without `ADMIN_USER`. When none is saved yet, the
   * first new employee with that role moves to the front (the list shows the new order, so
   * `rowErrors` indices still match what is shown).
   */
  #adminFirst(): void {
    if ((this.saved?.employees ?? []).length) return;
    const employees = this._rows.employees;
    const index = employees.findIndex((row) => row.draft.roles.includes(ADMIN_ROLE));
    if (index <= 0) return;
    const admin = employees[index]!;
    this._rows = {
      ...this._rows,
      employees: [admin, ...employees.filter((row) => row.key !== admin.key)],
    };
  }

  #values(): PersonnelValues {
    const options = { locale: this.locale };
    const valuesOf = <T>(result: { success: boolean; values?: T }): T[] =>
      result.success && result.values ? [result.values] : [];
    return {
      employees: this._rows.employees
        .flatMap((row) =>
          valuesOf(
            validateEmployee(row.draft, {
              ...options,
              takenEmails: this.#emails('employees', row.key),
            }),
          ),
        )
        .map(toAddEmployeeRequest),
      directors: this._rows.directors
        .flatMap((row) =>
          valuesOf(
            validateDirector(row.draft, {
              ...options,
              takenEmails: this.#emails('directors', row.key),
            }),
          ),
        )
        .map(toAddDirectorRequest),
      shareholders: this._rows.shareholders
        .flatMap((row) => valuesOf(validateShareholder(row.draft)))
        .map(toAddShareholderRequest),
    };
  }
}
