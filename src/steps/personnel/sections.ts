/**
 * What differs between the people step's three sections (docs/finhub-contract.md#employees,
 * docs/finhub-contract.md#directors, #shareholders): their words, their row form, how a row is checked, listed and
 * sent. One section component (personnel-section.ts) renders each from its config.
 */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type {
  AddDirectorRequest,
  AddEmployeeRequest,
  AddShareholderRequest,
} from '../../api/organization-requests.js';
import { countryName } from '../../localization/countries.js';
import type { ValidationResult } from '../common/validate.js';
import { personDetails, type KnownPerson } from './people.js';
import { optionId } from '../common/form-fields.js';
import {
  beneficialOwnerLabel,
  directorRoleLabel,
  labelOr,
  positionLabel,
  roleLabel,
  shareholderTypeLabel,
} from './labels.js';
import {
  ADMIN_ROLE,
  DIRECTOR_FIELDS,
  DIRECTOR_ROLES,
  EMPLOYEE_FIELDS,
  EMPLOYEE_POSITIONS,
  EMPLOYEE_ROLES,
  SHAREHOLDER_FIELDS,
  SHAREHOLDER_TYPES,
  emptyDirector,
  emptyEmployee,
  emptyShareholder,
  formatPercent,
  isBeneficialOwner,
  ownershipSummary,
  parseHundredths,
  savedHundredths,
  toAddDirectorRequest,
  toAddEmployeeRequest,
  toAddShareholderRequest,
  validateDirector,
  validateEmployee,
  validateShareholder,
  type DirectorDraft,
  type DirectorValues,
  type EmployeeDraft,
  type EmployeeValues,
  type PersonnelSection,
  type RowSchemaOptions,
  type SavedPersonnel,
  type ShareholderDraft,
  type ShareholderValues,
} from './personnel.schema.js';
import {
  DIRECTOR_PREFIX,
  EMPLOYEE_PREFIX,
  SHAREHOLDER_PREFIX,
  directorFields,
  employeeFields,
  shareholderFields,
  type RowFormContext,
} from './row-forms.js';

/** One line of a section's list: a saved row, or a new one (with its key). */
export interface ListItem {
  name: string;
  details: string[];
  badges: string[];
}

/** What a section's config reads from the step. */
export interface PeopleContext {
  readonly saved: SavedPersonnel;
  readonly locale: string;
  /** Whether an employee other than `exceptKey` (saved or new) has the Admin user role. */
  adminAmong(exceptKey: number | undefined): boolean;
  /** The step's ownership total, saved and new (shareholders). */
  totalHundredths(): number;
}

export interface SectionConfig<D extends object, V, R> {
  readonly id: PersonnelSection;
  /** Control ids are `<prefix>-<field>`, so the three forms can be open together. */
  readonly prefix: string;
  readonly fields: readonly (keyof D & string)[];
  readonly words: {
    heading: () => string;
    intro: () => string;
    empty: () => string;
    add: () => string;
    newRow: () => string;
    submit: (mode: 'add' | 'edit') => string;
    /** Continue while this section's form has changes. */
    unfinished: () => string;
  };
  emptyDraft(people: PeopleContext): D;
  validate(draft: D, options: RowSchemaOptions): ValidationResult<V, string>;
  /** Emails of the section's rows other than the one checked (FinHub refuses repeats, 409). */
  emails(saved: SavedPersonnel, others: readonly D[]): string[];
  savedItems(people: PeopleContext): ListItem[];
  item(draft: D, locale: string): ListItem;
  form(context: RowFormContext<D>, people: PeopleContext, mode: 'add' | 'edit'): TemplateResult;
  /** The element to focus for a field: its control, or a group's checked (or first) option. */
  controlId(field: string, draft: D): string;
  /**
   * A validated row as the section's request
   * (docs/finhub-contract.md#employees, #directors, #shareholders).
   */
  toRequest(values: V): R;
  /** Someone entered elsewhere, as this section's row: only the fields it has. */
  fromPerson(person: KnownPerson): Partial<D>;
  /** Under the list (the shareholders' ownership total). */
  after?(people: PeopleContext): TemplateResult;
}

