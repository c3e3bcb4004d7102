import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import '../../src/define.js';
import { createLocalBackend } from '../doubles/local-backend.js';
import type { FinHubOnboarding, FinHubTheme } from '../../src/index.js';
import {
  apiError,
  buttonNamed,
  deferred,
  fillRegistration,
  recordingBackend,
  root,
  stepOf as stepOfQuick,
  uploadEveryDocument,
} from './helpers.js';

/** `stepOf`, waiting longer: the first load of a step's chunk can be slow on a busy machine. */
async function stepOf<T extends LitElement>(el: FinHubOnboarding, tag: string): Promise<T> {
  await waitUntil(() => root(el).querySelector(tag), `<${tag}> was not rendered`, {
    timeout: 10000,
  });
  return stepOfQuick<T>(el, tag);
}

type RGB = [number, number, number];
type RGBA = [number, number, number, number];

/** A computed colour: `rgb()`/`rgba()`, `#rrggbb`, or `color(srgb r g b / a)` (color-mix). */
function parse(color: string): RGBA {
  const value = color.trim();
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16), 1];
  const rgb = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(value);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), Number(rgb[4] ?? 1)];
  const srgb = /^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/.exec(value);
  if (srgb) {
    return [
      Number(srgb[1]) * 255,
      Number(srgb[2]) * 255,
      Number(srgb[3]) * 255,
      Number(srgb[4] ?? 1),
    ];
  }
  throw new Error(`Cannot read colour "${color}"`);
}

/** `top` (with its alpha, times `opacity`) composited over the opaque `bottom`. */
function over(top: RGBA, bottom: RGB, opacity = 1): RGB {
  const a = top[3] * opacity;
  return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)) as RGB;
}

/** WCAG 2.2 relative luminance and contrast ratio. */
function luminance([r, g, b]: RGB): number {
  const [R, G, B] = [r, g, b].map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as RGB;
  return 0.2126 * R + 0.7152 * G + 0.0722 * B;
}

function contrast(a: RGB, b: RGB): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The element's parent across shadow boundaries. */
const parentOf = (node: Element): Element | null =>
  node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;

/** What is painted behind `el`: its ancestors' backgrounds composited (the page is white). */
function backdrop(el: Element): RGB {
  const layers: RGBA[] = [];
  for (let node = parentOf(el); node; node = parentOf(node)) {
    const layer = parse(getComputedStyle(node).backgroundColor);
    if (layer[3] > 0) layers.push(layer);
    if (layer[3] === 1) break;
  }
  return layers.reduceRight<RGB>((below, layer) => over(layer, below), [255, 255, 255]);
}

/** The element's own background over its backdrop (its `opacity` applied). */
function background(el: Element): RGB {
  const style = getComputedStyle(el);
  return over(parse(style.backgroundColor), backdrop(el), Number(style.opacity));
}

/** Text colour as painted: over the element's background, the element's `opacity` applied. */
function textColor(el: Element): RGB {
  const style = getComputedStyle(el);
  const behind = backdrop(el);
  const own = over(parse(style.backgroundColor), behind);
  return over([...over(parse(style.color), own), 1] as RGBA, behind, Number(style.opacity));
}

interface Finding {
  what: string;
  ratio: number;
  minimum: number;
}

const findings: Finding[] = [];

function record(what: string, a: RGB, b: RGB, minimum: number) {
  findings.push({ what, ratio: Math.round(contrast(a, b) * 100) / 100, minimum });
}

/** Text ≥ 4.5:1 on what is behind it (WCAG 1.4.3). */
function text(what: string, el: Element | null | undefined) {
  if (!el) throw new Error(`${what}: not rendered`);
  record(what, textColor(el), background(el), 4.5);
}

/** A UI component's visual boundary ≥ 3:1 against what is behind it (WCAG 1.4.11). */
function boundary(what: string, el: Element | null | undefined, color: 'border' | 'fill') {
  if (!el) throw new Error(`${what}: not rendered`);
  const style = getComputedStyle(el);
  const edge =
    color === 'border'
      ? over(parse(style.borderTopColor), backdrop(el), Number(style.opacity))
      : background(el);
  record(what, edge, backdrop(el), 3);
}

/** Fails with every measurement below its minimum (plain values, so the runner can print them). */
function expectAllPass(scheme: string) {
  const failing = findings.filter((f) => f.ratio < f.minimum);
  const measured = findings.length;
  findings.length = 0;
  expect(measured, `${scheme}: nothing measured`).to.be.greaterThan(0);
  expect(failing, `${scheme}: contrast below WCAG 2.2 AA`).to.deep.equal([]);
}

