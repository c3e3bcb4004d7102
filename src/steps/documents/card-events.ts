/**
 * What a document card tells the documents step (internal: they bubble in the step's shadow root
 * but are not `composed`).
 */

/** A card's state changed (its phase, its document): the step re-checks Continue. */
export class DocumentCardChangeEvent extends Event {
  static readonly eventName = 'finhub-document-change';

  constructor() {
    super(DocumentCardChangeEvent.eventName, { bubbles: true, composed: false });
  }
}

/** "Take a photo" on a card: the step opens the camera for `documentType`'s sides. */
export class DocumentCardCameraEvent extends Event {
  static readonly eventName = 'finhub-document-camera';

  constructor(readonly documentType: string) {
    super(DocumentCardCameraEvent.eventName, { bubbles: true, composed: false });
  }
}
