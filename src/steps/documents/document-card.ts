import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { localized, msg, str } from '@lit/localize';
import { FinHubApiError } from '../../api/api-error.js';
import { randomUuid } from '../../api/random-uuid.js';
import { toFailure } from '../../flow/failure.js';
import { errorText } from '../../localization/error-messages.js';
import { StepAnnounceEvent } from '../common/step-events.js';
import { DocumentCardCameraEvent, DocumentCardChangeEvent } from './card-events.js';
import { encodeBase64 } from './encode.js';
import { checkFile, formatBytes, formatList, type DocumentMimeType } from './file-checks.js';
import type { DocumentRequirement, DocumentUpload, DocumentUploader } from './requirements.js';

/** Already on FinHub (e.g. on resume). `documentType` defaults to the requirement's `type`. */
export interface UploadedDocument {
  documentId: string;
  fileName: string;
  documentType?: string;
}

export { DocumentCardChangeEvent };

export type CardPhase = 'idle' | 'checking' | 'encoding' | 'uploading' | 'failed' | 'done';

/** Share of the progress bar for reading and encoding; the upload fills the rest. */
const ENCODE_SHARE = 0.1;

const WORKING: readonly CardPhase[] = ['checking', 'encoding', 'uploading'];

const fileIcon = html`<svg
  class="file-icon"
  viewBox="0 0 24 24"
  width="40"
  height="40"
  aria-hidden="true"
  focusable="false"
>
  <path
    fill="none"
    stroke="currentColor"
    stroke-width="1.5"
    stroke-linejoin="round"
    d="M6 2.75h8l4.25 4.25v14.25H6zM14 2.75V7h4.25M8.75 12h6.5M8.75 15h6.5M8.75 18h4"
  />
</svg>`;

/**
 * One document the verification asks for (docs/finhub-contract.md#document-upload), as a card:
 * which document (when there is a choice), the file picked or dropped, checked before anything is
 * sent (its real type from its first bytes, the card's formats and size cap), encoded to base64
 * without blocking the page and handed to `uploader`, with progress, Cancel, Retry (the same
 * `docId`), Replace and Remove. Bytes and base64 are never kept after an upload, nor put in any
 * event.
 *
 * It renders into the documents step's shadow root (no shadow root of its own), so the step's
 * ids, parts and styles (document-card.styles.ts) reach it.
 *
 * @internal
 */
@localized()
export class FinHubDocumentCard extends LitElement {
  /** What this card asks for. */
  @property({ attribute: false }) requirement!: DocumentRequirement;

  /** Position in the step: ids are `doc-<index>-…`. */
  @property({ type: Number }) index = 0;

  /**
   * Sends one document (base64 JSON, docs/finhub-contract.md#document-upload) and resolves with
   * FinHub's id.
   */
  @property({ attribute: false }) uploader: DocumentUploader | undefined;

  /** This requirement's document already on FinHub (e.g. on resume). */
  @property({ attribute: false }) known: UploadedDocument | undefined;

  /** The step is processing its submit: no new upload starts. */
  @property({ type: Boolean }) busy = false;

  @state() phase: CardPhase = 'idle';
  /** The documentType picked among the requirement's `options` (else its type). */
  @state() private _choice = '';
  @state() private _fileName: string | undefined;
  @state() private _fileSize: number | undefined;
  @state() private _previewUrl: string | undefined;
  /** 0..1 across encoding and upload. */
  @state() private _progress = 0;
  @state() private _error: string | undefined;
  /** The failure was the upload (the file is kept and Retry sends it again). */
  @state() private _retryable = false;
  @state() private _dragOver = false;

