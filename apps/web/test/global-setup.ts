import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../server/src/db/database';
import { migrate } from '../../server/src/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory on disk, made once per run, that each test server copies. */
    pgliteDataDir: string;
  }
}

/**
 * Every browser test file starts its own server on an empty data directory. Creating the database there
 * with initdb and the migrations costs seconds of CPU each time, so the run does it once, here, and
 * each file's server starts on a copy (`startTestServer` in browser-harness.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = await mkdtemp(join(tmpdir(), 'utvag-browser-template-'));
  const dataDir = join(directory, 'pglite');
  const database = await openPglite(dataDir);
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  project.provide('pgliteDataDir', dataDir);
  return () => rm(directory, { recursive: true, force: true });
}
