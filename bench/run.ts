/**
 * `npm run bench` (not part of `npm test`): the script-tag build (dist/cdn) in headless Chromium
 * against the relay + in-memory sandbox (dev/stack.ts) on a loopback server. Prints a table and
 * writes bench/results.md. Environment: CHROME_PATH, BENCH_RUNS (default 15), BENCH_HEAP_RUNS
 * (default 5), BENCH_CYCLES (default 1000), BENCH_OUT (default bench/results.md).
 * BENCH_ONLY=upload runs only the individual flow ((b)(d)(e)(f)) and prints it without writing
 * results.md. BENCH_ONLY=heap runs only (c) and prints it without writing results.md.
 * BENCH_TRACE=<file.json> records a Chrome trace of the first individual flow and
 * prints what ran in each long task of the 10 MB upload (events and JS self time).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FinHubClient } from '../src/api/client.js';
import { buildCategorization, pickDefaultCategory } from '../src/api/categorization.js';
import { resolveDeviceHints } from '../src/api/device.js';
import { createTokenProvider } from '../src/api/token-provider.js';
import { createDevStack } from '../dev/stack.js';
import { connectMiddleware } from '../dev/node-adapter.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const HEAP_RUNS = Number(process.env.BENCH_HEAP_RUNS ?? 5);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 1000);
const OUT = process.env.BENCH_OUT ?? join(root, 'bench/results.md');
const ONLY = process.env.BENCH_ONLY; // 'upload', 'heap' or unset
const TRACE = process.env.BENCH_TRACE;
const BIG_BYTES = 10_000_000; // "10 MB" (decimal): under the 10 MiB individual cap (§6.2)
const PASSWORD = 'Correct-Horse-42!';

// -- server: dist/, the bench pages, relay + sandbox ----------------------------------------------

const stack = createDevStack({ env: {}, verificationDelayMs: 60_000 }); // KYC decided by the bench
const relay = connectMiddleware(stack);
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };

const PAGES: Record<string, string> = {
  '/blank.html': '<!doctype html><meta charset="utf-8"><title>blank</title><body></body>',
  '/defined.html':
    '<!doctype html><meta charset="utf-8"><title>defined</title>' +
    '<script type="module" src="/dist/cdn/finhub-onboarding.js"></script><body></body>',
  '/bench.html':
    '<!doctype html><meta charset="utf-8"><title>bench</title>' +
    '<script type="module" src="/dist/cdn/finhub-onboarding.js"></script>' +
    '<script type="module" src="/bench/driver.js"></script><body></body>',
};

function serveFile(res: ServerResponse, file: string): void {
  res.writeHead(200, {
    'Content-Type': `${TYPES[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`,
    'Content-Length': String(statSync(file).size),
    'Cache-Control': 'no-cache',
  });
  createReadStream(file).pipe(res);
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
  relay(req, res, () => {
    if (PAGES[path]) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(PAGES[path]);
      return;
    }
    const base = path.startsWith('/dist/') ? root : path === '/bench/driver.js' ? root : undefined;
    const file = base && resolve(base, `.${path}`);
    if (file && file.startsWith(root) && !file.endsWith(sep) && existsSync(file)) {
      serveFile(res, file);
      return;
    }
    res.writeHead(404).end('not found');
  });
});

// -- helpers ------------------------------------------------------------------------------------

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

function chromePath(): string {
  const found = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ].find((path) => path && existsSync(path));
  if (!found) throw new Error('No Chromium: set CHROME_PATH');
  return found;
}

interface Counted {
  token: number;
  api: string[];
  dist: { url: string; bytes: number }[];
}

/** Counts what the page sends: token-endpoint calls, relay API calls, dist/ files (encoded bytes). */
function countRequests(page: Page): Counted {
  const counted: Counted = { token: 0, api: [], dist: [] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/onboarding/token') counted.token += 1;
    else if (url.pathname.startsWith('/onboarding/api/')) {
      counted.api.push(`${request.method()} ${url.pathname.replace('/onboarding/api', '')}`);
    }
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/dist/')) {
      counted.dist.push({ url: url.pathname, bytes: Number(response.headers()['content-length']) });
    }
  });
  return counted;
}

