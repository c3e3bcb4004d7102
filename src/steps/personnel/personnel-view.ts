import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { msg } from '@lit/localize';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { inputStyles } from '../../styles/input-styles.js';
import { fieldStyles } from '../common/form-fields.js';
import { summaryStyles } from '../common/error-summary.js';
import { StepElement } from '../common/step-element.js';
import { PersonnelSection, type SectionHost } from './personnel-section.js';
import {
  ADMIN_ROLE,
  PERSONNEL_SECTIONS,
  parseHundredths,
  personnelRuleProblems,
  savedHundredths,
  sumHundredths,
  type PersonnelDrafts,
  type PersonnelRowError,
  type PersonnelSection as Section,
  type PersonnelValues,
  type SavedPersonnel,
} from './personnel.schema.js';
import { personnelStyles } from './personnel.styles.js';
import { knownPeople, type KnownPerson } from './people.js';
import { directors, employees, shareholders } from './sections.js';

const NONE: SavedPersonnel = { employees: [], directors: [], shareholders: [] };

/**
 * Personnel (docs/finhub-contract.md#organization-flow step 3): employees
 * (docs/finhub-contract.md#employees), directors (docs/finhub-contract.md#directors) and
 * shareholders (docs/finhub-contract.md#shareholders), one section component each
 * (personnel-section.ts, fed its config from sections.ts). Presentational: lists what FinHub
 * already holds (`saved`, not editable) and the rows added here (add, edit, remove before sending),
 * checks the step's rules before any request (an `ADMIN_USER` employee, a director, ownership of
 * exactly 100%), and on Continue sends a `StepSubmitEvent<PersonnelValues>` with only the new rows,
 * already shaped as requests.
 *
 * After a failed save the flow says how many rows were saved (`sent`: the step drops them), lists
 * them in `saved`, and names the failing row in `rowErrors`.
 *
 * @internal
 */
export class FinHubPersonnelStep extends StepElement implements SectionHost {
  static override styles = [
    baseStyles,
    formStyles,
    inputStyles,
    fieldStyles,
    summaryStyles,
    personnelStyles,
  ];

  /** What FinHub already holds: shown as saved, not editable or removable. */
  @property({ attribute: false }) saved: SavedPersonnel = NONE;

  /**
   * After a failed save: how many new rows of each section FinHub took (a new object each time);
   * the step drops them (they show in `saved`) before it applies `rowErrors`.
   */
  @property({ attribute: false }) sent: { counts: Partial<Record<Section, number>> } | undefined;

  /** A server error on a new row after a failed save (index into that section's new rows). */
  @property({ attribute: false }) rowErrors: readonly PersonnelRowError[] = [];

  /** Locale for country names and percentages (`Intl`). */
  @property() locale = 'en';

  /** The admin user's email from registration: offered as someone already entered. */
  @property({ attribute: 'admin-email' }) adminEmail = '';

  #keys = 0;
  #submitted = false;
  /**
   * The forms that were open when the person last pressed Continue: only those are "unfinished".
   * A form opened since (say, to fix the row FinHub refused) is the fixing itself.
   */
  #openAtContinue = new Set<object>();
  readonly #employees = new PersonnelSection(this, employees);
  readonly #directors = new PersonnelSection(this, directors);
  readonly #shareholders = new PersonnelSection(this, shareholders);
  readonly #sections = [this.#employees, this.#directors, this.#shareholders] as const;

  nextKey(): number {
    return ++this.#keys;
  }

