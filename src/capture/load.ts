/**
 * The lazy entry of the camera capture: `await loadCameraCapture()` before rendering
 * `<finhub-camera-capture>`. It loads the element (and with it the quality checker; the worker
 * file itself loads on the first check) and registers the tag once.
 */
import { defineOnce } from '../element/define-once.js';
import { withMessages } from '../localization/localization.js';
import { cameraMessages } from '../localization/parts/camera.js';

export const CAMERA_CAPTURE_TAG = 'finhub-camera-capture';

export async function loadCameraCapture(): Promise<void> {
  const { FinHubCameraCapture } = await withMessages(import('./camera-capture.js'), cameraMessages);
  defineOnce(CAMERA_CAPTURE_TAG, FinHubCameraCapture);
}