async function openBench(
  browser: Browser,
  origin: string,
): Promise<{ page: Page; counted: Counted }> {
  const page = await browser.newPage();
  const counted = countRequests(page);
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${origin}/bench.html`);
  await page.waitForFunction(() => (window as unknown as { benchReady?: unknown }).benchReady);
  await page.evaluate(() => (window as unknown as { benchReady: Promise<boolean> }).benchReady);
  return { page, counted };
}

async function heapAfterGc(page: Page): Promise<number> {
  const session = await page.createCDPSession();
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.());
    await session.send('HeapProfiler.collectGarbage');
  }
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return usedSize;
}

// -- organization flow through the API client (the UI was being wired while this was written) --

async function organizationViaApi(origin: string): Promise<{ api: number; token: number }> {
  let tokenCalls = 0;
  let apiCalls = 0;
  const counting: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname === '/onboarding/token') tokenCalls += 1;
    else if (url.pathname.startsWith('/onboarding/api/')) apiCalls += 1;
    return fetch(input, init);
  };
  const tokens = createTokenProvider({ tokenUrl: `${origin}/onboarding/token`, fetch: counting });
  const device = resolveDeviceHints(
    { deviceId: `bench-org-${crypto.randomUUID()}` },
    { storage: null },
  );
  const client = new FinHubClient({
    apiBase: `${origin}/onboarding/api`,
    tenantId: () => tokens.tenantId,
    tokens,
    device,
    fetch: counting,
  });
  const unique = (label: string) => `${label}.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const hierarchy = await client.getCategorizationHierarchy();
  const { customerCategory, categorization } = buildCategorization(
    hierarchy,
    pickDefaultCategory(hierarchy, 'organization')!.key,
  );
  const email = unique('admin');
  const registered = await client.registerOrganization({
    email,
    password: PASSWORD,
    customerCategory,
    categorization,
    organization: {
      legalName: 'Acme Analytics UAB',
      registrationNumber: `REG-${Date.now()}-${Math.random()}`,
      taxId: 'LT100001234567',
      incorporationDate: '2015-03-20',
      legalForm: 'LIMITED_LIABILITY_COMPANY',
      industry: 'TECHNOLOGY',
      phone: '+37060012345',
      address: {
        street: 'Konstitucijos pr. 7',
        city: 'Vilnius',
        postalCode: '09308',
        country: 'LT',
      },
    },
  } as Parameters<FinHubClient['registerOrganization']>[0]);
  const orgId = registered.organizationId;
  const adminUser = registered.adminUserId!;
  await client.addEmployee(orgId, {
    person: { firstName: 'Jane', lastName: 'Admin', email: unique('jane'), nationality: 'LT' },
    position: 'COMPLIANCE_OFFICER',
    roles: ['ADMIN_USER', 'COMPLIANCE_OFFICER'],
  });
  await client.addDirector(orgId, {
    firstName: 'Rita',
    lastName: 'Director',
    email: unique('rita'),
    role: 'MANAGING_DIRECTOR',
    nationality: 'LT',
  });
  await client.listDirectors(orgId);
  await client.addShareholder(orgId, {
    type: 'INDIVIDUAL',
    firstName: 'Rita',
    lastName: 'Director',
    ownershipPercentage: 100,
    isBeneficialOwner: true,
    isPEP: false,
  });
  await client.createOrganizationUserSession(orgId, adminUser, {
    username: email,
    password: PASSWORD,
  });
  const userContext = { userId: adminUser, roles: ['ADMIN_USER'] };
  const kyb = await client.verifyOrganization(
    orgId,
    { requestedByUserId: adminUser },
    { userContext },
  );
  const required = kyb.requiredDocuments.length
    ? kyb.requiredDocuments
    : ['CERTIFICATE_OF_INCORPORATION'];
  for (const documentType of required) {
    await client.uploadVerificationDocument(kyb.verificationId, {
      documentType,
      mimeType: 'application/pdf',
      fileName: `${documentType.toLowerCase()}.pdf`,
      fileContent: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
      organizationId: orgId,
    });
  }
  for (const type of ['terms', 'privacy', 'data-processing'] as const) {
    await client.acceptOrganizationConsent(orgId, type, { version: '1.0' });
  }
  await fetch(`${origin}/__sandbox/verifications/${kyb.verificationId}/approve`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  const inbox = (await (
    await fetch(`${origin}/__sandbox/inbox?to=${encodeURIComponent(email)}`)
  ).json()) as { messages: { code?: string }[] };
  await client.activateOrganization(
    orgId,
    { userId: adminUser, activationCode: inbox.messages[0]!.code! },
    { userContext },
  );
  return { api: apiCalls, token: tokenCalls, documents: required.length } as {
    api: number;
    token: number;
  };
}

// -- BENCH_TRACE: what ran in the upload's long tasks -------------------------------------------

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'loading',
  'blink',
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      startTime?: number;
      functionName?: string;
      url?: string;
      type?: string;
      cpuProfile?: {
        nodes?: {
          id: number;
          parent?: number;
          callFrame: { functionName: string; url: string; lineNumber: number };
        }[];
        samples?: number[];
      };
      timeDeltas?: number[];
    };
  };
}