  /** Kept from a passed check until the upload succeeds, for Retry; then dropped. */
  #file: File | undefined;
  /**
   * This file's docs/finhub-contract.md#document-upload `docId`: the same on Retry, so FinHub can
   * tell a re-sent upload.
   */
  #docId: string | undefined;
  #mimeType: DocumentMimeType | undefined;
  #documentId: string | undefined;
  #documentType: string | undefined;
  #controller: AbortController | undefined;
  /** Sides sent before the last by `takePhotos` (dropped with the card's document). */
  #sides: NonNullable<FinHubDocumentCard['result']>[] = [];
  /** Results of an older attempt (replaced, cancelled, removed) are ignored. */
  #attempt = 0;
  /** The `known` document already shown, so a removed one does not come back. */
  #applied: string | undefined;
  /** The phase at the last render, to notice the card changing under the focus. */
  #rendered: CardPhase = 'idle';
  #refocus = false;

  /** No shadow root: the card lives in the documents step's. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  get working(): boolean {
    return WORKING.includes(this.phase);
  }

  /** What Continue sends for this card (ids and names only), once its document is on FinHub. */
  get result() {
    if (this.phase !== 'done' || !this.#documentId) return undefined;
    return {
      requirement: this.requirement.type,
      documentType: this.#documentType ?? this.requirement.type,
      documentId: this.#documentId,
      fileName: this._fileName ?? '',
    };
  }

  /** Every side sent (front and back of a card are two documents), the last one included. */
  get results() {
    const last = this.result;
    return last ? [...this.#sides, last] : [];
  }

  /**
   * Photos from the camera, one upload each (front, then back); a side that fails stops there and
   * the card shows why (Retry sends that side again).
   */
  async takePhotos(files: File[]): Promise<void> {
    const sent: NonNullable<FinHubDocumentCard['result']>[] = [];
    for (const file of files) {
      await this.#take([file]);
      this.#sides = [...sent]; // #take's reset dropped them
      const result = this.result;
      if (!result) return;
      sent.push(result);
    }
    this.#sides = sent.slice(0, -1);
  }

  /** Focuses what the person uses next on this card (its file picker or first action). */
  focusFirst(): void {
    this.querySelector<HTMLElement>(`#doc-${this.index}-file:not([hidden])`)?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('requirement') && !this._choice) {
      this._choice = this.requirement.options?.[0]?.type ?? this.requirement.type;
    }
    const known = this.known;
    if (known?.documentId && this.#applied !== known.documentId && this.phase === 'idle') {
      this.#applied = known.documentId;
      this.phase = 'done';
      this.#documentId = known.documentId;
      this.#documentType = known.documentType ?? this.requirement.type;
      this._fileName = known.fileName;
      this._progress = 1;
    }
    const root = this.getRootNode() as ShadowRoot | Document;
    if (this.#rendered !== this.phase && this.contains(root.activeElement)) this.#refocus = true;
    this.#rendered = this.phase;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.#refocus) {
      this.#refocus = false;
      // The control the person used is gone (the card moved on): focus what comes next in it.
      const next =
        this.querySelector<HTMLElement>('.card-actions button') ??
        this.querySelector<HTMLElement>('input[type="file"]:not([hidden])');
      next?.focus();
    }
    if (changed.size) this.dispatchEvent(new DocumentCardChangeEvent());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Nothing keeps running or holding memory for a card that left the page.
    if (this._previewUrl) URL.revokeObjectURL(this._previewUrl);
    this._previewUrl = undefined;
    this.#controller?.abort();
    this.#controller = undefined;
    this._dragOver = false;
    if (this.working) {
      this.#attempt++;
      this._progress = 0;
      this.phase = this.#file ? 'failed' : 'idle';
      this._retryable = !!this.#file;
      this._error = this.#file ? msg('The upload was interrupted. Try again.') : undefined;
    }
  }

  override render(): TemplateResult {
    const requirement = this.requirement;
    const id = `doc-${this.index}`;
    const formats = formatList(requirement.accept);
    const limit = formatBytes(requirement.maxBytes);
    const describedBy = [
      requirement.description ? `${id}-description` : '',
      `${id}-limits`,
      this._error ? `${id}-error` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return html`
      <section id=${id} part="document" class="card ${this.phase}" aria-labelledby="${id}-label">
        <h3 id="${id}-label">${requirement.label}</h3>
        ${
          requirement.description
            ? html`<p id="${id}-description" class="hint">${requirement.description}</p>`
            : nothing
        }
        <p id="${id}-limits" class="hint limits">${msg(str`${formats}, up to ${limit}`)}</p>
        ${this.#renderOptions(id)} ${this.phase === 'done' ? nothing : this.#renderFile()}
        ${
          this._error
            ? html`<p id="${id}-error" part="field-error" class="field-error">
                <span>${this._error}</span>
              </p>`
            : nothing
        }
        ${this.#renderBody(id, describedBy)}
      </section>
    `;
  }

  #renderOptions(id: string): TemplateResult | typeof nothing {
    const options = this.requirement.options;
    if (!options?.length || this.phase === 'done') return nothing;
    return html`<fieldset>
      <legend part="label">${msg('Which document will you upload?')}</legend>
      <div class="types">
        ${options.map(
          (option, i) =>
            html`<span class="type">
              <input
                part="input"
                type="radio"
                id="${id}-type-${i}"
                name="${id}-type"
                .value=${option.type}
                .checked=${this._choice === option.type}
                ?disabled=${this.working}
                @change=${() => (this._choice = option.type)}
              />
              <label part="label" for="${id}-type-${i}">${option.label}</label>
            </span>`,
        )}
      </div>
    </fieldset>`;
  }

  /** The chosen file: thumbnail or icon, name and size (or, once sent, that it is uploaded). */
  #renderFile(uploaded?: string): TemplateResult | typeof nothing {
    if (!this._fileName) return nothing;
    return html`<div class="file">
      ${
        this._previewUrl
          ? html`<img
              part="preview"
              class="thumb"
              src=${this._previewUrl}
              alt=${msg(str`Preview of ${this._fileName}`)}
            />`
          : fileIcon
      }
      <span class="file-meta">
        <span class="file-name">${this._fileName}</span>
        ${
          uploaded
            ? html`<span class="uploaded">${uploaded}</span>`
            : this._fileSize !== undefined
              ? html`<span class="muted">${formatBytes(this._fileSize)}</span>`
              : nothing
        }
      </span>
    </div>`;
  }

