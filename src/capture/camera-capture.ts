import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { query } from 'lit/decorators/query.js';
import { state } from 'lit/decorators/state.js';
import { localized, msg, str } from '@lit/localize';
import { openCamera, stopStream, type CameraResult, type CameraUnavailable } from './camera.js';
import { CaptureCancelEvent, CaptureResultEvent, type CapturedPhoto } from './capture-events.js';
import { problemMessage, unavailableMessage } from './capture-messages.js';
import { cameraCaptureStyles } from './camera-capture-styles.js';
import type { QualityProblem } from './quality-limits.js';
import { PhotoQualityChecker, type PhotoCheck } from './quality.js';
import type { CaptureFrame, CaptureSide } from './sides.js';

export type { CapturedPhoto, CaptureFrame, CaptureSide };

/** MediaStream Image Capture (Chromium); TypeScript's DOM library lacks `grabFrame`. */
type ImageCaptureConstructor = new (track: MediaStreamTrack) => {
  grabFrame(): Promise<ImageBitmap>;
};

/**
 * `camera`: live preview; `checking`: the photo is being checked; `review`: it passed, use it or
 * retake; `refused`: it failed a check, retake; `picker`: no camera (or the person chose a file);
 * `done`: every side has a photo.
 */
type Screen = 'camera' | 'checking' | 'review' | 'refused' | 'picker' | 'done';

/**
 * Photographs a document with the device's camera, one photo per side (front and back of a card),
 * each checked off the main thread (size, darkness, glare, blur) and re-encoded for upload
 * (quality.ts). Where there is no camera, or access is refused, it says which and offers the file
 * picker (`capture="environment"` opens the camera app on phones). The camera is on only while
 * the preview shows: it stops on capture, on Cancel, when the element is hidden or removed, and
 * while the page is in the background.
 *
 * Photos leave only through a `CaptureResultEvent` to the parent (not composed); nothing is
 * stored or logged. Under a CSP, the photos show as `blob:` images (`img-src blob:`).
 *
 * @fires finhub-capture-result - `CaptureResultEvent`: every side has an accepted photo.
 * @fires finhub-capture-cancel - `CaptureCancelEvent`: the person chose Cancel.
 * @internal
 */
@localized()
export class FinHubCameraCapture extends LitElement {
  static override styles = cameraCaptureStyles;

  /** The sides to photograph, in order (`captureLayout()` gives them by documentType). */
  @property({ attribute: false }) sides: CaptureSide[] = [];

  /** The outline over the preview: `card`, `passport` or `page`. */
  @property() frame: CaptureFrame = 'card';

  @state() private screen: Screen = 'camera';
  @state() private sideIndex = 0;
  @state() private stream: MediaStream | undefined;
  @state() private videoReady = false;
  @state() private portrait = false;
  @state() private unavailable: CameraUnavailable | undefined;
  @state() private problem: QualityProblem | undefined;
  @state() private imageUrl: string | undefined;
  @state() private grabFailed = false;

  @query('video') private video!: HTMLVideoElement | null;
  @query('.title') private heading!: HTMLElement | null;

