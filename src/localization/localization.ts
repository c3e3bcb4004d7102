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

/** A catalogue as `npm run localize:build` writes it: hashed ids cut to `hashLength` characters. */
interface Catalogue {
  templates: LocaleModule['templates'];
  hashLength: number;
  /**
   * The script-tag build splits each catalogue (scripts/build-cdn.mjs): these templates are what
   * the first step shows, `rest` loads the others (`completeLocale`).
   */
  rest?: () => Promise<Pick<Catalogue, 'templates'>>;
}

/** The rest of each split catalogue by locale: how to load it, then its load. */
const rests = new Map<string, { load: () => Promise<void>; loading?: Promise<void> }>();

const HASHED_ID = /^[sh][0-9a-f]{16}$/;

/**
 * The catalogue keys each hashed message id by its first characters (scripts/shorten-msg-ids.mjs:
 * about 5 kB less per locale, as the ids are random and do not compress); @lit/localize looks
 * templates up by the full id, so the lookup cuts it the same way. Explicit ids pass as they are.
 */
function withShortIds(locale: string, { templates, hashLength, rest }: Catalogue): LocaleModule {
  const short = templates as Record<string, unknown>;
  if (rest && !rests.has(locale)) {
    // Merged into the same table: messages rendered after it has loaded find their words.
    rests.set(locale, {
      load: () => rest().then((more) => void Object.assign(short, more.templates)),
    });
  }
  const lookup = new Proxy(short, {
    get: (target, id) =>
      typeof id === 'string'
        ? target[HASHED_ID.test(id) ? id.slice(0, 1 + hashLength) : id]
        : undefined,
  });
  return { templates: lookup as LocaleModule['templates'] };
}

/**
 * A catalogue part (scripts/split-catalogue.mjs): the messages of one flow's or extra's chunk, per
 * target locale, loaded with that chunk (`withMessages`), so a person loads only their flow's
 * strings. One module per part (src/localization/parts/), imported only where its chunk loads.
 */
export type MessagePart = Record<TargetLocale, () => Promise<Catalogue>>;

/** Each target locale loaded (or loading) so far: its templates, parts merged in as they arrive. */
const loaded = new Map<TargetLocale, Catalogue['templates']>();
/** Every part the page has needed so far, with its merge into the locales loaded by then. */
const needed = new Map<MessagePart, Promise<unknown>>();

const merge = (locale: TargetLocale, part: MessagePart) =>
  part[locale]().then(({ templates }) => Object.assign(loaded.get(locale)!, templates));

/** A locale's main catalogue, then every part needed so far, in one mutable template map. */
async function loadCatalogue(
  locale: TargetLocale,
  main: Promise<Catalogue>,
): Promise<LocaleModule> {
  const { templates, hashLength, rest } = await main;
  // One table per locale for the page's life: switching away and back (@lit/localize loads the
  // locale again) keeps the parts and the rest of the catalogue merged into it so far.
  if (!loaded.has(locale)) loaded.set(locale, { ...templates });
  await Promise.all([...needed.keys()].map((part) => merge(locale, part)));
  return withShortIds(locale, {
    templates: loaded.get(locale)!,
    hashLength,
    ...(rest ? { rest } : {}),
  });
}

const loaders: Record<TargetLocale, () => Promise<LocaleModule>> = {
  lt: () => loadCatalogue('lt', import('./locales/lt.js')),
};

/**
 * `module` (a chunk's lazy module) once `part`'s messages are in every locale loaded so far, so
 * what it renders first is in the person's language (a second call, e.g. the step's prefetch then
 * its arrival, waits for the same merge); a locale loaded later brings them itself. In English (no
 * target locale loaded) it loads nothing. A failed load is tried again on the next call.
 */
export async function withMessages<T>(module: Promise<T>, part: MessagePart): Promise<T> {
  let merging = needed.get(part);
  if (!merging) {
    merging = Promise.all([...loaded.keys()].map((locale) => merge(locale, part)));
    needed.set(part, merging);
    merging.catch(() => needed.delete(part));
  }
  return (await Promise.all([module, merging]))[0];
}

type LocalizationControls = ReturnType<typeof configureLocalization>;

let controls: LocalizationControls | null | undefined;
/** The last `applyLocale`'s switch (settled either way). */
let applying: Promise<unknown> = Promise.resolve();

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
  const setting = active.setLocale(target);
  applying = setting.catch(() => undefined);
  await setting;
  return active.getLocale();
}

/**
 * Resolves once every message of the active locale is loaded: the rest of a split catalogue loads
 * now if it has not yet (the first step needs only the part `applyLocale` loads). A failed load
 * rejects, and the next call tries again.
 */
export async function completeLocale(): Promise<void> {
  await applying;
  const rest = rests.get(activeLocale());
  if (!rest) return;
  rest.loading ??= rest.load().catch((error: unknown) => {
    rest.loading = undefined;
    throw error;
  });
  await rest.loading;
}
