// `npm run screenshots`: the test runner's setup (Chromium, relay + sandbox on the test server)
// running only test/screenshots/, with a `screenshot` command that saves the page as a PNG in
// screenshots/ (gitignored). Not part of `npm test`.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import base from './web-test-runner.config.mjs';

const out = fileURLToPath(new URL('./screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });

/** Saves the whole page of the calling test as `screenshots/<file>` (a plain file name). */
const screenshotPlugin = {
  name: 'finhub-screenshot',
  async executeCommand({ command, payload, session }) {
    if (command !== 'screenshot') return undefined;
    const file = String(payload?.file ?? '');
    if (!/^[\w.-]+\.png$/.test(file)) throw new Error(`screenshot: bad file name "${file}"`);
    const page = session.browser.getPage(session.id);
    await page.screenshot({ path: `${out}${file}`, fullPage: true });
    return true;
  },
};

export default {
  ...base,
  files: ['test/screenshots/**/*.shots.ts'],
  concurrency: 1,
  testFramework: { config: { timeout: 240_000 } },
  plugins: [...base.plugins, screenshotPlugin],
};
