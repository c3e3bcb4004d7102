/**
 * Memory of a relay process while ten clients each send a 25 MiB body and hold back the last byte
 * (issue 16). The relay runs in its own process (bench/relay-server.ts); its resident memory is
 * read from /proc. Run: `node --import tsx bench/relay-attack.ts [registration|documents]`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONNECTIONS = 10;
const BODY_BYTES = 25 * 1024 * 1024;
const target = process.argv[2] ?? 'registration';

const rssMiB = (pid: number) => {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
};
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const child = spawn(process.execPath, ['--import', 'tsx', 'bench/relay-server.ts'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve) => {
  child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(String(chunk)).port as number));
});
const base = `http://127.0.0.1:${port}/onboarding`;

async function token(): Promise<string> {
  const response = await fetch(`${base}/token`, { method: 'POST', body: '{}' });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Starts a 25 MiB upload and resolves once all but its last byte has been written. */
function slowUpload(path: string, bearer: string) {
  let status: number | undefined;
  let closed = false;
  const req = request(`${base}/api/v2.1${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${bearer}`,
      'Content-Type': 'application/json',
      'Content-Length': String(BODY_BYTES),
    },
  });
  req.on('response', (res) => {
    status = res.statusCode;
    res.resume();
  });
  req.on('error', () => undefined);
  req.on('close', () => (closed = true));
  const chunk = Buffer.alloc(1024 * 1024, 0x41);
  const written = (async () => {
    req.write('{"a":"');
    let sent = 6;
    while (sent < BODY_BYTES - 1 - 1024 * 1024 && !closed) {
      if (!req.write(chunk)) await new Promise((resolve) => req.once('drain', resolve));
      sent += chunk.length;
    }
    if (!closed) req.write(Buffer.alloc(BODY_BYTES - 1 - sent, 0x41));
  })();
  return { written, state: () => ({ status, closed }), req };
}

const before = rssMiB(child.pid!);
const tokens = await Promise.all(Array.from({ length: CONNECTIONS }, token));
const uploads = tokens.map((bearer) =>
  slowUpload(
    target === 'registration' ? '/customer/individual/registration' : '/verifications',
    bearer,
  ),
);
await Promise.race([Promise.all(uploads.map((u) => u.written)), wait(30_000)]);
let peak = 0;
for (let i = 0; i < 20; i++) {
  peak = Math.max(peak, rssMiB(child.pid!));
  await wait(1000);
}
const states = uploads.map((u) => u.state());
console.log(
  JSON.stringify({
    target,
    rssBeforeMiB: before,
    rssPeakMiB: peak,
    rssAfter20sMiB: rssMiB(child.pid!),
    answered: states.filter((s) => s.status !== undefined).map((s) => s.status),
    stillOpenAfter20s: states.filter((s) => !s.closed && s.status === undefined).length,
  }),
);
for (const u of uploads) u.req.destroy();
child.kill();