  #button(label: string, action: () => void, primary = false, describedBy?: string) {
    const kind = primary ? 'button-primary' : 'button-secondary';
    return html`<button
      part="button ${kind}"
      class="button ${kind}"
      type="button"
      aria-describedby=${describedBy ?? nothing}
      @click=${action}
    >
      ${label} <span class="visually-hidden">${this.requirement.label}</span>
    </button>`;
  }

  #renderBody(id: string, describedBy: string): TemplateResult {
    switch (this.phase) {
      case 'checking':
      case 'encoding':
      case 'uploading': {
        const label =
          this.phase === 'uploading'
            ? msg(str`Uploading ${this._fileName ?? ''}…`)
            : msg(str`Preparing ${this._fileName ?? ''}…`);
        return html`
          <p id="${id}-status" class="status muted">${label}</p>
          <progress
            part="progress"
            max="100"
            .value=${Math.round(this._progress * 100)}
            aria-labelledby="${id}-status ${id}-label"
          ></progress>
          <div class="card-actions">${this.#button(msg('Cancel'), () => this.#cancel())}</div>
        `;
      }
      case 'done':
        return html`
          ${this.#renderFile(this.#uploadedText())}
          <p id="${id}-replace-hint" class="hint">
            ${msg('Sent files stay with your application. To change this document, use Replace to send a new file.')}
          </p>
          <div class="card-actions">
            ${this.#button(msg('Replace'), () => this.#openPicker(), false, `${id}-replace-hint`)}
            ${this.#button(msg('Remove'), () => this.#remove(), false, `${id}-replace-hint`)}
            ${this.#fileInput(id, describedBy, true)}
          </div>
        `;
      case 'idle':
      case 'failed':
        return html`
          ${
            this.phase === 'failed' && this._retryable && this.#file
              ? html`<div class="card-actions">
                  ${this.#button(msg('Retry'), () => void this.#upload(), true)}
                </div>`
              : nothing
          }
          <div class="pickers">
            <label
              part="dropzone"
              class="dropzone ${this._dragOver ? 'drag-over' : ''}"
              @dragenter=${this.#onDragOver}
              @dragover=${this.#onDragOver}
              @dragleave=${this.#onDragLeave}
              @drop=${this.#onDrop}
            >
              ${this.#fileInput(id, describedBy, false)}
              <span id="${id}-pick" class="action">
                ${this.phase === 'failed' ? msg('Choose another file') : msg('Choose a file')}
              </span>
              <span class="muted">${msg('or drag it here')}</span>
            </label>
            ${
              this.requirement.accept.includes('image/jpeg')
                ? this.#button(msg('Take a photo'), () =>
                    this.dispatchEvent(new DocumentCardCameraEvent(this._choice)),
                  )
                : nothing
            }
          </div>
        `;
    }
  }

  #fileInput(id: string, describedBy: string, hidden: boolean): TemplateResult {
    return html`<input
      id="${id}-file"
      class="visually-hidden"
      type="file"
      accept=${this.requirement.accept.join(',')}
      ?hidden=${hidden}
      aria-labelledby="${id}-pick ${id}-label"
      aria-describedby=${describedBy}
      aria-invalid=${this._error ? 'true' : 'false'}
      @change=${this.#onInput}
    />`;
  }

  #uploadedText(): string {
    const option = this.requirement.options?.find((o) => o.type === this.#documentType);
    return option ? msg(str`Uploaded as ${option.label}`) : msg('Uploaded');
  }

  #announce(message: string): void {
    this.dispatchEvent(new StepAnnounceEvent(message));
  }

  // -- picking, checking, uploading --------------------------------------------------------------

  #onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement; // the listener sits on a file input
    const files = input.files ? [...input.files] : [];
    input.value = ''; // picking the same file again must fire `change` again
    void this.#take(files);
  };

  #openPicker(): void {
    this.querySelector<HTMLInputElement>(`#doc-${this.index}-file`)?.click();
  }

  #onDragOver = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault(); // allows the drop
    const open = !this.working && !this.busy;
    event.dataTransfer.dropEffect = open ? 'copy' : 'none';
    if (open) this._dragOver = true;
  };

  #onDragLeave = (event: DragEvent): void => {
    const zone = event.currentTarget as HTMLElement; // the listener sits on the drop zone
    if (event.relatedTarget instanceof Node && zone.contains(event.relatedTarget)) return;
    this._dragOver = false;
  };

  #onDrop = (event: DragEvent): void => {
    event.preventDefault(); // the browser would otherwise open the file
    this._dragOver = false;
    void this.#take(event.dataTransfer ? [...event.dataTransfer.files] : []);
  };

  /** Back to an empty card: the preview released, any upload stopped, `error` (if any) shown. */
  #reset(error?: string): void {
    this.#controller?.abort();
    this.#controller = undefined;
    if (this._previewUrl) URL.revokeObjectURL(this._previewUrl);
    this.#attempt++;
    this.#file = this.#docId = this.#mimeType = this.#documentId = this.#documentType = undefined;
    this.#sides = [];
    this.phase = error ? 'failed' : 'idle';
    this._error = error;
    this._fileName = this._fileSize = this._previewUrl = undefined;
    this._progress = 0;
    this._retryable = false;
  }

  async #take(files: File[]): Promise<void> {
    if (this.working || this.busy || files.length === 0) return;
    const label = this.requirement.label;
    if (files.length > 1) {
      this.#reset(msg('Choose one file for this document.'));
      this.#announce(`${label}: ${this._error}`);
      return;
    }
    const file = files[0]!;
    this.#reset();
    const attempt = this.#attempt;
    this.phase = 'checking';
    this._fileName = file.name;
    this._fileSize = file.size;
    const check = await checkFile(file, this.requirement);
    if (this.#attempt !== attempt) return; // replaced, removed or disconnected
    if (!check.ok) {
      this.#reset(check.message); // a refused file: nothing kept but the message
      this.#announce(`${label}: ${check.message}`);
      return;
    }
    this.#file = file;
    this.#mimeType = check.mimeType;
    this.#docId = randomUuid();
    if (check.mimeType.startsWith('image/')) this._previewUrl = URL.createObjectURL(file);
    await this.#upload();
  }

  /** Encodes the card's file and sends it; also the Retry action. */
  async #upload(): Promise<void> {
    const file = this.#file;
    const mimeType = this.#mimeType;
    const docId = this.#docId;
    // From a passed check ('checking') or Retry ('failed'); never twice at once.
    if (!file || !mimeType || !docId || this.phase === 'encoding' || this.phase === 'uploading') {
      return;
    }
    const controller = new AbortController();
    const attempt = ++this.#attempt;
    const current = () => this.#attempt === attempt;
    const progress = (fraction: number) => {
      const value = Math.min(1, Math.max(0, fraction));
      if (current() && value > this._progress) this._progress = value;
    };
    this.#controller = controller;
    this.phase = 'encoding';
    this._progress = 0;
    this._error = undefined;
    this._retryable = false;
    const documentType = this._choice;
    try {
      // A Retry pressed before a 429's Retry-After has passed waits it out (the flow's runner).
      const uploader = this.uploader;
      if (!uploader) throw new Error('no uploader');
      const result = await this.#send(
        uploader,
        file,
        { mimeType, documentType, docId },
        {
          signal: controller.signal,
          onEncodeProgress: (f) => progress(f * ENCODE_SHARE),
          onUploadProgress: (f) => progress(ENCODE_SHARE + f * (1 - ENCODE_SHARE)),
          onUploadStart: () => current() && (this.phase = 'uploading'),
        },
      );
      if (!current()) return;
      this.phase = 'done';
      this._progress = 1;
      this.#documentId = result.documentId;
      this.#documentType = documentType;
      this.#file = undefined; // the bytes are on FinHub now; keep nothing
      this.#controller = undefined;
      this.#announce(msg(str`${this.requirement.label} uploaded.`));
    } catch (error) {
      if (!current()) return; // cancelled, replaced or interrupted: already handled
      const message =
        error instanceof FinHubApiError
          ? errorText(toFailure(error))
          : msg('The upload did not go through. Try again.');
      this.phase = 'failed';
      this._error = message;
      this._retryable = true;
      this._progress = 0;
      this.#controller = undefined;
      this.#announce(`${this.requirement.label}: ${message}`);
    }
  }

  /**
   * The base64 lives only in this call: it is built, handed to the uploader and released when the
   * uploader settles. It never reaches the card's state, an event or a log.
   */
  async #send(
    uploader: DocumentUploader,
    file: File,
    {
      mimeType,
      documentType,
      docId,
    }: Pick<DocumentUpload, 'documentType' | 'docId'> & { mimeType: DocumentMimeType },
    hooks: {
      signal: AbortSignal;
      onEncodeProgress: (fraction: number) => void;
      onUploadProgress: (fraction: number) => void;
      onUploadStart: () => void;
    },
  ): Promise<{ documentId: string }> {
    const fileContent = await encodeBase64(file, {
      signal: hooks.signal,
      onProgress: hooks.onEncodeProgress,
    });
    hooks.signal.throwIfAborted();
    hooks.onUploadStart();
    const upload: DocumentUpload = {
      documentType,
      fileName: file.name,
      mimeType,
      fileContent,
      docId,
    };
    const result = await uploader(upload, {
      signal: hooks.signal,
      onProgress: hooks.onUploadProgress,
    });
    if (typeof result?.documentId !== 'string' || result.documentId === '') {
      throw new Error('no document id');
    }
    return { documentId: result.documentId };
  }

  #cancel(): void {
    this.#reset();
    this.#announce(msg(str`${this.requirement.label}: upload cancelled.`));
  }

  #remove(): void {
    this.#reset();
    this.#announce(msg(str`${this.requirement.label}: removed. Upload a file to continue.`));
  }
}
