/**
 * Field templates for step forms: a visible label, an optional hint, the control, and its errors
 * tied to it with `aria-describedby` / `aria-invalid` (docs/architecture.md#steps). Ids derive from the
 * control's id (`<id>-hint`, `<id>-error`), so every id must be unique in the step's shadow root.
 *
 * The step owns the state (values, touched, errors); these only render it.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import { msg } from '@lit/localize';

export interface ChoiceOption {
  value: string;
  label: string;
  /** Extra text under a radio or checkbox label. */
  description?: string;
}

export interface FieldConfig {
  /** The control's id (and `name` unless given). */
  id: string;
  name?: string;
  label: string;
  value: string;
  /** Messages to show now (empty: valid or not yet shown). */
  errors: readonly string[];
  hint?: string;
  /** Not required: the label says "(optional)". */
  optional?: boolean;
  /** Shown after the errors (e.g. a "Sign in instead" action). */
  after?: TemplateResult | typeof nothing;
  onInput: (event: Event) => void;
  onBlur?: (event: Event) => void;
}

export interface InputConfig extends FieldConfig {
  type?: string;
  autocomplete?: string;
  autocapitalize?: string;
  /** false turns the browser's spell check off (codes, ids). */
  spellcheck?: boolean;
  inputmode?: string;
  max?: string;
  min?: string;
  maxlength?: number;
}

export interface SelectConfig extends FieldConfig {
  options: readonly ChoiceOption[];
  autocomplete?: string;
}

export interface GroupConfig {
  /** Prefix of the options' ids (`<id>-<value>`) and id of the group. */
  id: string;
  name: string;
  legend: string;
  options: readonly ChoiceOption[];
  errors: readonly string[];
  hint?: string | TemplateResult;
  onChange: (event: Event) => void;
}

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;
export const optionId = (groupId: string, value: string) => `${groupId}-${value.toLowerCase()}`;

