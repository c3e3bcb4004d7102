/**
 * The framed page of test/capture/strict-csp.test.ts: checks one document photo with the default
 * checker (worker when it can start) and leaves what happened on `window.photoCheck`.
 */
import { PhotoQualityChecker } from '../../src/capture/quality.js';
import { documentPhoto } from './images.js';

const checker = new PhotoQualityChecker();
const result = await checker.check(await documentPhoto({ width: 1600 }));
checker.dispose();
(window as unknown as { photoCheck: unknown }).photoCheck = {
  ok: result.ok,
  checkedIn: result.checkedIn,
  bytes: result.ok ? result.photo.size : 0,
};
