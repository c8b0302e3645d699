import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { type BlockStatement, prepareValues, type RowShape, type StatementResult, SyncBlock } from './sync-block';

/**
 * The PostgreSQL pool as Kysely sees it, with three savings on every request and no change in what runs:
 *
 * - A statement with parameters runs as a named prepared statement, so each connection parses and plans
 *   a statement text once instead of on every request (the same SQL, the same parameters). PostgreSQL
 *   re-plans by itself when a table changes or the statement runs under another role, as row-level
 *   security requires. At most `maxNames` distinct texts get a name; texts beyond that run unnamed.
 * - Kysely's `begin` waits for the transaction's first statement and goes out with it in one write: one
 *   round trip fewer. A statement marked by `withNext` (the access context's settings) waits too and
 *   joins them, so `begin`, the settings and the work's first statement (a read's case with its access
 *   facts, a create's idempotency claim) make one round trip.
 * - A statement marked by `withCommit` waits for the transaction's `commit` and goes out with it in one
 *   write: one round trip fewer. Should it fail, PostgreSQL skips the commit, its error is the answer and
 *   the rollback that follows ends the transaction; should the transaction roll back instead, the
 *   statement is dropped with it. Any other statement first sends
 *   what is waiting, in the same write, so the order of statements never changes.
 * - A statement marked by `thenCommit` is its transaction's last: it goes out with the `commit` in one
 *   write, and its own result is the answer (see `thenCommit`).
 * - A read-only transaction (Kysely's `setAccessMode('read only')`) wrote nothing, so nobody needs to wait
 *   for its end: its `commit` or `rollback` goes out with the connection's next statement, or on its own
 *   after a turn of the event loop if the connection stays idle. One round trip fewer for every read.
 *
 * The clients run in `pg`'s pipeline mode (see `openPostgres`): statements written together are answered
 * in order, each with its own result, and PostgreSQL runs them one after another on the connection. They
 * go as one block with a single `Sync` (`SyncBlock`), so PostgreSQL also answers them in one write, and
 * skips what follows a statement that fails.
 */
