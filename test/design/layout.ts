/**
 * Measuring reflow (WCAG 1.4.10): at a given width nothing may stick out of its container and the
 * page may not scroll sideways.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';

export const WIDTHS = [320, 375, 1280] as const;
export const SCHEMES = ['light', 'dark'] as const;

/** Sets the viewport (height generous so nothing scrolls for height) and the colour scheme. */
export async function viewport(width: number, scheme: 'light' | 'dark' = 'light'): Promise<void> {
  await setViewport({ width, height: 900 });
  await emulateMedia({ colorScheme: scheme });
}

/** Every element under `root`, through open shadow roots. */
function* walk(root: Element | ShadowRoot): Generator<Element> {
  for (const child of root.children) {
    yield child;
    if (child.shadowRoot) yield* walk(child.shadowRoot);
    yield* walk(child);
  }
}

const describe = (element: Element) =>
  `<${element.localName}${element.id ? `#${element.id}` : ''}${
    element.getAttribute('class') ? `.${element.getAttribute('class')!.split(' ').join('.')}` : ''
  }>`;

/**
 * What sticks out: rendered elements whose box reaches past `host`'s right edge (or the viewport),
 * and the page's sideways scroll. Hidden helpers (`.visually-hidden`) are skipped.
 */
export function overflows(host: Element): string[] {
  const limit = Math.min(host.getBoundingClientRect().right, document.documentElement.clientWidth);
  const found: string[] = [];
  for (const element of walk(host.shadowRoot ?? host)) {
    if (element.closest('.visually-hidden') || element.classList.contains('visually-hidden'))
      continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > limit + 0.5) {
      found.push(`${describe(element)} ends at ${Math.round(box.right)} > ${Math.round(limit)}`);
    }
  }
  const { scrollWidth, clientWidth } = document.documentElement;
  if (scrollWidth > clientWidth)
    found.push(`page scrolls sideways: ${scrollWidth} > ${clientWidth}`);
  return found;
}

export function expectNoOverflow(host: Element, where: string): void {
  expect(overflows(host), `${where}: overflowing`).to.deep.equal([]);
}
