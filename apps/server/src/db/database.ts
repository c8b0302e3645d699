import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { preparingPool } from './preparing-pool';
import { oneBlockPool, SharedConnections } from './shared-connections';
import type { DB } from './schema';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the pool or a transaction: what stores take. */
export type Queryable = Kysely<DB>;

/** The system of record: PGlite in a directory, or a PostgreSQL server. */
export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /**
   * For transactions that go to the database as one block: a read whose work is one statement, and the audit
   * writer's batches (see `oneBlockPool`). On PostgreSQL they run on a few connections that many requests
   * share at once (`SharedConnections`); on PGlite this is `db`.
   */
  oneBlock: Db;
  /** Runs a script of several statements (migrations), outside any transaction. */
  runScript(text: string): Promise<void>;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;
// Dates stay 'YYYY-MM-DD' strings (no time zone shifts); 64-bit integers stay strings (no precision loss).
const keepText = (value: string) => value;
pg.types.setTypeParser(DATE_OID, keepText);
pg.types.setTypeParser(INT8_OID, keepText);

const plugins = [new CamelCasePlugin()];

/** The embedded database, which can also be written out whole (see `openPglite`'s `loadDataDir`). */
export interface PgliteDatabase extends Database {
  /** The data directory as an uncompressed tarball. */
  dumpDataDir(): Promise<Blob>;
}

/**
 * Opens PGlite in `dataDir`, or in memory when it is null. An empty data directory is created with
 * initdb, unless `loadDataDir` gives one written out earlier by `dumpDataDir` (tests start from a
 * migrated one, which is far quicker than initdb and the migrations).
 */
export async function openPglite(dataDir: string | null, options: { loadDataDir?: Blob } = {}): Promise<PgliteDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // One options object: PGlite ignores the second argument when the first is not a string (in memory).
  const client = new PGlite({ dataDir: dataDir ?? undefined, loadDataDir: options.loadDataDir, parsers: { [DATE_OID]: keepText, [INT8_OID]: keepText } });
  await client.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client), plugins });
  return {
    kind: 'pglite',
    db,
    oneBlock: db,
    runScript: async (text) => {
      await client.exec(text);
    },
    close: () => db.destroy(),
    dumpDataDir: () => client.dumpDataDir('none'),
  };
}

/**
 * The planner's cost of a random page read for the server's connections, unless the connection string sets
 * `options` itself: 1.1, for storage that reads a random page about as fast as the next one (SSD, or tables
 * in memory), where PostgreSQL's default of 4 assumes a spinning disk. With the default, the planner reads
 * a small table such as `users` whole rather than find one row by its key: in the session check and in
 * every case read.
 */
export function plannerOptions(connectionString: string): string | undefined {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    // Not a URL (a key=value string, say): PostgreSQL's defaults stand.
    return undefined;
  }
  return url.searchParams.has('options') ? undefined : '-c random_page_cost=1.1';
}

/**
 * How many connections one server process's pool opens to PostgreSQL, unless `UTVAG_DB_POOL_SIZE` says otherwise:
 * two for each core of the machine, shared among the `workers` processes of one instance, and at least four.
 * A transaction holds its connection from its `begin` to its `commit`, and more connections than the
 * database's cores can serve only keep it switching between them: on the 2-core machine of
 * docs/performance.md, a pool of 4 served 15–25% more of Utväg's requests than a pool of 10, at less CPU
 * each, while the bare baseline served as many with either. Four leave room for the jobs
 * beside the requests, and for a migration, which holds one connection for its lock while it works on
 * another. When PostgreSQL runs on another machine, set the pool for that machine's cores.
 */
export function defaultPoolSize(workers = 1, cores = availableParallelism()): number {
  return Math.max(4, Math.ceil((2 * cores) / workers));
}

/**
 * How many connections one server process shares among its one-block transactions (see `SharedConnections`),
 * unless `UTVAG_DB_SHARED_CONNECTIONS` says otherwise: one for each core of the machine, shared among the
 * `workers` processes of one instance, and at least one. Each connection's backend runs the blocks sent to it
 * one after another, so more connections than the database's cores would only make PostgreSQL switch between them.
 */
export function defaultSharedConnections(workers = 1, cores = availableParallelism()): number {
  return Math.max(1, Math.ceil(cores / workers));
}

export async function openPostgres(connectionString: string, poolSize = defaultPoolSize(), sharedConnections = defaultSharedConnections()): Promise<Database> {
  const config = { connectionString, connectionTimeoutMillis: 10_000, pipeline: true, options: plannerOptions(connectionString) };
  // Pipeline mode lets the pool send a transaction's `begin` and settings with its first statement, and
  // its audit events with its `commit`, each in one write (see `preparingPool`).
  const pool = new pg.Pool({ ...config, max: poolSize });
  // A dropped idle connection (the database restarted) must not crash the process; the pool reconnects.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }), plugins });
  const shared = new SharedConnections(config, sharedConnections);
  const oneBlock = new Kysely<DB>({ dialect: new PostgresDialect({ pool: oneBlockPool(shared) }), plugins });
  oneBlockHandles.set(db, oneBlock);
  return {
    kind: 'postgres',
    db,
    oneBlock,
    runScript: async (text) => {
      await pool.query(text);
    },
    close: async () => {
      await Promise.all([db.destroy(), oneBlock.destroy()]);
    },
  };
}

const oneBlockHandles = new WeakMap<Db, Db>();

/** The handle for one-block transactions opened with `db` (see `Database.oneBlock`), or `db` itself where there is none. */
export function oneBlockOf(db: Db): Db {
  return oneBlockHandles.get(db) ?? db;
}

/** Is the database answering? Used by /readyz. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
