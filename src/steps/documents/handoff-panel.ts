/**
 * "Use my phone" on the computer (docs/handoff.md#flow): the QR code and link of the partner's
 * hand-off page, what has arrived ("1 of 2 documents received"), Cancel (back to uploading here),
 * and a new code when the old one ran out. It starts a hand-off when it connects and stops polling
 * when it leaves the page. The QR encoder loads only now (src/handoff/qr.ts).
 *
 * It renders into the documents step's shadow root (no shadow root of its own), like the cards.
 *
 * @internal
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { localized, msg, str } from '@lit/localize';
import { isFinHubApiError } from '../../api/api-error.js';
import type { HandoffStatus } from '../../api/handoff-protocol.js';
import { toFailure } from '../../flow/failure.js';
import { errorText } from '../../localization/error-messages.js';
import { StepAnnounceEvent } from '../common/step-events.js';
import type { HandoffControl, StartedHandoff } from './handoff.work.js';
import type { DocumentRequirement } from './requirements.js';
import { HandoffPanelEvent } from './handoff-panel-event.js';

export { HandoffPanelEvent };

type Phase = 'starting' | 'waiting' | 'ended' | 'failed' | 'complete';

type QrModule = typeof import('../../handoff/qr.js');

/** How many of `requirements` the phone has sent (a card's front and back count once). */
export function receivedCount(requirements: DocumentRequirement[], status: HandoffStatus): number {
  const types = new Set(status.received.map((r) => r.documentType));
  const matched = requirements.filter(
    (r) => types.has(r.type) || r.options?.some((o) => types.has(o.type)),
  ).length;
  // Types the requirements do not name: one received upload each.
  return Math.min(status.total, matched || status.received.length);
}

@localized()
export class FinHubHandoffPanel extends LitElement {
  /** Starts, watches and cancels the hand-off (handoff.work.ts). */
  @property({ attribute: false }) control!: HandoffControl;

  /** The documents still missing: what the phone is asked for. */
  @property({ attribute: false }) requirements: DocumentRequirement[] = [];

  @state() private _phase: Phase = 'starting';
  @state() private _started: StartedHandoff | undefined;
  @state() private _status: HandoffStatus | undefined;
  @state() private _qr: QrModule | undefined;
  @state() private _error = '';
  @state() private _copied = false;

