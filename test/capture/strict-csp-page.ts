/**
 * The framed page of test/capture/strict-csp.test.ts: checks one document photo with the default
 * checker (worker when it can start) and leaves what happened on `window.photoCheck`; then encodes
 * a document for upload (worker when it can start) and leaves it on `window.documentEncode`.
 */
import { PhotoQualityChecker } from '../../src/capture/quality.js';
import { encodeFile } from '../../src/steps/documents/encode.js';
import { documentPhoto } from './images.js';

const checker = new PhotoQualityChecker();
const result = await checker.check(await documentPhoto({ width: 1600 }));
checker.dispose();
(window as unknown as { photoCheck: unknown }).photoCheck = {
  ok: result.ok,
  checkedIn: result.checkedIn,
  bytes: result.ok ? result.photo.size : 0,
};
const encoded = await encodeFile(new Blob(['%PDF-1.4\n']));
(window as unknown as { documentEncode: unknown }).documentEncode = {
  base64: await encoded.base64.text(),
  encodedIn: encoded.encodedIn,
};
