/** The organization flow's messages (its registration, the people step), loaded with its steps (scripts/split-catalogue.mjs). */
import type { MessagePart } from '../localization.js';

export const organizationMessages: MessagePart = {
  lt: () => import('../locales/lt.organization.js'),
};