/** Prints, for each main-thread task over 50 ms between the driver's upload marks, its events
 * (nested, 5 ms and longer) and the JS functions with the most self time in it. */
function summarizeTrace(file: string): void {
  const events = (JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] })
    .traceEvents;
  const mark = (name: string) => events.find((e) => e.name === name && e.ph !== 'M');
  const start = mark('bench-upload-start');
  const end = mark('bench-upload-end');
  if (!start || !end) {
    console.log('trace: no upload marks');
    return;
  }
  const pid = start.pid;
  const main = events.find(
    (e) =>
      e.ph === 'M' &&
      e.pid === pid &&
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain',
  );
  const tid = main?.tid ?? start.tid;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
  const tasks = onMain.filter(
    (e) => e.name === 'RunTask' && e.ts >= start.ts && e.ts <= end.ts && (e.dur ?? 0) > 50_000,
  );
  // CPU samples (ProfileChunk events of this renderer, any thread id: they come from the sampler).
  const nodes = new Map<number, { parent?: number; label: string }>();
  const samples: { ts: number; node: number }[] = [];
  let clock = 0;
  for (const e of events) {
    if (e.pid !== pid) continue;
    if (e.name === 'Profile' && e.args?.data?.startTime !== undefined)
      clock = e.args.data.startTime;
    if (e.name !== 'ProfileChunk') continue;
    const profile = e.args?.data?.cpuProfile;
    for (const node of profile?.nodes ?? []) {
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url ? ` ${url.split('/').pop()}:${lineNumber + 1}` : '';
      nodes.set(node.id, {
        parent: node.parent,
        label: `${functionName || '(anonymous)'}${where}`,
      });
    }
    const deltas = e.args?.data?.timeDeltas ?? [];
    (profile?.samples ?? []).forEach((node, i) => {
      clock += deltas[i] ?? 0;
      samples.push({ ts: clock, node });
    });
  }
  const stack = (id: number): string => {
    const parts: string[] = [];
    for (let n: number | undefined = id; n !== undefined && parts.length < 6;) {
      const node = nodes.get(n);
      if (!node) break;
      parts.push(node.label);
      n = node.parent;
    }
    return parts.join(' < ');
  };
  console.log(`trace: ${tasks.length} main-thread tasks over 50 ms during the upload`);
  for (const task of tasks) {
    const t0 = task.ts;
    const t1 = task.ts + (task.dur ?? 0);
    console.log(
      `\n  task at +${((t0 - start.ts) / 1000).toFixed(0)} ms: ${((task.dur ?? 0) / 1000).toFixed(1)} ms`,
    );
    const inside = onMain
      .filter((e) => e !== task && e.ts >= t0 && e.ts + (e.dur ?? 0) <= t1 && (e.dur ?? 0) >= 5_000)
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const open: TraceEvent[] = [];
    for (const e of inside) {
      while (open.length && open.at(-1)!.ts + (open.at(-1)!.dur ?? 0) <= e.ts) open.pop();
      const data = e.args?.data;
      const detail = data?.functionName || data?.type || data?.url?.split('/').pop() || '';
      console.log(
        `    ${'  '.repeat(open.length)}${e.name}${detail ? ` (${detail})` : ''}: ${((e.dur ?? 0) / 1000).toFixed(1)} ms`,
      );
      open.push(e);
    }
    const self = new Map<string, number>();
    const inTask = samples.filter((s) => s.ts >= t0 && s.ts <= t1);
    for (const s of inTask) self.set(stack(s.node), (self.get(stack(s.node)) ?? 0) + 1);
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
    if (top.length) console.log(`    JS samples (${inTask.length}), top self stacks:`);
    for (const [where, count] of top) console.log(`      ${count}× ${where}`);
  }
}

