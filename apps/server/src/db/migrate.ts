import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database';
import { loadReferenceData } from './reference-data';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

const MIGRATION_LOCK = 7_160_415;

/**
 * Applies every SQL migration not yet applied, in name order, then refreshes the reference data.
 * On PostgreSQL an advisory lock makes instances that start together take turns.
 */
export async function migrate(database: Database): Promise<string[]> {
  if (database.kind === 'pglite') return applyMigrations(database);
  return database.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    try {
      return await applyMigrations(database);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection);
    }
  });
}

async function applyMigrations(database: Database): Promise<string[]> {
  const { db } = database;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const applied = new Set((await db.selectFrom('schemaMigrations').select('name').execute()).map((row) => row.name));
  const pending = readdirSync(migrationsDir).filter((name) => name.endsWith('.sql') && !applied.has(name)).sort();
  for (const name of pending) {
    const text = readFileSync(migrationsDir + name, 'utf8');
    // Each migration and its bookkeeping row commit together or not at all.
    await database.runScript(`BEGIN;\n${text}\n;INSERT INTO schema_migrations (name) VALUES ('${name}');\nCOMMIT;`);
  }
  await loadReferenceData(db);
  await ensureAuditPartitions(database);
  return pending;
}

/** Monthly audit partitions for this month and the next three; the default partition catches the rest. */
export async function ensureAuditPartitions(database: Database, now = new Date()): Promise<void> {
  for (let ahead = 0; ahead <= 3; ahead++) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1)).toISOString().slice(0, 10);
    await sql`select utvag_ensure_audit_partition(${month}::date)`.execute(database.db);
  }
}