const fullName = (first: string, last: string) => `${first} ${last}`.trim();

function rolesText(roles: readonly string[], locale: string): string {
  const labels = roles.map((role) => labelOr(role, EMPLOYEE_ROLES, roleLabel));
  return labels.length ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(labels) : '';
}

export const employees: SectionConfig<EmployeeDraft, EmployeeValues, AddEmployeeRequest> = {
  id: 'employees',
  prefix: EMPLOYEE_PREFIX,
  fields: EMPLOYEE_FIELDS,
  words: {
    heading: () => msg('Employees'),
    intro: () => msg('People who will use the company’s account. Each gets their own sign-in.'),
    empty: () => msg('No employees yet.'),
    add: () => msg('Add an employee'),
    newRow: () => msg('New employee'),
    submit: (mode) => (mode === 'add' ? msg('Add employee') : msg('Update employee')),
    unfinished: () => msg('Finish or cancel the employee you are editing.'),
  },
  // docs/finhub-contract.md#employees: the first employee must have ADMIN_USER, so it starts ticked
  // while none has it.
  emptyDraft: (people) => emptyEmployee(people.adminAmong(undefined) ? [] : [ADMIN_ROLE]),
  validate: validateEmployee,
  emails: (saved, others) => [
    ...(saved.employees ?? []).map((e) => e.email),
    ...others.map((draft) => draft.email),
  ],
  savedItems: ({ saved, locale }) =>
    (saved.employees ?? []).map((employee) => ({
      name: fullName(employee.firstName, employee.lastName),
      details: [
        labelOr(employee.position, EMPLOYEE_POSITIONS, positionLabel),
        rolesText(employee.roles, locale),
      ],
      badges: [msg('Saved')],
    })),
  item: (draft, locale) => ({
    name: fullName(draft.firstName.trim(), draft.lastName.trim()),
    details: [
      labelOr(draft.position, EMPLOYEE_POSITIONS, positionLabel),
      rolesText(draft.roles, locale),
    ],
    badges: [],
  }),
  form: (context, people, mode) =>
    employeeFields(context, {
      adminPreselected: mode === 'add' && !people.adminAmong(undefined),
    }),
  controlId: (field, draft) =>
    field === 'roles'
      ? optionId(`${EMPLOYEE_PREFIX}-roles`, draft.roles[0] ?? EMPLOYEE_ROLES[0])
      : `${EMPLOYEE_PREFIX}-${field}`,
  toRequest: toAddEmployeeRequest,
  fromPerson: (person) => personDetails(person, ['firstName', 'lastName', 'email', 'phone']),
};

export const directors: SectionConfig<DirectorDraft, DirectorValues, AddDirectorRequest> = {
  id: 'directors',
  prefix: DIRECTOR_PREFIX,
  fields: DIRECTOR_FIELDS,
  words: {
    heading: () => msg('Directors'),
    intro: () =>
      msg('The company’s directors, as in the company register. At least one is required.'),
    empty: () => msg('No directors yet.'),
    add: () => msg('Add a director'),
    newRow: () => msg('New director'),
    submit: (mode) => (mode === 'add' ? msg('Add director') : msg('Update director')),
    unfinished: () => msg('Finish or cancel the director you are editing.'),
  },
  emptyDraft: emptyDirector,
  validate: validateDirector,
  emails: (saved, others) => [
    ...(saved.directors ?? []).flatMap((d) => (d.email ? [d.email] : [])),
    ...others.map((draft) => draft.email),
  ],
  savedItems: ({ saved }) =>
    (saved.directors ?? []).map((director) => ({
      name: fullName(director.firstName, director.lastName),
      details: [labelOr(director.role, DIRECTOR_ROLES, directorRoleLabel), director.email ?? ''],
      badges: [msg('Saved')],
    })),
  item: (draft, locale) => ({
    name: fullName(draft.firstName.trim(), draft.lastName.trim()),
    details: [
      labelOr(draft.role, DIRECTOR_ROLES, directorRoleLabel),
      draft.nationality ? countryName(draft.nationality, locale) : '',
    ],
    badges: [],
  }),
  form: (context) => directorFields(context),
  controlId: (field) => `${DIRECTOR_PREFIX}-${field}`,
  toRequest: toAddDirectorRequest,
  fromPerson: (person) =>
    personDetails(person, ['firstName', 'lastName', 'email', 'dateOfBirth', 'nationality']),
};

