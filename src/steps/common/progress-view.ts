import { LitElement, html } from 'lit';
import { property } from 'lit/decorators/property.js';
import { localized } from '@lit/localize';
import { baseStyles } from '../../styles/shared-styles.js';

/**
 * Shown while a step runs by itself (session sign-in, a preset category being applied): a message
 * and an indeterminate progress bar labelled by it.
 *
 * @internal
 */
@localized()
export class FinHubProgressStep extends LitElement {
  static override styles = [baseStyles];

  /** What is happening, e.g. "Signing you in…". */
  @property() message = '';

  override render() {
    return html`<p id="progress-label">${this.message}</p>
      <progress part="progress" aria-labelledby="progress-label"></progress>`;
  }
}
