/**
 * What loads when the step is reached, one chunk: its element, its work, and how the element
 * renders it (docs/architecture.md#how-a-step-is-built).
 */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { ActivationOutcome } from '../../flow/backend.js';
import type { RenderContext } from '../../flow/definitions.js';
import type { ActivationSlice } from './activation.step.js';

export { FinHubActivationStep as view } from './activation-view.js';
export { work } from './activation.work.js';

export const render = (c: RenderContext<ActivationSlice>) =>
  html`<finhub-step-activation
    exportparts=${c.parts}
    flow=${c.flow.kind}
    phase=${c.slice.phase}
    email=${c.data.email ?? ''}
    ?code-rejected=${c.slice.codeRejected}
    ?busy=${c.busy}
  ></finhub-step-activation>`;

/** Once the flow is done: the account is ready, with its IBAN and wallet when FinHub said. */
export const renderDone = (account: ActivationOutcome | undefined) => {
  const wallet = account?.wallet;
  return html`<p class="done">${msg('Your account is ready.')}</p>
    ${
      account?.iban || wallet?.walletId
        ? html`<dl class="account">
            ${
              account?.iban
                ? html`<div>
                    <dt>${msg('IBAN')}</dt>
                    <dd class="iban">${account.iban}</dd>
                  </div>`
                : nothing
            }
            ${
              wallet?.walletId
                ? html`<div>
                    <dt>${msg('Wallet')}</dt>
                    <dd>
                      ${wallet.walletId}${wallet.currency ? html` (${wallet.currency})` : nothing}
                    </dd>
                  </div>`
                : nothing
            }
          </dl>`
        : nothing
    }`;
};