// -- run ----------------------------------------------------------------------------------------

function machine(browserVersion: string): string[] {
  const cpus = os.cpus();
  let gitRev = '';
  try {
    gitRev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
  } catch {
    // not a git checkout
  }
  return [
    `- Date: ${new Date().toISOString()}`,
    `- CPU: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} (available to Node: ${os.availableParallelism()})`,
    `- RAM: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} ${os.arch()}`,
    `- Browser: ${browserVersion} (headless, --no-sandbox, --js-flags=--expose-gc)`,
    `- Node: ${process.version}`,
    `- Commit: ${gitRev || 'unknown'} (working tree may differ)`,
  ];
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/cdn/finhub-onboarding.js'))) {
    throw new Error('dist/cdn is not built: run `npm run build`');
  }
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await puppeteer.launch({
    executablePath: chromePath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--js-flags=--expose-gc'],
  });
  const browserVersion = await browser.version();
  const rows: string[][] = [];
  const log = (...row: string[]) => {
    rows.push(row);
    console.log(row.join('  |  '));
  };

  try {
    // (a) first step + first-load bytes
    const cold: number[] = [];
    const warm: number[] = [];
    const firstBytes: number[] = [];
    for (let run = 0; run < (ONLY ? 0 : RUNS); run++) {
      const { page, counted } = await openBench(browser, origin);
      const result = await page.evaluate(() =>
        (
          window as unknown as { bench: { firstStep(): Promise<{ cold: number; warm: number }> } }
        ).bench.firstStep(),
      );
      cold.push(result.cold);
      warm.push(result.warm);
      firstBytes.push(counted.dist.reduce((sum, file) => sum + file.bytes, 0));
      await page.close();
    }
    if (!ONLY) {
      log(
        '(a) connected → first step interactive, first mount in the page',
        ms(median(cold)),
        `${RUNS} runs`,
      );
      log('(a) the same, second mount (chunks cached)', ms(median(warm)), `${RUNS} runs`);
    }

    // (b)(d)(e)(f) the individual flow through the UI
    const transitions: Record<string, number[]> = {};
    const blocking = {
      uploadMs: [] as number[],
      longTasks: [] as number[],
      longest: [] as number[],
      tbt: [] as number[],
    };
    const apiCalls: number[] = [];
    const tokenCalls: number[] = [];
    let documents = 0;
    for (let run = 0; run < (ONLY === 'heap' ? 0 : RUNS); run++) {
      const { page, counted } = await openBench(browser, origin);
      const tracing = TRACE && run === 0;
      if (tracing) await page.tracing.start({ path: TRACE, categories: TRACE_CATEGORIES });
      const result = await page.evaluate(
        (bigBytes) =>
          (
            window as unknown as {
              bench: {
                individualFlow(o: { bigBytes: number }): Promise<{
                  transitions: Record<string, number>;
                  blocking: {
                    uploadMs: number;
                    longTasks: number;
                    longestTask: number;
                    totalBlockingTime: number;
                  };
                  documents: number;
                }>;
              };
            }
          ).bench.individualFlow({ bigBytes }),
        BIG_BYTES,
      );
      if (tracing) {
        await page.tracing.stop();
        summarizeTrace(TRACE);
      }
      for (const [name, value] of Object.entries(result.transitions)) {
        (transitions[name] ??= []).push(value);
      }
      blocking.uploadMs.push(result.blocking.uploadMs);
      blocking.longTasks.push(result.blocking.longTasks);
      blocking.longest.push(result.blocking.longestTask);
      blocking.tbt.push(result.blocking.totalBlockingTime);
      apiCalls.push(counted.api.length);
      tokenCalls.push(counted.token);
      documents = result.documents;
      await page.close();
      process.stdout.write(`  individual flow run ${run + 1}/${RUNS}\r`);
    }
    if (ONLY !== 'heap') {
      for (const [name, values] of Object.entries(transitions))
        log(`(b) ${name}`, ms(median(values)), `${values.length} runs`);
      const individualMinimum = 8 + documents;
      log(
        '(d) HTTP requests to the relay API, individual flow (UI)',
        String(median(apiCalls)),
        `documented minimum ${individualMinimum} (with ${documents} documents)`,
      );
      log(
        '(e) token-endpoint calls, individual flow (UI)',
        String(median(tokenCalls)),
        'minimum 1',
      );
      log('(f) 10 MB document: choose → uploaded', ms(median(blocking.uploadMs)), `${RUNS} runs`);
      log(
        '(f) long tasks (> 50 ms) meanwhile',
        String(median(blocking.longTasks)),
        `longest ${ms(median(blocking.longest))}`,
      );
      log('(f) total blocking time meanwhile', ms(median(blocking.tbt)), 'sum of (task − 50 ms)');
    }

    // (d)(e) organization flow through the API client
    const orgApi: number[] = [];
    const orgToken: number[] = [];
    let orgDocuments = 0;
    for (let run = 0; run < (ONLY ? 0 : Math.min(RUNS, 5)); run++) {
      const result = (await organizationViaApi(origin)) as {
        api: number;
        token: number;
        documents: number;
      };
      orgApi.push(result.api);
      orgToken.push(result.token);
      orgDocuments = result.documents;
    }
    if (ONLY === 'upload') return; // the rest (organization flow, heap) only in the full run
    if (!ONLY) {
      const orgMinimum = 12 + orgDocuments;
      log(
        '(d) HTTP requests to the relay API, organization flow (API client, 1 employee/director/shareholder)',
        String(median(orgApi)),
        `documented minimum ${orgMinimum} (with ${orgDocuments} documents)`,
      );
      log(
        '(e) token-endpoint calls, organization flow (API client)',
        String(median(orgToken)),
        'minimum 1',
      );
    }

    // (c) heap
    const blank: number[] = [];
    const defined: number[] = [];
    const cycled: number[] = [];
    for (let run = 0; run < HEAP_RUNS; run++) {
      for (const [path, into] of [
        ['/blank.html', blank],
        ['/defined.html', defined],
      ] as const) {
        const page = await browser.newPage();
        await page.goto(`${origin}${path}`);
        if (path === '/defined.html')
          await page.waitForFunction(() => customElements.get('finhub-onboarding'));
        into.push(await heapAfterGc(page));
        await page.close();
      }
      const { page } = await openBench(browser, origin);
      await page.evaluate(
        (cycles) =>
          (
            window as unknown as { bench: { mountCycles(n: number): Promise<void> } }
          ).bench.mountCycles(cycles),
        CYCLES,
      );
      cycled.push(await heapAfterGc(page));
      await page.close();
    }
    log(
      '(c) JS heap, page without the element',
      mb(median(blank)),
      `${HEAP_RUNS} runs, after forced GC`,
    );
    log('(c) JS heap, bundle loaded, element defined, never mounted', mb(median(defined)), '');
    log(
      `(c) JS heap after ${CYCLES} mount/unmount cycles`,
      mb(median(cycled)),
      `+${mb(median(cycled) - median(blank))} over the blank page`,
    );
    if (ONLY) return; // BENCH_ONLY=heap: printed, results.md not written

    const table = [
      '| Measure | Median | Notes |',
      '|---|---:|---|',
      ...rows.map((row) => `| ${row.join(' | ')} |`),
    ];
    const md = [
      '# Benchmarks (`npm run bench`)',
      '',
      'The script-tag ES build (dist/cdn) in headless Chromium, served with the relay and the',
      'in-memory sandbox (dev/stack.ts) on one loopback server. Medians over repeated runs; each run',
      'is a fresh page. Issue 8.',
      '',
      '## Machine',
      '',
      ...machine(browserVersion),
      '',
      '## Results',
      '',
      ...table,
      '',
      '## How each is measured',
      '',
      '- (a) `fetchToken` answers at once with a token fetched before the clock starts; the clock runs',
      '  from `append()` until the categorization step shows its radio buttons (polled without timer',
      '  clamping). The first mount in a page includes loading the API chunk and the hierarchy request.',
      "- (b) From the click on the step's button until the next step's main control is rendered;",
      '  transitions that call FinHub include those round trips (loopback, in-memory sandbox).',
      `- (c) \`Runtime.getHeapUsage\` after \`gc()\` + \`HeapProfiler.collectGarbage\` (3×); each cycle`,
      '  appends the element, awaits its first render and removes it (its requests are aborted).',
      '- (d)(e) Requests the page sent (puppeteer request events) during one complete individual flow',
      '  driven through the UI with `token-url`. The organization flow is driven through the API',
      '  client (as test/e2e/api-walk.test.ts), because its UI was being wired while this was written;',
      '  it counts what the client sends, not what the element would.',
      `  Documented minimum (finhub-api.md §1.2/§1.3, browser side, admin token and KYC approval are`,
      '  server/admin calls): individual = hierarchy + registration + session + verification +',
      '  one upload per required document + 3 consents + activation (the readiness check is optional);',
      '  organization = hierarchy + registration + employee + director + directors list + shareholder +',
      '  org-user session + KYB verify + one upload per document + 3 consents + activation.',
      `- (f) A ${BIG_BYTES.toLocaleString('en')}-byte PDF chosen in the documents step: PerformanceObserver`,
      '  `longtask` entries from the choice until the card shows it uploaded; total blocking time is',
      "  the sum of each long task's time over 50 ms. Before 0854641 (one `readAsDataURL`, then",
      '  `JSON.stringify`, `new Request` and XHR `send` of the ~13 MB body as one string, each a single',
      '  main-thread task of 40-300 ms): 5 long tasks, longest 657 ms, 891 ms blocking (897e30f, busy',
      '  machine); 2, longest 365 ms, 486 ms blocking, 894.5 ms choose → uploaded on the machine above.',
      '  `BENCH_ONLY=upload BENCH_TRACE=trace.json npm run bench` prints what runs in each long task.',
      '',
    ].join('\n');
    writeFileSync(OUT, md);
    console.log(`\nwrote ${OUT}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
  server.close();
});
