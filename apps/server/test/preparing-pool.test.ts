import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessContext, rowSecuritySettings } from '../src/access/context';
import { type Database, openPostgres, plannerOptions } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { preparingPool, thenCommit, withCommit, withNext } from '../src/db/preparing-pool';
import { countSocketWrites, freshDatabase } from './helpers';

describe('row-level security settings', () => {
  it('take the request\'s uuids as parameters, and only uuids', () => {
    const organisationId = randomUUID();
    const userId = randomUUID();
    const settings = rowSecuritySettings({ organisationId, userId });
    expect(settings.parameters).toEqual([organisationId, userId]);
    expect(settings.sql).not.toContain(organisationId);
    expect(settings.sql).not.toContain('transaction_read_only');
    expect(rowSecuritySettings({ organisationId, userId }, true).sql).toContain(`set_config('transaction_read_only', 'on', true)`);
    expect(() => rowSecuritySettings({ organisationId: "x', true); drop table cases; --", userId })).toThrow();
    expect(() => rowSecuritySettings({ organisationId, userId: '' })).toThrow();
  });
});

describe('the planner options of the server\'s connections', () => {
  it('plan for fast random reads unless the connection string chooses its own options', () => {
    expect(plannerOptions('postgres://utvag@db.internal:5432/utvag')).toBe('-c random_page_cost=1.1');
    expect(plannerOptions('postgres://utvag@db.internal:5432/utvag?options=-c%20random_page_cost%3D2')).toBeUndefined();
    expect(plannerOptions('host=db.internal dbname=utvag')).toBeUndefined();
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('reach PostgreSQL, so that a small table is read by its key', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const read = async (address: string) => {
      const database = await openPostgres(address, 1);
      try {
        return (await sql<{ cost: string }>`select current_setting('random_page_cost') as cost`.execute(database.db)).rows[0]!.cost;
      } finally {
        await database.close();
      }
    };
    expect(await read(url.toString())).toBe('1.1');
    url.searchParams.set('options', '-c random_page_cost=3');
    expect(await read(url.toString())).toBe('3');
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('the PostgreSQL pool: prepared statements and begin with the first statement', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase());
    await migrate(database);
  });
  afterAll(async () => drop());

  it('runs a statement with parameters as a named prepared statement on its connection', async () => {
    const marker = `probe${randomUUID().replace(/-/g, '')}`;
    const prepared = await database.db.connection().execute(async (connection) => {
      for (const value of [1, 2, 3]) {
        const result = await sql<{ next: number }>`select ${value}::int + 1 as ${sql.raw(marker)}`.execute(connection);
        expect(result.rows[0]).toEqual({ [marker]: value + 1 });
      }
      await sql`select 1 as ${sql.raw(marker)}`.execute(connection);
      return sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(connection);
    });
    // One name for the parameterised text however often it ran; the text without parameters was not prepared.
    const ours = prepared.rows.filter((row) => row.statement.includes(marker));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.name).toMatch(/^utvag_\d+$/);
    expect(ours[0]!.statement).toContain('$1');
  });

  it('keeps transactions whole: settings stay inside, a rollback undoes, an empty transaction is harmless', async () => {
    const organisationId = randomUUID();
    const userId = randomUUID();
    const inside = await database.db.transaction().execute(async (trx) => {
      await trx.executeQuery(rowSecuritySettings({ organisationId, userId }));
      return (await sql<{ role: string; org: string; open: boolean }>`select current_user as role, current_setting('utvag.organisation_id') as org,
        now() = statement_timestamp() as open`.execute(trx)).rows[0]!;
    });
    expect(inside.role).toBe('utvag_app');
    expect(inside.org).toBe(organisationId);
    // In a transaction now() is the transaction's start, so it differs from the statement's time: begin ran first.
    expect(inside.open).toBe(false);

    const after = await sql<{ role: string; org: string | null }>`select current_user as role, current_setting('utvag.organisation_id', true) as org`.execute(database.db);
    expect(after.rows[0]!.role).not.toBe('utvag_app');
    expect(after.rows[0]!.org ?? '').toBe('');

    const label = `rollback-${randomUUID()}`;
    await expect(database.db.transaction().execute(async (trx) => {
      await sql`create temporary table if not exists pool_probe (label text)`.execute(trx);
      await sql`insert into pool_probe values (${label})`.execute(trx);
      throw new Error('undo');
    })).rejects.toThrow('undo');
    const probe = await sql<{ exists: boolean }>`select to_regclass('pg_temp.pool_probe') is not null as exists`.execute(database.db);
    expect(probe.rows[0]!.exists).toBe(false);

    await database.db.transaction().execute(async () => undefined);
    const fine = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(fine.rows[0]!.one).toBe(1);
  });

  it('sends a statement marked withCommit with the commit, keeps the order of statements, and drops it on rollback', async () => {
    await sql`create table if not exists pool_probe (label text primary key)`.execute(database.db);
    const insert = (label: string) => sql.raw(withCommit(`insert into pool_probe values ('${label}')`));
    const labels = async () => (await sql<{ label: string }>`select label from pool_probe order by label`.execute(database.db)).rows.map((row) => row.label);

    await database.db.transaction().execute(async (trx) => {
      await insert('a-committed').execute(trx);
    });
    expect(await labels()).toEqual(['a-committed']);

    // A later statement in the same transaction sees it: what waits is sent before anything else.
    const seen = await database.db.transaction().execute(async (trx) => {
      await insert('b-seen').execute(trx);
      return (await sql<{ n: number }>`select count(*)::int as n from pool_probe where label = ${'b-seen'}`.execute(trx)).rows[0]!.n;
    });
    expect(seen).toBe(1);

    await expect(database.db.transaction().execute(async (trx) => {
      await insert('c-rolled-back').execute(trx);
      throw new Error('undo');
    })).rejects.toThrow('undo');
    expect(await labels()).toEqual(['a-committed', 'b-seen']);

    // When it fails at the commit, the commit fails and the whole transaction is undone.
    await expect(database.db.transaction().execute(async (trx) => {
      await sql`insert into pool_probe values (${'d-undone'})`.execute(trx);
      await insert('a-committed').execute(trx);
    })).rejects.toThrow(/duplicate key/);
    expect(await labels()).toEqual(['a-committed', 'b-seen']);

    // Outside a transaction it runs at once.
    await insert('e-at-once').execute(database.db);
    expect(await labels()).toEqual(['a-committed', 'b-seen', 'e-at-once']);
  });

  it('applies row-level security through the access context with the settings sent as literals', async () => {
    const organisationId = randomUUID();
    const userId = randomUUID();
    const context = new AccessContext(database.db, { userId, organisationId, organisationType: 'municipality', roles: ['coordinator'], name: 'x', email: 'x@test.utvag.se' }, 'req-1');
    const seen = await context.run(async (scope) => {
      const row = await sql<{ role: string; org: string; user: string }>`select current_user as role, current_setting('utvag.organisation_id') as org,
        current_setting('utvag.user_id') as user`.execute(scope.trx);
      return row.rows[0]!;
    });
    expect(seen).toEqual({ role: 'utvag_app', org: organisationId, user: userId });
  });

  /**
   * A pool of one connection whose socket writes are counted: every write to the socket is one message
   * batch that PostgreSQL answers before the client goes on, so `writes` counts round trips, and `sent`
   * keeps the statement texts in the order the client made them.
   */
  function watchedPool() {
    const pool = new pg.Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 1, pipeline: true });
    const watch: { writes: number; sent: string[]; texts?: string[] } = { writes: 0, sent: [] };
    const connect = pool.connect.bind(pool);
    const watched = new WeakSet<pg.PoolClient>();
    pool.connect = (async () => {
      const client = await connect();
      if (watched.has(client)) return client;
      watched.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        const first = args[0];
        watch.sent.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
        return query(...args);
      }) as typeof client.query;
      countSocketWrites(client, watch);
      return client;
    }) as typeof pool.connect;
    const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    const reset = () => {
      watch.writes = 0;
      watch.sent.length = 0;
    };
    return { db, watch, reset };
  }

  it('takes one round trip for begin, the settings and the first statement, and one for the audit insert with the commit', async () => {
    const { db, watch, reset } = watchedPool();
    try {
      await sql`select 1`.execute(db); // connects, so that only the transactions' writes are counted
      reset();
      const organisationId = randomUUID();
      const seen = await db.transaction().execute(async (trx) => {
        await trx.executeQuery(rowSecuritySettings({ organisationId, userId: randomUUID() }));
        const row = await sql<{ role: string; org: string; one: number }>`select current_user as role,
          current_setting('utvag.organisation_id') as org, ${1}::int as one`.execute(trx);
        await sql.raw(withCommit('select 2')).execute(trx);
        return row.rows[0]!;
      });
      // The first statement has parameters and still runs after begin and under the settings.
      expect(seen).toEqual({ role: 'utvag_app', org: organisationId, one: 1 });
      // Each write is one block: begin, the settings and the statement; then the statement marked withCommit
      // and the commit.
      expect(watch.writes).toBe(2);
      expect(watch.sent).toHaveLength(2);
      expect(watch.sent[0]).toMatch(/^begin;\s+\/\* with next \*\/ select set_config\('role', 'utvag_app', true\).*;\s+select current_user .*\$1::int as one$/s);
      expect(watch.sent[1]).toMatch(/^\/\* with commit \*\/ select 2;\s+commit$/);

      // A first statement without parameters goes in the same block as begin and the settings.
      reset();
      const settings = rowSecuritySettings({ organisationId: randomUUID(), userId: randomUUID() });
      const first = await db.transaction().execute(async (trx) => {
        await trx.executeQuery(settings);
        const claimed = await sql.raw<{ role: string }>('select current_user as role').execute(trx);
        await sql`select ${1}::int as one`.execute(trx);
        return claimed.rows[0]!.role;
      });
      expect(first).toBe('utvag_app');
      expect(watch.writes).toBe(3);
      expect(watch.sent).toHaveLength(3);
      expect(watch.sent[0]).toMatch(/^begin;\s+\/\* with next \*\/ select set_config\('role', 'utvag_app', true\).*;\s+select current_user as role$/s);
      expect(watch.sent[1]).toContain('$1');
      expect(watch.sent[2]).toBe('commit');

      // A statement marked withCommit may have parameters: it goes out with the commit as a prepared statement.
      reset();
      await sql`create temporary table if not exists pipeline_probe (label text primary key)`.execute(db);
      reset();
      await db.transaction().execute(async (trx) => {
        await sql`${sql.raw(withCommit(''))}insert into pipeline_probe values (${'with-commit'})`.execute(trx);
        await sql`select ${1}::int as one`.execute(trx);
      });
      // begin and the select in one write; then the insert and the commit in one write.
      expect(watch.writes).toBe(2);
      expect(watch.sent.at(-1)).toBe('commit');
      expect((await sql<{ n: number }>`select count(*)::int as n from pipeline_probe`.execute(db)).rows[0]!.n).toBe(1);

      // Should it fail, the commit rolls back and the failure is the answer.
      await expect(db.transaction().execute(async (trx) => {
        await sql`insert into pipeline_probe values (${'undone'})`.execute(trx);
        await sql`${sql.raw(withCommit(''))}insert into pipeline_probe values (${'with-commit'})`.execute(trx);
      })).rejects.toThrow(/duplicate key/);
      expect((await sql<{ label: string }>`select label from pipeline_probe order by label`.execute(db)).rows).toEqual([{ label: 'with-commit' }]);

      // A failing first statement fails the transaction; the settings before it never outlive it.
      await expect(db.transaction().execute(async (trx) => {
        await trx.executeQuery(settings);
        await sql`select ${'not a number'}::int as broken`.execute(trx);
      })).rejects.toThrow(/invalid input syntax/);
      const after = await sql<{ role: string }>`select current_user as role, ${1}::int as one`.execute(db);
      expect(after.rows[0]!.role).not.toBe('utvag_app');

      // A transaction that ends with nothing but its settings sends nothing at all.
      reset();
      await db.transaction().execute(async (trx) => {
        await trx.executeQuery(settings);
      });
      expect(watch.sent).toEqual([]);
      expect(watch.writes).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it('ends a read-only transaction with the connection\'s next statement, or on its own after a turn', async () => {
    const { db, watch, reset } = watchedPool();
    const probe = `read_only_probe_${randomUUID().replace(/-/g, '')}`;
    const state = async () => {
      const row = (await sql<{ role: string; readonly: string }>`select current_user as role,
        current_setting('transaction_read_only') as readonly, ${1}::int as one`.execute(db)).rows[0]!;
      return { appRole: row.role === 'utvag_app', readOnly: row.readonly };
    };
    // What another connection sees of the pool's one connection.
    const observer = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await observer.connect();
    const seenFromOutside = async (pid: number) =>
      (await observer.query<{ state: string }>('select state from pg_stat_activity where pid = $1', [pid])).rows[0]!.state;
    try {
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
      reset();
      const settings = rowSecuritySettings({ organisationId: randomUUID(), userId: randomUUID() });
      const read = () => db.transaction().setAccessMode('read only').execute(async (trx) => {
        await trx.executeQuery(settings);
        return (await sql<{ role: string }>`select current_user as role, ${2}::int as two`.execute(trx)).rows[0]!.role;
      });
      expect(await read()).toBe('utvag_app');
      // One write: begin, the settings and the statement. The commit waits.
      expect(watch.writes).toBe(1);
      expect(watch.sent.at(-1)).toContain('$1');
      // The next statement takes the commit with it, in one write, and runs after it: outside any
      // transaction, as the pool's own role, writable again.
      const after = await state();
      expect(watch.writes).toBe(2);
      expect(watch.sent.at(-1)).toMatch(/^commit;\s+select current_user as role,\s+current_setting\('transaction_read_only'\)/);
      expect(after).toEqual({ appRole: false, readOnly: 'off' });

      // With nothing to follow, the commit goes out on its own after a turn of the event loop.
      reset();
      await read();
      expect(watch.sent.at(-1)).not.toBe('commit');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(watch.sent.at(-1)).toBe('commit');
      expect(watch.writes).toBe(2);
      expect(await seenFromOutside(pid)).toBe('idle');
      expect(await state()).toEqual({ appRole: false, readOnly: 'off' });

      // A read-only transaction refuses writes; its rollback waits the same way, and nothing of it remains.
      reset();
      // A table of its own (this pool is on the shared test database), dropped at the end; not a temporary
      // one, which a read-only transaction may write.
      await sql`create table ${sql.table(probe)} (label text)`.execute(db);
      await expect(db.transaction().setAccessMode('read only').execute(async (trx) => {
        await sql`insert into ${sql.table(probe)} values (${'refused'})`.execute(trx);
      })).rejects.toThrow(/read-only transaction/);
      expect(watch.sent.at(-1)).not.toBe('rollback');
      const role = await sql<{ role: string; n: number }>`select current_user as role, (select count(*)::int from ${sql.table(probe)}) as n, ${3}::int as three`.execute(db);
      expect(watch.sent.at(-1)).toMatch(/^rollback;\s+select current_user as role/);
      expect(role.rows[0]).toMatchObject({ n: 0 });
      expect(role.rows[0]!.role).not.toBe('utvag_app');

      // A transaction that writes ends as before: its commit is waited for.
      reset();
      await db.transaction().execute(async (trx) => {
        await sql`insert into ${sql.table(probe)} values (${'written'})`.execute(trx);
      });
      expect(watch.sent.at(-1)).toBe('commit');
      expect(watch.writes).toBe(2);
    } finally {
      await sql`drop table if exists ${sql.table(probe)}`.execute(db);
      await observer.end();
      await db.destroy();
    }
  });

  it('sends a statement marked thenCommit with the commit in one write and answers with its result', async () => {
    const { db, watch, reset } = watchedPool();
    const probe = `then_commit_probe_${randomUUID().replace(/-/g, '')}`;
    try {
      await sql`create table ${sql.table(probe)} (label text primary key)`.execute(db);
      const labels = async () => (await sql<{ label: string }>`select label from ${sql.table(probe)} order by label`.execute(db)).rows.map((row) => row.label);
      const last = (label: string) => sql<{ label: string }>`${sql.raw(thenCommit(''))}insert into ${sql.table(probe)} values (${label}) returning label`;
      reset();
      const answered = await db.transaction().execute(async (trx) => {
        await sql`select ${1}::int as one`.execute(trx);
        return (await last('a-last').execute(trx)).rows[0]!.label;
      });
      expect(answered).toBe('a-last');
      // begin and the select in one write; the insert and the commit in the other; Kysely's commit sends nothing.
      expect(watch.writes).toBe(2);
      expect(watch.sent.at(-1)).toMatch(new RegExp(`^/\\* then commit \\*/ insert into "${probe}".*;\\s+commit$`));
      expect(await labels()).toEqual(['a-last']);

      // The transaction has ended: a statement after it fails, and the rollback that follows undoes nothing.
      await expect(db.transaction().execute(async (trx) => {
        await last('b-committed').execute(trx);
        await sql`insert into ${sql.table(probe)} values (${'c-after'})`.execute(trx);
      })).rejects.toThrow(/ended with its last statement/);
      expect(await labels()).toEqual(['a-last', 'b-committed']);

      // Should the statement fail, nothing is committed and its error is the answer.
      await expect(db.transaction().execute(async (trx) => {
        await sql`insert into ${sql.table(probe)} values (${'d-undone'})`.execute(trx);
        await last('a-last').execute(trx);
      })).rejects.toThrow(/duplicate key/);
      expect(await labels()).toEqual(['a-last', 'b-committed']);

      // The connection goes on as usual.
      await db.transaction().execute(async (trx) => {
        await sql`insert into ${sql.table(probe)} values (${'e-next'})`.execute(trx);
      });
      expect(await labels()).toEqual(['a-last', 'b-committed', 'e-next']);
    } finally {
      await sql`drop table if exists ${sql.table(probe)}`.execute(db);
      await db.destroy();
    }
  });

  it('sends the statements written together as one block: one Sync, nothing run after a failure, rows described once', async () => {
    const { db, watch, reset } = watchedPool();
    const probe = `block_probe_${randomUUID().replace(/-/g, '')}`;
    const texts: string[] = [];
    // A Describe of the portal, as the protocol writes it: 'D', its length (6), 'P' and the empty name.
    const describes = () => texts.join('').split('D\x00\x00\x00\x06P\x00').length - 1;
    const syncs = () => texts.join('').split('S\x00\x00\x00\x04').length - 1;
    try {
      // A sequence, which no rollback resets: it shows whether a statement ran.
      await sql`create sequence ${sql.raw(probe)}`.execute(db);
      watch.texts = texts;
      reset();
      texts.length = 0;
      const read = () => db.transaction().execute(async (trx) => {
        await trx.executeQuery(rowSecuritySettings({ organisationId: randomUUID(), userId: randomUUID() }));
        return (await sql<{ n: number; at: Date; role: string }>`select ${41}::int + 1 as n, now() as at, current_user as role`.execute(trx)).rows[0]!;
      });
      const first = await read();
      expect(first).toEqual({ n: 42, at: expect.any(Date), role: 'utvag_app' });
      // begin, the settings and the statement in one write with a single Sync, only the answer described;
      // then the commit, a simple query.
      expect(watch.writes).toBe(2);
      expect(syncs()).toBe(1);
      expect(describes()).toBe(1);
      texts.length = 0;
      const second = await read();
      // The same rows, parsed alike, without asking PostgreSQL to describe them again.
      expect(second).toEqual({ n: 42, at: expect.any(Date), role: 'utvag_app' });
      expect(describes()).toBe(0);

      // A statement that fails stops the block: the one behind it never runs.
      await expect(db.transaction().execute(async (trx) => {
        await sql.raw(withNext('select 1 / 0')).execute(trx);
        await sql`select nextval(${probe}) as n, ${1}::int as one`.execute(trx);
      })).rejects.toThrow(/division by zero/);
      expect((await sql<{ n: string }>`select nextval(${probe}) as n`.execute(db)).rows[0]!.n).toBe('1');

      // A new prepared statement that fails when it runs, after its Parse went through, is prepared again
      // the next time without a clash with the name it already has on the connection.
      const divide = (by: number) => sql<{ q: number }>`select 84 / ${by}::int as ${sql.raw(probe)}`.execute(db);
      await expect(divide(0)).rejects.toThrow(/division by zero/);
      expect((await divide(2)).rows[0]).toEqual({ [probe]: 42 });
      expect((await divide(4)).rows[0]).toEqual({ [probe]: 21 });

      // A value pg cannot send fails its statement before anything of it is sent; a read-only transaction's
      // end waiting in front of it still goes, so the connection is left outside any transaction.
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      await db.transaction().setAccessMode('read only').execute(async (trx) => {
        await trx.executeQuery(rowSecuritySettings({ organisationId: randomUUID(), userId: randomUUID() }, true));
        await sql`select ${1}::int as one`.execute(trx);
      });
      await expect(sql`select ${circular}::jsonb as broken`.execute(db)).rejects.toThrow(/circular/);
      const outside = (await sql<{ role: string; readonly: string }>`select current_user as role,
        current_setting('transaction_read_only') as readonly, ${2}::int as two`.execute(db)).rows[0]!;
      expect(outside.role).not.toBe('utvag_app');
      expect(outside.readonly).toBe('off');

      // A statement without parameters that holds several cannot go in a block: it still runs, as a simple query.
      const several = await db.transaction().execute(async (trx) => {
        await trx.executeQuery(rowSecuritySettings({ organisationId: randomUUID(), userId: randomUUID() }));
        return (await sql.raw<{ two: number }>('select 1 as one; select 2 as two').execute(trx)).rows;
      });
      expect(several).toEqual([{ two: 2 }]);
    } finally {
      await sql`drop sequence if exists ${sql.raw(probe)}`.execute(db);
      await db.destroy();
    }
  });

  it('prepares at most the given number of texts and runs the rest unnamed', async () => {
    const pool = new pg.Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 1, pipeline: true });
    const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool: preparingPool(pool, 2) }) });
    try {
      const marker = `cap_${randomUUID().replace(/-/g, '')}`;
      for (let i = 0; i < 4; i++) {
        const result = await sql<{ n: number }>`select ${i}::int as ${sql.raw(`${marker}_${i}`)}`.execute(db);
        expect(Object.values(result.rows[0]!)).toEqual([i]);
      }
      const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db);
      expect(prepared.rows.filter((row) => row.statement.includes(marker))).toHaveLength(2);
    } finally {
      await db.destroy();
    }
  });
});
