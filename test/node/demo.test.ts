/**
 * The demo page `npm start` serves (issue 19, the demo page): the real Vite dev server with the
 * relay and the in-memory sandbox, opened in headless Chromium. Every page it links to exists
 * and is not another copy of the demo; the script-tag page loads without a transform error; the
 * element's "Sign in instead" reaches the page's own sign-in; long inbox addresses wrap on a
 * phone.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createServer, type Logger, type ViteDevServer } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));
const chromePath = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].find((path) => path && existsSync(path));

let server: ViteDevServer;
let browser: Browser;
let origin: string;
/** What the dev server logged as an error or warning (a pre-transform error lands here). */
const serverProblems: string[] = [];

before(async () => {
  const logger: Logger = {
    info: () => undefined,
    warn: (message) => void serverProblems.push(message),
    warnOnce: (message) => void serverProblems.push(message),
    error: (message) => void serverProblems.push(message),
    clearScreen: () => undefined,
    hasErrorLogged: () => false,
    hasWarned: false,
  };
  server = await createServer({
    configFile: `${root}vite.config.ts`,
    root: `${root}demo`,
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    customLogger: logger,
  });
  await server.listen();
  const address = server.httpServer!.address();
  assert.ok(address && typeof address === 'object');
  origin = `http://127.0.0.1:${address.port}`;
  assert.ok(
    chromePath,
    'no Chromium found: install it (apt-get install chromium) or set CHROME_PATH',
  );
  browser = await puppeteer.launch({
    executablePath: chromePath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 800 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    // A failed resource is judged by its URL below (the sandbox's account lookup answers 404).
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    const expected = url.pathname === '/__sandbox/accounts' || url.pathname === '/favicon.ico';
    if (response.status() >= 400 && !expected) errors.push(`${response.status()} ${url.pathname}`);
  });
  const response = await page.goto(`${origin}${path}`, { waitUntil: 'load', timeout: 60_000 });
  // 304: the browser's cache already holds it (an earlier test opened the same page).
  assert.ok([200, 304].includes(response?.status() ?? 0), `${path} answered ${response?.status()}`);
  return { page, errors };
}

/** Evaluates `expression` in the page (a string: this Node test is typed without the DOM). */
const inPage = <T = unknown>(page: Page, expression: string) =>
  page.evaluate(expression) as Promise<T>;

describe('the demo page (npm start)', () => {
  it('links to the React, Vue, script-tag, strict-CSP and phone hand-off pages, each its own page', async () => {
    const { page } = await open('/');
    const links = await inPage<{ text: string; href: string }[]>(
      page,
      `[...document.querySelectorAll('nav[aria-label="Other demo pages"] a')]
        .map((a) => ({ text: a.textContent.trim(), href: a.href }))`,
    );
    assert.deepEqual(
      links.map((link) => link.text),
      [
        'React',
        'Vue',
        'Script tag (built bundle)',
        'Strict Content-Security-Policy',
        'Phone hand-off page',
      ],
    );
    const demoTitle = await page.title();
    for (const link of links) {
      const response = await fetch(link.href);
      assert.equal(response.status, 200, link.href);
      const html = await response.text();
      const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
      assert.ok(title && title !== demoTitle, `${link.href} is another copy of the demo`);
    }
    await page.close();
  });

  it('the agreements the element links to are pages of their own', async () => {
    for (const path of ['/terms.html', '/privacy.html', '/data-processing.html']) {
      const response = await fetch(`${origin}${path}`);
      assert.equal(response.status, 200, path);
      const html = await response.text();
      assert.doesNotMatch(html, /<finhub-onboarding/, `${path} is another copy of the demo`);
      assert.match(html, /<h1>/, `${path} has no heading`);
    }
  });

  it('the script-tag page loads without a transform error', async () => {
    const before = serverProblems.length;
    const { page } = await open('/script-tag.html');
    await page.close();
    assert.deepEqual(
      serverProblems.slice(before).filter((problem) => /transform|failed to load/i.test(problem)),
      [],
    );
  });

  it('"Sign in instead" opens the page’s own sign-in, which says when no account matches', async () => {
    const { page, errors } = await open('/');
    await page.waitForFunction(
      `document.querySelector('finhub-onboarding')?.shadowRoot?.querySelector('h2')`,
      { timeout: 30_000 },
    );
    const hidden = `document.querySelector('#sign-in').hidden`;
    assert.equal(await inPage(page, hidden), true);
    // What the element fires when the person chooses "Sign in instead" after a duplicate email.
    await inPage(
      page,
      `document.querySelector('finhub-onboarding').dispatchEvent(
        new CustomEvent('finhub-sign-in-request', {
          bubbles: true,
          composed: true,
          detail: { flow: 'individual', step: 'registration', reason: 'duplicate_email' },
        }),
      )`,
    );
    assert.equal(await inPage(page, hidden), false);
    assert.equal(await inPage(page, `document.activeElement?.id`), 'sign-in-email');
    await page.type('#sign-in-email', 'nobody@example.com');
    await page.click('#sign-in-form button[type="submit"]');
    const message = `document.querySelector('#sign-in-message').textContent`;
    await page.waitForFunction(`${message} !== ''`, { timeout: 10_000 });
    assert.equal(await inPage(page, message), 'No account with that email in the sandbox.');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a long address in the dev inbox wraps at 375 px: the page never scrolls sideways', async () => {
    const { page } = await open('/', 375);
    const address = `${'averyveryverylongname'.repeat(4)}@anextremelylongcompanydomain.example`;
    await inPage(
      page,
      `(() => {
        const li = document.createElement('li');
        const head = document.createElement('div');
        head.textContent = 'To ${address} · 12:00:00';
        const subject = document.createElement('strong');
        subject.textContent = 'Your activation code';
        li.append(head, subject);
        document.querySelector('#inbox').prepend(li);
      })()`,
    );
    const { scrollWidth, clientWidth } = await inPage<{ scrollWidth: number; clientWidth: number }>(
      page,
      `({ scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth })`,
    );
    assert.ok(
      scrollWidth <= clientWidth,
      `the page is ${scrollWidth} px wide in ${clientWidth} px`,
    );
    await page.close();
  });
});
