import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';
import { demoInstructions, isEmpty, seedDemo } from './demo/seed';
import { startRuntime } from './server';

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

/** `npm start`: the server, with the embedded database unless DATABASE_URL is set. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.generatedMasterKeyFile) {
    console.warn(`\n!! WARNING: no UTVAG_MASTER_KEY set. A master key was generated into ${config.generatedMasterKeyFile}.`);
    console.warn('!! Anyone with that file and the database can read identifying data. Never do this with real people.\n');
  }
  const lockFile = config.databaseUrl ? null : join(config.dataDir, 'server.pid');
  if (lockFile) claimDataDir(lockFile, config.dataDir);
  const runtime = await startRuntime(config);
  if (config.demo && (await isEmpty(runtime.database.db))) {
    const { users } = await seedDemo(runtime.database.db, runtime.keyring);
    console.log(await demoInstructions(users));
  }
  await runtime.app.listen({ port: config.port, host: config.host });
  console.log(`Utväg is running: http://localhost:${config.port}/app/  (API docs: http://localhost:${config.port}/api/docs)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    await runtime.stop();
    if (lockFile) rmSync(lockFile, { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else console.error('Utväg could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
