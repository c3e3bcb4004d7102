import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/define.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import { latestBirthDate } from '../../src/steps/registration/individual-registration.schema.js';
import type { FinHubErrorEvent, FinHubOnboarding } from '../../src/index.js';
import { templates as main } from '../../src/localization/locales/lt.js';
import { templates as camera } from '../../src/localization/locales/lt.camera.js';
import { templates as individual } from '../../src/localization/locales/lt.individual.js';
import { templates as organization } from '../../src/localization/locales/lt.organization.js';
import { templates as phone } from '../../src/localization/locales/lt.phone.js';
import { templates as handoff } from '../../src/localization/locales/lt.handoff.js';
import {
  apiError,
  buttonNamed,
  byLabel,
  enter,
  errorOf,
  fillPages,
  fillRegistration,
  leave,
  recordingBackend,
  root,
  stepOf as stepOfQuick,
} from '../components/helpers.js';

/** `stepOf`, waiting longer: the first load of a step's chunk can be slow on a busy machine. */
async function stepOf<T extends LitElement>(el: FinHubOnboarding, tag: string): Promise<T> {
  await waitUntil(() => root(el).querySelector(tag), `<${tag}> was not rendered`, {
    timeout: 10000,
  });
  return stepOfQuick<T>(el, tag);
}

const CATEGORIZATION = 'finhub-step-categorization';
const REGISTRATION = 'finhub-step-individual-registration';

const heading = (el: FinHubOnboarding) =>
  root(el).querySelector('#step-heading')!.textContent!.trim();
const text = (scope: ParentNode) => (scope.textContent ?? '').replace(/\s+/g, ' ').trim();
const optionText = (select: HTMLSelectElement, value: string) =>
  [...select.options].find((option) => option.value === value)?.textContent?.trim();
const labels = (scope: ShadowRoot) =>
  [...scope.querySelectorAll('label')].map((label) => label.textContent!.trim());

async function categories(el: FinHubOnboarding) {
  const step = await stepOf(el, CATEGORIZATION);
  await waitUntil(() => root(step).querySelector('input[type="radio"]'), 'no categories');
  return step;
}

/** Sets `locale` as a host would, at run time, and waits for its messages. */
async function switchTo(el: FinHubOnboarding, locale: string) {
  el.locale = locale;
  await el.updateComplete;
  for (const step of root(el).querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>(
    '.content > *',
  )) {
    await step.updateComplete;
  }
}

