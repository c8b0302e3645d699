import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';
import { demoInstructions, isEmpty, seedDemo } from './demo/seed';
import { startRuntime } from './server';

/** `npm start`: the server, with the embedded database unless DATABASE_URL is set. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.generatedMasterKeyFile) {
    console.warn(`\n!! WARNING: no UTVAG_MASTER_KEY set. A master key was generated into ${config.generatedMasterKeyFile}.`);
    console.warn('!! Anyone with that file and the database can read identifying data. Never do this with real people.\n');
  }
  const runtime = await startRuntime(config);
  if (config.demo && (await isEmpty(runtime.database.db))) {
    const { users } = await seedDemo(runtime.database.db, runtime.keyring);
    console.log(await demoInstructions(users));
  }
  const lockFile = runtime.database.kind === 'pglite' ? join(config.dataDir, 'server.pid') : null;
  await runtime.app.listen({ port: config.port, host: config.host });
  // Other processes (the CLI) read this to know the embedded database is in use.
  if (lockFile) writeFileSync(lockFile, `${process.pid}\n${config.port}\n`);
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
