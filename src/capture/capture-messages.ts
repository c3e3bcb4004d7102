/** What the person reads when a photo is refused or the camera cannot be used. */
import { msg, str } from '@lit/localize';
import type { CameraUnavailable } from './camera.js';
import { QUALITY_LIMITS, type QualityProblem } from './quality-limits.js';

export function problemMessage(
  problem: QualityProblem,
  minLongEdge: number = QUALITY_LIMITS.minLongEdge,
): string {
  switch (problem) {
    case 'blurred':
      return msg('Retake: the photo is blurred. Hold still and let the camera focus.');
    case 'dark':
      return msg('Retake: the photo is too dark. Move somewhere brighter.');
    case 'glare':
      return msg('Retake: the photo has glare. Tilt the document or move away from direct light.');
    case 'small':
      return msg(
        str`Retake: the photo is too small. It must be at least ${minLongEdge} pixels on its long side.`,
      );
    case 'unreadable':
      return msg('This file is not a photo we can read. Choose a JPEG or PNG photo.');
  }
}

export function unavailableMessage(reason: CameraUnavailable): string {
  switch (reason) {
    case 'unsupported':
      return msg('This browser cannot use a camera on this page. Choose a photo instead.');
    case 'no-camera':
      return msg('No camera was found on this device. Choose a photo instead.');
    case 'denied':
      return msg(
        'Camera access was refused. Choose a photo instead, or allow the camera in your browser settings and try again.',
      );
    case 'busy':
      return msg(
        'The camera is in use by another app. Close that app and try again, or choose a photo instead.',
      );
    case 'failed':
      return msg('The camera could not be started. Try again, or choose a photo instead.');
  }
}
