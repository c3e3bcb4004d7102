/**
 * Events the capture element sends to the element that holds it (the documents step). Internal:
 * they bubble but are not `composed`, so they never leave that element's shadow root, and the
 * host page never sees a photo; the public `finhub-*` events carry ids and statuses only.
 */

/** One accepted photo, ready to upload: JPEG within `OUTPUT_LIMITS`. */
export interface CapturedPhoto {
  /** The `CaptureSide.id` it shows (e.g. `front`, `back`). */
  side: string;
  photo: Blob;
  width: number;
  height: number;
}

/** Every side has an accepted photo, in the order of `sides`. */
export class CaptureResultEvent extends Event {
  static readonly eventName = 'finhub-capture-result';
  readonly photos: readonly CapturedPhoto[];

  constructor(photos: readonly CapturedPhoto[]) {
    super(CaptureResultEvent.eventName, { bubbles: true, composed: false });
    this.photos = photos;
  }
}

/** The person chose Cancel (the camera is already off). */
export class CaptureCancelEvent extends Event {
  static readonly eventName = 'finhub-capture-cancel';

  constructor() {
    super(CaptureCancelEvent.eventName, { bubbles: true, composed: false });
  }
}
