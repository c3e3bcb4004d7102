/**
 * After a whole individual flow, nothing secret is left where a page, an extension or a log could
 * read it: localStorage, sessionStorage, IndexedDB, cookies, every console call and every
 * `finhub-*` event detail are scanned for the password, every token the page saw (the relay's
 * onboarding tokens, re-issued ones, every Bearer value sent) and the uploaded document's bytes.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { buttonNamed, byLabel, chooseFile, enter, root } from '../components/helpers.js';
import {
  PASSWORD,
  activationCode,
  decide,
  inside,
  mount,
  step,
  uniqueEmail,
} from '../flow-individual/helpers.js';
import { CONSENT_LABELS, sent, tamper, toDocuments } from './helpers.js';

type Json = Record<string, unknown>;

const MARKER = 'FINHUB-PRIVATE-DOCUMENT-7Q2PX-Ona-Jonaite-passport-LT';
const DOCUMENT = `%PDF-1.4\n% ${MARKER}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`;

/** Every console method, recorded with its arguments as text. */
function recordConsole(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;
  const originals = methods.map((name) => [name, console[name]] as const);
  for (const name of methods) {
    console[name] = (...args: unknown[]) => {
      lines.push(
        `${name}: ${args
          .map((arg) => {
            if (typeof arg === 'string') return arg;
            if (arg instanceof Error) return `${arg.name} ${arg.message} ${String(arg.cause)}`;
            try {
              return JSON.stringify(arg);
            } catch {
              return String(arg);
            }
          })
          .join(' ')}`,
      );
    };
  }
  return {
    lines,
    restore: () => {
      for (const [name, fn] of originals)
        (console as unknown as Record<string, unknown>)[name] = fn;
    },
  };
}

async function indexedDbText(): Promise<string> {
  const dbs = await indexedDB.databases();
  const texts: string[] = [JSON.stringify(dbs)];
  for (const info of dbs) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(info.name!);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const store of [...db.objectStoreNames]) {
      const all = await new Promise<unknown[]>((resolve) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
      });
      texts.push(JSON.stringify(all));
    }
    db.close();
  }
  return texts.join('\n');
}

const storageText = (storage: Storage) =>
  JSON.stringify(
    Object.fromEntries(
      Array.from({ length: storage.length }, (_, i) => storage.key(i)!).map((k) => [
        k,
        storage.getItem(k),
      ]),
    ),
  );

describe('secrets and personal data after a whole flow', () => {
  it('no password, token or document bytes in storage, IndexedDB, cookies, console or events', async () => {
    const console_ = recordConsole();
    // Tokens the page received: token endpoint answers and tokens the relay re-issues.
    const tokens = new Set<string>();
    tamper((request, next) =>
      next().then(async (response) => {
        const reissued = response.headers.get('X-Onboarding-Token');
        if (reissued) tokens.add(reissued);
        if (new URL(request.url).pathname === '/onboarding/token' && response.ok) {
          const body = (await response.clone().json()) as { accessToken?: string };
          if (body.accessToken) tokens.add(body.accessToken);
        }
        return response;
      }),
    );
    const allEvents: { type: string; detail: unknown }[] = [];
    const onAny = (event: Event) =>
      allEvents.push({ type: event.type, detail: (event as CustomEvent).detail });
    const types = [
      'finhub-ready',
      'finhub-step-change',
      'finhub-step-complete',
      'finhub-complete',
      'finhub-error',
      'finhub-sign-in-request',
    ];
    for (const type of types) document.addEventListener(type, onAny);

    try {
      const { el, events } = await mount();
      const email = uniqueEmail('pii');
      const documents = await toDocuments(el, email);
      const cards = root(documents).querySelectorAll('section[part="document"]').length;
      for (let i = 0; i < cards; i++) {
        chooseFile(
          root(documents),
          i,
          new File([DOCUMENT], `private-${i}.pdf`, { type: 'application/pdf' }),
        );
      }
      await waitUntil(
        () => root(documents).querySelectorAll('section[part="document"].done').length === cards,
        'documents not uploaded',
        { timeout: 10000 },
      );
      buttonNamed(root(documents), 'Continue').click();
      const consents = await step(el, 'finhub-step-consents');
      for (const label of CONSENT_LABELS) {
        (byLabel(root(consents), label) as HTMLInputElement).click();
      }
      buttonNamed(root(consents), 'Accept and continue').click();
      const activation = await step<LitElement>(el, 'finhub-step-activation');
      const verificationId = (
        events.find(
          (e) => e.type === 'finhub-step-complete' && (e.detail as Json).step === 'verification',
        )!.detail as { ids: { verificationId: string } }
      ).ids.verificationId;
      await decide(verificationId, 'approve');
      await inside(activation, '#code', 'the code field');
      const code = await activationCode(email);
      enter(byLabel(root(activation), 'Activation code'), code);
      buttonNamed(root(activation), 'Activate account').click();
      await waitUntil(() => events.some((e) => e.type === 'finhub-complete'), 'not completed', {
        timeout: 8000,
      });

      for (const s of sent()) {
        const bearer = s.authorization?.replace(/^Bearer\s+/i, '');
        if (bearer) tokens.add(bearer);
      }
      expect(tokens.size, 'tokens seen during the flow').to.be.greaterThan(1);
      const base64 = btoa(DOCUMENT);
      const secrets: [string, string][] = [
        ['password', PASSWORD],
        ['activation code', code],
        ['document bytes (base64)', base64],
        ['document bytes (base64, middle)', base64.slice(12, 60)],
        ['document text', MARKER],
        ...[...tokens].map((t, i): [string, string] => [`token ${i}`, t]),
        // A JWT's signature is enough to be worth stealing.
        ...[...tokens].map((t, i): [string, string] => [`token ${i} tail`, t.slice(-24)]),
      ];
      const places: [string, string][] = [
        ['localStorage', storageText(localStorage)],
        ['sessionStorage', storageText(sessionStorage)],
        ['IndexedDB', await indexedDbText()],
        ['cookies', document.cookie],
        ['console', console_.lines.join('\n')],
        ['event details', JSON.stringify(allEvents)],
        ['page HTML', el.shadowRoot!.innerHTML + document.documentElement.outerHTML],
      ];
      for (const [place, text] of places) {
        for (const [what, secret] of secrets) {
          expect(text.includes(secret), `${what} found in ${place}`).to.be.false;
        }
      }
      // The scan saw the real events (it would notice a leak there).
      expect(allEvents.length).to.be.greaterThan(10);
    } finally {
      console_.restore();
      for (const type of types) document.removeEventListener(type, onAny);
    }
  });
});
