import { css, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { msg, str } from '@lit/localize';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { inputStyles } from '../../styles/input-styles.js';
import { defineOnce } from '../../element/define-once.js';
import { withMessages } from '../../localization/localization.js';
import { handoffMessages } from '../../localization/parts/handoff.js';
import type { HandoffReceived } from '../../api/handoff-protocol.js';
import {
  FinHubHandoffCompleteEvent,
  FinHubHandoffStartEvent,
} from '../../events/finhub-handoff.js';
import { StepAnnounceEvent, StepHandoffEvent } from '../common/step-events.js';
import { StepElement } from '../common/step-element.js';
import { FinHubDocumentCard, type UploadedDocument } from './document-card.js';
import { DocumentCardCameraEvent, DocumentCardChangeEvent } from './card-events.js';
import { CAMERA_CAPTURE_TAG, loadCameraCapture } from '../../capture/load.js';
import { CaptureCancelEvent, CaptureResultEvent } from '../../capture/capture-events.js';
import { captureLayout } from '../../capture/sides.js';
import { documentCardStyles } from './document-card.styles.js';
import type { FinHubHandoffPanel } from './handoff-panel.js';
import { HandoffPanelEvent } from './handoff-panel-event.js';
import type { HandoffControl } from './handoff.work.js';
import type { DocumentRequirement, DocumentUpload, DocumentUploader } from './requirements.js';

export type { DocumentRequirement, DocumentUpload, DocumentUploader, UploadedDocument };

/** What the step submits: ids and names only, never bytes. */
export interface DocumentsStepValue {
  documents: Array<{
    /** The requirement's code (`DocumentRequirement.type`). */
    requirement: string;
    /** The documentType that was uploaded (the chosen option, or the requirement's type). */
    documentType: string;
    documentId: string;
    fileName: string;
  }>;
  /** What the phone sent through the hand-off (types and names only), when it did. */
  phone?: HandoffReceived[];
}

const CARD = 'finhub-document-card';
const PANEL = 'finhub-handoff-panel';

/**
 * Documents (docs/finhub-contract.md#individual-verification, #document-upload, #kyb-verification):
 * one card per required document (`<finhub-document-card>`, which checks, encodes and uploads its
 * file through `uploader`). Cards upload independently; Continue sends a
 * `StepSubmitEvent<DocumentsStepValue>` once every card has a document on FinHub.
 *
 * Under a strict CSP, thumbnails need `img-src blob:`; without it a broken image shows and the
 * upload itself is unaffected.
 *
 * @csspart document - One card per required document.
 * @csspart dropzone - The area that takes a dropped file and opens the file picker.
 * @csspart preview - The thumbnail of a chosen image.
 * @csspart progress - The bar shown while a file is prepared and sent.
 * @internal
 */
export class FinHubDocumentsStep extends StepElement {
  static override styles = [
    baseStyles,
    formStyles,
    inputStyles,
    documentCardStyles,
    css`
      .cards {
        display: grid;
        gap: var(--_spacing, 1rem);
      }

      .continue-reason {
        margin: 0;
        flex: 1 1 16rem;
      }

      .phone,
      .handoff {
        display: grid;
        gap: calc(var(--_spacing, 1rem) * 0.75);
        padding: var(--_spacing, 1rem);
        border: 1px dashed var(--_color-border, #6b7280);
        border-radius: var(--_radius, 0.375rem);
      }

      .phone p,
      .handoff p {
        margin: 0;
      }

      .handoff-code svg.qr {
        display: block;
        width: min(14rem, 100%);
        height: auto;
      }

      .attention {
        margin: 0;
      }

      .upload-here {
        display: grid;
        gap: var(--_spacing, 1rem);
      }

      .upload-here[hidden] {
        display: none;
      }
    `,
  ];

  /** What to upload, one card each (see `requirementsFor`). */
  @property({ attribute: false }) requirements: DocumentRequirement[] = [];

  /**
   * Sends one document (base64 JSON, docs/finhub-contract.md#document-upload) and resolves with
   * FinHub's id.
   */
  @property({ attribute: false }) uploader: DocumentUploader | undefined;

  /** Documents already on FinHub, by requirement type (e.g. when resuming). */
  @property({ attribute: false }) uploaded: Record<string, UploadedDocument> = {};

  /**
   * "Use my phone" (the partner's `handoff-url` is set and the relay offers hand-offs): starts,
   * watches and cancels a hand-off of the documents still missing.
   */
  @property({ attribute: false }) handoff: HandoffControl | undefined;

  /** The hand-off panel shows instead of the cards. */
  @state() private _phone = false;
  /** The camera shows instead of the cards, for this card and documentType. */
  @state() private _camera: { card: number; documentType: string } | undefined;
  /** Why Continue did nothing, shown on the step (and focused) until a card changes. */
  @state() private _attention = '';

  /** Continue was pressed and the submit sent: a second press (double click, Enter) is ignored. */
  #sent = false;

  override connectedCallback(): void {
    super.connectedCallback();
    defineOnce(CARD, FinHubDocumentCard); // internal elements, registered once they are needed
  }

  /** The documents uploaded so far, as Continue would send them. */
  get value(): DocumentsStepValue {
    return { documents: this.#documents() };
  }

  #cards(): FinHubDocumentCard[] {
    return [...this.renderRoot.querySelectorAll<FinHubDocumentCard>(CARD)];
  }

  #documents(): DocumentsStepValue['documents'] {
    return this.#cards().flatMap((card) => card.results);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('busy') && changed.get('busy') === true && !this.busy) this.#sent = false;
  }

  /** Also waits for the cards (elements of their own) to render what changed. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    for (let round = 0; round < 3; round++) {
      await Promise.all(this.#cards().map((card) => card.updateComplete));
      if (!this.isUpdatePending) break;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  override render() {
    const cards = this.#cards();
    const missing = this.requirements.length - cards.filter((card) => card.result).length;
    const working = cards.some((card) => card.working);
    const ready = this.requirements.length > 0 && missing === 0 && !working;
    return html`
      <form
        part="form"
        novalidate
        @submit=${this.#onSubmit}
        @dragover=${this.#onStrayDrag}
        @drop=${this.#onStrayDrag}
      >
        ${this._phone ? this.#renderPanel() : nothing} ${this.#renderCamera()}
        ${this.#renderCards()}
        ${
          this._attention
            ? html`<p
                id="documents-attention"
                part="field-error"
                class="field-error attention"
                tabindex="-1"
              >
                ${this._attention}
              </p>`
            : nothing
        }
        ${
          this._phone
            ? nothing
            : this.renderActions({
                primary: this.primaryLabel(),
                inert: !ready,
                describedBy: ready ? undefined : 'continue-reason',
                before: ready
                  ? nothing
                  : html`<p id="continue-reason" class="continue-reason muted">
                      ${this.#reason(missing, working)}
                    </p>`,
              })
        }
      </form>
    `;
  }

  /** The primary action's label (the phone's step finishes the hand-off with it). */
  protected primaryLabel(): string {
    return msg('Continue');
  }

  /** The documents not on FinHub yet (the phone is asked for these). */
  #missing(): DocumentRequirement[] {
    const done = new Set(this.#documents().map((d) => d.requirement));
    return this.requirements.filter((r) => !done.has(r.type));
  }

  #renderCards() {
    const missing = this.#missing();
    const working = this.#cards().some((card) => card.working);
    // Hidden, not removed, while the phone works: a card's finished upload stays.
    return html`<div class="upload-here" ?hidden=${this._phone || !!this._camera}>
      <p class="muted">
        ${msg('Upload each document below. Clear photos or scans, with every corner showing, are checked fastest.')}
      </p>
      ${
        this.handoff && missing.length > 0 && this.requirements.length > 0
          ? html`<div class="phone">
              <p id="phone-hint" class="muted">
                ${msg('No scanner? Take the photos with your phone’s camera and carry on here.')}
              </p>
              <div class="card-actions">
                <button
                  id="use-phone"
                  part="button button-secondary"
                  class="button button-secondary"
                  type="button"
                  aria-describedby="phone-hint"
                  aria-disabled=${this.busy || working ? 'true' : 'false'}
                  @click=${this.#openPanel}
                >
                  ${msg('Use my phone')}
                </button>
              </div>
            </div>`
          : nothing
      }
      <div
        class="cards"
        @finhub-step-announce=${this.#onCardAnnounce}
        @finhub-document-change=${this.#onCardChange}
        @finhub-document-camera=${this.#onCamera}
      >
        ${this.requirements.map(
          (requirement, index) =>
            html`<finhub-document-card
              .requirement=${requirement}
              .index=${index}
              .uploader=${this.uploader}
              .known=${this.uploaded?.[requirement.type]}
              ?busy=${this.busy}
            ></finhub-document-card>`,
        )}
      </div>
    </div>`;
  }

  #renderPanel() {
    return html`<finhub-handoff-panel
      .control=${this.handoff}
      .requirements=${this.#panelRequirements}
      @finhub-step-announce=${this.#onCardAnnounce}
      @finhub-handoff-panel=${this.#onPanel}
    ></finhub-handoff-panel>`;
  }

  /** The camera for one card, once its element has loaded (a chunk of its own). */
  #renderCamera() {
    const camera = this._camera;
    if (!camera || !this.#cameraLoaded) return nothing;
    const layout = captureLayout(camera.documentType);
    return html`<finhub-camera-capture
      .sides=${layout.sides}
      frame=${layout.frame}
      @finhub-capture-result=${this.#onPhotos}
      @finhub-capture-cancel=${this.#closeCamera}
    ></finhub-camera-capture>`;
  }

  #cameraLoaded = false;

  #onCamera = async (event: Event): Promise<void> => {
    if (!(event instanceof DocumentCardCameraEvent) || this.busy) return;
    const card = this.#cards().indexOf(event.target as FinHubDocumentCard);
    if (card < 0) return;
    this._attention = '';
    this._camera = { card, documentType: event.documentType };
    try {
      await loadCameraCapture();
    } catch {
      this._camera = undefined;
      this._attention = msg('The camera could not be loaded. Choose a file instead.');
      this.focusAfterRender('documents-attention');
      return;
    }
    this.#cameraLoaded = true;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(CAMERA_CAPTURE_TAG)?.focus();
  };

  /** Front and back are two uploads (two documents), each sent as it was checked. */
  #onPhotos = (event: Event): void => {
    if (!(event instanceof CaptureResultEvent) || !this._camera) return;
    event.stopPropagation();
    const { card, documentType } = this._camera;
    const type = documentType.toLowerCase().replace(/_/g, '-');
    const files = event.photos.map(
      (p) => new File([p.photo], `${type}-${p.side}.jpg`, { type: 'image/jpeg' }),
    );
    this.#closeCamera();
    void this.#cards()[card]?.takePhotos(files);
  };

  #closeCamera = (event?: Event): void => {
    if (event && !(event instanceof CaptureCancelEvent)) return;
    const card = this._camera?.card;
    this._camera = undefined;
    void this.updateComplete.then(() => card !== undefined && this.#cards()[card]?.focusFirst());
  };

  /** The requirements the open panel asked the phone for (fixed while it is open). */
  #panelRequirements: DocumentRequirement[] = [];

  #openPanel = async (): Promise<void> => {
    const blocked = () => this.busy || this.#cards().some((card) => card.working) || !this.handoff;
    if (blocked()) return;
    this._attention = '';
    try {
      // The panel (and with it the QR code and the hand-off client) loads when the person asks.
      const panel = await withMessages(import('./handoff-panel.js'), handoffMessages);
      defineOnce(PANEL, panel.FinHubHandoffPanel);
    } catch {
      this._attention = msg(
        'Using your phone is not available right now. Upload the documents here instead.',
      );
      this.focusAfterRender('documents-attention');
      return;
    }
    if (blocked()) return; // an upload started while it loaded
    this.#panelRequirements = this.#missing();
    this._phone = true;
    await this.updateComplete;
    this.renderRoot.querySelector<FinHubHandoffPanel>(PANEL)?.focusHeading();
  };

  #onPanel = (event: Event): void => {
    if (!(event instanceof HandoffPanelEvent)) return;
    event.stopPropagation();
    const change = event.change;
    if (change.kind === 'started') {
      const { documents, expiresAt } = change;
      this.dispatchEvent(
        new StepHandoffEvent(
          (where) => new FinHubHandoffStartEvent({ ...where, documents, expiresAt }),
        ),
      );
    } else if (change.kind === 'complete') {
      const received = change.status.received;
      const documentTypes = received.map((r) => r.documentType);
      this.dispatchEvent(
        new StepHandoffEvent(
          (where) => new FinHubHandoffCompleteEvent({ ...where, documentTypes }),
        ),
      );
      this.#sent = true;
      this.submit<DocumentsStepValue>({ documents: this.#documents(), phone: received });
    } else {
      this._phone = false;
      this.focusAfterRender('use-phone');
    }
  };

  #reason(missing: number, working: boolean): string {
    if (this.requirements.length === 0) return msg('Loading the list of documents…');
    if (working && missing <= 1) return msg('Wait for the upload to finish to continue.');
    if (missing === 1) return msg('Upload 1 more document to continue.');
    return msg(str`Upload ${missing} more documents to continue.`);
  }

  /** A card says something: this step says it to the shell (the card's event stays inside). */
  #onCardAnnounce = (event: Event): void => {
    if (!(event instanceof StepAnnounceEvent) || event.target === this) return;
    event.stopPropagation();
    this.announce(event.message);
  };

  #onCardChange = (event: Event): void => {
    if (!(event instanceof DocumentCardChangeEvent)) return;
    this.#sent = false;
    this._attention = '';
    this.requestUpdate();
  };

  /** A file dropped beside a drop zone must not make the browser leave the page to open it. */
  #onStrayDrag(event: DragEvent): void {
    if (event.defaultPrevented || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'none';
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (this.busy || this.#sent) return;
    const cards = this.#cards();
    const missing = this.requirements.length - cards.filter((card) => card.result).length;
    const working = cards.some((card) => card.working);
    if (this.requirements.length === 0 || missing > 0 || working) {
      // Said on the step, where the person looks, and focused so a screen reader reads it.
      this._attention = this.#reason(missing, working);
      this.focusAfterRender('documents-attention');
      return;
    }
    this.#sent = true;
    this.submit<DocumentsStepValue>({ documents: this.#documents() });
  }
}