/** A shareholder's badges: beneficial owner (25 % or more), politically exposed. */
const holderBadges = (hundredths: number | undefined, pep: boolean | undefined) => [
  ...(hundredths !== undefined && isBeneficialOwner(hundredths) ? [beneficialOwnerLabel()] : []),
  ...(pep ? [msg('Politically exposed person')] : []),
];

export const shareholders: SectionConfig<
  ShareholderDraft,
  ShareholderValues,
  AddShareholderRequest
> = {
  id: 'shareholders',
  prefix: SHAREHOLDER_PREFIX,
  fields: SHAREHOLDER_FIELDS,
  words: {
    heading: () => msg('Shareholders'),
    intro: () =>
      msg(
        'Everyone who owns shares in the company, people or companies. Together they must own exactly 100%.',
      ),
    empty: () => msg('No shareholders yet.'),
    add: () => msg('Add a shareholder'),
    newRow: () => msg('New shareholder'),
    submit: (mode) => (mode === 'add' ? msg('Add shareholder') : msg('Update shareholder')),
    unfinished: () => msg('Finish or cancel the shareholder you are editing.'),
  },
  emptyDraft: emptyShareholder,
  validate: (draft) => validateShareholder(draft),
  emails: () => [],
  savedItems: ({ saved, locale }) =>
    (saved.shareholders ?? []).map((holder) => {
      const hundredths = savedHundredths(holder);
      const owner = holder.isBeneficialOwner ?? isBeneficialOwner(hundredths);
      return {
        name:
          holder.type === 'CORPORATE'
            ? (holder.companyName ?? '')
            : fullName(holder.firstName ?? '', holder.lastName ?? ''),
        details: [
          labelOr(holder.type, SHAREHOLDER_TYPES, shareholderTypeLabel),
          formatPercent(hundredths, locale),
        ],
        badges: [
          msg('Saved'),
          ...(owner ? [beneficialOwnerLabel()] : []),
          ...(holder.isPEP ? [msg('Politically exposed person')] : []),
        ],
      };
    }),
  item: (draft, locale) => {
    const hundredths = parseHundredths(draft.ownershipPercentage);
    return {
      name:
        draft.type === 'CORPORATE'
          ? draft.companyName.trim()
          : fullName(draft.firstName.trim(), draft.lastName.trim()),
      details: [
        labelOr(draft.type, SHAREHOLDER_TYPES, shareholderTypeLabel),
        hundredths === undefined ? '' : formatPercent(hundredths, locale),
      ],
      badges: holderBadges(hundredths, draft.isPEP === 'yes'),
    };
  },
  form: (context) => shareholderFields(context),
  controlId: (field, draft) =>
    field === 'type'
      ? optionId(`${SHAREHOLDER_PREFIX}-type`, draft.type || SHAREHOLDER_TYPES[0])
      : field === 'isPEP'
        ? optionId(`${SHAREHOLDER_PREFIX}-pep`, draft.isPEP || 'yes')
        : `${SHAREHOLDER_PREFIX}-${field}`,
  toRequest: toAddShareholderRequest,
  // A person (a company is never among the people entered elsewhere).
  fromPerson: (person) => ({
    type: 'INDIVIDUAL',
    ...personDetails(person, ['firstName', 'lastName']),
  }),
  after: (people) =>
    html`<p id="ownership-total" class="total" role="status">
      ${ownershipSummary(people.totalHundredths(), people.locale)}
    </p>`,
};
