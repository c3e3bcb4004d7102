import { css, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { defineOnce } from '../../element/define-once.js';
import { StepAnnounceEvent } from '../shared/step-events.js';
import { StepElement } from '../shared/step-element.js';
import {
  DocumentCardChangeEvent,
  FinHubDocumentCard,
  type UploadedDocument,
} from './document-card.js';
import { documentCardStyles } from './document-card.styles.js';
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
}

const CARD = 'finhub-document-card';

/**
 * Documents (finhub-api.md §5.3, §6.2, §7.6): one card per required document
 * (`<finhub-document-card>`, which checks, encodes and uploads its file through `uploader`).
 * Cards upload independently; Continue sends a `StepSubmitEvent<DocumentsStepValue>` once every
 * card has a document on FinHub.
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
    `,
  ];

  /** What to upload, one card each (see `requirementsFor`). */
  @property({ attribute: false }) requirements: DocumentRequirement[] = [];

  /** Sends one document (base64 JSON, §6.2) and resolves with FinHub's id. */
  @property({ attribute: false }) uploader: DocumentUploader | undefined;

  /** Documents already on FinHub, by requirement type (e.g. when resuming). */
  @property({ attribute: false }) uploaded: Record<string, UploadedDocument> = {};

  /** Continue was pressed and the submit sent: a second press (double click, Enter) is ignored. */
  #sent = false;

  override connectedCallback(): void {
    super.connectedCallback();
    defineOnce(CARD, FinHubDocumentCard); // an internal element, registered once it is needed
  }

  /** The documents uploaded so far, as Continue would send them. */
  get value(): DocumentsStepValue {
    return { documents: this.#documents() };
  }

  #cards(): FinHubDocumentCard[] {
    return [...this.renderRoot.querySelectorAll<FinHubDocumentCard>(CARD)];
  }

  #documents(): DocumentsStepValue['documents'] {
    return this.#cards().flatMap((card) => (card.result ? [card.result] : []));
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
        <p class="muted">
          ${msg('Upload each document below. Clear photos or scans, with every corner showing, are checked fastest.')}
        </p>
        <div
          class="cards"
          @finhub-step-announce=${this.#onCardAnnounce}
          @finhub-document-change=${this.#onCardChange}
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
        ${this.renderActions({
          primary: msg('Continue'),
          inert: !ready,
          describedBy: ready ? undefined : 'continue-reason',
          before: ready
            ? nothing
            : html`<p id="continue-reason" class="continue-reason muted">
                ${this.#reason(missing, working)}
              </p>`,
        })}
      </form>
    `;
  }

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
      this.announce(this.#reason(missing, working));
      cards.find((card) => !card.result)?.focusFirst();
      return;
    }
    this.#sent = true;
    this.submit<DocumentsStepValue>({ documents: this.#documents() });
  }
}