  #controller: AbortController | undefined;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#controller?.abort(); // polling stops with the panel
    this.#controller = undefined;
  }

  /** Focuses the panel's heading (it replaced the button the person pressed). */
  focusHeading(): void {
    this.querySelector<HTMLElement>('#handoff-heading')?.focus();
  }

  async #start(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const { signal } = controller;
    this._phase = 'starting';
    this._status = undefined;
    this._copied = false;
    this._error = '';
    try {
      const documents = this.requirements.map((r) => ({ type: r.type, label: r.label }));
      const [started, qr] = await Promise.all([
        this.control.start(documents, signal),
        import('../../handoff/qr.js'),
      ]);
      if (signal.aborted) return;
      this._started = started;
      this._qr = qr;
      this._phase = 'waiting';
      this.dispatchEvent(
        new HandoffPanelEvent({
          kind: 'started',
          expiresAt: started.expiresAt,
          documents: documents.length,
        }),
      );
      this.#announce(msg('Scan the QR code with your phone to continue there.'));
      const final = await this.control.watch(signal, (status) => this.#onStatus(status));
      if (signal.aborted) return;
      if (final.state === 'complete') {
        this._phase = 'complete';
        this.dispatchEvent(new HandoffPanelEvent({ kind: 'complete', status: final }));
      } else {
        this._phase = 'ended';
        this.#announce(this.#endedText());
      }
    } catch (error) {
      if (signal.aborted || (isFinHubApiError(error) && error.code === 'aborted')) return;
      this._phase = 'failed';
      this._error = isFinHubApiError(error)
        ? errorText(toFailure(error))
        : msg('Something went wrong. Try again.');
      this.#announce(this._error);
    }
  }

  #onStatus(status: HandoffStatus): void {
    const before = this._status;
    this._status = status;
    const count = receivedCount(this.requirements, status);
    if (before && count > receivedCount(this.requirements, before)) {
      this.#announce(this.#receivedText(count, status.total));
    } else if (status.state === 'opened' && before?.state === 'waiting') {
      this.#announce(msg('Your phone has opened the link.'));
    }
  }

  #announce(message: string): void {
    this.dispatchEvent(new StepAnnounceEvent(message));
  }

  #receivedText(count: number, total: number): string {
    return msg(str`${count} of ${total} documents received`);
  }

  #endedText(): string {
    return this._status?.state === 'cancelled'
      ? msg('This code was replaced or cancelled. Show a new code to continue on your phone.')
      : msg('This code has expired. Show a new code to continue on your phone.');
  }

  async #copy(): Promise<void> {
    const link = this._started?.link;
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      this._copied = true;
      this.#announce(msg('Link copied.'));
    } catch {
      // No clipboard (permission, an insecure page): the link is selected for the person to copy.
      const input = this.querySelector<HTMLInputElement>('#handoff-link');
      input?.focus();
      input?.select();
      this.#announce(msg('Copy the selected link.'));
    }
  }

  #close(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    // Ended on the relay too, so the phone cannot go on; the person is back here either way.
    if (this._phase === 'waiting') void this.control.cancel().catch(() => undefined);
    this.dispatchEvent(new HandoffPanelEvent({ kind: 'closed' }));
  }

  override render(): TemplateResult {
    return html`<section class="handoff" aria-labelledby="handoff-heading">
      <h3 id="handoff-heading" tabindex="-1">${msg('Continue on your phone')}</h3>
      ${this.#renderBody()}
      <div class="card-actions">
        ${
          this._phase === 'ended' || this._phase === 'failed'
            ? html`<button
                part="button button-primary"
                class="button button-primary"
                type="button"
                @click=${() => void this.#start()}
              >
                ${this._phase === 'ended' ? msg('Show a new code') : msg('Try again')}
              </button>`
            : nothing
        }
        <button
          part="button button-secondary"
          class="button button-secondary"
          type="button"
          @click=${() => this.#close()}
        >
          ${msg('Cancel and upload here')}
        </button>
      </div>
    </section>`;
  }

  #renderBody(): TemplateResult {
    switch (this._phase) {
      case 'starting':
        return html`<p id="handoff-preparing" class="muted">${msg('Preparing your code…')}</p>
          <progress part="progress" aria-labelledby="handoff-preparing"></progress>`;
      case 'failed':
        return html`<p part="field-error" class="field-error">${this._error}</p>`;
      case 'ended':
        return html`<p class="muted">${this.#endedText()}</p>`;
      case 'complete':
        return html`<p class="status">${msg('Your phone has sent your documents.')}</p>`;
      case 'waiting':
        return this.#renderWaiting();
    }
  }

  #renderWaiting(): TemplateResult {
    const started = this._started!;
    const status = this._status;
    const total = status?.total ?? this.requirements.length;
    const count = status ? receivedCount(this.requirements, status) : 0;
    const until = new Date(started.expiresAt).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
    });
    return html`
      <p class="muted">
        ${msg('Scan this QR code with your phone’s camera, then take photos of your documents there. This page moves on by itself once your phone has sent them.')}
      </p>
      <div class="handoff-code">
        ${this._qr?.qrSvg(started.link, { label: msg('QR code to continue on your phone') })}
      </div>
      <p class="hint">${msg(str`The code works until ${until} and only once.`)}</p>
      <div class="field">
        <label part="label" for="handoff-link">${msg('Or open this link on your phone')}</label>
        <input
          part="input"
          id="handoff-link"
          type="text"
          readonly
          .value=${started.link}
          @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()}
        />
      </div>
      <div class="card-actions">
        <button
          part="button button-secondary"
          class="button button-secondary"
          type="button"
          @click=${() => void this.#copy()}
        >
          ${this._copied ? msg('Link copied') : msg('Copy link')}
        </button>
        <a class="button button-secondary" href=${started.link} target="_blank" rel="noopener">
          ${msg('Open the link in a new tab')}
        </a>
      </div>
      <p class="status handoff-status">
        ${
          status?.state === 'opened' && count === 0
            ? msg('Your phone has opened the link. Waiting for your documents…')
            : this.#receivedText(count, total)
        }
      </p>
    `;
  }
}
