/**
 * The QR code of the phone hand-off link, as an SVG in a Lit template. Load this module only with
 * `await import('…/handoff/qr.js')` when the person asks for "Use my phone": it brings the encoder
 * (`lean-qr/nano`, about 2.1 kB gzip; see the README's dependency list for why this one).
 *
 * CSP: one `<path>` whose `d` draws every dark module, colours as presentation attributes (`fill`),
 * no `style` attribute and no inline stylesheet, so `style-src 'self'` holds.
 */
import { html, type TemplateResult } from 'lit';
import { correction, generate } from 'lean-qr/nano';

export type QrCorrection = 'L' | 'M' | 'Q' | 'H';

export interface QrModules {
  /** Modules per side (21 + 4 × version). */
  size: number;
  /** Whether the module at column `x`, row `y` is dark. */
  dark(x: number, y: number): boolean;
}

export interface QrSvgOptions {
  /** The accessible name, e.g. "QR code to continue on your phone". */
  label: string;
  /** Error correction; M (15 % of the code can be lost) suits a code read off a screen. */
  correction?: QrCorrection;
  /** Light modules around the code; the standard asks for 4. */
  quietZone?: number;
}

/** The modules of `text` (UTF-8, byte mode). Throws a RangeError when it is too long for a code. */
export function qrModules(text: string, level: QrCorrection = 'M'): QrModules {
  let code: ReturnType<typeof generate>;
  try {
    code = generate(text, { minCorrectionLevel: correction[level] });
  } catch (error) {
    throw new RangeError(`Cannot encode ${text.length} characters as a QR code`, { cause: error });
  }
  return { size: code.size, dark: (x, y) => code.get(x, y) };
}

/**
 * An SVG path drawing the dark modules, one subpath per horizontal run, in module units offset by
 * `offset` (the quiet zone).
 */
export function qrPath(modules: QrModules, offset = 0): string {
  const parts: string[] = [];
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (!modules.dark(x, y)) continue;
      let run = 1;
      while (x + run < modules.size && modules.dark(x + run, y)) run++;
      parts.push(`M${x + offset} ${y + offset}h${run}v1h-${run}z`);
      x += run;
    }
  }
  return parts.join('');
}

/**
 * `<svg role="img">` of the QR code of `text`, black on white whatever the theme (readers need the
 * contrast), scaled to its box by CSS (`width`/`height` on the host's rule for `svg.qr`).
 */
export function qrSvg(text: string, options: QrSvgOptions): TemplateResult {
  const quiet = options.quietZone ?? 4;
  const modules = qrModules(text, options.correction);
  const side = modules.size + quiet * 2;
  return html`<svg
    class="qr"
    role="img"
    aria-label=${options.label}
    viewBox="0 0 ${side} ${side}"
    shape-rendering="crispEdges"
    xmlns="http://www.w3.org/2000/svg"
  >
    <rect width=${side} height=${side} fill="#ffffff"></rect>
    <path d=${qrPath(modules, quiet)} fill="#000000"></path>
  </svg>`;
}