export function preparingPool(pool: pg.Pool, maxNames = 1_000): PostgresPool {
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
        // A connection that breaks while checked out (the database restarted) must not crash the process:
        // the statement in flight, or the next one, fails with the error, and the pool replaces the client.
        client.on('error', () => undefined);
        wrapper = preparingClient(client, nameOf);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/** The markers `withCommit`, `withNext` and `thenCommit` put before a statement's text. */
export const WITH_COMMIT = '/* with commit */ ';
export const WITH_NEXT = '/* with next */ ';
export const THEN_COMMIT = '/* then commit */ ';

/**
 * Marks a statement that belongs at the start of its transaction and whose answer nobody reads before
 * the transaction's next statement, such as the settings row-level security reads: it waits for that
 * statement and travels with it. Should the transaction end without another statement, it is dropped,
 * as it would have had no effect. Outside a transaction, and on PGlite, it runs at once.
 */
export function withNext(text: string): string {
  return WITH_NEXT + text;
}

/**
 * Marks a statement that belongs at the end of its transaction and whose answer nobody reads, such as the
 * audit events of what the transaction read. On PGlite (no pool) the marker is only a comment and it runs
 * at once.
 */
export function withCommit(text: string): string {
  return WITH_COMMIT + text;
}

/**
 * Marks a transaction's last statement, whose answer is read: it goes out with the transaction's `commit`
 * in one write and answers with its own result, or with the error of the `commit` should that fail. The
 * transaction has then ended: the `commit` Kysely sends afterwards is answered at once, and so is a
 * `rollback`, which can no longer undo anything; any other statement on the transaction fails. Only for
 * work that can fail no more once the statement has answered. On PGlite (no pool) the marker is only a
 * comment and the statement runs at once, before the `commit`.
 */
export function thenCommit(text: string): string {
  return THEN_COMMIT + text;
}

const BEGIN = 'begin';
/** Kysely's `begin` of a transaction that may not write (`setAccessMode('read only')`). */
const BEGIN_READ_ONLY = 'start transaction read only';

/** A statement as Kysely hands it to the pool. */
interface Statement {
  text: string;
  values: unknown[];
}

const done = (command: string) => ({ command, rowCount: 0, rows: [] }) as unknown as pg.QueryResult;

/** A simple query of several statements answers with one result each: the last is the one asked for. */
const lastOf = (results: pg.QueryResult | pg.QueryResult[]): pg.QueryResult =>
  Array.isArray(results) ? results[results.length - 1]! : results;

function preparingClient(client: pg.PoolClient, nameOf: (text: string) => string | undefined): PostgresPoolClient {
  /** Inside a transaction Kysely opened with `begin`. */
  let inTransaction = false;
  /** The `begin` and any `withNext` statements not yet sent: they go with the transaction's next statement. */
  let leading: Statement[] = [];
  /** Statements marked `withCommit`, not yet sent: they go with the `commit`. */
  let beforeCommit: Statement[] = [];
  /** The transaction wrote nothing (`start transaction read only`): its end need not be waited for. */
  let readOnly = false;
  /**
   * The end (`commit` or `rollback`) of a read-only transaction, not yet sent: nothing waits on it, so it
   * goes with the connection's next statement, or on its own once the connection has been idle for a turn.
   */
  let pendingEnd: Statement | undefined;
  /** The transaction was committed with a statement marked `thenCommit`; Kysely has not ended it yet. */
  let committed = false;
  // The pool's clients run in pipeline mode: queries go out as they are made, without waiting for the
  // answers to those before them, and the answers come back in order.
  const socket = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;

  /** Names this connection has prepared ('yes'), or may have: a block failed at the statement that prepared it. */
  const prepared = new Map<string, 'yes' | 'unsure'>();
  /** The shape of the rows of each statement prepared here, learnt from PostgreSQL's description once. */
  const shapes = new Map<string, RowShape>();

  /**
   * Sends the statements as one block with a single `Sync` (see `SyncBlock`) and answers with the result
   * of the one at `answer`, or with the error of the one that failed: PostgreSQL skips the statements after
   * it. Each statement with parameters runs as a named prepared statement, prepared in the block the first
   * time. Only the answer's rows are read.
   */
  const block = (statements: Statement[], answer: number): Promise<StatementResult> => {
    const named = new Set<string>();
    const items: BlockStatement[] = [];
    // A value `pg` cannot send (a circular object, say) fails its statement as PostgreSQL would: the
    // statements before it still go (a read's pending end among them), none after it.
    let refused: Error | undefined;
    for (const [index, statement] of statements.entries()) {
      let values: unknown[];
      try {
        values = prepareValues(statement.values);
      } catch (error) {
        refused = error instanceof Error ? error : new Error(String(error));
        break;
      }
      const name = statement.values.length > 0 ? nameOf(statement.text) : undefined;
      const state = name === undefined ? undefined : prepared.get(name);
      const parse = name === undefined || (state !== 'yes' && !named.has(name));
      if (name !== undefined) named.add(name);
      items.push({
        text: statement.text, values, name, parse, close: parse && state === 'unsure',
        read: index === answer, shape: parse || name === undefined ? undefined : shapes.get(name),
      });
    }
    if (items.length === 0) return Promise.reject(refused);
    return new Promise((resolve, reject) => {
      void client.query(new SyncBlock(items, (outcome) => {
        items.forEach((item, index) => {
          if (item.name === undefined) return;
          const shape = outcome.shapes.get(index);
          if (shape) shapes.set(item.name, shape);
          if (!item.parse) return;
          // Statements before the failed one were prepared; the failed one may have been (its `Parse`, or
          // only its `Bind` or `Execute`, failed); those after it were skipped and stay as they were.
          if (!outcome.error || index < outcome.results.length) prepared.set(item.name, 'yes');
          else if (index === outcome.results.length) prepared.set(item.name, 'unsure');
        });
        if (outcome.error ?? refused) reject(outcome.error ?? refused);
        else resolve(outcome.results[answer]!);
      }) as unknown as pg.QueryConfig);
    });
  };

  /** One statement: with parameters as a block of its own, without as a simple query (which may hold several). */
  const send = async (statement: Statement): Promise<pg.QueryResult | pg.QueryResult[]> =>
    statement.values.length > 0
      ? block([statement], 0) as Promise<pg.QueryResult>
      : client.query(statement.text) as Promise<pg.QueryResult | pg.QueryResult[]>;

  /**
   * Sends the statements in one write, in order, and answers with the result of the one at `answer` (the
   * last by default). Should one fail, its error is the answer: PostgreSQL skips the statements after it,
   * and in a transaction refuses any other statement until the transaction ends.
   *
   * The statements go as one block with a single `Sync`, so PostgreSQL answers them all in one write. A
   * statement without parameters that may hold several (a `;` in its text, such as a migration's) cannot
   * go in a block; then neighbours without parameters are joined into one simple query, up to the answer,
   * and each statement with parameters is a block of its own.
   */
  const pipeline = async (statements: Statement[], answer = statements.length - 1): Promise<pg.QueryResult> => {
    if (statements.every((statement) => statement.values.length > 0 || !statement.text.includes(';'))) {
      return block(statements, answer) as Promise<pg.QueryResult>;
    }
    const messages: Statement[] = [];
    let answering = 0;
    statements.forEach((statement, index) => {
      const previous = messages[messages.length - 1];
      // The answer ends its message, so that its result is that message's last.
      const joinable = previous && previous.values.length === 0 && statement.values.length === 0 && index !== answer + 1;
      if (joinable) previous.text += `;\n${statement.text}`;
      else messages.push({ text: statement.text, values: statement.values });
      if (index === answer) answering = messages.length - 1;
    });
    socket?.cork?.();
    let answers: Promise<pg.QueryResult | pg.QueryResult[]>[];
    try {
      answers = messages.map(send);
    } finally {
      socket?.uncork?.();
    }
    const settled = await Promise.allSettled(answers);
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    return lastOf((settled[answering] as PromiseFulfilledResult<pg.QueryResult | pg.QueryResult[]>).value);
  };

  const run = async (text: string, values: unknown[]): Promise<pg.QueryResult> => {
    if (committed) {
      if (values.length > 0 || (text !== 'commit' && text !== 'rollback')) throw new Error('The transaction has ended with its last statement.');
      committed = false;
      inTransaction = false;
      return done(text.toUpperCase());
    }
    if ((text === BEGIN || text === BEGIN_READ_ONLY) && values.length === 0 && !inTransaction) {
      inTransaction = true;
      readOnly = text === BEGIN_READ_ONLY;
      leading = [{ text, values }];
      return done('BEGIN');
    }
    if (inTransaction && text.startsWith(WITH_NEXT) && leading.length > 0) {
      leading.push({ text, values });
      return done('SELECT');
    }
    if (inTransaction && text.startsWith(WITH_COMMIT)) {
      beforeCommit.push({ text, values });
      // It has not run yet, so it has affected no rows yet; callers of such statements do not count rows.
      return done('INSERT');
    }
    const unsent = leading;
    const atCommit = beforeCommit;
    leading = [];
    beforeCommit = [];
    if (inTransaction && values.length === 0 && (text === 'commit' || text === 'rollback')) {
      inTransaction = false;
      // A transaction whose `begin` has not gone out has done nothing: ending it needs no round trip.
      // A rollback drops what waits for the commit.
      if (unsent.length > 0 && (text === 'rollback' || atCommit.length === 0)) return done(text.toUpperCase());
      // A read-only transaction's end waits for the connection's next statement: nothing depends on it.
      if (readOnly && atCommit.length === 0) {
        pendingEnd = { text, values };
        return done(text.toUpperCase());
      }
      if (text === 'rollback') return lastOf(await send({ text, values }));
    }
    const statements = [...(pendingEnd ? [pendingEnd] : []), ...unsent, ...atCommit, { text, values }];
    pendingEnd = undefined;
    if (inTransaction && text.startsWith(THEN_COMMIT)) {
      committed = true;
      try {
        return await pipeline([...statements, { text: 'commit', values: [] }], statements.length - 1);
      } catch (error) {
        // The statement failed and PostgreSQL skipped the `commit` behind it (or the `commit` failed): the
        // transaction is still open, or ended, and the `rollback` Kysely sends next must go out.
        committed = false;
        throw error;
      }
    }
    return statements.length === 1 ? lastOf(await send(statements[0]!)) : pipeline(statements);
  };

  const flushEnd = () => {
    const end = pendingEnd;
    if (!end || inTransaction) return;
    pendingEnd = undefined;
    send(end).catch(() => undefined);
  };

  return {
    query: ((textOrCursor: unknown, values?: readonly unknown[]) => {
      // A cursor keeps a portal open across round trips, which pipeline mode cannot share; nothing here streams.
      if (typeof textOrCursor !== 'string') throw new Error('Cursors are not supported on this pool.');
      return run(textOrCursor, [...(values ?? [])]) as Promise<PostgresQueryResult<unknown>>;
    }) as PostgresPoolClient['query'],
    release: () => {
      // Kysely ends every transaction it begins before it releases the connection; only a read-only
      // transaction's end may still wait, for the connection's next statement or the next turn.
      inTransaction = false;
      committed = false;
      leading = [];
      beforeCommit = [];
      client.release();
      if (pendingEnd) setImmediate(flushEnd);
    },
  };
}
