import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { FinHubApiError } from '../../api/errors.js';
import { randomUuid } from '../../api/random-uuid.js';
import { toFailure } from '../../flow/failure.js';
import { errorText } from '../../localization/error-messages.js';
import { encodeBase64 } from './encode.js';
import { checkFile, formatBytes, formatList, type DocumentMimeType } from './file-checks.js';
import type { DocumentRequirement, DocumentUpload, DocumentUploader } from './requirements.js';
import { baseStyles, formStyles } from '../../styles/shared-styles.js';
import { StepAnnounceEvent, StepSubmitEvent } from '../shared/step-events.js';

export type { DocumentRequirement, DocumentUpload, DocumentUploader };

/** Already on FinHub (e.g. on resume). `documentType` defaults to the requirement's `type`. */
export interface UploadedDocument {
  documentId: string;
  fileName: string;
  documentType?: string;
}

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

type Phase = 'idle' | 'checking' | 'encoding' | 'uploading' | 'failed' | 'done';

interface Card {
  phase: Phase;
  /** The documentType picked among `options` (else the requirement's type). */
  choice: string;
  /** Kept from a passed check until the upload succeeds, for Retry; then dropped. */
  file?: File;
  /** This file's §6.2 `docId`: the same on Retry, so FinHub can tell a re-sent upload. */
  docId?: string;
  mimeType?: DocumentMimeType;
  fileName?: string;
  fileSize?: number;
  previewUrl?: string;
  /** 0..1 across encoding and upload. */
  progress: number;
  error?: string;
  /** The failure was the upload (the file is kept and Retry sends it again). */
  retryable: boolean;
  documentId?: string;
  documentType?: string;
  controller?: AbortController;
  dragOver: boolean;
  /** Results of an older attempt (replaced, cancelled, removed) are ignored. */
  attempt: number;
}

/** Share of the progress bar for reading and encoding; the upload fills the rest. */
const ENCODE_SHARE = 0.1;

const WORKING: readonly Phase[] = ['checking', 'encoding', 'uploading'];
const isWorking = (card: Card | undefined): boolean => !!card && WORKING.includes(card.phase);

const freshCard = (choice: string, attempt: number): Card => ({
  phase: 'idle',
  choice,
  progress: 0,
  retryable: false,
  dragOver: false,
  attempt,
});

