/**
 * `@lit/localize` in runtime mode, configured lazily (on first use, never at import time) so
 * importing the element stays free of side effects. Locale modules load on demand.
 *
 * The active locale is page-wide (one `configureLocalization` per page): with several elements
 * on one page, the last `locale` set wins for all of them.
 */
import { configureLocalization, type LocaleModule } from '@lit/localize';
import { sourceLocale, targetLocales, type SupportedLocale } from './locale-codes.js';

type TargetLocale = (typeof targetLocales)[number];

const loaders: Record<TargetLocale, () => Promise<LocaleModule>> = {
  lt: () => import('./locales/lt.js'),
};

type LocalizationControls = ReturnType<typeof configureLocalization>;

let controls: LocalizationControls | null | undefined;

function controlsOnce(): LocalizationControls | null {
  if (controls === undefined) {
    try {
      controls = configureLocalization({
        sourceLocale,
        targetLocales,
        loadLocale: (locale) => loaders[locale as TargetLocale](), // only target locales reach here
      });
    } catch {
      // The page configured @lit/localize itself (allowed once per page): follow its locale.
      controls = null;
    }
  }
  return controls;
}

const isTarget = (locale: string): locale is TargetLocale =>
  (targetLocales as readonly string[]).includes(locale);

/** Best supported match for a BCP 47 tag: exact, then its language (`lt-LT` → `lt`), else `en`. */
export function resolveLocale(requested: string | null | undefined): SupportedLocale {
  if (!requested) return sourceLocale;
  const tag = requested.trim().toLowerCase();
  if (isTarget(tag)) return tag;
  const language = tag.split(/[-_]/)[0] ?? '';
  return isTarget(language) ? language : sourceLocale;
}

/** The locale messages are rendered in right now. */
export function activeLocale(): string {
  return controls?.getLocale() ?? sourceLocale;
}

/**
 * Switches messages to the best match for `requested` and resolves once its module is loaded.
 * Resolves to the locale now active (the page's own when the page configured localization).
 */
export async function applyLocale(requested: string | null | undefined): Promise<string> {
  const target = resolveLocale(requested);
  const active = controlsOnce();
  if (!active) return target;
  await active.setLocale(target);
  return active.getLocale();
}
