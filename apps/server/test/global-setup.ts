import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../src/db/database';
import { migrate } from '../src/db/migrate';

/**
 * On PGlite, every test file opens a fresh in-memory database. Creating one with initdb costs seconds of
 * CPU, so the run migrates one database once and writes its data directory to a file, which every test
 * process loads instead (`freshDatabase` in helpers.ts). Every migration still runs, here, in every run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteTemplate', null);
    return async () => undefined;
  }
  const directory = await mkdtemp(join(tmpdir(), 'utvag-pglite-template-'));
  const file = join(directory, 'migrated.tar');
  const database = await openPglite(null);
  try {
    await migrate(database);
    await writeFile(file, Buffer.from(await (await database.dumpDataDir()).arrayBuffer()));
  } finally {
    await database.close();
  }
  project.provide('pgliteTemplate', file);
  return () => rm(directory, { recursive: true, force: true });
}