  #section(id: Section) {
    return this.#sections.find((section) => section.id === id)!; // one per section
  }

  /** The rows not yet on FinHub, as typed (e.g. to keep them when the person goes back). */
  get pending(): PersonnelDrafts {
    return {
      employees: this.#employees.drafts,
      directors: this.#directors.drafts,
      shareholders: this.#shareholders.drafts,
    };
  }

  set pending(drafts: Partial<PersonnelDrafts>) {
    this.#employees.setRows(drafts.employees ?? []);
    this.#directors.setRows(drafts.directors ?? []);
    this.#shareholders.setRows(drafts.shareholders ?? []);
    for (const section of this.#sections) section.errors = new Map();
    this.requestUpdate();
  }

  /**
   * Drops the first `counts[section]` new rows of each section: requests go out in order, so
   * after a partial save these are the ones FinHub now holds (pass them in `saved`).
   */
  removeSentRows(counts: Partial<Record<Section, number>>): void {
    for (const section of this.#sections) {
      const count = counts[section.id] ?? 0;
      if (count > 0) section.rows = section.rows.slice(count);
      section.errors = new Map();
    }
    this.requestUpdate();
  }

  /** Whether an employee other than `exceptKey` (saved or new) has the Admin user role. */
  adminAmong(exceptKey: number | undefined): boolean {
    return (
      (this.saved?.employees ?? []).some((e) => e.roles.includes(ADMIN_ROLE)) ||
      // (No rows yet while the employees section is being made: its empty form asks.)
      !!this.#employees?.rows.some((r) => r.key !== exceptKey && r.draft.roles.includes(ADMIN_ROLE))
    );
  }

  knownPeople(section: Section): KnownPerson[] {
    return knownPeople({
      adminEmail: this.adminEmail,
      saved: this.saved ?? NONE,
      drafts: this.pending,
    }).filter((person) => !person.from.includes(section));
  }

  totalHundredths(): number {
    return sumHundredths(this.#hundredths());
  }

  #hundredths(): number[] {
    return [
      ...(this.saved?.shareholders ?? []).map(savedHundredths),
      ...this.#shareholders.rows.map((r) => parseHundredths(r.draft.ownershipPercentage) ?? 0),
    ];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('saved')) this.saved ??= NONE;
    if (changed.has('sent') && this.sent) this.removeSentRows(this.sent.counts);
    if (changed.has('rowErrors')) this.#applyRowErrors();
  }

  override render() {
    const problems = this.#submitted ? this.#problems() : {};
    return html`
      <div class="content">
        ${this.#sections.map((section) => section.render(problems[section.id]))}
      </div>
      ${this.renderActions({
        id: 'continue',
        primary: msg('Continue'),
        busyText: msg('Saving the company’s people…'),
        onPrimary: () => this.#onContinue(),
      })}
    `;
  }

  /**
   * FinHub refused a row: shown on it and announced; when FinHub named the field, the row's form
   * opens on it (message on the field, the summary focused), otherwise its Edit button is focused.
   */
  #applyRowErrors(): void {
    let first: number | undefined;
    const messages: string[] = [];
    for (const section of this.#sections) section.errors = new Map();
    for (const error of this.rowErrors ?? []) {
      const section = this.#section(error.section);
      const row = section.rows[error.index];
      if (!row) continue;
      section.setError(row.key, error.message);
      messages.push(error.message);
      if (first !== undefined) continue;
      first = row.key;
      const opened =
        error.field !== undefined && section.openRefused(row.key, error.field, error.message);
      if (!opened) this.focusAfterRender(`row-${first}-edit`);
    }
    if (first !== undefined) this.announce(messages.join(' '));
  }

  /** What stops Continue, per section: an unfinished form, a row to fix, or a rule. */
  #problems(): Partial<Record<Section, string>> {
    const saved = this.saved ?? NONE;
    const rules = personnelRuleProblems(
      {
        employeeRoles: [
          ...(saved.employees ?? []).map((e) => e.roles),
          ...this.#employees.rows.map((r) => r.draft.roles),
        ],
        directorCount: (saved.directors ?? []).length + this.#directors.rows.length,
        shareholderHundredths: this.#hundredths(),
      },
      this.locale,
    );
    const problems: Partial<Record<Section, string>> = {};
    for (const section of this.#sections) {
      const problem =
        section.unfinished && section.open && this.#openAtContinue.has(section.open)
          ? section.config.words.unfinished()
          : section.invalidRows().length
            ? msg('Some entries need attention: edit them to fix the details.')
            : rules[section.id];
      if (problem) problems[section.id] = problem;
    }
    return problems;
  }

  #onContinue(): void {
    if (this.busy) return;
    this.#submitted = true;
    // An untouched new form is an "Add" clicked by mistake: drop it rather than block.
    for (const section of this.#sections) section.dropUntouched();
    this.#openAtContinue = new Set(this.#sections.flatMap((section) => section.open ?? []));
    const problems = this.#problems();
    const failing = PERSONNEL_SECTIONS.filter((section) => problems[section]);
    this.requestUpdate();
    if (failing.length) {
      for (const id of failing) {
        const section = this.#section(id);
        for (const row of section.invalidRows()) {
          if (!section.errors.has(row.key)) {
            section.setError(
              row.key,
              msg('Some details are missing or wrong. Edit this entry to fix them.'),
            );
          }
        }
      }
      this.focusAfterRender(`${failing[0]}-problem`);
      this.announce(failing.map((section) => problems[section]).join(' '));
      return;
    }
    this.#adminFirst();
    this.submit<PersonnelValues>({
      employees: this.#employees.requests(),
      directors: this.#directors.requests(),
      shareholders: this.#shareholders.requests(),
    });
    if (this.busy) this.announce(msg('Saving the company’s people…'));
  }

  /**
   * docs/finhub-contract.md#employees: FinHub refuses a first employee without `ADMIN_USER`. When
   * none is saved yet, the first new employee with that role moves to the front (the list shows the
   * new order, so `rowErrors` indices still match what is shown).
   */
  #adminFirst(): void {
    if ((this.saved?.employees ?? []).length) return;
    const rows = this.#employees.rows;
    const index = rows.findIndex((row) => row.draft.roles.includes(ADMIN_ROLE));
    if (index <= 0) return;
    const admin = rows[index]!;
    this.#employees.rows = [admin, ...rows.filter((row) => row.key !== admin.key)];
  }
}