  /** Photos from the camera (false once it is unavailable or the person chose a file). */
  private useCamera = true;
  private photos: CapturedPhoto[] = [];
  private candidate: CapturedPhoto | undefined;
  private cameraRequest: AbortController | undefined;
  private checkRequest: AbortController | undefined;
  private checker: PhotoQualityChecker | undefined;
  private moveFocus = false;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'hidden'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'hidden') this.onShownChange();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onShownChange);
    if (this.screen === 'camera') void this.startCamera();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onShownChange);
    this.stopCamera();
    this.checker?.dispose();
    this.checker = undefined;
    if (this.checkRequest) {
      // The check was cut short: back to taking the photo if the element returns.
      this.checkRequest.abort();
      this.checkRequest = undefined;
      this.screen = this.useCamera ? 'camera' : 'picker';
    }
  }

  /** Moves focus to the current screen's title (for a parent that just opened the capture). */
  override focus(options?: FocusOptions): void {
    this.heading?.focus(options);
  }

  /** Back to the first side with nothing kept. */
  reset(): void {
    this.checkRequest?.abort();
    this.revokeImage();
    this.photos = [];
    this.candidate = undefined;
    this.problem = undefined;
    this.sideIndex = 0;
    this.useCamera = true;
    this.unavailable = undefined;
    this.show('camera');
  }

  private get allSides(): CaptureSide[] {
    return this.sides.length > 0 ? this.sides : [{ id: 'page', label: msg('The document') }];
  }

  private get side(): CaptureSide {
    const sides = this.allSides;
    return sides[Math.min(this.sideIndex, sides.length - 1)]!;
  }

  private isShown(): boolean {
    return !this.hidden && document.visibilityState !== 'hidden';
  }

  /** Pauses the camera while the element or the page is hidden; resumes when shown again. */
  private onShownChange = (): void => {
    if (!this.isConnected || this.screen !== 'camera') return;
    if (this.isShown()) void this.startCamera();
    else this.stopCamera();
  };

  private async startCamera(): Promise<void> {
    if (this.stream || this.cameraRequest || !this.isConnected || !this.isShown()) return;
    const request = new AbortController();
    this.cameraRequest = request;
    this.videoReady = false;
    let result: CameraResult;
    try {
      result = await openCamera(request.signal);
    } catch {
      return; // stopped before the camera answered
    } finally {
      if (this.cameraRequest === request) this.cameraRequest = undefined;
    }
    if ('unavailable' in result) {
      this.useCamera = false;
      this.unavailable = result.unavailable;
      this.show('picker');
      return;
    }
    this.stream = result.stream;
    for (const track of result.stream.getVideoTracks()) {
      // Unplugged, or access revoked in the browser's settings.
      track.addEventListener('ended', () => {
        if (this.stream !== result.stream || this.screen !== 'camera') return;
        this.stopCamera();
        this.useCamera = false;
        this.unavailable = 'failed';
        this.show('picker');
      });
    }
  }

  private stopCamera(): void {
    this.cameraRequest?.abort();
    this.cameraRequest = undefined;
    stopStream(this.stream);
    this.stream = undefined;
    this.videoReady = false;
  }

  private onMetadata(event: Event): void {
    const video = event.target as HTMLVideoElement;
    this.portrait = video.videoHeight > video.videoWidth;
    video.play().catch(() => undefined); // autoplay of a muted preview; `playing` follows
  }

  /** Ready to capture once the current stream's frames show (a late event of an old one is not). */
  private onPlaying(event: Event): void {
    const video = event.target as HTMLVideoElement;
    this.videoReady =
      !!this.stream &&
      video.srcObject === this.stream &&
      this.stream.active &&
      video.videoWidth > 0;
  }

  /** The current frame at the camera's resolution. */
  private async grab(video: HTMLVideoElement): Promise<ImageBitmap> {
    const track = this.stream?.getVideoTracks()[0];
    // ImageCapture reads the track itself, whatever the element shows (Chromium); elsewhere the
    // element's current frame.
    const ImageCaptureClass = (globalThis as unknown as { ImageCapture?: ImageCaptureConstructor })
      .ImageCapture;
    if (track && ImageCaptureClass) {
      try {
        return await new ImageCaptureClass(track).grabFrame();
      } catch {
        // fall through to the element's frame
      }
    }
    return createImageBitmap(video);
  }

  private async capture(): Promise<void> {
    const video = this.video;
    if (!this.videoReady || !video) return;
    this.grabFailed = false;
    let frame: ImageBitmap;
    try {
      frame = await this.grab(video);
    } catch {
      this.grabFailed = true; // the person can press again; the camera is still on
      return;
    }
    this.stopCamera(); // off while the photo is checked and reviewed
    await this.check(frame);
  }

  private onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again after a refusal fires `change` again
    if (file) void this.check(file);
  }

  private async check(source: Blob | ImageBitmap): Promise<void> {
    const side = this.side;
    this.show('checking');
    const request = new AbortController();
    this.checkRequest = request;
    this.checker ??= new PhotoQualityChecker();
    let result: PhotoCheck;
    try {
      result = await this.checker.check(source, { signal: request.signal });
    } catch {
      if (request.signal.aborted) return;
      result = { ok: false, problems: ['unreadable'], checkedIn: 'page' };
    } finally {
      if (this.checkRequest === request) this.checkRequest = undefined;
    }
    this.revokeImage();
    if (!result.ok && result.problems[0] === 'unreadable' && source instanceof ImageBitmap) {
      // The frame was lost (the worker failed with it): the camera again, saying so.
      this.grabFailed = true;
      this.nextPhoto();
      return;
    }
    if (result.ok) {
      const { photo, width, height } = result;
      this.candidate = { side: side.id, photo, width, height };
      this.imageUrl = URL.createObjectURL(photo);
      this.show('review');
    } else {
      this.problem = result.problems[0];
      this.imageUrl = result.preview ? URL.createObjectURL(result.preview) : undefined;
      this.show('refused');
    }
  }

  private retake(): void {
    this.revokeImage();
    this.candidate = undefined;
    this.problem = undefined;
    this.nextPhoto();
  }

  private accept(): void {
    if (!this.candidate) return;
    this.photos.push(this.candidate);
    this.candidate = undefined;
    this.revokeImage();
    this.sideIndex++;
    if (this.sideIndex < this.allSides.length) {
      this.nextPhoto();
      return;
    }
    const photos = this.photos;
    this.photos = []; // the parent owns them now
    this.show('done');
    this.dispatchEvent(new CaptureResultEvent(photos));
  }

  private nextPhoto(): void {
    this.show(this.useCamera ? 'camera' : 'picker');
    if (this.useCamera) void this.startCamera();
  }

  private choosePhotoInstead(): void {
    this.stopCamera();
    this.useCamera = false;
    this.unavailable = undefined;
    this.show('picker');
  }

  private tryCameraAgain(): void {
    this.useCamera = true;
    this.unavailable = undefined;
    this.nextPhoto();
  }

  private cancel(): void {
    this.stopCamera();
    this.checkRequest?.abort();
    this.revokeImage();
    this.dispatchEvent(new CaptureCancelEvent());
  }

  private show(screen: Screen): void {
    this.screen = screen;
    // Focus follows only when the person is working in here (the control they used is about to
    // go): a screen that changes by itself does not pull focus from elsewhere on the page.
    this.moveFocus ||= this.matches(':focus-within');
  }

  private revokeImage(): void {
    if (this.imageUrl) URL.revokeObjectURL(this.imageUrl);
    this.imageUrl = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.moveFocus) {
      this.moveFocus = false;
      this.heading?.focus();
    }
  }

  private titleText(): string {
    if (this.screen === 'done') return msg('Photos ready.');
    const count = this.allSides.length;
    const label = this.side.label;
    return count > 1 ? msg(str`${label} (${this.sideIndex + 1} of ${count})`) : label;
  }

  private statusText(): string {
    switch (this.screen) {
      case 'camera':
        if (!this.videoReady) return msg('Starting the camera…');
        return this.grabFailed
          ? msg('The photo could not be taken. Try again.')
          : msg('Place the document inside the frame, in good light, and hold still.');
      case 'checking':
        return msg('Checking the photo…');
      case 'review':
        return msg('Check that every detail is sharp and readable.');
      case 'refused':
        return '';
      case 'picker':
        return this.unavailable
          ? unavailableMessage(this.unavailable)
          : msg('Choose a photo of the document, or take one with your camera app.');
      case 'done':
        return '';
    }
  }

  override render(): TemplateResult {
    return html`<div class="capture" role="group" aria-labelledby="title">
      <p id="title" class="title" tabindex="-1">${this.titleText()}</p>
      ${this.screen === 'camera' ? this.renderPreview() : nothing}
      ${
        this.screen === 'refused' && this.problem
          ? html`<p class="problem" role="alert">${problemMessage(this.problem)}</p>`
          : nothing
      }
      ${
        (this.screen === 'review' || this.screen === 'refused') && this.imageUrl
          ? html`<img
              class="photo"
              src=${this.imageUrl}
              alt=${msg(str`Your photo: ${this.side.label}`)}
            />`
          : nothing
      }
      <p class="message" role="status">${this.statusText()}</p>
      ${
        this.screen === 'checking'
          ? html`<progress part="progress" aria-label=${msg('Checking the photo…')}></progress>`
          : nothing
      }
      <div class="actions">${this.renderActions()}</div>
    </div>`;
  }

  private renderPreview(): TemplateResult {
    return html`<div class="viewport ${this.portrait ? 'portrait' : ''}">
      <video
        aria-label=${msg('Camera preview')}
        .srcObject=${this.stream ?? null}
        .muted=${true}
        playsinline
        @loadedmetadata=${this.onMetadata}
        @playing=${this.onPlaying}
      ></video>
      <div class="frame ${this.frame}" aria-hidden="true"></div>
    </div>`;
  }

  private button(label: string, onClick: () => void, primary = false, disabled = false) {
    const kind = primary ? 'button-primary' : 'button-secondary';
    return html`<button
      type="button"
      part="button ${kind}"
      class="button ${kind}"
      ?disabled=${disabled}
      @click=${onClick}
    >
      ${label}
    </button>`;
  }

  private picker(label: string): TemplateResult {
    const kind = 'button-primary';
    return html`<label part="button ${kind}" class="button ${kind} picker">
      <input
        class="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        @change=${this.onFile}
      />
      ${label}
    </label>`;
  }

  private renderActions(): TemplateResult | typeof nothing {
    const cancel = this.button(msg('Cancel'), this.cancel);
    switch (this.screen) {
      case 'camera':
        return html`${cancel} ${this.button(msg('Choose a photo instead'), this.choosePhotoInstead)}
        ${this.button(msg('Take photo'), this.capture, true, !this.videoReady)}`;
      case 'checking':
        return cancel;
      case 'review':
        return html`${cancel} ${this.button(msg('Retake'), this.retake)}
        ${this.button(msg('Use this photo'), this.accept, true)}`;
      case 'refused':
        return html`${cancel}
        ${
          this.useCamera
            ? this.button(msg('Retake'), this.retake, true)
            : this.picker(msg('Choose another photo'))
        }`;
      case 'picker': {
        const again =
          this.unavailable &&
          this.unavailable !== 'unsupported' &&
          this.unavailable !== 'no-camera';
        return html`${cancel}
        ${again ? this.button(msg('Try the camera again'), this.tryCameraAgain) : nothing}
        ${this.picker(msg('Choose a photo'))}`;
      }
      case 'done':
        return nothing;
    }
  }
}
