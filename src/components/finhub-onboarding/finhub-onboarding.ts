import { LitElement, html, css } from 'lit';
import { property } from 'lit/decorators.js';
import { msg } from '@lit/localize';

/**
 * FinHub BaaS v2.1 customer onboarding for a person (B2C) or a company (B2B).
 *
 * @summary Embeddable FinHub onboarding: categorization to an activated account.
 */
export class FinHubOnboarding extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font: inherit;
    }
  `;

  /** Which onboarding to run. */
  @property({ reflect: true }) flow: 'individual' | 'organization' = 'individual';

  /** URL of the host's token endpoint (POST), e.g. the relay's `/onboarding/token`. */
  @property({ attribute: 'token-url' }) tokenUrl = '';

  /** Base URL of the relay's API pass-through (`{api-base}/v2.1/...`). */
  @property({ attribute: 'api-base' }) apiBase = '';

  override render() {
    return html`<p>${msg('Onboarding is loading…')}</p>`;
  }
}
