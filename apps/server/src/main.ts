import cluster, { type Worker } from 'node:cluster';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config';
import { Keyring } from './crypto/keyring';
import { migrate } from './db/migrate';
import { demoInstructions, isEmpty, seedDemo } from './demo/seed';
import { openDatabase, startRuntime, type Runtime } from './server';

/**
 * PGlite allows one process per directory. The lock file names the server's process; the CLI and a
 * second server read it and refuse while that process lives.
 */
function claimDataDir(lockFile: string, dataDir: string): void {
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
    let alive: boolean;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false; // left behind by a server that crashed
    }
    if (alive) throw new ConfigError(`Another Utväg server (pid ${pid}) is using the embedded database in ${dataDir}. Stop it first.`);
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(lockFile, `${process.pid}\n`);
}

/** Ends the process once the runtime has finished its requests in flight, on SIGTERM or SIGINT. */
function stopOnSignals(runtime: Runtime, afterStop: () => void = () => undefined): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (cluster.isPrimary) console.log(`${signal}: finishing requests in flight, then stopping.`);
    await runtime.stop();
    afterStop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

const running = (config: Config) => `Utväg is running: http://localhost:${config.port}/app/  (API docs: http://localhost:${config.port}/api/docs)`;

/** `npm start`: the server, with the embedded database unless DATABASE_URL is set. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (cluster.isWorker) return serveAsWorker(config);
  if (config.generatedMasterKeyFile) {
    console.warn(`\n!! WARNING: no UTVAG_MASTER_KEY set. A master key was generated into ${config.generatedMasterKeyFile}.`);
    console.warn('!! Anyone with that file and the database can read identifying data. Never do this with real people.\n');
  }
  if (config.workers > 1) return superviseWorkers(config);
  const lockFile = config.databaseUrl ? null : join(config.dataDir, 'server.pid');
  if (lockFile) claimDataDir(lockFile, config.dataDir);
  const runtime = await startRuntime(config);
  if (config.demo && (await isEmpty(runtime.database.db))) {
    const { users } = await seedDemo(runtime.database.db, runtime.keyring);
    console.log(await demoInstructions(users));
  }
  await runtime.app.listen({ port: config.port, host: config.host });
  console.log(running(config));
  stopOnSignals(runtime, () => {
    if (lockFile) rmSync(lockFile, { force: true });
  });
}

/**
 * With UTVAG_WORKERS above 1 (PostgreSQL only), this process migrates and seeds the demo once, then
 * starts that many workers that share the port; each is a whole server with its own pool and jobs,
 * like instances behind a load balancer (docs/scaling.md). A worker that stops unasked is replaced;
 * one that stops before it ever listened (a port in use, say) stops them all, as it would fail again.
 */
async function superviseWorkers(config: Config): Promise<void> {
  const database = await openDatabase(config);
  try {
    await migrate(database);
    if (config.demo && (await isEmpty(database.db))) {
      const keyring = new Keyring(database.db, config.masterKey, config.previousMasterKeys, true);
      await keyring.load();
      const { users } = await seedDemo(database.db, keyring);
      console.log(await demoInstructions(users));
    }
  } finally {
    await database.close();
  }

  const alive = new Set<Worker>();
  const listened = new Set<Worker>();
  const fork = () => alive.add(cluster.fork());
  let stopping = false;
  let exitCode = 0;
  const stopAll = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: the workers finish their requests in flight, then stop.`);
    for (const worker of alive) worker.process.kill('SIGTERM');
  };
  cluster.on('listening', (worker) => {
    listened.add(worker);
    if (listened.size === config.workers) console.log(`${running(config)} (${config.workers} workers)`);
  });
  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker);
    if (!stopping && listened.delete(worker)) {
      console.error(`A worker stopped (${signal ?? `code ${code}`}); starting another.`);
      fork();
      return;
    }
    if (!stopping) {
      exitCode = 1;
      stopAll('A worker could not start');
    }
    if (alive.size === 0) process.exit(exitCode);
  });
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGINT', () => stopAll('SIGINT'));
  for (let i = 0; i < config.workers; i++) fork();
}

async function serveAsWorker(config: Config): Promise<void> {
  const runtime = await startRuntime(config);
  await runtime.app.listen({ port: config.port, host: config.host });
  stopOnSignals(runtime);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else console.error('Utväg could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
