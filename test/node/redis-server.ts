/**
 * A real `redis-server` of a test's own: on a free loopback port, in a temporary directory, with
 * the persistence the test asks for, killed afterwards. Tests that need Redis start one, so a
 * developer's `npm test` and CI run the same way. Set REDIS_SERVER to use another binary.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = process.env.REDIS_SERVER ?? 'redis-server';

export const REDIS_MISSING_MESSAGE =
  `${BINARY} not found: the relay's store tests start a real Redis (7.0 or later) of their own. ` +
  'Install it (Debian/Ubuntu: `apt-get install -y redis-server`; macOS: `brew install redis`) ' +
  'or set REDIS_SERVER to its path.';

/** Fails with how to install Redis when the binary is missing or older than 7 (EXPIRE … NX). */
export function requireRedisServer(): void {
  const probe = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error(REDIS_MISSING_MESSAGE);
  const major = Number(/v=(\d+)\./.exec(probe.stdout)?.[1]);
  if (!(major >= 7))
    throw new Error(`${BINARY} is ${probe.stdout.trim()}; 7.0 or later is needed.`);
}

export interface RedisServerOptions {
  /** `appendonly yes` with the given fsync policy, or no AOF. Default `'always'`. */
  aof?: 'always' | 'everysec' | false;
  /** More `--name value` arguments. */
  args?: string[];
}

export interface RedisServer {
  url: string;
  port: number;
  /** SIGSTOP: the socket stays open, nothing answers. */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  /** SIGKILL (no shutdown save), then a new process on the same port and directory. */
  crashAndRestart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // a TCP listener has an AddressInfo
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once `PING` gets `+PONG` on the port; polls, since the process needs a moment. */
async function untilPong(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
    const pong = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.setTimeout(500, () => socket.destroy());
      socket.on('connect', () => socket.write('PING\r\n'));
      socket.on('data', (data) => {
        resolve(String(data).startsWith('+PONG'));
        socket.destroy();
      });
      socket.on('error', () => resolve(false));
      socket.on('close', () => resolve(false));
    });
    if (pong) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

export async function startRedis(options: RedisServerOptions = {}): Promise<RedisServer> {
  requireRedisServer();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'finhub-redis-'));
  const aof = options.aof ?? 'always';
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    aof ? 'yes' : 'no',
    ...(aof ? ['--appendfsync', aof] : []),
    '--daemonize',
    'no',
    '--logfile',
    '',
    '--loglevel',
    'warning',
    ...(options.args ?? []),
  ];
  const launch = async () => {
    const child = spawn(BINARY, args, { stdio: 'ignore' });
    await untilPong(port, child);
    return child;
  };
  let child = await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    async crashAndRestart() {
      child.kill('SIGKILL');
      await exited(child);
      child = await launch();
    },
    async stop() {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
