/** "Use my phone"'s panel messages, loaded with the panel (scripts/split-catalogue.mjs). */
import type { MessagePart } from '../localization.js';

export const handoffMessages: MessagePart = { lt: () => import('../locales/lt.handoff.js') };
