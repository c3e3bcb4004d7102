/** The individual flow's messages (its registration), loaded with its steps (scripts/split-catalogue.mjs). */
import type { MessagePart } from '../localization.js';

export const individualMessages: MessagePart = { lt: () => import('../locales/lt.individual.js') };