const defaultChoice = (requirement: DocumentRequirement): string =>
  requirement.options?.[0]?.type ?? requirement.type;

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
 * Documents (finhub-api.md §5.3, §6.2, §7.6): one card per required document. Each file is checked
 * before anything is sent (real type from its first bytes, the card's formats and size cap),
 * encoded to base64 without blocking the page, and handed to `uploader`. Cards upload
 * independently; Continue sends a `StepSubmitEvent<DocumentsStepValue>` once every card has a
 * document on FinHub. Bytes and base64 are never kept after an upload, nor put in any event.
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
@localized()
export class FinHubDocumentsStep extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      .cards {
        display: grid;
        gap: var(--_spacing, 1rem);
      }

      .card {
        display: grid;
        gap: calc(var(--_spacing, 1rem) * 0.75);
        padding: var(--_spacing, 1rem);
        border: 1px solid var(--_color-border, #6b7280);
        border-radius: var(--_radius, 0.375rem);
      }

      .card.done {
        border: 2px solid var(--_color-success, #15803d);
      }

      .card.failed {
        border: 2px solid var(--_color-error, #b91c1c);
      }

      h3 {
        margin: 0;
        font-size: 1.0625em;
      }

      .card .hint {
        margin: 0;
      }

      .limits {
        font-weight: 600;
      }

      .types {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.25rem;
      }

      .type {
        display: inline-flex;
        align-items: center;
        gap: 0.5rem;
      }

      .type input {
        width: 1.25rem;
        height: 1.25rem;
        min-height: 0;
        margin: 0;
        accent-color: var(--_color-primary, #1d4ed8);
      }

      .type label {
        font-weight: 400;
      }

      .pickers {
        display: grid;
        gap: 0.5rem;
      }

      .dropzone {
        position: relative;
        display: grid;
        justify-items: center;
        gap: 0.25rem;
        padding: calc(var(--_spacing, 1rem) * 1.25) var(--_spacing, 1rem);
        border: 2px dashed var(--_color-border, #6b7280);
        border-radius: var(--_radius, 0.375rem);
        text-align: center;
        font-weight: 400;
        cursor: pointer;
      }

      .dropzone .action {
        color: var(--_color-primary, #1d4ed8);
        font-weight: 600;
        text-decoration: underline;
      }

      .dropzone.drag-over {
        border-style: solid;
        border-color: var(--_color-primary, #1d4ed8);
        background: color-mix(in srgb, var(--_color-primary, #1d4ed8) 8%, transparent);
      }

      .dropzone:has(input:focus-visible),
      .camera:has(input:focus-visible) {
        outline: 3px solid var(--_focus-ring, #1d4ed8);
        outline-offset: 2px;
      }

      /* "Take a photo" is for phones and tablets; a mouse-only device has the file picker. */
      @media not (any-pointer: coarse) {
        .camera {
          display: none;
        }
      }

      .file {
        display: grid;
        grid-template-columns: auto 1fr;
        align-items: center;
        gap: 0.75rem;
      }

      .thumb {
        width: 4rem;
        height: 4rem;
        object-fit: cover;
        border: 1px solid var(--_color-border, #6b7280);
        border-radius: var(--_radius, 0.375rem);
      }

      .file-icon {
        color: var(--_color-muted, #4b5563);
      }

      .file-meta {
        display: grid;
        min-width: 0;
      }

      .file-name {
        font-weight: 600;
        overflow-wrap: anywhere;
      }

      .status {
        margin: 0;
      }

      .uploaded {
        margin: 0;
        color: var(--_color-success, #15803d);
        font-weight: 600;
      }

      .uploaded::before {
        content: '✓ ' / '';
      }

      .card-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
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

  /** The shell is processing the submit: Continue and new uploads do nothing. */
  @property({ type: Boolean }) busy = false;

  #cards = new Map<string, Card>();
  #attempts = 0;
  /** Continue was pressed and the submit sent: a second press (double click, Enter) is ignored. */
  #sent = false;
  /** Phase of each card at the last render, to notice a card changing under the focus. */
  #renderedPhases = new Map<string, Phase>();
  /** A card whose focused control went away: focus its main control after rendering. */
  #refocus: string | undefined;
  /** `uploaded` entries already shown, so a removed one does not come back on the next render. */
  #applied = new Set<string>();

  /** The documents uploaded so far, as Continue would send them. */
  get value(): DocumentsStepValue {
    return { documents: this.#documents() };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('requirements') || changed.has('uploaded')) this.#syncCards();
    if (changed.has('busy') && changed.get('busy') === true && !this.busy) this.#sent = false;
    const focused = this.shadowRoot?.activeElement?.closest('section');
    this.requirements.forEach((requirement, index) => {
      const phase = this.#cards.get(requirement.type)?.phase;
      const before = this.#renderedPhases.get(requirement.type);
      if (before !== undefined && before !== phase && focused?.id === `doc-${index}`) {
        this.#refocus = requirement.type;
      }
    });
    this.#renderedPhases = new Map(
      this.requirements.map((r) => [r.type, this.#cards.get(r.type)?.phase ?? 'idle']),
    );
  }

  protected override updated(): void {
    const key = this.#refocus;
    if (key === undefined) return;
    this.#refocus = undefined;
    // The control the person used is gone (the card moved on): focus what comes next in it.
    const index = this.requirements.findIndex((r) => r.type === key);
    const section = this.renderRoot.querySelector(`#doc-${index}`);
    const next =
      section?.querySelector<HTMLElement>('.card-actions button') ??
      section?.querySelector<HTMLElement>('input[type="file"]:not([hidden])');
    next?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Nothing keeps running or holding memory for an element that left the page.
    for (const [key, card] of this.#cards) {
      if (card.previewUrl) URL.revokeObjectURL(card.previewUrl);
      const interrupted = isWorking(card);
      card.controller?.abort();
      this.#cards.set(key, {
        ...card,
        previewUrl: undefined,
        controller: undefined,
        dragOver: false,
        ...(interrupted
          ? {
              phase: card.file ? 'failed' : 'idle',
              attempt: ++this.#attempts,
              progress: 0,
              retryable: !!card.file,
              error: card.file ? msg('The upload was interrupted. Try again.') : undefined,
            }
          : {}),
      });
    }
    this.requestUpdate();
  }

  override render() {
    const missing = this.#missing();
    const working = this.requirements.some((r) => isWorking(this.#cards.get(r.type)));
    const ready = this.requirements.length > 0 && missing === 0 && !working;
    const inert = !ready || this.busy;
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
        <div class="cards">${this.requirements.map((r, i) => this.#renderCard(r, i))}</div>
        <div class="actions">
          ${
            ready
              ? nothing
              : html`<p id="continue-reason" class="continue-reason muted">
                  ${this.#reason(missing, working)}
                </p>`
          }
          <button
            part="button button-primary"
            class="button button-primary"
            type="submit"
            aria-disabled=${inert ? 'true' : 'false'}
            aria-describedby=${ready ? nothing : 'continue-reason'}
          >
            ${msg('Continue')}
          </button>
        </div>
      </form>
    `;
  }

  // -- rendering -------------------------------------------------------------------------------

  #renderCard(requirement: DocumentRequirement, index: number): TemplateResult {
    const key = requirement.type;
    const card = this.#cards.get(key) ?? freshCard(defaultChoice(requirement), 0);
    const id = `doc-${index}`;
    const formats = formatList(requirement.accept);
    const limit = formatBytes(requirement.maxBytes);
    const describedBy = [
      requirement.description ? `${id}-description` : '',
      `${id}-limits`,
      card.error ? `${id}-error` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return html`
      <section id=${id} part="document" class="card ${card.phase}" aria-labelledby="${id}-label">
        <h3 id="${id}-label">${requirement.label}</h3>
        ${
          requirement.description
            ? html`<p id="${id}-description" class="hint">${requirement.description}</p>`
            : nothing
        }
        <p id="${id}-limits" class="hint limits">${msg(str`${formats}, up to ${limit}`)}</p>
        ${this.#renderOptions(requirement, card, id)}
        ${card.phase === 'done' ? nothing : this.#renderFile(card)}
        ${
          card.error
            ? html`<p id="${id}-error" part="field-error" class="field-error">
                <span>${card.error}</span>
              </p>`
            : nothing
        }
        ${this.#renderBody(requirement, card, id, describedBy)}
      </section>
    `;
  }

  #renderOptions(
    requirement: DocumentRequirement,
    card: Card,
    id: string,
  ): TemplateResult | typeof nothing {
    const options = requirement.options;
    if (!options?.length || card.phase === 'done') return nothing;
    const locked = isWorking(card);
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
                .checked=${card.choice === option.type}
                ?disabled=${locked}
                @change=${() => this.#update(requirement.type, { choice: option.type })}
              />
              <label part="label" for="${id}-type-${i}">${option.label}</label>
            </span>`,
        )}
      </div>
    </fieldset>`;
  }

  /** The chosen file: thumbnail or icon, name and size. */
  #renderFile(card: Card): TemplateResult | typeof nothing {
    if (!card.fileName) return nothing;
    return html`<div class="file">
      ${
        card.previewUrl
          ? html`<img
              part="preview"
              class="thumb"
              src=${card.previewUrl}
              alt=${msg(str`Preview of ${card.fileName}`)}
            />`
          : fileIcon
      }
      <span class="file-meta">
        <span class="file-name">${card.fileName}</span>
        ${
          card.fileSize !== undefined
            ? html`<span class="muted">${formatBytes(card.fileSize)}</span>`
            : nothing
        }
      </span>
    </div>`;
  }

  #renderBody(
    requirement: DocumentRequirement,
    card: Card,
    id: string,
    describedBy: string,
  ): TemplateResult {
    const key = requirement.type;
    const name = html`<span class="visually-hidden">${requirement.label}</span>`;
    switch (card.phase) {
      case 'checking':
      case 'encoding':
      case 'uploading': {
        const label =
          card.phase === 'uploading'
            ? msg(str`Uploading ${card.fileName ?? ''}…`)
            : msg(str`Preparing ${card.fileName ?? ''}…`);
        return html`
          <p id="${id}-status" class="status muted">${label}</p>
          <progress
            part="progress"
            max="100"
            .value=${Math.round(card.progress * 100)}
            aria-labelledby="${id}-status ${id}-label"
          ></progress>
          <div class="card-actions">
            <button
              part="button button-secondary"
              class="button button-secondary"
              type="button"
              @click=${() => this.#cancel(key)}
            >
              ${msg('Cancel')} ${name}
            </button>
          </div>
        `;
      }
      case 'done':
        return html`
          <div class="file">
            ${
              card.previewUrl
                ? html`<img
                    part="preview"
                    class="thumb"
                    src=${card.previewUrl}
                    alt=${msg(str`Preview of ${card.fileName ?? ''}`)}
                  />`
                : fileIcon
            }
            <span class="file-meta">
              <span class="file-name">${card.fileName}</span>
              <span class="uploaded">${this.#uploadedText(requirement, card)}</span>
            </span>
          </div>
          <p id="${id}-replace-hint" class="hint">
            ${msg('Sent files stay with your application. To change this document, use Replace to send a new file.')}
          </p>
          <div class="card-actions">
            <button
              part="button button-secondary"
              class="button button-secondary"
              type="button"
              aria-describedby="${id}-replace-hint"
              @click=${() => this.#openPicker(id)}
            >
              ${msg('Replace')} ${name}
            </button>
            <button
              part="button button-secondary"
              class="button button-secondary"
              type="button"
              aria-describedby="${id}-replace-hint"
              @click=${() => this.#remove(key)}
            >
              ${msg('Remove')} ${name}
            </button>
            ${this.#fileInput(requirement, id, describedBy, true)}
          </div>
        `;
      case 'idle':
      case 'failed':
        return html`
          ${
            card.phase === 'failed' && card.retryable && card.file
              ? html`<div class="card-actions">
                  <button
                    part="button button-primary"
                    class="button button-primary"
                    type="button"
                    @click=${() => void this.#upload(key)}
                  >
                    ${msg('Retry')} ${name}
                  </button>
                </div>`
              : nothing
          }
          <div class="pickers">
            <label
              part="dropzone"
              class="dropzone ${card.dragOver ? 'drag-over' : ''}"
              @dragenter=${(e: DragEvent) => this.#onDragOver(key, e)}
              @dragover=${(e: DragEvent) => this.#onDragOver(key, e)}
              @dragleave=${(e: DragEvent) => this.#onDragLeave(key, e)}
              @drop=${(e: DragEvent) => this.#onDrop(key, e)}
            >
              ${this.#fileInput(requirement, id, describedBy, false)}
              <span id="${id}-pick" class="action">
                ${card.phase === 'failed' ? msg('Choose another file') : msg('Choose a file')}
              </span>
              <span class="muted">${msg('or drag it here')}</span>
            </label>
            ${
              requirement.accept.some((type) => type.startsWith('image/'))
                ? html`<label part="button button-secondary" class="button button-secondary camera">
                    <input
                      class="visually-hidden"
                      type="file"
                      accept=${requirement.accept.filter((t) => t.startsWith('image/')).join(',')}
                      capture="environment"
                      aria-describedby=${describedBy}
                      @change=${(e: Event) => this.#onInput(key, e)}
                    />
                    ${msg('Take a photo')} ${name}
                  </label>`
                : nothing
            }
          </div>
        `;
    }
  }

  #fileInput(
    requirement: DocumentRequirement,
    id: string,
    describedBy: string,
    hidden: boolean,
  ): TemplateResult {
    const card = this.#cards.get(requirement.type);
    return html`<input
      id="${id}-file"
      class="visually-hidden"
      type="file"
      accept=${requirement.accept.join(',')}
      ?hidden=${hidden}
      aria-labelledby="${id}-pick ${id}-label"
      aria-describedby=${describedBy}
      aria-invalid=${card?.error ? 'true' : 'false'}
      @change=${(e: Event) => this.#onInput(requirement.type, e)}
    />`;
  }

  #uploadedText(requirement: DocumentRequirement, card: Card): string {
    const option = requirement.options?.find((o) => o.type === card.documentType);
    return option ? msg(str`Uploaded as ${option.label}`) : msg('Uploaded');
  }

  #reason(missing: number, working: boolean): string {
    if (this.requirements.length === 0) return msg('Loading the list of documents…');
    if (working && missing <= 1) return msg('Wait for the upload to finish to continue.');
    if (missing === 1) return msg('Upload 1 more document to continue.');
    return msg(str`Upload ${missing} more documents to continue.`);
  }

  // -- state -----------------------------------------------------------------------------------

  /** Cards follow `requirements`; `uploaded` fills cards that hold nothing of their own. */
  #syncCards(): void {
    const keys = new Set(this.requirements.map((r) => r.type));
    for (const [key, card] of this.#cards) {
      if (keys.has(key)) continue;
      card.controller?.abort();
      if (card.previewUrl) URL.revokeObjectURL(card.previewUrl);
      this.#cards.delete(key);
    }
    for (const requirement of this.requirements) {
      const key = requirement.type;
      let card = this.#cards.get(key);
      if (!card) {
        card = freshCard(defaultChoice(requirement), ++this.#attempts);
        this.#cards.set(key, card);
      }
      const known = this.uploaded?.[key];
      const stamp = `${key}\u0000${known?.documentId}`;
      if (known?.documentId && !this.#applied.has(stamp) && card.phase === 'idle') {
        this.#applied.add(stamp);
        this.#cards.set(key, {
          ...card,
          phase: 'done',
          documentId: known.documentId,
          documentType: known.documentType ?? requirement.type,
          fileName: known.fileName,
          progress: 1,
        });
      }
    }
  }

  #update(key: string, patch: Partial<Card>): void {
    const card = this.#cards.get(key);
    if (!card) return;
    this.#cards.set(key, { ...card, ...patch });
    this.#sent = false;
    this.requestUpdate();
  }

  /** Back to an empty card; the preview is released and any upload stopped. */
  #reset(key: string): void {
    const card = this.#cards.get(key);
    if (!card) return;
    card.controller?.abort();
    if (card.previewUrl) URL.revokeObjectURL(card.previewUrl);
    this.#cards.set(key, freshCard(card.choice, ++this.#attempts));
    this.#sent = false;
    this.requestUpdate();
  }

  #missing(): number {
    return this.requirements.filter((r) => this.#cards.get(r.type)?.phase !== 'done').length;
  }

  #documents(): DocumentsStepValue['documents'] {
    return this.requirements.flatMap((requirement) => {
      const card = this.#cards.get(requirement.type);
      if (card?.phase !== 'done' || !card.documentId) return [];
      return [
        {
          requirement: requirement.type,
          documentType: card.documentType ?? requirement.type,
          documentId: card.documentId,
          fileName: card.fileName ?? '',
        },
      ];
    });
  }

  #requirement(key: string): DocumentRequirement | undefined {
    return this.requirements.find((r) => r.type === key);
  }

  #announce(message: string): void {
    this.dispatchEvent(new StepAnnounceEvent(message));
  }

  // -- picking, checking, uploading --------------------------------------------------------------

  #onInput(key: string, event: Event): void {
    const input = event.target as HTMLInputElement; // the listener sits on a file input
    const files = input.files ? [...input.files] : [];
    input.value = ''; // picking the same file again must fire `change` again
    void this.#take(key, files);
  }

  #openPicker(id: string): void {
    this.renderRoot.querySelector<HTMLInputElement>(`#${id}-file`)?.click();
  }

  #onDragOver(key: string, event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault(); // allows the drop
    const card = this.#cards.get(key);
    const open = !isWorking(card) && !this.busy;
    event.dataTransfer.dropEffect = open ? 'copy' : 'none';
    if (open && card && !card.dragOver) this.#update(key, { dragOver: true });
  }

  #onDragLeave(key: string, event: DragEvent): void {
    const zone = event.currentTarget as HTMLElement; // the listener sits on the drop zone
    if (event.relatedTarget instanceof Node && zone.contains(event.relatedTarget)) return;
    if (this.#cards.get(key)?.dragOver) this.#update(key, { dragOver: false });
  }

  #onDrop(key: string, event: DragEvent): void {
    event.preventDefault(); // the browser would otherwise open the file
    if (this.#cards.get(key)?.dragOver) this.#update(key, { dragOver: false });
    void this.#take(key, event.dataTransfer ? [...event.dataTransfer.files] : []);
  }

  /** A file dropped beside a drop zone must not make the browser leave the page to open it. */
  #onStrayDrag(event: DragEvent): void {
    if (event.defaultPrevented || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'none';
  }

  async #take(key: string, files: File[]): Promise<void> {
    const requirement = this.#requirement(key);
    const card = this.#cards.get(key);
    if (!requirement || !card || isWorking(card) || this.busy || files.length === 0) return;
    if (card.previewUrl) URL.revokeObjectURL(card.previewUrl);
    const attempt = ++this.#attempts;
    if (files.length > 1) {
      this.#fail(key, requirement, attempt, msg('Choose one file for this document.'));
      return;
    }
    const file = files[0]!;
    this.#cards.set(key, {
      ...freshCard(card.choice, attempt),
      phase: 'checking',
      fileName: file.name,
      fileSize: file.size,
    });
    this.#sent = false;
    this.requestUpdate();

    const check = await checkFile(file, requirement);
    if (this.#cards.get(key)?.attempt !== attempt) return; // replaced, removed or disconnected
    if (!check.ok) {
      this.#fail(key, requirement, attempt, check.message);
      return;
    }
    const previewUrl = check.mimeType.startsWith('image/') ? URL.createObjectURL(file) : undefined;
    this.#update(key, { file, mimeType: check.mimeType, previewUrl, docId: randomUuid() });
    await this.#upload(key);
  }

  /** A refused file: nothing kept but the message. */
  #fail(key: string, requirement: DocumentRequirement, attempt: number, message: string): void {
    const card = this.#cards.get(key);
    if (!card) return;
    this.#cards.set(key, {
      ...freshCard(card.choice, attempt),
      phase: 'failed',
      error: message,
    });
    this.#sent = false;
    this.requestUpdate();
    this.#announce(`${requirement.label}: ${message}`);
  }

  /** Encodes the card's file and sends it; also the Retry action. */
  async #upload(key: string): Promise<void> {
    const requirement = this.#requirement(key);
    const card = this.#cards.get(key);
    const { file, mimeType, docId } = card ?? {};
    // From a passed check ('checking') or Retry ('failed'); never twice at once.
    if (!requirement || !card || !file || !mimeType || !docId) return;
    if (card.phase === 'encoding' || card.phase === 'uploading') return;
    const controller = new AbortController();
    const attempt = ++this.#attempts;
    const current = () => this.#cards.get(key)?.attempt === attempt;
    const progress = (fraction: number) => {
      const value = Math.min(1, Math.max(0, fraction));
      if (current() && value > (this.#cards.get(key)?.progress ?? 0)) {
        this.#update(key, { progress: value });
      }
    };
    this.#update(key, {
      phase: 'encoding',
      progress: 0,
      error: undefined,
      retryable: false,
      controller,
      attempt,
    });
    const documentType = card.choice;
    try {
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
          onUploadStart: () => current() && this.#update(key, { phase: 'uploading' }),
        },
      );
      if (!current()) return;
      this.#update(key, {
        phase: 'done',
        progress: 1,
        documentId: result.documentId,
        documentType,
        file: undefined, // the bytes are on FinHub now; keep nothing
        controller: undefined,
      });
      this.#announce(msg(str`${requirement.label} uploaded.`));
    } catch (error) {
      if (!current()) return; // cancelled, replaced or interrupted: already handled
      // A Retry pressed before a 429's Retry-After has passed waits it out (the flow's runner).
      const message =
        error instanceof FinHubApiError
          ? errorText(toFailure(error))
          : msg('The upload did not go through. Try again.');
      this.#update(key, {
        phase: 'failed',
        error: message,
        retryable: true,
        controller: undefined,
        progress: 0,
      });
      this.#announce(`${requirement.label}: ${message}`);
    }
  }

  /**
   * The base64 lives only in this call: it is built, handed to the uploader and released when the
   * uploader settles. It never reaches the element's state, an event or a log.
   */
  async #send(
    uploader: DocumentUploader,
    file: File,
    {
      mimeType,
      documentType,
      docId,
    }: Pick<DocumentUpload, 'documentType' | 'docId'> & {
      mimeType: DocumentMimeType;
    },
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

  #cancel(key: string): void {
    const label = this.#requirement(key)?.label ?? '';
    this.#reset(key);
    this.#announce(msg(str`${label}: upload cancelled.`));
  }

  #remove(key: string): void {
    const label = this.#requirement(key)?.label ?? '';
    this.#reset(key);
    this.#announce(msg(str`${label}: removed. Upload a file to continue.`));
  }

  // -- continue --------------------------------------------------------------------------------

  async #onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || this.#sent) return;
    const missing = this.#missing();
    const working = this.requirements.some((r) => isWorking(this.#cards.get(r.type)));
    if (this.requirements.length === 0 || missing > 0 || working) {
      this.#announce(this.#reason(missing, working));
      const index = this.requirements.findIndex((r) => this.#cards.get(r.type)?.phase !== 'done');
      this.renderRoot.querySelector<HTMLElement>(`#doc-${index}-file:not([hidden])`)?.focus();
      return;
    }
    this.#sent = true;
    this.dispatchEvent(new StepSubmitEvent<DocumentsStepValue>({ documents: this.#documents() }));
  }
}
