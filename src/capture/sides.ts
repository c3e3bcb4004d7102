/**
 * Which sides of a document to photograph, and the shape of the frame to line it up with, by
 * FinHub documentType (docs/finhub-contract.md#document-upload). Labels are read through msg()
 * when called, so call again after the locale changes.
 */
import { msg } from '@lit/localize';

/** The outline drawn over the preview: ID-1 card (85.6 × 54 mm), passport page, A4 page. */
export type CaptureFrame = 'card' | 'passport' | 'page';

export interface CaptureSide {
  /** Stable id, returned with the photo (`front`, `back`, `page`). */
  id: string;
  /** What the person photographs, e.g. "Front of the card". */
  label: string;
}

export interface CaptureLayout {
  frame: CaptureFrame;
  sides: CaptureSide[];
}

/** Cards with print on both sides. */
const TWO_SIDED = new Set(['NATIONAL_ID', 'ID_CARD', 'DRIVERS_LICENSE', 'RESIDENCE_PERMIT']);

export function captureLayout(documentType: string): CaptureLayout {
  if (TWO_SIDED.has(documentType)) {
    return {
      frame: 'card',
      sides: [
        { id: 'front', label: msg('Front of the card') },
        { id: 'back', label: msg('Back of the card') },
      ],
    };
  }
  if (documentType === 'PASSPORT') {
    return { frame: 'passport', sides: [{ id: 'page', label: msg('Passport photo page') }] };
  }
  return { frame: 'page', sides: [{ id: 'page', label: msg('The document') }] };
}
