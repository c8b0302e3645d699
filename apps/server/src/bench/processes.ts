import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Servers under test run as child processes, so the load generator never shares their event loop. */

const serverDir = fileURLToPath(new URL('../../', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ChildServer {
  name: string;
  url: string;
  process: ChildProcess;
  /** The last lines it wrote, for error messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `node --import tsx <script>` with `env`, and waits until GET `readyPath` answers 200. */
export async function startChildServer(name: string, script: URL, env: Record<string, string>, readyPath: string, timeoutMs = 90_000): Promise<ChildServer> {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS passes extra Node.js flags to the servers, for example `--cpu-prof --cpu-prof-dir=/tmp/profiles`.
  const extraArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extraArgs, '--import', 'tsx', fileURLToPath(script)], {
    cwd: serverDir,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => { exited = code; resolve(); }));
  const url = `http://127.0.0.1:${port}`;
  const server: ChildServer = {
    name,
    url,
    process: child,
    output: () => lines.join('\n'),
    stop: async () => {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`${name} exited (code ${exited}) before it was ready:\n${server.output()}`);
    try {
      const response = await fetch(url + readyPath);
      if (response.status === 200) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await server.stop();
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s:\n${server.output()}`);
}

/** A process's name (`comm`), its parent and its CPU time (user + system, ms), from /proc/<pid>/stat. */
function processStat(pid: number | string): { name: string; parent: number; cpuMs: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Clock ticks are taken as 100 per second (USER_HZ on Linux).
    return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), parent: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
  } catch {
    return null; // not Linux, or the process is gone
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc on Linux; null elsewhere or when it is gone. */
export function processCpuMs(pid: number | undefined): number | null {
  return pid === undefined ? null : processStat(pid)?.cpuMs ?? null;
}

/** The ids of the living children of `pid`, those named `name` only when it is given. */
export function childProcesses(pid: number, name?: string): number[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((entry) => {
    const stat = processStat(entry);
    return stat && stat.parent === pid && (name === undefined || stat.name === name) ? [Number(entry)] : [];
  });
}

/** CPU time (ms) of a process and its living children (a server's workers); null elsewhere or when it is gone. */
export function processTreeCpuMs(pid: number | undefined): number | null {
  const own = processCpuMs(pid);
  if (pid === undefined || own === null) return null;
  return childProcesses(pid).reduce((total, child) => total + (processCpuMs(child) ?? 0), own);
}

/** CPU time of a PostgreSQL backend on this machine, or null when `pid` is not a local postgres process. */
export function postgresCpuMs(pid: number): number | null {
  const stat = processStat(pid);
  return stat?.name === 'postgres' ? stat.cpuMs : null;
}
