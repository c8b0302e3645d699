import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * The PostgreSQL pool as Kysely sees it, with two savings on every request and no change in what runs:
 *
 * - A statement with parameters runs as a named prepared statement, so each connection parses and plans
 *   a statement text once instead of on every request (the same SQL, the same parameters). PostgreSQL
 *   re-plans by itself when a table changes or the statement runs under another role, as row-level
 *   security requires. At most `maxNames` distinct texts get a name; texts beyond that run unnamed.
 * - Kysely's `begin` waits for the transaction's first statement and, when that statement has no
 *   parameters (the access context's settings), travels with it in one message: one round trip fewer.
 *   A statement with parameters gets its `begin` sent first, as before.
 */
export function preparingPool(pool: pg.Pool, maxNames = 2_000): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < maxNames) {
      name = `utvag_${names.size}`;
      names.set(text, name);
    }
    return name;
  };
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = preparingClient(client, nameOf);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

const BEGIN = 'begin';
const beginResult = { command: 'BEGIN', rowCount: null, rows: [] };

function preparingClient(client: pg.PoolClient, nameOf: (text: string) => string | undefined): PostgresPoolClient {
  let beginPending = false;

  const run = async (text: string, values: unknown[]): Promise<pg.QueryResult> => {
    if (beginPending) {
      beginPending = false;
      // Nothing ran in the transaction: ending it is a no-op that needs no round trip.
      if (text === 'commit' || text === 'rollback') return beginResult as unknown as pg.QueryResult;
      if (values.length === 0) {
        // The simple protocol runs both statements in one message and answers with a result for each.
        const results = (await client.query(`${BEGIN};\n${text}`)) as unknown as pg.QueryResult[];
        return results[results.length - 1]!;
      }
      await client.query(BEGIN);
    }
    if (text === BEGIN && values.length === 0) {
      beginPending = true;
      return beginResult as unknown as pg.QueryResult;
    }
    const name = values.length > 0 ? nameOf(text) : undefined;
    return name === undefined ? client.query(text, values) : client.query({ name, text, values });
  };

  return {
    query: ((textOrCursor: unknown, values?: readonly unknown[]) => {
      if (typeof textOrCursor !== 'string') {
        if (beginPending) {
          beginPending = false;
          // The client runs its queries in order, so the cursor starts inside the transaction; were the
          // `begin` to fail, the cursor on the same connection reports the failure.
          client.query(BEGIN).catch(() => undefined);
        }
        return client.query(textOrCursor as pg.Submittable);
      }
      return run(textOrCursor, [...(values ?? [])]) as Promise<PostgresQueryResult<unknown>>;
    }) as PostgresPoolClient['query'],
    release: () => {
      // A transaction that never ran a statement has nothing to end on the server.
      beginPending = false;
      client.release();
    },
  };
}
