/** The camera capture's messages, loaded with it (scripts/split-catalogue.mjs). */
import type { MessagePart } from '../localization.js';

export const cameraMessages: MessagePart = { lt: () => import('../locales/lt.camera.js') };
