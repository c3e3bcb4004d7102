import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators/property.js';
import { msg } from '@lit/localize';
import type { FlowKind } from '../../flow/types.js';
import { documentIcon } from '../../styles/icons.js';
import { baseStyles } from '../../styles/shared-styles.js';
import type { DocumentRequirement } from '../documents/requirements.js';
import { StepElement } from '../common/step-element.js';

/** The wording for a person's identity check and a company's KYB. */
const WORDS: Record<FlowKind, { starting: () => string; intro: () => string }> = {
  individual: {
    starting: () => msg('Starting your identity check…'),
    intro: () => msg('To verify your identity, we need these documents from you:'),
  },
  organization: {
    starting: () => msg('Starting the company check…'),
    intro: () => msg('To verify the company, we need these documents:'),
  },
};

/**
 * Identity check (docs/finhub-contract.md#individual-verification, #create-verification), or the
 * company's KYB (docs/finhub-contract.md#kyb-verification) for `flow="organization"`: while the
 * verification starts, progress; then the documents it needs, so the person can get them ready
 * before the upload screen. Continue sends a `StepSubmitEvent<null>`.
 *
 * @internal
 */
export class FinHubVerificationStep extends StepElement {
  static override styles = [
    baseStyles,
    css`
      .documents {
        display: grid;
        gap: calc(var(--_spacing, 1rem) * 0.75);
        margin: 0 0 var(--_spacing, 1rem);
        padding: 0;
        list-style: none;
      }

      .documents li {
        display: grid;
        grid-template-columns: auto 1fr;
        column-gap: 0.625rem;
      }

      .documents li > p {
        grid-column: 2;
      }

      .doc-icon {
        grid-row: span 2;
        color: var(--_color-primary, #1d4ed8);
        font-size: 1.25em;
        line-height: 1.2;
      }

      .documents p {
        margin: 0;
      }

      .name {
        font-weight: 600;
      }
    `,
  ];

  /** What the verification asks for; undefined while it is being started. */
  @property({ attribute: false }) requirements: DocumentRequirement[] | undefined;

  /** Whose verification: a person's or a company's (wording only). */
  @property() flow: FlowKind = 'individual';

  override render() {
    const requirements = this.requirements;
    const words = WORDS[this.flow];
    if (!requirements) {
      return html`<p id="starting-label">${words.starting()}</p>
        <progress part="progress" aria-labelledby="starting-label"></progress>`;
    }
    return html`
      <p id="documents-intro">${words.intro()}</p>
      <ul class="documents" aria-labelledby="documents-intro">
        ${requirements.map(
          (requirement) =>
            html`<li>
              <span class="doc-icon">${documentIcon()}</span>
              <p class="name">${requirement.label}</p>
              ${
                requirement.description
                  ? html`<p class="muted">${requirement.description}</p>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
      <p class="muted">
        ${msg(
          'Have them ready as PDF, JPEG or PNG files. You can take a photo with your phone on the next screen.',
        )}
      </p>
      ${this.renderActions({ primary: msg('Continue'), onPrimary: () => this.submit(null) })}
    `;
  }
}
