/** Locales the element ships messages for. `en` is the source; the rest load on demand. */
export const sourceLocale = 'en';
export const targetLocales = ['lt'] as const;
export type SupportedLocale = typeof sourceLocale | (typeof targetLocales)[number];
export const allLocales: readonly SupportedLocale[] = [sourceLocale, ...targetLocales];
