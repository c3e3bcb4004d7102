import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import {
  DEFAULT_CONSENT_DOCUMENTS,
  consentKey,
  type ConsentDocuments,
} from './consent-documents.js';
import { validateConsents, type ConsentValues } from './consents.schema.js';
import { CONSENT_KINDS, type ConsentKind } from '../../flow/types.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { StepAnnounceEvent, StepSubmitEvent } from '../shared/step-events.js';

/**
 * Consents (finhub-api.md §5.4): terms, privacy and data processing, each with its document and
 * version; all three are required. Sends a `StepSubmitEvent<ConsentValues>`; the flow sends the
 * acceptances in the documented order. Consents FinHub already holds show as accepted.
 *
 * @internal
 */
@localized()
export class FinHubConsentsStep extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      .consent {
        display: grid;
        grid-template-columns: auto 1fr;
        column-gap: 0.75rem;
        row-gap: 0.25rem;
        align-items: start;
      }

      .consent input {
        width: 1.25rem;
        height: 1.25rem;
        min-height: 0;
        margin: 0.125rem 0 0;
        accent-color: var(--_color-primary, #1d4ed8);
      }

      .consent .hint,
      .consent .field-error {
        grid-column: 2;
      }

      a {
        color: var(--_color-primary, #1d4ed8);
      }

      .busy {
        display: grid;
        gap: 0.25rem;
        flex: 1 1 100%;
      }
    `,
  ];

  /** The documents and versions (the host's `consents`, defaults filled in). */
  @property({ attribute: false }) documents: ConsentDocuments = DEFAULT_CONSENT_DOCUMENTS;

  /** Consents FinHub already holds (shown ticked and not sent again). */
  @property({ attribute: false }) accepted: readonly ConsentKind[] = [];

  @property({ type: Boolean }) busy = false;

  @state() private _checked: Partial<ConsentValues> = {};
  @state() private _submitted = false;

  #focusFirstError = false;

  protected override updated(): void {
    if (this.#focusFirstError) {
      this.#focusFirstError = false;
      this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
    }
  }

  override render() {
    const errors = this._submitted ? validateConsents(this.#values()).errors : {};
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        <fieldset>
          <legend part="label">${msg('Please read and accept the following')}</legend>
          <div class="consents">
            ${CONSENT_KINDS.map((kind) => this.#consent(kind, errors[kind] ?? []))}
          </div>
        </fieldset>
        <div class="actions">
          ${
            this.busy
              ? html`<div class="busy">
                  <span id="busy-label" class="muted">${msg('Saving your consent…')}</span>
                  <progress part="progress" aria-labelledby="busy-label"></progress>
                </div>`
              : nothing
          }
          <button
            part="button button-primary"
            class="button button-primary"
            type="submit"
            aria-disabled=${this.busy ? 'true' : 'false'}
          >
            ${msg('Accept and continue')}
          </button>
        </div>
      </form>
    `;
  }

  #labels(kind: ConsentKind): { label: string; link: string } {
    switch (kind) {
      case 'terms':
        return {
          label: msg('I accept the terms and conditions'),
          link: msg('Read the terms and conditions'),
        };
      case 'privacy':
        return {
          label: msg('I accept the privacy policy'),
          link: msg('Read the privacy policy'),
        };
      case 'data-processing':
        return {
          label: msg('I agree to the processing of my personal data'),
          link: msg('Read the data processing agreement'),
        };
    }
  }

  #consent(kind: ConsentKind, errors: readonly string[]): TemplateResult {
    const id = `consent-${kind}`;
    const document = this.documents[consentKey(kind)];
    const accepted = this.accepted.includes(kind);
    const { label, link } = this.#labels(kind);
    const version = document.version;
    const describedBy = [`${id}-document`, errors.length ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div part="field" class="consent">
      <input
        part="input"
        type="checkbox"
        id=${id}
        name=${kind}
        required
        .checked=${accepted || this._checked[kind] === true}
        ?disabled=${accepted}
        aria-invalid=${errors.length ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @change=${this.#onChange}
      />
      <label part="label" for=${id}>${label}</label>
      <p id=${`${id}-document`} class="hint">
        <a href=${document.url} target="_blank" rel="noopener noreferrer"
          >${link}<span class="visually-hidden"> ${msg('(opens in a new tab)')}</span></a
        >
        · ${msg(str`Version ${version}`)}${accepted ? html` · ${msg('Already accepted')}` : nothing}
      </p>
      ${
        errors.length
          ? html`<p id=${`${id}-error`} part="field-error" class="field-error">
              ${errors.map((message) => html`<span>${message}</span>`)}
            </p>`
          : nothing
      }
    </div>`;
  }

  #values(): Partial<ConsentValues> {
    const values: Partial<ConsentValues> = { ...this._checked };
    for (const kind of this.accepted) values[kind] = true;
    return values;
  }

  #onChange = (event: Event): void => {
    const input = event.target as HTMLInputElement; // bound on this step's checkboxes only
    this._checked = { ...this._checked, [input.name]: input.checked };
  };

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (this.busy) return;
    this._submitted = true;
    const result = validateConsents(this.#values());
    if (!result.success) {
      this.#focusFirstError = true;
      this.requestUpdate(); // focus after the render, even when nothing else changed
      this.dispatchEvent(
        new StepAnnounceEvent(msg('Accept all three agreements to open your account.')),
      );
      return;
    }
    this.dispatchEvent(new StepSubmitEvent<ConsentValues>(result.values));
  }
}
