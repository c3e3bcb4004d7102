/** The phone's hand-off page's messages, loaded with its documents step (scripts/split-catalogue.mjs). */
import type { MessagePart } from '../localization.js';

export const phoneMessages: MessagePart = { lt: () => import('../locales/lt.phone.js') };
