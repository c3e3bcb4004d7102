/**
 * Helpers for the embedding tests: they mount `<finhub-onboarding>` the way a host page, React or
 * Vue would, against the real dev stack on the test server (relay at /onboarding, in-memory
 * sandbox), and count what went over the wire.
 */
import { waitUntil } from '@open-wc/testing';

/** Attributes every embedding test gives the element: the same-origin relay. */
export const RELAY = { tokenUrl: '/onboarding/token', apiBase: '/onboarding/api' } as const;

/** A device id of its own, so the sandbox journal shows only this test's requests. */
export const uniqueDeviceId = (label: string): string => `${label}-${crypto.randomUUID()}`;

export interface FetchLog {
  /** Paths (with query) of every `fetch` the page made since `recordFetches()`. */
  paths: string[];
  count(pathname: string): number;
  restore(): void;
}

/** Wraps `window.fetch` (the element calls it at request time) to record every request path. */
export function recordFetches(): FetchLog {
  const original = window.fetch;
  const paths: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const { pathname, search } = new URL(url, location.href);
    paths.push(`${pathname}${search}`);
    return original.call(window, input, init);
  };
  return {
    paths,
    count: (pathname) => paths.filter((path) => path.split('?')[0] === pathname).length,
    restore: () => void (window.fetch = original),
  };
}

export interface JournalEntry {
  method: string;
  path: string;
  status?: number;
}

/** What reached FinHub (the sandbox) for this device id, oldest first. */
export async function sandboxRequests(deviceId: string): Promise<JournalEntry[]> {
  const response = await fetch(`/__sandbox/requests?deviceId=${encodeURIComponent(deviceId)}`);
  if (!response.ok) throw new Error(`sandbox journal: HTTP ${response.status}`);
  const body = (await response.json()) as { requests: JournalEntry[] };
  return body.requests;
}

/**
 * FinHub's categorization hierarchy (docs/finhub-contract.md#categorization-hierarchy) requests
 * among `entries`.
 */
export const hierarchyRequests = (entries: JournalEntry[]): JournalEntry[] =>
  entries.filter((entry) => entry.method === 'GET' && entry.path.includes('/hierarchy'));

/**
 * This device's hierarchy requests so far: none, with the relay's token bringing the categories,
 * each with what registration sends for it (docs/architecture.md#categories-with-the-token).
 */
export async function hierarchyReads(deviceId: string): Promise<JournalEntry[]> {
  return hierarchyRequests(await sandboxRequests(deviceId));
}

/** Radio buttons of the categorization step once its categories have arrived. */
function categoryRadios(el: Element): HTMLInputElement[] {
  const step = el.shadowRoot?.querySelector('finhub-step-categorization');
  return [...(step?.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [])];
}

/** Waits for the first screen: the categorization step with the categories FinHub returned. */
export async function firstScreen(el: Element, timeout = 10000): Promise<HTMLInputElement[]> {
  await waitUntil(
    () => categoryRadios(el).length > 0,
    '<finhub-onboarding> did not show its first screen (categories)',
    { timeout },
  );
  const heading = el.shadowRoot!.querySelector('#step-heading');
  if (heading?.textContent?.trim() !== 'Account type') {
    throw new Error(`first screen heading is "${heading?.textContent?.trim()}"`);
  }
  return categoryRadios(el);
}

/**
 * A `<finhub-onboarding>` on the relay, set up from attributes (`token-url`, or the host's
 * `fetchToken` when given), in the page until its first screen shows, then removed: the radios it
 * showed and the hierarchy reads the sandbox saw from it.
 */
export async function firstScreenOnRelay(
  label: string,
  fetchToken?: () => Promise<unknown>,
): Promise<{ radios: HTMLInputElement[]; reads: JournalEntry[] }> {
  const deviceId = uniqueDeviceId(label);
  const el = document.createElement('finhub-onboarding') as HTMLElement & {
    fetchToken?: () => Promise<unknown>;
  };
  if (fetchToken) el.fetchToken = fetchToken;
  else el.setAttribute('token-url', RELAY.tokenUrl);
  el.setAttribute('api-base', RELAY.apiBase);
  el.setAttribute('device-id', deviceId);
  document.body.append(el);
  try {
    const radios = await firstScreen(el);
    return { radios, reads: await hierarchyReads(deviceId) };
  } finally {
    el.remove();
  }
}

/** Chooses the first category and presses Continue, as a person would. */
export async function chooseCategoryAndContinue(el: Element): Promise<void> {
  const [radio] = await firstScreen(el);
  radio!.click();
  const step = el.shadowRoot!.querySelector('finhub-step-categorization')!;
  const button = [...step.shadowRoot!.querySelectorAll('button')].find(
    (candidate) => candidate.textContent?.trim() === 'Continue',
  );
  if (!button) throw new Error('no Continue button on the categorization step');
  button.click();
}

/** Lets late duplicates (a second mount's requests or events) arrive before counting. */
export const settle = (ms = 400): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Fails with a clear message when the script-tag bundles have not been built. */
export async function requireBuilt(path: string): Promise<void> {
  const response = await fetch(path, { method: 'HEAD' });
  if (!response.ok) {
    throw new Error(`${path} is missing (HTTP ${response.status}): run \`npm run build\` first`);
  }
}

/** Loads a script the way a host page does: `<script src>` (classic) or `type="module"`. */
export function loadScript(src: string, type: 'module' | 'classic'): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    if (type === 'module') script.type = 'module';
    script.src = src;
    script.addEventListener('load', () => resolve());
    script.addEventListener('error', () => reject(new Error(`could not load ${src}`)));
    document.head.append(script);
  });
}