describe('localization: locale="lt" at run time', () => {
  // The locale is page-wide: every test ends in English, whatever happened.
  let el: FinHubOnboarding | undefined;
  afterEach(async () => {
    if (el) await switchTo(el, 'en');
    el = undefined;
  });

  it('shows the first steps in Lithuanian and switches back to English', async () => {
    el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()}></finhub-onboarding>`,
    );
    const categorization = await categories(el);
    expect(heading(el)).to.equal('Account type');

    await switchTo(el, 'lt');
    expect(root(el).querySelector('[part="container"]')!.getAttribute('lang')).to.equal('lt');
    expect(heading(el)).to.equal('Sąskaitos tipas');
    expect(text(root(el).querySelector('header')!)).to.equal('Atidarykite sąskaitą');
    expect(text(root(el))).to.contain('1 žingsnis iš 5');
    expect(root(el).querySelector('nav')!.getAttribute('aria-label')).to.equal(
      'Registracijos eiga',
    );
    const stepper = [...root(el).querySelectorAll('[part~="step"] .label')].map((label) =>
      label.textContent!.trim(),
    );
    expect(stepper).to.deep.equal([
      'Sąskaitos tipas',
      'Jūsų duomenys',
      'Dokumentai',
      'Sutikimai',
      'Aktyvavimas',
    ]);
    expect(text(root(categorization))).to.contain('Pasirinkite jums tinkamą sąskaitą');
    buttonNamed(root(categorization), 'Tęsti').click();

    const registration = await stepOf(el, REGISTRATION);
    expect(heading(el)).to.equal('Jūsų duomenys');
    expect(text(root(el))).to.contain('2 žingsnis iš 5');
    const scope = root(registration);
    expect(labels(scope)).to.include.members(['Vardas', 'Pavardė', 'Gimimo data', 'Pilietybė']);
    expect(scope.getElementById('page-heading')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      '1 dalis iš 3 Apie jus',
    );
    expect(buttonNamed(scope, 'Tęsti')).to.exist;
    expect(buttonNamed(scope, 'Atgal')).to.exist;

    // Validation messages, on Continue, in Lithuanian, with the summary.
    buttonNamed(scope, 'Tęsti').click();
    await registration.updateComplete;
    expect(scope.getElementById('error-summary-title')!.textContent).to.equal('Reikia pataisyti');
    expect(errorOf(byLabel(scope, 'Vardas'))).to.contain('Įveskite vardą');
    expect(errorOf(byLabel(scope, 'Pilietybė'))).to.contain('Pasirinkite pilietybę');

    // The same screen in English again, errors included.
    await switchTo(el, 'en');
    expect(root(el).querySelector('[part="container"]')!.getAttribute('lang')).to.equal('en');
    expect(heading(el)).to.equal('Your details');
    expect(text(root(el))).to.contain('Step 2 of 5');
    expect(labels(scope)).to.include.members(['First name', 'Nationality']);
    expect(errorOf(byLabel(scope, 'First name'))).to.contain('Enter your first name');
    expect(scope.getElementById('error-summary-title')!.textContent).to.equal('There is a problem');
    expect(buttonNamed(scope, 'Continue')).to.exist;
  });

  it('loads a flow’s own messages with its steps, and again when the locale changes there', async () => {
    el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        flow="organization"
        .backend=${createLocalBackend()}
        locale="lt"
      ></finhub-onboarding>`,
    );
    buttonNamed(root(await categories(el)), 'Tęsti').click();
    const registration = await stepOf(el, 'finhub-step-organization-registration');
    const scope = root(registration);
    // The company's registration, from the organization part, on its first render.
    expect(text(scope.getElementById('page-heading')!)).to.contain('Apie įmonę');
    expect(labels(scope)).to.include('Teisinis pavadinimas');

    // English, then Lithuanian loaded again: the part comes with it.
    await switchTo(el, 'en');
    expect(text(scope.getElementById('page-heading')!)).to.contain('About the company');
    await switchTo(el, 'lt');
    expect(text(scope.getElementById('page-heading')!)).to.contain('Apie įmonę');
    expect(labels(scope)).to.include('Teisinis pavadinimas');
  });

  it('names countries through Intl.DisplayNames in the active locale, sorted for it', async () => {
    el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()} locale="lt"></finhub-onboarding>`,
    );
    buttonNamed(root(await categories(el)), 'Tęsti').click();
    const registration = await stepOf(el, REGISTRATION);
    const scope = root(registration);
    const nationality = byLabel(scope, 'Pilietybė') as HTMLSelectElement;
    const lt = new Intl.DisplayNames(['lt'], { type: 'region' });
    for (const code of ['LT', 'DE', 'GB', 'US', 'LV']) {
      expect(optionText(nationality, code), code).to.equal(lt.of(code));
    }
    // Lithuanian names, not English ones (and not codes).
    expect(optionText(nationality, 'LT')).to.equal('Lietuva');
    expect(optionText(nationality, 'DE')).to.equal('Vokietija');
    // Sorted by Lithuanian collation ("Č" after "C", "Š" after "S").
    const names = [...nationality.options].filter((o) => o.value).map((o) => o.textContent!.trim());
    const collator = new Intl.Collator('lt');
    expect(names).to.deep.equal([...names].sort(collator.compare));
    expect(names.indexOf('Čilė')).to.be.greaterThan(names.indexOf('Centrinės Afrikos Respublika'));

    // The age rule's date is written out by Intl for the locale.
    enter(byLabel(scope, 'Gimimo data'), isoYesterdayAdult());
    leave(byLabel(scope, 'Gimimo data'));
    await registration.updateComplete;
    const latest = new Intl.DateTimeFormat('lt', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${latestBirthDate()}T00:00:00Z`),
    );
    expect(latest).to.match(/\d{4} m\. \S+ \d{1,2} d\./);
    expect(errorOf(byLabel(scope, 'Gimimo data'))).to.equal(
      `Jums turi būti ne mažiau kaip 18 metų (gimimo data – ne vėliau kaip ${latest})`,
    );

    await switchTo(el, 'en');
    expect(optionText(nationality, 'LT')).to.equal('Lithuania');
    expect(optionText(nationality, 'DE')).to.equal('Germany');
    const en = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${latestBirthDate()}T00:00:00Z`),
    );
    expect(errorOf(byLabel(scope, 'Date of birth'))).to.equal(
      `You must be 18 or older (born on or before ${en})`,
    );

    // The country, on the address page, named in Lithuanian too.
    await switchTo(el, 'lt');
    await fillPages(scope, {
      Vardas: 'Ona',
      Pavardė: 'Jonaitė',
      'Gimimo data': '1990-05-15',
      Lytis: 'FEMALE',
      Pilietybė: 'LT',
      'Gimimo vieta': 'Vilnius',
    });
    const country = byLabel(scope, 'Šalis') as HTMLSelectElement;
    for (const code of ['LT', 'DE', 'GB', 'US', 'LV']) {
      expect(optionText(country, code), code).to.equal(lt.of(code));
    }
  });

  it('shows error messages (banner, alert, finhub-error) in Lithuanian', async () => {
    const { backend } = recordingBackend({
      registerIndividual: async () => {
        throw apiError({ code: 'server_error', message: 'HTTP 503', status: 503 });
      },
    });
    const errors: FinHubErrorEvent['detail'][] = [];
    el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding
        .backend=${backend}
        @finhub-error=${(e: FinHubErrorEvent) => errors.push(e.detail)}
      ></finhub-onboarding>`,
    );
    buttonNamed(root(await categories(el)), 'Continue').click();
    const registration = await stepOf(el, REGISTRATION);
    await fillRegistration(root(registration)); // by the English labels
    await switchTo(el, 'lt');
    buttonNamed(root(registration), 'Sukurti paskyrą').click();
    await waitUntil(() => root(el!).querySelector('[part="error"]'), 'no error banner');
    const message =
      'Nepavyko patvirtinti, kad jūsų paskyra sukurta. Bandykite dar kartą: jei ji sukurta, paprašysime jūsų prisijungti.';
    const banner = root(el).querySelector('[part="error"]')!;
    expect(text(banner)).to.contain(message);
    expect(buttonNamed(root(el), 'Bandyti dar kartą')).to.exist;
    expect(text(root(el).querySelector('[role="alert"]')!)).to.equal(message);
    expect(errors.map((error) => error.message)).to.deep.equal([message]);

    await switchTo(el, 'en');
    expect(buttonNamed(root(el), 'Try again')).to.exist;
    expect(heading(el)).to.equal('Your details');
    // The banner on screen follows the switch too.
    expect(text(root(el).querySelector('[part="error"]')!)).to.contain(
      'We could not confirm that your account was created.',
    );
  });

  it('falls back from lt-LT to lt and from an unknown locale to English', async () => {
    el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()} locale="lt-LT"></finhub-onboarding>`,
    );
    await categories(el);
    expect(heading(el)).to.equal('Sąskaitos tipas');
    await switchTo(el, 'xx');
    expect(heading(el)).to.equal('Account type');
    expect(root(el).querySelector('[part="container"]')!.getAttribute('lang')).to.equal('en');
  });

  it('ships a non-empty Lithuanian text for every message it has', () => {
    const entries = Object.entries({
      ...main,
      ...camera,
      ...individual,
      ...organization,
      ...phone,
      ...handoff,
    } as Record<string, string | { strings: readonly string[] }>);
    expect(entries.length).to.be.greaterThan(400);
    const empty = entries.filter(([, value]) => {
      const strings = typeof value === 'string' ? [value] : [...value.strings];
      return strings.join('').trim() === '';
    });
    expect(empty.map(([id]) => id)).to.deep.equal([]);
  });
});

/** A birth date one day too recent for the 18-year rule. */
function isoYesterdayAdult(): string {
  const latest = new Date(`${latestBirthDate()}T00:00:00Z`);
  latest.setUTCDate(latest.getUTCDate() + 1);
  return latest.toISOString().slice(0, 10);
}
