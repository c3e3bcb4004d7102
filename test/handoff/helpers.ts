/**
 * Two pages for the phone hand-off: the computer (the element in this test page) and the phone (the
 * partner's hand-off page, test/handoff/phone-page.html, in a 375 px iframe opened with the link the
 * computer shows), both through the test server's relay and sandbox.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { FinHubOnboarding } from '../../src/index.js';
import type { TestClock } from '../doubles/clock.js';
import { buttonNamed, root } from '../components/helpers.js';
import { container } from '../flow-individual/helpers.js';

export const PHONE_PAGE = '/test/handoff/phone-page.html';

export interface Phone {
  frame: HTMLIFrameElement;
  win: Window & typeof globalThis;
  el: FinHubOnboarding;
  events: () => Array<{ type: string; detail: unknown }>;
}

/** Presses "Use my phone" on the documents step and returns the link the panel shows. */
export async function usePhone(documents: LitElement): Promise<string> {
  buttonNamed(root(documents), 'Use my phone').click();
  await waitUntil(
    () => root(documents).querySelector<HTMLInputElement>('#handoff-link')?.value,
    'the hand-off link never showed',
    { timeout: 8000 },
  );
  return root(documents).querySelector<HTMLInputElement>('#handoff-link')!.value;
}

/** Opens `link` in a phone-sized frame and waits for its element to render. */
export async function openPhone(link: string): Promise<Phone> {
  const frame = document.createElement('iframe');
  frame.width = '375';
  frame.height = '740';
  frame.src = link;
  container().append(frame);
  await waitUntil(
    () => frame.contentDocument?.querySelector('finhub-onboarding')?.shadowRoot,
    'the hand-off page never rendered',
    { timeout: 8000 },
  );
  const win = frame.contentWindow as Window & typeof globalThis;
  const el = frame.contentDocument!.querySelector('finhub-onboarding') as FinHubOnboarding;
  const events = () =>
    (win as unknown as { finhubEvents: Array<{ type: string; detail: unknown }> }).finhubEvents;
  return { frame, win, el, events };
}

/** The phone's documents step once the code is exchanged. */
export async function phoneDocuments(phone: Phone): Promise<LitElement> {
  await waitUntil(
    () => root(phone.el).querySelector('finhub-step-phone-documents'),
    `the phone's documents never showed: ${text(phone.el)}`,
    { timeout: 8000 },
  );
  const documents = root(phone.el).querySelector<LitElement>('finhub-step-phone-documents')!;
  await documents.updateComplete;
  return documents;
}

/** Uploads a PDF to every card on the phone (files made in the phone's own window). */
export async function uploadOnPhone(phone: Phone, documents: LitElement): Promise<number> {
  const scope = root(documents);
  const cards = scope.querySelectorAll('section[part="document"]').length;
  expect(cards, 'cards on the phone').to.be.greaterThan(0);
  for (let index = 0; index < cards; index++) {
    const input = scope.getElementById(`doc-${index}-file`) as HTMLInputElement;
    const transfer = new phone.win.DataTransfer();
    transfer.items.add(
      new phone.win.File(
        ['%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'],
        `phone-${index}.pdf`,
        {
          type: 'application/pdf',
        },
      ),
    );
    input.files = transfer.files;
    input.dispatchEvent(new phone.win.Event('change', { bubbles: true }));
  }
  await waitUntil(
    () => scope.querySelectorAll('section[part="document"].done').length === cards,
    'the phone did not upload every document',
    { timeout: 10000 },
  );
  return cards;
}

/** The element's visible text, spaces folded. */
export const text = (el: Element) =>
  (el.shadowRoot ?? el).textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** All the text a step shows, its shadow root and the cards in it. */
export const stepText = (step: LitElement) =>
  root(step).textContent?.replace(/\s+/g, ' ').trim() ?? '';

/**
 * Lets the computer's polling run on its clock until `done` holds: each time it sleeps, time moves
 * on by `ms` (its longest wait), so no test waits on the wall clock.
 */
export async function pollUntil(clock: TestClock, done: () => unknown, what: string, ms = 10_000) {
  const until = Date.now() + 15_000;
  while (!done()) {
    if (Date.now() > until) throw new Error(what);
    if (clock.sleeping > 0) clock.advance(ms);
    await new Promise((resolve) => setTimeout(resolve, 20)); // a poll of the condition
  }
}
