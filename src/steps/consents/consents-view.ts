import { css, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { msg, str } from '@lit/localize';
import {
  DEFAULT_CONSENT_DOCUMENTS,
  consentKey,
  type ConsentDocuments,
} from './consent-documents.js';
import { validateConsents, type ConsentValues } from './consents.schema.js';
import { CONSENT_KINDS, type ConsentKind } from '../../flow/types.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { inputStyles } from '../../styles/input-styles.js';
import { FormController } from '../common/form-controller.js';
import { summaryStyles } from '../common/error-summary.js';
import { StepElement } from '../common/step-element.js';

/**
 * Consents (docs/finhub-contract.md#consents): terms, privacy and data processing, each with its
 * document and version; all three are required. Sends a `StepSubmitEvent<ConsentValues>`; the flow
 * sends the acceptances in the documented order. Consents FinHub already holds show as accepted.
 *
 * @internal
 */
export class FinHubConsentsStep extends StepElement {
  static override styles = [
    baseStyles,
    formStyles,
    inputStyles,
    summaryStyles,
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

      /* Apart enough that an error under one never touches the next checkbox. */
      .consents {
        display: grid;
        gap: var(--_space-5, 1.25rem);
      }

      a {
        color: var(--_color-primary, #1d4ed8);
      }
    `,
  ];

  /** The documents and versions (the host's `consents`, defaults filled in). */
  @property({ attribute: false }) documents: ConsentDocuments = DEFAULT_CONSENT_DOCUMENTS;

  /** Each document's version shows beside its link (the host's `consents.showVersions`). */
  @property({ type: Boolean, attribute: 'show-versions' }) showVersions = false;

  /** Consents FinHub already holds (shown ticked and not sent again). */
  @property({ attribute: false }) accepted: readonly ConsentKind[] = [];

  readonly #form = new FormController<ConsentKind, ConsentValues, Record<ConsentKind, boolean>>(
    this,
    {
      fields: CONSENT_KINDS,
      empty: () => ({ terms: false, privacy: false, 'data-processing': false }),
      // Consents FinHub holds count as given.
      validate: (values) => validateConsents(this.#values(values)),
      controlId: (kind) => `consent-${kind}`,
    },
  );

  override render() {
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        ${this.#form.summary()}
        <fieldset>
          <legend part="label">${msg('Please read and accept the following')}</legend>
          <div class="consents">
            ${CONSENT_KINDS.map((kind) => this.#consent(kind, this.#form.errorsFor(kind)))}
          </div>
        </fieldset>
        ${this.renderActions({
          primary: msg('Accept and continue'),
          busyText: msg('Saving your consent…'),
        })}
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
        .checked=${accepted || this.#form.values[kind]}
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
        ${this.showVersions ? html` · ${msg(str`Version ${version}`)}` : nothing}${
          accepted ? html` · ${msg('Already accepted')}` : nothing
        }
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

  #values(checked: Record<ConsentKind, boolean>): Partial<ConsentValues> {
    const values: Partial<ConsentValues> = { ...checked };
    for (const kind of this.accepted) values[kind] = true;
    return values;
  }

  #onChange = (event: Event): void => {
    const input = event.target as HTMLInputElement; // bound on this step's checkboxes only
    this.#form.set(input.name as ConsentKind, input.checked);
  };

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (this.busy) return;
    const values = this.#form.submit();
    if (values) this.submit<ConsentValues>(values);
  }
}
