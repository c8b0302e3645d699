import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childProcesses, freePort } from '../src/bench/processes';
import { ConfigError, loadConfig } from '../src/config';
import { defaultPoolSize, defaultSharedConnections } from '../src/db/database';
import { newPostgresDatabase } from './helpers';

const masterKey = randomBytes(32).toString('base64');
const base = { UTVAG_MASTER_KEY: masterKey };
const postgres = { ...base, DATABASE_URL: 'postgres://utvag@db.example:5432/utvag' };

describe('UTVAG_WORKERS', () => {
  it('is one process by default, a positive whole number or auto, and more than one only on PostgreSQL', () => {
    expect(loadConfig(base).workers).toBe(1);
    expect(loadConfig({ ...postgres, UTVAG_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ ...postgres, UTVAG_WORKERS: 'auto' }).workers).toBe(availableParallelism());
    expect(() => loadConfig({ ...postgres, UTVAG_WORKERS: 'två' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...postgres, UTVAG_WORKERS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, UTVAG_WORKERS: '2' })).toThrow(/needs DATABASE_URL/);
    expect(loadConfig({ ...base, UTVAG_WORKERS: '1' }).workers).toBe(1);
  });
});

describe('UTVAG_DB_POOL_SIZE', () => {
  it('is two connections per core by default, shared among the workers, and never fewer than four', () => {
    expect(defaultPoolSize(1, 2)).toBe(4);
    expect(defaultPoolSize(1, 16)).toBe(32);
    expect(defaultPoolSize(3, 8)).toBe(6);
    expect(defaultPoolSize(8, 8)).toBe(4);
    expect(defaultPoolSize(2, 1)).toBe(4);
    expect(loadConfig(postgres).databasePoolSize).toBe(defaultPoolSize(1));
    expect(loadConfig({ ...postgres, UTVAG_WORKERS: '3' }).databasePoolSize).toBe(defaultPoolSize(3));
    expect(loadConfig({ ...postgres, UTVAG_WORKERS: '3', UTVAG_DB_POOL_SIZE: '7' }).databasePoolSize).toBe(7);
    expect(() => loadConfig({ ...postgres, UTVAG_DB_POOL_SIZE: 'tio' })).toThrow(ConfigError);
  });
});

describe('UTVAG_DB_SHARED_CONNECTIONS', () => {
  it('is one connection per core by default, shared among the workers, and never fewer than one', () => {
    expect(defaultSharedConnections(1, 2)).toBe(2);
    expect(defaultSharedConnections(1, 16)).toBe(16);
    expect(defaultSharedConnections(3, 8)).toBe(3);
    expect(defaultSharedConnections(8, 2)).toBe(1);
    expect(loadConfig(postgres).databaseSharedConnections).toBe(defaultSharedConnections(1));
    expect(loadConfig({ ...postgres, UTVAG_WORKERS: '2' }).databaseSharedConnections).toBe(defaultSharedConnections(2));
    expect(loadConfig({ ...postgres, UTVAG_DB_SHARED_CONNECTIONS: '3' }).databaseSharedConnections).toBe(3);
    expect(() => loadConfig({ ...postgres, UTVAG_DB_SHARED_CONNECTIONS: '0' })).toThrow(ConfigError);
  });
});

/** The Node.js children of `pid` (not the TypeScript loader's esbuild). */
const childrenOf = (pid: number) => childProcesses(pid, 'node');

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('the server with two workers on PostgreSQL', () => {
  let server: ChildProcess;
  let output = '';
  let url: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await newPostgresDatabase();
    drop = created.drop;
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/main.ts', import.meta.url))], {
      env: {
        ...process.env, DATABASE_URL: created.url, UTVAG_WORKERS: '2', UTVAG_MASTER_KEY: masterKey, UTVAG_DEMO: 'true',
        UTVAG_DB_POOL_SIZE: '2', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    server.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    await until('both workers', () => (output.includes('(2 workers)') ? true : undefined), 90_000);
  });

  afterAll(async () => {
    if (server?.exitCode === null) server.kill('SIGKILL');
    await drop?.();
  });

  it('seeds the demo once, serves from both workers, replaces a worker that dies, and stops them all on SIGTERM', async () => {
    // The demo was seeded once, by the supervising process, before the workers started.
    expect(output.split('Demo mode: fictional').length - 1).toBe(1);
    expect(output).toContain('samordnare@orebro.demo.utvag.se');
    const workers = childrenOf(server.pid!);
    expect(workers).toHaveLength(2);
    for (let i = 0; i < 6; i++) expect((await fetch(`${url}/readyz`)).status).toBe(200);

    process.kill(workers[0]!, 'SIGKILL');
    const replaced = await until('a new worker', () => {
      const now = childrenOf(server.pid!);
      return now.length === 2 && !now.includes(workers[0]!) ? now : undefined;
    });
    expect(replaced).toContain(workers[1]);
    expect(output).toContain('starting another');
    await until('the new worker to listen', async () => ((await fetch(`${url}/readyz`).catch(() => null))?.status === 200 ? true : undefined));

    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(childrenOf(server.pid!)).toEqual([]);
  });
});
