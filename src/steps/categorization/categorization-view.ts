import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { msg } from '@lit/localize';
import type { CategoryOption, FlowKind } from '../../flow/types.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { StepElement } from '../common/step-element.js';
import type { CategoryLabels, labelCategory } from './category-labels.js';

const choose = () => msg('Choose an account type to continue');

/** The host's `support-url` as a link: web, mail, phone or a path on the page's site, never script. */
const contactHref = (value: string) =>
  /^(https?:|mailto:|tel:|\/(?!\/))/i.test(value.trim()) ? value.trim() : undefined;

/**
 * Categorization (docs/finhub-contract.md#categorization-hierarchy): the person picks one of the
 * tenant's categories. Presentational: it receives the categories and a default, and sends a
 * `StepSubmitEvent<string>` with the chosen key. A host-preset category never reaches this screen
 * (the flow completes the step itself). A category smart categorization cannot fill is not offered;
 * when none is left, there is no form, only the host's contact route
 * (docs/finhub-contract.md#smart-categorization).
 *
 * @internal
 */
export class FinHubCategorizationStep extends StepElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      .options {
        display: grid;
        gap: calc(var(--_spacing, 1rem) * 0.75);
      }

      .option {
        display: grid;
        grid-template-columns: auto 1fr;
        column-gap: 0.75rem;
        align-items: start;
        padding: 0.75rem;
        border: 1px solid var(--_color-border, #6b7280);
        border-radius: var(--_radius, 0.375rem);
      }

      .option:has(input:checked) {
        border: 2px solid var(--_color-primary, #1d4ed8);
      }

      .option input {
        width: 1.25rem;
        height: 1.25rem;
        min-height: 0;
        margin: 0.125rem 0 0;
        accent-color: var(--_color-primary, #1d4ed8);
      }

      .option .hint {
        grid-column: 2;
      }

      a {
        color: var(--_color-primary, #1d4ed8);
      }
    `,
  ];

  /** Categories to offer; undefined while they load. */
  @property({ attribute: false }) categories: CategoryOption[] | undefined;

  /** Key preselected until the person chooses (the flow's default or earlier choice). */
  @property() selected: string | undefined;

  /** Where a person who cannot continue gets help (the host's `support-url`). */
  @property({ attribute: 'support-url' }) supportUrl = '';

  /** The host's words for the categories, per locale (`categoryLabels`). */
  @property({ attribute: false }) labels: CategoryLabels | undefined;

  /** Whose account: a person's or a company's (the friendly names differ). */
  @property() flow: FlowKind = 'individual';

  /** The locale the host's words are picked for. */
  @property() locale = 'en';

  /** Words the categories for a person; loaded beside this view (not in the first render). */
  @state() private _label: typeof labelCategory | undefined;

  @state() private _choice = '';
  @state() private _showError = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._label) return;
    import('./category-labels.js').then(
      (module) => void (this._label = module.labelCategory),
      // Without it: FinHub's own words rather than no choice at all.
      () => void (this._label = (category) => category),
    );
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if ((changed.has('selected') || changed.has('categories')) && !this._choice) {
      const preselected = this.categories?.find((category) => category.key === this.selected);
      this._choice = preselected?.key ?? this.categories?.find((c) => c.isDefault)?.key ?? '';
    }
  }

  override render() {
    const label = this._label;
    if (!this.categories || !label) {
      return html`<p id="loading-label" class="muted">${msg('Loading account types…')}</p>
        <progress part="progress" aria-labelledby="loading-label"></progress>`;
    }
    // Only what can be opened (docs/finhub-contract.md#smart-categorization); the host heard why.
    const open = this.categories.filter((category) => !category.unavailable);
    if (open.length === 0) {
      // Nothing to choose: no form whose button would fail again, only the way to get help.
      const href = contactHref(this.supportUrl);
      const contact = msg('Contact us to open your account.');
      return html`<p>${msg('No account types can be opened online right now.')}</p>
        <p>${href ? html`<a href=${href}>${contact}</a>` : contact}</p>`;
    }
    const choice = this._choice;
    const error = this._showError && !choice;
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        <fieldset aria-describedby=${error ? 'category-error' : nothing}>
          <legend part="label">${msg('Choose the account that suits you')}</legend>
          ${
            error
              ? html`<p id="category-error" part="field-error" class="field-error">
                  <span>${choose()}</span>
                </p>`
              : nothing
          }
          <div class="options">
            ${open
              .map((category) => {
                const words = label(category, this.labels, this.locale, this.flow);
                return { ...category, name: words.name, description: words.description };
              })
              .map(
                (category, index) => html`
                  <div part="field" class="option">
                    <input
                      part="input"
                      type="radio"
                      id=${`category-${index}`}
                      name="category"
                      .value=${category.key}
                      .checked=${category.key === choice}
                      aria-describedby=${
                        category.description ? `category-${index}-description` : nothing
                      }
                      @change=${() => (this._choice = category.key)}
                    />
                    <label part="label" for=${`category-${index}`}>${category.name}</label>
                    ${
                      category.description
                        ? html`<p id=${`category-${index}-description`} class="hint">
                            ${category.description}
                          </p>`
                        : nothing
                    }
                  </div>
                `,
              )}
          </div>
        </fieldset>
        ${this.renderActions({ primary: msg('Continue') })}
      </form>
    `;
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (this.busy) return;
    if (this._choice) {
      this.submit<string>(this._choice);
      return;
    }
    // One choice, no fields: the form controller's work in two lines.
    this._showError = true;
    this.focusAfterRender('category-0');
    this.announce(choose());
  }
}
