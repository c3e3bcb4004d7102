/**
 * The hand-off QR code: its structure (size for its version, the three finder patterns, the
 * quiet zone), no inline style, and a round trip through a real decoder (jsQR, test-only): the
 * rendered SVG, drawn to a canvas, reads back as the exact URL.
 */
import { expect } from '@open-wc/testing';
import jsQR from 'jsqr';
import { html, render, type TemplateResult } from 'lit';

// As the documents step will: loaded on demand.
const { qrModules, qrPath, qrSvg } = await import('../../src/handoff/qr.js');

const URL_WITH_CODE =
  'https://bank.example/onboarding/phone#code=hq1_3kR8x2Vd9LwQmZ7tYb4NcE6pJ0aSfGuH5iKoTrWy';

/** The 7 × 7 finder pattern: dark ring, light ring, dark 3 × 3 core. */
function isFinder(modules: { dark(x: number, y: number): boolean }, left: number, top: number) {
  for (let y = 0; y < 7; y++) {
    for (let x = 0; x < 7; x++) {
      const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
      const expected = ring !== 2; // rings 3 (edge) and 0–1 (core) dark, ring 2 light
      if (modules.dark(left + x, top + y) !== expected) return false;
    }
  }
  return true;
}

/**
 * Draws the rendered SVG as a screen would (its viewBox scaled to `pixels`, the white background,
 * then its path's `d` filled black) and decodes the pixels. Path2D takes the `d` string as the SVG
 * renderer does; an <img> of the SVG would need a rendered frame, which a background tab lacks.
 */
function decode(svgElement: SVGSVGElement, pixels: number): string | undefined {
  const [, , side] = svgElement.getAttribute('viewBox')!.split(' ').map(Number);
  const canvas = new OffscreenCanvas(pixels, pixels);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.scale(pixels / side!, pixels / side!);
  context.fillStyle = svgElement.querySelector('rect')!.getAttribute('fill')!;
  context.fillRect(0, 0, side!, side!);
  const path = svgElement.querySelector('path')!;
  context.fillStyle = path.getAttribute('fill')!;
  context.fill(new Path2D(path.getAttribute('d')!));
  const data = context.getImageData(0, 0, pixels, pixels).data;
  return jsQR(data, pixels, pixels)?.data;
}

/** Renders into the page (no fixture(): it waits for an animation frame, which a background tab lacks). */
function mount(template: TemplateResult): HTMLDivElement {
  const container = document.createElement('div');
  document.body.append(container);
  render(template, container);
  return container;
}

describe('hand-off QR code', function () {
  this.timeout(60_000);
  it('has a valid size and the three finder patterns', () => {
    const modules = qrModules(URL_WITH_CODE);
    expect((modules.size - 21) % 4).to.equal(0);
    const version = (modules.size - 17) / 4;
    expect(version).to.be.within(4, 10); // ~90 bytes at correction M
    const far = modules.size - 7;
    expect(isFinder(modules, 0, 0), 'top left').to.equal(true);
    expect(isFinder(modules, far, 0), 'top right').to.equal(true);
    expect(isFinder(modules, 0, far), 'bottom left').to.equal(true);
    expect(isFinder(modules, far, far), 'no finder bottom right').to.equal(false);
    // Timing pattern between the finders: alternating, starting dark.
    for (let x = 8; x < far - 1; x++) expect(modules.dark(x, 6)).to.equal(x % 2 === 0);
  });

  it('draws exactly the dark modules, offset by the quiet zone', () => {
    const modules = qrModules('HELLO');
    const path = qrPath(modules, 4);
    let dark = 0;
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) if (modules.dark(x, y)) dark++;
    }
    const runs = [...path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)];
    expect(runs.map((run) => run[0]).join('')).to.equal(path); // nothing but runs
    expect(runs.reduce((sum, run) => sum + Number(run[3]), 0)).to.equal(dark);
    for (const [, x, y, length] of runs) {
      for (let i = 0; i < Number(length); i++) {
        expect(modules.dark(Number(x) - 4 + i, Number(y) - 4)).to.equal(true);
      }
    }
  });

  it('renders an SVG that a QR reader decodes to the URL', async () => {
    const el = mount(html`${qrSvg(URL_WITH_CODE, { label: 'QR code to continue on your phone' })}`);
    const svg = el.querySelector('svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('QR code to continue on your phone');
    const side = qrModules(URL_WITH_CODE).size + 8;
    expect(svg.getAttribute('viewBox')).to.equal(`0 0 ${side} ${side}`);
    expect(el.querySelectorAll('[style]').length, 'no style attribute (CSP)').to.equal(0);
    expect(el.querySelectorAll('style').length).to.equal(0);
    expect(decode(svg, side * 4)).to.equal(URL_WITH_CODE);
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('encodes other text too (the decoder is not fooled by a fixed answer)', () => {
    const other = 'https://bank.example/phone?code=ZZZ-other';
    const el = mount(qrSvg(other, { label: 'QR' }));
    const svg = el.querySelector('svg')!;
    expect(decode(svg, (qrModules(other).size + 8) * 3)).to.equal(other);
    el.remove();
  });

  it('refuses text too long for any QR code with a RangeError', () => {
    expect(() => qrModules('x'.repeat(4000))).to.throw(RangeError, /4000 characters/);
  });
});
