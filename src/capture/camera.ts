/**
 * Opening the camera for a document photo, and telling why it could not be opened, so the capture
 * element can say which (no camera, permission refused, in use…) and offer the file picker.
 */

/** Why there is no live camera. */
export type CameraUnavailable =
  /** `navigator.mediaDevices` is missing (old browser, or a page not on HTTPS). */
  | 'unsupported'
  /** The device has no camera. */
  | 'no-camera'
  /** The person (or a browser or site setting) refused access. */
  | 'denied'
  /** Another app holds the camera, or the hardware failed to start. */
  | 'busy'
  | 'failed';

export type CameraResult = { stream: MediaStream } | { unavailable: CameraUnavailable };

/**
 * The back camera where there is one (`environment`; a laptop's only camera otherwise), at up to
 * 1920 × 1080: enough over the 1000 px minimum, and a frame the check handles in well under a
 * second. `ideal`, never `exact`, so any camera is accepted.
 */
export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: {
    facingMode: { ideal: 'environment' },
    width: { ideal: 1920 },
    height: { ideal: 1080 },
  },
};

export function unavailableReason(error: unknown): CameraUnavailable {
  switch ((error as { name?: string } | undefined)?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError': // older Chrome
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'failed';
  }
}

export function stopStream(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * Asks for the camera. When `signal` aborts first (the element was removed), a stream that still
 * arrives is stopped at once and the promise rejects with the abort reason.
 */
export async function openCamera(signal?: AbortSignal): Promise<CameraResult> {
  const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (typeof media?.getUserMedia !== 'function') return { unavailable: 'unsupported' };
  // Without any video input there is nothing to ask permission for (desktops without a camera).
  if (typeof media.enumerateDevices === 'function') {
    const devices = await media.enumerateDevices().catch(() => undefined);
    if (devices && !devices.some((device) => device.kind === 'videoinput')) {
      return { unavailable: 'no-camera' };
    }
  }
  let stream: MediaStream;
  try {
    stream = await media.getUserMedia(CAMERA_CONSTRAINTS);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { unavailable: unavailableReason(error) };
  }
  if (signal?.aborted) {
    stopStream(stream);
    throw signal.reason;
  }
  return { stream };
}
