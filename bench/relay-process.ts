/** Starts bench/relay-server.ts in a process of its own and reads its resident memory. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Resident memory of a process, MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

export async function startRelayProcess(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/relay-server.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => void child.kill('SIGKILL');
  process.on('exit', stop);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`relay-server exited (${code})`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(String(chunk)).port as number));
  });
  return { pid: child.pid!, base: `http://127.0.0.1:${port}/onboarding`, stop };
}
