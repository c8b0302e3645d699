import { randomUUID } from 'node:crypto';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/bench/processes';
import { withCommit, withNext } from '../src/db/preparing-pool';
import { NotOneBlockError, oneBlockPool, SharedConnections } from '../src/db/shared-connections';
import { newPostgresDatabase } from './helpers';

describe('shared connections', () => {
  it('need at least one connection', () => {
    expect(() => new SharedConnections({}, 0)).toThrow();
  });

  it('answer a block with the error of a connection that cannot be opened, and leave no error unhandled', async () => {
    const port = await freePort();
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    const connections = new SharedConnections({ host: '127.0.0.1', port, connectionTimeoutMillis: 2_000 }, 2);
    try {
      // Both connections are opened; the block waits for one of them, the other is not used.
      await expect(connections.run([{ text: 'select 1', values: [] }])).rejects.toThrow(/ECONNREFUSED|connect/);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
      await connections.end();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('shared connections on PostgreSQL', () => {
  let url: string;
  let drop: () => Promise<void>;
  const opened: SharedConnections[] = [];
  const shared = (count: number) => {
    const connections = new SharedConnections({ connectionString: url }, count);
    opened.push(connections);
    return connections;
  };
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const notes = () => admin(async (client) => (await client.query<{ id: number }>('select id from notes order by id')).rows.map((row) => row.id));

  beforeAll(async () => {
    ({ url, drop } = await newPostgresDatabase());
    await admin((client) => client.query('create table notes (id int primary key, note text)'));
  });
  afterAll(async () => {
    await Promise.all(opened.map((connections) => connections.end()));
    await drop();
  });

  it('run a block as one transaction whose settings last until its Sync, while other blocks follow on the same connection', async () => {
    const connections = shared(1);
    const values = Array.from({ length: 30 }, (_, index) => `organisation-${index}`);
    // Thirty blocks at once on one connection, each setting its own value and reading it back.
    const seen = await Promise.all(values.map((value) => connections.run([
      { text: `select set_config('utvag.organisation_id', $1, true)`, values: [value] },
      { text: `select current_setting('utvag.organisation_id', true) as seen, pg_backend_pid() as pid`, values: [] },
    ])));
    expect(seen.map((result) => result.rows[0]!.seen)).toEqual(values);
    expect(new Set(seen.map((result) => result.rows[0]!.pid)).size).toBe(1);
    const after = await connections.run([{ text: `select coalesce(current_setting('utvag.organisation_id', true), '') as seen`, values: [] }]);
    expect(after.rows[0]!.seen).toBe('');
  });

  it('fail a block alone: what it wrote is rolled back, and the blocks sent with it run', async () => {
    const connections = shared(1);
    const [failed, kept] = await Promise.allSettled([
      connections.run([{ text: `insert into notes values ($1, 'a')`, values: [1] }, { text: 'select 1 / $1::int', values: [0] }]),
      connections.run([{ text: `insert into notes values ($1, 'b')`, values: [2] }]),
    ]);
    expect(failed.status === 'rejected' && (failed.reason as Error).message).toMatch(/division by zero/);
    expect(kept.status).toBe('fulfilled');
    expect(await notes()).toEqual([2]);
  });

  it('prepare a statement ahead of the block that uses it first, so that another block\'s failure cannot leave it unprepared', async () => {
    const connections = shared(1);
    const fresh = `select $1::text || ' and ${randomUUID()}' as text`;
    // The first block fails before it reaches the new statement; the second, sent behind it, uses it by name.
    const [failed, answered] = await Promise.allSettled([
      connections.run([{ text: 'select 1 / $1::int', values: [0] }, { text: fresh, values: ['first'] }]),
      connections.run([{ text: fresh, values: ['second'] }]),
    ]);
    expect(failed.status).toBe('rejected');
    expect(answered.status === 'fulfilled' && answered.value.rows[0]!.text).toMatch(/^second and /);
  });

  it('answer a statement that cannot be prepared with its own error, every time, and go on', async () => {
    const connections = shared(1);
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(connections.run([{ text: 'selec $1::int', values: [1] }])).rejects.toThrow(/syntax error/);
    }
    expect((await connections.run([{ text: 'select $1::int + 1 as sum', values: [1] }])).rows).toEqual([{ sum: 2 }]);
  });

  it('refuse statements that control the transaction', async () => {
    const connections = shared(1);
    for (const text of ['begin', 'COMMIT', '/* with next */ start transaction read only', 'savepoint a', 'rollback']) {
      await expect(connections.run([{ text, values: [] }])).rejects.toThrow(/controls the transaction/);
    }
  });

  it('spread blocks over the least busy connections', async () => {
    const connections = shared(2);
    const pids = await Promise.all([0, 1].map(() => connections.run([{ text: 'select pg_backend_pid() as pid, pg_sleep(0.05)', values: [] }])));
    expect(new Set(pids.map((result) => result.rows[0]!.pid)).size).toBe(2);
  });

  it('replace a connection that broke', async () => {
    const connections = shared(1);
    const pid = (await connections.run([{ text: 'select pg_backend_pid() as pid', values: [] }])).rows[0]!.pid as number;
    await admin((client) => client.query('select pg_terminate_backend($1)', [pid]));
    // A block sent before the connection has noticed fails; the next gets a new connection.
    let next: number | undefined;
    for (let attempt = 0; attempt < 50 && next === undefined; attempt++) {
      next = await connections.run([{ text: 'select pg_backend_pid() as pid', values: [] }]).then((result) => result.rows[0]!.pid as number, () => undefined);
      if (next === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(next).toBeDefined();
    expect(next).not.toBe(pid);
  });

  describe('as a Kysely pool of one-block transactions', () => {
    let db: Kysely<unknown>;
    beforeAll(() => {
      db = new Kysely({ dialect: new PostgresDialect({ pool: oneBlockPool(shared(1)) }) });
    });
    const raw = (text: string, values: unknown[] = []) => CompiledQuery.raw(text, values);

    it('send the marked statements with the transaction\'s own statement, and refuse a second, which never runs', async () => {
      const seen = await db.transaction().execute(async (trx) => {
        await trx.executeQuery(raw(withNext(`select set_config('utvag.user_id', $1, true)`), ['user-1']));
        const result = await trx.executeQuery<{ seen: string }>(raw(`select current_setting('utvag.user_id', true) as seen`));
        await expect(trx.executeQuery(raw(`insert into notes values (10, 'second')`))).rejects.toBeInstanceOf(NotOneBlockError);
        return result.rows[0]!.seen;
      });
      expect(seen).toBe('user-1');
      expect(await notes()).not.toContain(10);
    });

    it('send statements marked for the commit with the commit, and drop them on a rollback', async () => {
      await db.transaction().execute(async (trx) => {
        await trx.executeQuery(raw(withCommit(`insert into notes values ($1, 'at commit')`), [11]));
        expect(await notes()).not.toContain(11);
      });
      expect(await notes()).toContain(11);
      await expect(db.transaction().execute(async (trx) => {
        await trx.executeQuery(raw(withCommit(`insert into notes values ($1, 'rolled back')`), [12]));
        throw new Error('the work failed');
      })).rejects.toThrow('the work failed');
      expect(await notes()).not.toContain(12);
    });
  });
});
