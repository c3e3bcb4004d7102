/** Keyboard helpers for the tests that walk screens as a keyboard user (Tab, type, Enter). */
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { nodeName } from '../setup/short-nodes.js';

/** The focused element, through every open shadow root. */
export function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Presses Tab until `target` has focus, as a person would. Waits first until the target can take
 * focus (connected, not disabled): on a busy machine a button may still be waiting for its screen
 * (e.g. the camera preview) and Tab would pass it by.
 */
export async function tabTo(target: Element, what: string, maxPresses = 40): Promise<void> {
  await waitUntil(
    () => target.isConnected && !(target as HTMLButtonElement).disabled,
    `${what} never became focusable`,
    { timeout: 10_000 },
  );
  for (let presses = 0; presses < maxPresses; presses++) {
    if (deepActive() === target) return;
    await sendKeys({ press: 'Tab' });
  }
  if (deepActive() === target) return;
  throw new Error(`Tab never reached ${what} (focus is on ${nodeName(deepActive())})`);
}