export function describedBy(
  id: string,
  hasHint: boolean,
  errors: readonly string[],
): string | typeof nothing {
  const ids = [hasHint ? hintId(id) : '', errors.length ? errorId(id) : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

export function errorBlock(id: string, errors: readonly string[]): TemplateResult | typeof nothing {
  if (!errors.length) return nothing;
  return html`<p id=${errorId(id)} part="field-error" class="field-error">
    ${errors.map((message) => html`<span>${message}</span>`)}
  </p>`;
}

const labelText = (config: FieldConfig) =>
  config.optional ? `${config.label} ${msg('(optional)')}` : config.label;

const hintBlock = (id: string, hint: string | TemplateResult | undefined) =>
  hint ? html`<p id=${hintId(id)} class="hint">${hint}</p>` : nothing;

/** What every single-control field shares: its label, hint, the control itself and its errors. */
const fieldFrame = (config: FieldConfig, control: TemplateResult): TemplateResult =>
  html`<div part="field" class="field">
    <label part="label" for=${config.id}>${labelText(config)}</label>
    ${hintBlock(config.id, config.hint)} ${control} ${errorBlock(config.id, config.errors)}
    ${config.after ?? nothing}
  </div>`;

/** The attributes every control states the same way: invalid, described by hint and errors. */
type Described = Pick<FieldConfig, 'id' | 'errors'> & { hint?: unknown };
const invalid = (config: Described) => (config.errors.length ? 'true' : 'false');
const described = (config: Described) =>
  describedBy(config.id, Boolean(config.hint), config.errors);

export const inputField = (config: InputConfig): TemplateResult =>
  fieldFrame(
    config,
    html`<input
      part="input"
      id=${config.id}
      name=${config.name ?? config.id}
      type=${config.type ?? 'text'}
      autocomplete=${config.autocomplete ?? 'off'}
      autocapitalize=${config.autocapitalize ?? nothing}
      spellcheck=${config.spellcheck === false ? 'false' : nothing}
      inputmode=${config.inputmode ?? nothing}
      max=${config.max ?? nothing}
      min=${config.min ?? nothing}
      maxlength=${config.maxlength ?? nothing}
      ?required=${!config.optional}
      aria-invalid=${invalid(config)}
      aria-describedby=${described(config)}
      .value=${live(config.value)}
      @input=${config.onInput}
      @blur=${config.onBlur ?? nothing}
    />`,
  );

export const textareaField = (config: FieldConfig & { rows?: number }): TemplateResult =>
  fieldFrame(
    config,
    html`<textarea
      part="input"
      id=${config.id}
      name=${config.name ?? config.id}
      rows=${config.rows ?? 3}
      ?required=${!config.optional}
      aria-invalid=${invalid(config)}
      aria-describedby=${described(config)}
      .value=${live(config.value)}
      @input=${config.onInput}
      @blur=${config.onBlur ?? nothing}
    ></textarea>`,
  );

export const selectField = (config: SelectConfig): TemplateResult =>
  fieldFrame(
    config,
    html`<select
      part="input"
      id=${config.id}
      name=${config.name ?? config.id}
      autocomplete=${config.autocomplete ?? 'off'}
      ?required=${!config.optional}
      aria-invalid=${invalid(config)}
      aria-describedby=${described(config)}
      @change=${config.onInput}
      @blur=${config.onBlur ?? nothing}
    >
      <option value="" ?selected=${config.value === ''}>${msg('Choose…')}</option>
      ${
        // Rendered again only when the list or the choice changes: a keystroke elsewhere in the
        // form would otherwise walk all 249 countries (issue 17: under 1 ms a keystroke).
        guard([config.options, config.value], () =>
          config.options.map(
            (option) =>
              html`<option value=${option.value} ?selected=${option.value === config.value}>
                ${option.label}
              </option>`,
          ),
        )
      }
    </select>`,
  );

function group(
  kind: 'radio' | 'checkbox',
  config: GroupConfig,
  isChecked: (value: string) => boolean,
): TemplateResult {
  const { id, errors } = config;
  return html`<fieldset
    id=${id}
    part="fieldset"
    class="choice-group"
    aria-invalid=${invalid(config)}
    aria-describedby=${described(config)}
  >
    <legend part="label">${config.legend}</legend>
    ${hintBlock(id, config.hint)}
    ${config.options.map((option) => {
      const optionKey = optionId(id, option.value);
      return html`<div class="choice">
        <input
          id=${optionKey}
          type=${kind}
          name=${config.name}
          .value=${option.value}
          .checked=${live(isChecked(option.value))}
          aria-describedby=${option.description ? `${optionKey}-description` : nothing}
          @change=${config.onChange}
        />
        <label for=${optionKey}>${option.label}</label>
        ${
          option.description
            ? html`<span id=${`${optionKey}-description`} class="hint choice-description"
                >${option.description}</span
              >`
            : nothing
        }
      </div>`;
    })}
    ${errorBlock(id, errors)}
  </fieldset>`;
}

/** A radio group in a fieldset; `value` is the checked option's value ('' for none). */
export const radioGroup = (config: GroupConfig & { value: string }): TemplateResult =>
  group('radio', config, (value) => value === config.value);

/** A checkbox group in a fieldset; `values` are the checked options. */
export const checkboxGroup = (
  config: GroupConfig & { values: readonly string[] },
): TemplateResult => group('checkbox', config, (value) => config.values.includes(value));

/** "Show passwords" (or `label`) toggle for the password fields with these ids. */
export function passwordToggle(
  shown: boolean,
  controls: readonly string[],
  onToggle: () => void,
  label = msg('Show passwords'),
): TemplateResult {
  return html`<button
    part="button button-secondary"
    class="button button-secondary password-toggle"
    type="button"
    aria-pressed=${shown ? 'true' : 'false'}
    aria-controls=${controls.join(' ')}
    @click=${onToggle}
  >
    ${label}
  </button>`;
}

/**
 * Styles for what `formStyles` does not cover: text areas, radio/checkbox groups, sections and
 * side-by-side rows (kept here, out of the first render, which has no such form).
 */
export const fieldStyles = css`
  /* A paragraph led by an icon (sign-in's lock). */
  .with-icon {
    display: flex;
    gap: 0.5rem;
  }

  .with-icon > .icon {
    margin-top: 0.2em;
    color: var(--_color-primary, #1d4ed8);
  }

  /* Section headings inside a step: larger and bolder than a field's label. */
  h3,
  h4 {
    margin: 0;
    font-size: var(--_text-section, 1.125rem);
    line-height: 1.3;
  }

  /* A section of a form ("Company details", "Address"): a heading, not another label. */
  fieldset.section {
    display: grid;
    gap: var(--_spacing, 1rem);
  }

  fieldset.section + fieldset.section {
    padding-top: calc(var(--_spacing, 1rem) * 0.5);
  }

  fieldset.section > legend {
    margin-bottom: calc(var(--_spacing, 1rem) * 0.75);
    font-size: var(--_text-section, 1.125rem);
    font-weight: 700;
    line-height: 1.3;
  }

  /* Side by side, a field's parts share rows with its neighbours' (subgrid), so inputs line up
     when only one of them has a hint or an error. */
  .grid > .field {
    grid-row: span 5;
    grid-template-rows: subgrid;
    row-gap: 0;
  }

  .grid > .field > label {
    grid-row: 1;
    margin-bottom: 0.375rem;
  }

  .grid > .field > .hint {
    grid-row: 2;
    margin-bottom: 0.375rem;
  }

  .grid > .field > :is(input, select, textarea) {
    grid-row: 3;
  }

  .grid > .field > .field-error {
    grid-row: 4;
    margin-top: 0.375rem;
  }

  .grid > .field > :not(label, .hint, input, select, textarea, .field-error) {
    grid-row: 5;
    margin-top: 0.375rem;
  }

  textarea {
    width: 100%;
    min-height: calc(var(--_control-height, 2.75rem) * 2);
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_color-border, #6b7280);
    border-radius: var(--_radius, 0.375rem);
    background: var(--_color-surface, #ffffff);
    color: var(--_color-text, #1f2937);
    font: inherit;
    resize: vertical;
  }

  textarea[aria-invalid='true'] {
    border: 2px solid var(--_color-error, #b91c1c);
  }

  .choice-group {
    display: grid;
    gap: 0.5rem;
  }

  .choice {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.625rem;
    align-items: center;
  }

  .choice input {
    width: 1.25rem;
    height: 1.25rem;
    min-height: 0;
    margin: 0;
    accent-color: var(--_color-primary, #1d4ed8);
  }

  .choice label {
    font-weight: 400;
  }

  .choice-description {
    grid-column: 2;
  }

  .password-toggle {
    justify-self: start;
  }
`;
