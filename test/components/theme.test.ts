import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/define.js';
import type { FinHubOnboarding } from '../../src/index.js';

/** sRGB channels 0..255 from `#rrggbb` or `rgb(r, g, b)`. */
function channels(color: string): [number, number, number] {
  const value = color.trim();
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(value);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`Cannot read colour "${color}"`);
}

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(color: string): number {
  const [r, g, b] = channels(color).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const token = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name);

function checkContrast(el: FinHubOnboarding, scheme: string) {
  const surface = token(el, '--_color-surface');
  const text = [
    '--_color-text',
    '--_color-muted',
    '--_color-primary',
    '--_color-error',
    '--_color-success',
  ];
  for (const name of text) {
    expect(contrast(token(el, name), surface), `${scheme} ${name}`).to.be.at.least(4.5);
  }
  expect(
    contrast(token(el, '--_color-on-primary'), token(el, '--_color-primary')),
    `${scheme} on-primary`,
  ).to.be.at.least(4.5);
  for (const name of ['--_color-border', '--_focus-ring']) {
    expect(contrast(token(el, name), surface), `${scheme} ${name}`).to.be.at.least(3);
  }
}

describe('theme', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  it('meets WCAG AA contrast in the default light and dark themes', async () => {
    const el = await fixture<FinHubOnboarding>(
      html`<finhub-onboarding theme="light"></finhub-onboarding>`,
    );
    checkContrast(el, 'light');
    expect(token(el, '--_color-surface').trim()).to.equal('#ffffff');
    el.theme = 'dark';
    await el.updateComplete;
    checkContrast(el, 'dark');
    expect(token(el, '--_color-surface').trim()).to.equal('#111827');
  });

  it('follows the system colour scheme in auto, unless the theme attribute says otherwise', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await fixture<FinHubOnboarding>(html`<finhub-onboarding></finhub-onboarding>`);
    expect(el.theme).to.equal('auto');
    const container = el.shadowRoot!.querySelector('[part="container"]')!;
    expect(getComputedStyle(container).backgroundColor).to.equal('rgb(17, 24, 39)');
    el.theme = 'light';
    await el.updateComplete;
    expect(getComputedStyle(container).backgroundColor).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'light' });
    el.theme = 'auto';
    await el.updateComplete;
    expect(getComputedStyle(container).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('uses no inline styles (strict CSP): styles are adopted stylesheets', async () => {
    const el = await fixture<FinHubOnboarding>(html`<finhub-onboarding></finhub-onboarding>`);
    await new Promise((resolve) => setTimeout(resolve, 20));
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
