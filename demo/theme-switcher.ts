/**
 * Demo page: the appearance controls. Theme (`theme` attribute: light, dark, auto), a brand
 * preset (a class whose rule sets a few `--finhub-*` custom properties, see theme-switcher.css),
 * and the language (`locale` attribute). Self-contained: it only touches the controls in
 * `#appearance` and the `<finhub-onboarding>` element(s) on the page.
 */
type Choice = 'light' | 'dark' | 'auto' | 'brand';

const BRAND_CLASS = 'demo-brand';
const form = document.querySelector<HTMLFormElement>('#appearance');

const elements = () => document.querySelectorAll<HTMLElement>('finhub-onboarding');

function applyTheme(choice: Choice): void {
  for (const element of elements()) {
    // The brand preset is drawn on the light theme (its colours are checked against white).
    element.setAttribute('theme', choice === 'brand' ? 'light' : choice);
    element.classList.toggle(BRAND_CLASS, choice === 'brand');
  }
  document.documentElement.dataset['demoTheme'] = choice;
}

function applyLocale(locale: string): void {
  for (const element of elements()) element.setAttribute('locale', locale);
  document.documentElement.lang = locale;
}

/** Applies the form's current choices (browsers restore them on reload). */
function applyAll(scope: HTMLFormElement): void {
  const theme = scope.querySelector<HTMLInputElement>('input[name="demo-theme"]:checked');
  const locale = scope.querySelector<HTMLSelectElement>('select[name="demo-locale"]');
  if (theme) applyTheme(theme.value as Choice);
  if (locale) applyLocale(locale.value);
}

const isElement = (node: Node): boolean =>
  node instanceof Element &&
  (node.localName === 'finhub-onboarding' || node.querySelector('finhub-onboarding') !== null);

if (form) {
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (target.name === 'demo-theme') applyTheme(target.value as Choice);
    if (target.name === 'demo-locale') applyLocale(target.value);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  applyAll(form);
  // An element added later (e.g. a new one for another flow) gets the current choices too.
  new MutationObserver((records) => {
    if (records.some((record) => [...record.addedNodes].some(isElement))) applyAll(form);
  }).observe(document.body, { childList: true, subtree: true });
}
