/**
 * `npm run bench:relay` (not part of `npm test`): the relay under load on loopback. For the
 * in-memory store and for Redis (a real `redis-server`, AOF everysec, started here), the relay runs
 * in its own process (bench/relay-server.ts, `toNodeListener` on `node:http`, in-memory FinHub
 * sandbox upstream) and autocannon drives, for a fixed time each:
 * - `POST /onboarding/token` (a new onboarding each: sign a token),
 * - a forwarded call, `GET …/categorization/hierarchy/{tenantId}` (check the token and its
 *   revocation in the store, call FinHub, strip the answer).
 * Reports requests/s, latency p50/p99, errors and the relay's resident memory before and after,
 * and writes them into bench/results.md (section `relay`). Environment: RELAY_BENCH_SECONDS
 * (default 10 per run), RELAY_BENCH_CONNECTIONS (default 10).
 */
import autocannon from 'autocannon';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../test/node/redis-server.js';
import { rssMiB, startRelayProcess } from './relay-process.js';
import { writeSection } from './section.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.RELAY_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.RELAY_BENCH_CONNECTIONS ?? 10);
const HINTS = { deviceId: 'bench-relay', platform: 'web', 'X-Forwarded-From': 'web-app' };

interface Row {
  store: string;
  call: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  bad: number;
  rssBefore: number;
  rssAfter: number;
}

async function load(options: autocannon.Options) {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    bad: result.non2xx + result.errors + result.timeouts,
  };
}

async function measure(store: string, env: Record<string, string>): Promise<Row[]> {
  const relay = await startRelayProcess(env);
  try {
    const minted = await fetch(`${relay.base}/token`, { method: 'POST', body: '{}' });
    const { accessToken, tenantId } = (await minted.json()) as {
      accessToken: string;
      tenantId: string;
    };
    const calls: [string, autocannon.Options][] = [
      [
        'POST /token',
        {
          url: `${relay.base}/token`,
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        },
      ],
      [
        'GET hierarchy (forwarded)',
        {
          url: `${relay.base}/api/v2.1/customer/individual/categorization/hierarchy/${tenantId}`,
          headers: { ...HINTS, Authorization: `Bearer ${accessToken}` },
        },
      ],
    ];
    const rows: Row[] = [];
    for (const [call, options] of calls) {
      await autocannon({ connections: CONNECTIONS, duration: 2, ...options }); // warm-up, not counted
      const rssBefore = rssMiB(relay.pid);
      const result = await load(options);
      rows.push({ store, call, ...result, rssBefore, rssAfter: rssMiB(relay.pid) });
      console.log(JSON.stringify(rows.at(-1)));
    }
    return rows;
  } finally {
    relay.stop();
  }
}

const loadAverage = os.loadavg()[0]!.toFixed(1);
const redis = await startRedis({ aof: 'everysec' });
let rows: Row[];
try {
  rows = [
    ...(await measure('memory', {})),
    ...(await measure('Redis', { RELAY_REDIS_URL: redis.url })),
  ];
} finally {
  await redis.stop();
}

const redisVersion = execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).trim();
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: root,
  encoding: 'utf8',
});
const md = [
  '## Relay under load (`npm run bench:relay`)',
  '',
  `${new Date().toISOString()}, commit ${commit.trim()}, ${os.cpus()[0]?.model ?? 'CPU'} × ` +
    `${os.availableParallelism()}, Node ${process.version}, ${redisVersion.split(' ').slice(0, 3).join(' ')}, ` +
    `load average ${loadAverage} at the start (the machine is shared: compare rows of one run).`,
  `The relay in its own process on 127.0.0.1 (\`toNodeListener\`, in-memory sandbox upstream); ` +
    `autocannon with ${CONNECTIONS} connections for ${SECONDS} s per row after 2 s of warm-up, on ` +
    'the same 2 cores. Every token request is counted in the store (per-address limit). ' +
    'Memory is the relay process’s resident set before and after each row.',
  '',
  '| Store | Call | Requests/s | p50 | p99 | Requests | Non-2xx/errors | RSS before → after |',
  '|---|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.store} | ${r.call} | ${r.rps} | ${r.p50} ms | ${r.p99} ms | ${r.requests} | ${r.bad} | ` +
      `${r.rssBefore} → ${r.rssAfter} MiB |`,
  ),
].join('\n');
writeSection(join(root, 'bench/results.md'), 'relay', md);
console.log(`\n${md}\n\nwrote bench/results.md (section relay)`);
process.exit(0);
