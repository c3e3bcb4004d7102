/**
 * The finish (docs/architecture.md#steps): a success mark, the account's IBAN grouped in fours
 * with a copy button, and what happens next. No internal ids (the wallet's id means nothing to a
 * customer). Rendered by the activation step's `renderDone` once the flow is done.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { localized, msg } from '@lit/localize';
import type { FlowKind } from '../../flow/types.js';
import { checkIcon, copyIcon } from '../../styles/icons.js';
import { baseStyles } from '../../styles/shared-styles.js';
import { StepAnnounceEvent } from '../common/step-events.js';

/** `LT601010012345678901` → `LT60 1010 0123 4567 8901` (how banks print it, ISO 13616). */
export const groupIban = (iban: string): string =>
  iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');

/** Copies through the Clipboard API, else through a selected text area (older or locked-down pages). */
async function copyText(text: string, scope: ShadowRoot): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    scope.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

const NEXT: Record<FlowKind, () => string[]> = {
  individual: () => [
    msg('Share your IBAN with anyone who pays you, such as your employer.'),
    msg('You sign in to your account with the email and password you chose.'),
  ],
  organization: () => [
    msg('Share the company’s IBAN with your customers and suppliers.'),
    msg('The admin signs in with the email and password chosen at registration.'),
  ],
};

/** @internal */
@localized()
export class FinHubAccountReady extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: grid;
        gap: var(--_space-5, 1.25rem);
      }

      .mark {
        display: inline-grid;
        place-items: center;
        width: 3rem;
        height: 3rem;
        border-radius: 50%;
        background: var(--_color-success, #15803d);
        color: var(--_color-surface, #ffffff);
        font-size: 1.75rem;
      }

      .lead {
        margin: 0;
        font-size: var(--_text-section, 1.125rem);
        font-weight: 600;
      }

      .account {
        display: grid;
        gap: var(--_space-2, 0.5rem);
        padding: var(--_space-4, 1rem);
        border-radius: var(--_radius, 0.375rem);
        background: var(--_color-tint, transparent);
      }

      dl,
      dd {
        margin: 0;
      }

      .iban {
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 1.125em;
        font-weight: 600;
        letter-spacing: 0.02em;
        user-select: all;
      }

      .copy {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space-3, 0.75rem);
      }

      .copied {
        display: inline-flex;
        align-items: center;
        gap: 0.375rem;
        color: var(--_color-success, #15803d);
        font-weight: 600;
      }

      h3 {
        margin: 0 0 var(--_space-2, 0.5rem);
        font-size: var(--_text-section, 1.125rem);
      }

      ul {
        display: grid;
        gap: var(--_space-2, 0.5rem);
        margin: 0;
        padding-inline-start: 1.25rem;
      }
    `,
  ];

  /** The account's IBAN, as FinHub gave it (spaces or not). */
  @property() iban = '';

  /** The account's currency (e.g. EUR), when FinHub said. */
  @property() currency = '';

  /** Whose account: a person's or a company's (wording only). */
  @property() flow: FlowKind = 'individual';

  /** What the last copy did: nothing yet, copied, or failed (the person selects it by hand). */
  @state() private _copy: 'idle' | 'copied' | 'failed' = 'idle';

  override render() {
    const iban = this.iban.replace(/\s+/g, '');
    return html`
      <span class="mark" aria-hidden="true">${checkIcon()}</span>
      <p class="lead">${msg('Your account is ready.')}</p>
      ${iban ? this.#account(iban) : nothing}
      <section aria-labelledby="next-heading">
        <h3 id="next-heading">${msg('What happens next')}</h3>
        <ul>
          ${NEXT[this.flow]().map((line) => html`<li>${line}</li>`)}
        </ul>
      </section>
    `;
  }

  #account(iban: string) {
    return html`<div class="account">
      <dl>
        <dt class="muted">${this.currency ? `${msg('IBAN')} · ${this.currency}` : msg('IBAN')}</dt>
        <dd class="iban" id="iban">${groupIban(iban)}</dd>
      </dl>
      <div class="copy">
        <button
          part="button button-secondary"
          class="button button-secondary"
          type="button"
          @click=${() => this.#copy(iban)}
        >
          ${copyIcon()} ${msg('Copy IBAN')}
        </button>
        ${
          this._copy === 'copied'
            ? html`<span class="copied">${checkIcon()} ${msg('Copied')}</span>`
            : this._copy === 'failed'
              ? html`<span class="muted">${msg('Select the IBAN above to copy it.')}</span>`
              : nothing
        }
      </div>
    </div>`;
  }

  async #copy(iban: string): Promise<void> {
    const copied = await copyText(iban, this.renderRoot as ShadowRoot);
    this._copy = copied ? 'copied' : 'failed';
    this.dispatchEvent(
      new StepAnnounceEvent(copied ? msg('IBAN copied') : msg('Could not copy the IBAN')),
    );
  }
}