async function setTheme(el: FinHubOnboarding, theme: FinHubTheme) {
  el.theme = theme;
  await el.updateComplete;
}

async function categorization(el: FinHubOnboarding) {
  const step = await stepOf(el, 'finhub-step-categorization');
  await waitUntil(() => root(step).querySelector('input[type="radio"]'), 'no categories');
  return step;
}

const SCHEMES: { theme: FinHubTheme; media: 'light' | 'dark'; name: string }[] = [
  { theme: 'light', media: 'dark', name: 'light (attribute, system dark)' },
  { theme: 'dark', media: 'light', name: 'dark (attribute, system light)' },
  { theme: 'auto', media: 'dark', name: 'auto, system dark' },
  { theme: 'auto', media: 'light', name: 'auto, system light' },
];

describe('theme', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  it('meets WCAG 2.2 AA contrast on rendered controls in the light and dark themes', async () => {
    const { backend } = recordingBackend({
      registerIndividual: async () => {
        throw apiError({ code: 'server_error', message: 'HTTP 503', status: 503 });
      },
    });
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${backend}></finhub-onboarding>`,
    );
    buttonNamed(root(await categorization(el)), 'Continue').click();
    const registration = await stepOf(el, 'finhub-step-individual-registration');
    const scope = root(registration);
    const shell = root(el);
    const primary = buttonNamed(scope, 'Continue'); // the first page's

    for (const { theme, media, name } of SCHEMES) {
      await emulateMedia({ colorScheme: media });
      await setTheme(el, theme);
      text('body text', shell.querySelector('.container'));
      text('heading', shell.querySelector('#step-heading'));
      text('muted text (progress line)', shell.querySelector('.progress-summary'));
      text('current step marker', shell.querySelector('.step.current .marker'));
      text('completed step marker', shell.querySelector('.step.complete .marker'));
      boundary('upcoming step marker', shell.querySelector('.step.upcoming .marker'), 'border');
      text('label', scope.querySelector('label'));
      text('hint (muted)', scope.querySelector('.hint'));
      text('input text', scope.querySelector('input'));
      boundary('input border', scope.querySelector('input'), 'border');
      boundary('select border', scope.querySelector('select'), 'border');
      text('primary button text', primary);
      boundary('primary button', primary, 'fill');
      text('secondary button text', buttonNamed(scope, 'Back'));
      boundary('secondary button border', buttonNamed(scope, 'Back'), 'border');

      // Focus ring, as a keyboard user sees it.
      await sendKeys({ press: 'Shift' });
      primary.focus();
      expect(primary.matches(':focus-visible'), `${name}: focus-visible`).to.equal(true);
      const ring = getComputedStyle(primary);
      expect(ring.outlineStyle).to.equal('solid');
      expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
      record('focus ring', over(parse(ring.outlineColor), backdrop(primary)), backdrop(primary), 3);
      primary.blur();
      expectAllPass(name);
    }

    // Field errors: every field shows one after an empty submit.
    await emulateMedia({ colorScheme: 'light' });
    await setTheme(el, 'light');
    primary.click();
    await registration.updateComplete;
    for (const { theme, media, name } of SCHEMES) {
      await emulateMedia({ colorScheme: media });
      await setTheme(el, theme);
      text('field error', scope.querySelector('.field-error span'));
      boundary('invalid input border', scope.querySelector('input[aria-invalid="true"]'), 'border');
      expectAllPass(`${name}, field errors`);
    }

    // The error banner and its retry button.
    await emulateMedia({ colorScheme: 'light' });
    await setTheme(el, 'light');
    await fillRegistration(scope);
    buttonNamed(scope, 'Create account').click();
    await waitUntil(() => shell.querySelector('[part="error"]'), 'no error banner');
    for (const { theme, media, name } of SCHEMES) {
      await emulateMedia({ colorScheme: media });
      await setTheme(el, theme);
      text('error banner text', shell.querySelector('.banner-message'));
      boundary('error banner border', shell.querySelector('[part="error"]'), 'border');
      text('retry button', buttonNamed(shell, 'Try again'));
      expectAllPass(`${name}, banner`);
    }
  });

  it('keeps the busy primary button readable (≥ 4.5:1) in both themes', async () => {
    const pending = deferred<Record<string, never>>();
    const { backend } = recordingBackend({ registerIndividual: () => pending.promise });
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${backend}></finhub-onboarding>`,
    );
    buttonNamed(root(await categorization(el)), 'Continue').click();
    const registration = await stepOf(el, 'finhub-step-individual-registration');
    await fillRegistration(root(registration));
    buttonNamed(root(registration), 'Create account').click();
    await waitUntil(
      () => root(registration).querySelector('.button-primary[aria-disabled="true"]'),
      'the button never showed busy',
    );
    const busy = root(registration).querySelector('.button-primary[aria-disabled="true"]')!;
    expect(Number(getComputedStyle(busy).opacity)).to.be.lessThan(1); // it does look busy
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(el, theme);
      text('busy primary button', busy);
      text('busy label (muted)', root(registration).querySelector('.busy .muted'));
      expectAllPass(`${theme}, busy`);
    }
    pending.resolve({});
  });

  it('has a readable dropzone and links, and exposes the documents step parts', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()}></finhub-onboarding>`,
    );
    buttonNamed(root(await categorization(el)), 'Continue').click();
    const registration = await stepOf(el, 'finhub-step-individual-registration');
    await fillRegistration(root(registration));
    buttonNamed(root(registration), 'Create account').click();
    const verification = await stepOf(el, 'finhub-step-verification');
    await waitUntil(() => root(verification).querySelector('li'), 'no documents listed');
    buttonNamed(root(verification), 'Continue').click();
    const documents = await stepOf(el, 'finhub-step-documents');
    await waitUntil(() => root(documents).querySelector('[part="dropzone"]'), 'no dropzone');
    // The documents step's parts reach the host page through the shell.
    const partStyles = document.createElement('style');
    partStyles.textContent = `
      finhub-onboarding::part(document) { letter-spacing: 3px; }
      finhub-onboarding::part(dropzone) { letter-spacing: 4px; }
      finhub-onboarding::part(button-primary) { letter-spacing: 5px; }`;
    document.head.append(partStyles);
    try {
      const card = root(documents).querySelector('[part="document"]')!;
      expect(getComputedStyle(card).letterSpacing).to.equal('3px');
      const dropzone = root(documents).querySelector('[part="dropzone"]')!;
      expect(getComputedStyle(dropzone).letterSpacing).to.equal('4px');
      expect(getComputedStyle(buttonNamed(root(documents), 'Continue')).letterSpacing).to.equal(
        '5px',
      );
    } finally {
      partStyles.remove();
    }
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(el, theme);
      text('dropzone text', root(documents).querySelector('[part="dropzone"]'));
      boundary('dropzone border', root(documents).querySelector('[part="dropzone"]'), 'border');
      text('document card hint', root(documents).querySelector('[part="document"] .hint'));
      expectAllPass(`${theme}, documents`);
    }
    await uploadEveryDocument(documents);
    buttonNamed(root(documents), 'Continue').click();
    const consents = await stepOf(el, 'finhub-step-consents');
    const link = root(consents).querySelector('a')!;
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(el, theme);
      text('link', link);
      // Links are told apart from text by more than colour (WCAG 1.4.1).
      expect(getComputedStyle(link).textDecorationLine).to.contain('underline');
      text('consent label', root(consents).querySelector('label'));
      expectAllPass(`${theme}, consents`);
    }
  });

  it('follows the system colour scheme in auto, unless the theme attribute says otherwise', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await fixture<FinHubOnboarding>(html`<finhub-onboarding></finhub-onboarding>`);
    expect(el.theme).to.equal('auto');
    const container = el.shadowRoot!.querySelector('[part="container"]')!;
    expect(getComputedStyle(container).backgroundColor).to.equal('rgb(17, 24, 39)');
    expect(getComputedStyle(container).colorScheme).to.equal('dark');
    el.theme = 'light';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('light');
    expect(getComputedStyle(container).backgroundColor).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'light' });
    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    expect(getComputedStyle(container).backgroundColor).to.equal('rgb(17, 24, 39)');
    el.theme = 'auto';
    await el.updateComplete;
    expect(getComputedStyle(container).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('lets every documented --finhub-* custom property change what is rendered', async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as {
      modules: { declarations?: { tagName?: string; cssProperties?: { name: string }[] }[] }[];
    };
    const element = manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .find((declaration) => declaration.tagName === 'finhub-onboarding')!;
    const documented = element.cssProperties!.map((property) => property.name).sort();
    expect(documented).to.include.members([
      '--finhub-color-primary',
      '--finhub-color-text',
      '--finhub-color-surface',
      '--finhub-font-family',
      '--finhub-radius',
      '--finhub-spacing',
      '--finhub-control-height',
    ]);

    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding .backend=${createLocalBackend()} theme="light"></finhub-onboarding>`,
    );
    buttonNamed(root(await categorization(el)), 'Continue').click();
    const registration = await stepOf(el, 'finhub-step-individual-registration');
    const scope = root(registration);
    buttonNamed(scope, 'Continue').click(); // errors on the first page
    await registration.updateComplete;
    const shell = root(el);
    const probes = () => ({
      container: getComputedStyle(shell.querySelector('.container')!),
      done: getComputedStyle(shell.querySelector('.step.complete .marker')!),
      muted: getComputedStyle(shell.querySelector('.progress-summary')!),
      input: getComputedStyle(scope.querySelector('input[aria-invalid="true"]')!),
      error: getComputedStyle(scope.querySelector('.field-error')!),
      primary: getComputedStyle(buttonNamed(scope, 'Continue')),
      form: getComputedStyle(scope.querySelector('form')!),
      title: getComputedStyle(shell.querySelector('.title')!),
      heading: getComputedStyle(shell.querySelector('#step-heading')!),
    });
    // What each property visibly drives (a reading of the computed style).
    const reads: Record<string, (p: ReturnType<typeof probes>) => string> = {
      '--finhub-color-primary': (p) => p.primary.backgroundColor,
      '--finhub-color-on-primary': (p) => p.primary.color,
      '--finhub-color-text': (p) => p.container.color,
      '--finhub-color-muted': (p) => p.muted.color,
      '--finhub-color-surface': (p) => p.container.backgroundColor,
      '--finhub-color-border': (p) => p.container.borderTopColor,
      '--finhub-color-error': (p) => p.error.color,
      '--finhub-color-success': (p) => p.done.color,
      '--finhub-font-family': (p) => p.container.fontFamily,
      '--finhub-radius': (p) => p.input.borderTopLeftRadius,
      '--finhub-spacing': (p) => p.form.rowGap,
      '--finhub-control-height': (p) => p.primary.minHeight,
      '--finhub-font-size': (p) => p.container.fontSize,
      '--finhub-font-size-small': (p) => p.muted.fontSize,
      '--finhub-font-size-section': (p) => p.title.fontSize,
      '--finhub-font-size-heading': (p) => p.heading.fontSize,
      '--finhub-focus-ring': () => {
        const primary = buttonNamed(scope, 'Continue'); // the first page's
        primary.focus();
        const color = getComputedStyle(primary).outlineColor;
        primary.blur();
        return color;
      },
    };
    const values: Record<string, string> = {
      '--finhub-font-family': 'Georgia, serif',
      '--finhub-radius': '3px',
      '--finhub-spacing': '7px',
      '--finhub-control-height': '50px',
      '--finhub-font-size': '13px',
      '--finhub-font-size-small': '11px',
      '--finhub-font-size-section': '19px',
      '--finhub-font-size-heading': '29px',
    };
    const unread = documented.filter((name) => !(name in reads));
    expect(unread, 'documented but not checked here').to.deep.equal([]);
    await sendKeys({ press: 'Shift' }); // keyboard modality, for the focus ring
    const unchanged: string[] = [];
    for (const name of documented) {
      const before = reads[name]!(probes());
      el.style.setProperty(name, values[name] ?? 'rgb(1, 2, 3)');
      const after = reads[name]!(probes());
      el.style.removeProperty(name);
      if (before === after) unchanged.push(`${name}: ${before}`);
    }
    expect(unchanged, 'properties that changed nothing').to.deep.equal([]);
  });

  it('uses no inline styles (strict CSP): styles are adopted stylesheets', async () => {
    const el = await fixture<FinHubOnboarding>(html`<finhub-onboarding></finhub-onboarding>`);
    await el.updateComplete;
    const roots = [
      el.shadowRoot!,
      ...[...el.shadowRoot!.querySelectorAll('*')].flatMap((n) =>
        n.shadowRoot ? [n.shadowRoot] : [],
      ),
    ];
    for (const shadow of roots) {
      expect(shadow.querySelectorAll('style, [style]')).to.have.length(0);
      expect(shadow.adoptedStyleSheets.length).to.be.greaterThan(0);
    }
  });
});
