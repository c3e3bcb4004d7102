/**
 * The fields of the personnel step's three row forms (docs/finhub-contract.md#employees employee,
 * docs/finhub-contract.md#directors director, docs/finhub-contract.md#shareholders shareholder).
 * Templates only: the step owns the drafts, touched state and errors. Control ids are
 * `<prefix>-<field>` so the three forms can be open together in one shadow root.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import {
  DIRECTOR_ROLES,
  EMPLOYEE_POSITIONS,
  EMPLOYEE_ROLES,
  SHAREHOLDER_TYPES,
  isBeneficialOwner,
  parseHundredths,
  type DirectorDraft,
  type EmployeeDraft,
  type ShareholderDraft,
} from './personnel.schema.js';
import { isoDay } from '../common/rules.js';
import { countryOptions } from '../../localization/countries.js';
import { checkboxGroup, inputField, radioGroup, selectField } from '../common/form-fields.js';
import {
  adminRoleReason,
  beneficialOwnerLabel,
  directorRoleLabel,
  pepExplanation,
  positionLabel,
  roleDescription,
  roleLabel,
  shareholderTypeLabel,
} from './labels.js';

export interface RowFormContext<TDraft> {
  draft: TDraft;
  /** Messages to show for a field now. */
  errors: (field: string) => readonly string[];
  /** Text inputs and selects (`name` is the field). */
  onInput: (event: Event) => void;
  onBlur: (event: Event) => void;
  /** Radios and checkboxes (`name` is the field). */
  onChoice: (event: Event) => void;
  locale: string;
}

export const EMPLOYEE_PREFIX = 'employee';
export const DIRECTOR_PREFIX = 'director';
export const SHAREHOLDER_PREFIX = 'shareholder';

function text<TDraft extends object>(
  ctx: RowFormContext<TDraft>,
  prefix: string,
  field: keyof TDraft & string,
  label: string,
  extra: Partial<Parameters<typeof inputField>[0]> = {},
): TemplateResult {
  return inputField({
    id: `${prefix}-${field}`,
    name: field,
    label,
    value: String(ctx.draft[field] ?? ''),
    errors: ctx.errors(field),
    onInput: ctx.onInput,
    onBlur: ctx.onBlur,
    ...extra,
  });
}

export function employeeFields(
  ctx: RowFormContext<EmployeeDraft>,
  options: { adminPreselected: boolean },
): TemplateResult {
  const p = EMPLOYEE_PREFIX;
  return html`
    <div class="grid">
      ${text(ctx, p, 'firstName', msg('First name'), { autocomplete: 'off' })}
      ${text(ctx, p, 'lastName', msg('Last name'))}
    </div>
    <div class="grid">
      ${text(ctx, p, 'email', msg('Email'), { type: 'email' })}
      ${text(ctx, p, 'phone', msg('Phone number'), {
        type: 'tel',
        inputmode: 'tel',
        optional: true,
        hint: msg('In international format with the country code, e.g. +37060012345.'),
      })}
    </div>
    ${selectField({
      id: `${p}-position`,
      name: 'position',
      label: msg('Position'),
      value: ctx.draft.position,
      errors: ctx.errors('position'),
      options: EMPLOYEE_POSITIONS.map((value) => ({ value, label: positionLabel(value) })),
      onInput: ctx.onInput,
      onBlur: ctx.onBlur,
    })}
    ${checkboxGroup({
      id: `${p}-roles`,
      name: 'roles',
      legend: msg('Roles'),
      hint: options.adminPreselected ? adminRoleReason() : undefined,
      values: ctx.draft.roles,
      errors: ctx.errors('roles'),
      options: EMPLOYEE_ROLES.map((value) => ({
        value,
        label: roleLabel(value),
        description: roleDescription(value),
      })),
      onChange: ctx.onChoice,
    })}
  `;
}

export function directorFields(ctx: RowFormContext<DirectorDraft>): TemplateResult {
  const p = DIRECTOR_PREFIX;
  const today = isoDay(new Date());
  return html`
    <div class="grid">
      ${text(ctx, p, 'firstName', msg('First name'))} ${text(ctx, p, 'lastName', msg('Last name'))}
    </div>
    ${text(ctx, p, 'email', msg('Email'), { type: 'email' })}
    <div class="grid">
      ${text(ctx, p, 'dateOfBirth', msg('Date of birth'), { type: 'date', max: today })}
      ${selectField({
        id: `${p}-nationality`,
        name: 'nationality',
        label: msg('Nationality'),
        value: ctx.draft.nationality,
        errors: ctx.errors('nationality'),
        options: countryOptions(ctx.locale).map((c) => ({ value: c.code, label: c.name })),
        onInput: ctx.onInput,
        onBlur: ctx.onBlur,
      })}
    </div>
    <div class="grid">
      ${selectField({
        id: `${p}-role`,
        name: 'role',
        label: msg('Director role'),
        value: ctx.draft.role,
        errors: ctx.errors('role'),
        options: DIRECTOR_ROLES.map((value) => ({ value, label: directorRoleLabel(value) })),
        onInput: ctx.onInput,
        onBlur: ctx.onBlur,
      })}
      ${text(ctx, p, 'appointmentDate', msg('Appointment date'), {
        type: 'date',
        max: today,
        optional: true,
      })}
    </div>
  `;
}

export function shareholderFields(ctx: RowFormContext<ShareholderDraft>): TemplateResult {
  const p = SHAREHOLDER_PREFIX;
  const { draft } = ctx;
  const hundredths = parseHundredths(draft.ownershipPercentage);
  const beneficial = hundredths !== undefined && isBeneficialOwner(hundredths);
  const corporate = draft.type === 'CORPORATE';
  return html`
    ${radioGroup({
      id: `${p}-type`,
      name: 'type',
      legend: msg('Shareholder type'),
      value: draft.type,
      errors: ctx.errors('type'),
      options: SHAREHOLDER_TYPES.map((value) => ({ value, label: shareholderTypeLabel(value) })),
      onChange: ctx.onChoice,
    })}
    ${
      draft.type === 'INDIVIDUAL'
        ? html`<div class="grid">
            ${text(ctx, p, 'firstName', msg('First name'))}
            ${text(ctx, p, 'lastName', msg('Last name'))}
          </div>`
        : nothing
    }
    ${corporate ? text(ctx, p, 'companyName', msg('Company name')) : nothing}
    ${text(ctx, p, 'ownershipPercentage', msg('Ownership (%)'), {
      inputmode: 'decimal',
      hint: msg(
        'Percentage of the company’s shares, up to 2 decimal places (e.g. 33.33). Holders of 25% or more are beneficial owners.',
      ),
    })}
    <p class="owner-flag" ?hidden=${!beneficial}>
      <span class="badge">${beneficialOwnerLabel()}</span>
    </p>
    ${radioGroup({
      id: `${p}-pep`,
      name: 'isPEP',
      legend: corporate
        ? msg('Is anyone who owns or controls this company a politically exposed person (PEP)?')
        : msg('Is this person a politically exposed person (PEP)?'),
      hint: pepExplanation(),
      value: draft.isPEP,
      errors: ctx.errors('isPEP'),
      options: [
        { value: 'yes', label: msg('Yes') },
        { value: 'no', label: msg('No') },
      ],
      onChange: ctx.onChoice,
    })}
  `;
}
