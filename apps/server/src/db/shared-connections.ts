import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';
import { THEN_COMMIT, WITH_COMMIT, WITH_NEXT } from './preparing-pool';
import { type BlockStatement, prepareValues, type RowShape, type StatementResult, SyncBlock } from './sync-block';

/**
 * A few connections to PostgreSQL that many requests use at the same time, for transactions that go to the
 * database as one block: a read of one statement (a case, a plan, a team, each with its access facts) and the
 * audit writer's batches.
 *
 * A block of the extended query protocol ended by a single `Sync` runs in one implicit transaction:
 * PostgreSQL commits it at the `Sync`, or rolls it all back should a statement fail, and skips the rest of the
 * block. The settings a block makes with `set_config(…, true)` (the role and the organisation that row-level
 * security reads) last until that `Sync` and no further. So the blocks of different requests can follow one
 * another on one connection without waiting for each other's answers (pipeline mode): none can see another's
 * settings or leave a transaction open for the next. Each connection checks that, and is closed should a block
 * ever leave it anywhere but idle.
 *
 * Where a pool hands each transaction a connection of its own from `begin` to `commit`, a request here waits
 * for no free connection and PostgreSQL's backends wait less for the server: on the 2-core machine of
 * docs/performance.md the case read served about a third more requests at less CPU each.
 *
 * Statements with parameters run as named prepared statements. A connection prepares a text in a block of its
 * own, ahead of the first block that uses it, so that the failure of another request's block can never leave
 * a statement unprepared for the blocks behind it.
 */
export class SharedConnections {
  private readonly lanes: (Lane | undefined)[];
  private readonly names = new Map<string, string>();
  private ended = false;

  /** `config` says how to connect; the connections always run in pipeline mode. */
  constructor(private readonly config: pg.ClientConfig, count: number, private readonly maxNames = 1_000) {
    if (!Number.isInteger(count) || count < 1) throw new Error('Shared connections need a count of at least one.');
    this.lanes = Array.from({ length: count }, () => undefined);
  }

  /**
   * Runs `statements` as one block in an implicit transaction and answers with the result of the one at
   * `answer`, or with the error of the statement that failed (nothing of the block is then kept).
   */
  async run(statements: readonly { text: string; values: readonly unknown[] }[], answer = statements.length - 1): Promise<StatementResult> {
    if (this.ended) throw new Error('The shared connections are closed.');
    for (const { text } of statements) {
      // Each block must end its own transaction at its `Sync`. (PostgreSQL itself refuses a text of several statements in a block.)
      if (TRANSACTION_CONTROL.test(text)) throw new Error('A block on shared connections takes no statement that controls the transaction.');
    }
    const values = statements.map((statement) => prepareValues(statement.values));
    const lane = this.leastBusy();
    lane.outstanding++;
    try {
      return await lane.run(statements.map((statement, index) => ({ text: statement.text, values: values[index]!, name: this.nameOf(statement) })), answer);
    } finally {
      lane.outstanding--;
    }
  }

  async end(): Promise<void> {
    this.ended = true;
    await Promise.allSettled(this.lanes.map((lane) => lane?.end()));
  }

  private nameOf(statement: { text: string; values: readonly unknown[] }): string | undefined {
    if (statement.values.length === 0) return undefined;
    let name = this.names.get(statement.text);
    if (name === undefined && this.names.size < this.maxNames) {
      name = `utvag_shared_${this.names.size}`;
      this.names.set(statement.text, name);
    }
    return name;
  }

  /** The living connection with the fewest blocks in flight; a broken one is replaced. */
  private leastBusy(): Lane {
    let best: Lane | undefined;
    this.lanes.forEach((lane, index) => {
      if (!lane || lane.broken) {
        lane = new Lane(new pg.Client({ ...this.config, pipeline: true }));
        this.lanes[index] = lane;
      }
      if (!best || lane.outstanding < best.outstanding) best = lane;
    });
    return best!;
  }
}

interface LaneStatement {
  text: string;
  values: unknown[];
  name: string | undefined;
}

const INVALID_STATEMENT_NAME = '26000';
const TRANSACTION_CONTROL = /^\s*(?:\/\*.*?\*\/\s*)*(?:begin|start|commit|end|rollback|abort|savepoint|release|prepare\s+transaction)\b/is;

class Lane {
  outstanding = 0;
  broken = false;
  private readonly connected: Promise<void>;
  /** The outcome of preparing each name on this connection; a failed one is forgotten, to be tried again. */
  private readonly prepared = new Map<string, Promise<void>>();
  private readonly shapes = new Map<string, RowShape>();

  private readonly stream: { cork?: () => void; uncork?: () => void } | undefined;

  constructor(private readonly client: pg.Client) {
    this.stream = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
    // A broken connection (the database restarted) fails the blocks in flight; the next block gets a new one.
    client.on('error', () => {
      this.broken = true;
    });
    client.on('end', () => {
      this.broken = true;
    });
    this.connected = client.connect().then(() => undefined, (error: unknown) => {
      this.broken = true;
      throw error;
    });
    // A block that waits for the connection gets the error; a connection no block has used yet must not
    // crash the process with it.
    this.connected.catch(() => undefined);
  }

  async run(statements: LaneStatement[], answer: number): Promise<StatementResult> {
    await this.connected;
    const items: BlockStatement[] = statements.map((statement, index) => ({
      text: statement.text, values: statement.values, name: statement.name, parse: statement.name === undefined, close: false,
      read: index === answer, shape: statement.name === undefined ? undefined : this.shapes.get(statement.name),
    }));
    // What is still to prepare goes ahead of the block in the same write.
    this.stream?.cork?.();
    let waits: Promise<void>[];
    let sent: ReturnType<Lane['send']>;
    try {
      waits = this.prepare(statements);
      sent = this.send(items);
    } finally {
      this.stream?.uncork?.();
    }
    try {
      const outcome = await sent;
      items.forEach((item, index) => {
        const shape = outcome.shapes.get(index);
        if (item.name !== undefined && shape) this.shapes.set(item.name, shape);
      });
      return outcome.results[answer]!;
    } catch (error) {
      // A statement whose preparing failed cannot run: its own error says why.
      if ((error as { code?: unknown }).code === INVALID_STATEMENT_NAME) await Promise.all(waits);
      throw error;
    }
  }

  end(): Promise<void> {
    return this.client.end();
  }

  /**
   * Prepares the named statements not yet prepared here, in a block of their own ahead of the block that uses
   * them first, and answers with the outcome of preparing each named statement.
   */
  private prepare(statements: LaneStatement[]): Promise<void>[] {
    const fresh = new Map<string, string>();
    const outcomes = statements.flatMap(({ name, text }) => {
      if (name === undefined) return [];
      const known = this.prepared.get(name);
      if (known) return [known];
      fresh.set(name, text);
      return [];
    });
    if (fresh.size === 0) return outcomes;
    const prepared = this.send([...fresh].map(([name, text]) => ({ text, values: [], name, parse: true, close: false, read: false, prepareOnly: true })))
      .then(() => undefined);
    for (const name of fresh.keys()) this.prepared.set(name, prepared);
    // Should it fail, the names are tried again with the next block that uses them.
    prepared.catch(() => {
      for (const name of fresh.keys()) if (this.prepared.get(name) === prepared) this.prepared.delete(name);
    });
    return [...outcomes, prepared];
  }

  private send(items: BlockStatement[]): Promise<{ results: StatementResult[]; shapes: Map<number, RowShape> }> {
    return new Promise((resolve, reject) => {
      void this.client.query(new SyncBlock(items, (outcome) => {
        // Every block is a whole transaction: a connection left inside one would carry it into the next
        // request's block, so it is closed instead.
        if (this.client.getTransactionStatus() !== 'I' && !this.broken) {
          this.broken = true;
          void this.client.end().catch(() => undefined);
          reject(new Error('A block left its shared connection inside a transaction.'));
        } else if (outcome.error) {
          reject(outcome.error);
        } else {
          resolve(outcome);
        }
      }) as unknown as pg.QueryConfig);
    });
  }
}

const BEGIN = 'begin';
const BEGIN_READ_ONLY = 'start transaction read only';

/** A statement as Kysely hands it to a connection. */
interface Statement {
  text: string;
  values: unknown[];
}

/**
 * A one-block transaction needed more than its block: a statement of its own after the block had gone, which
 * would run in another transaction. Nothing of that statement ran.
 */
export class NotOneBlockError extends Error {
  constructor() {
    super('The transaction needs more than one block.');
  }
}

const done = (command: string) => ({ command, rowCount: 0, rows: [] }) as unknown as PostgresQueryResult<unknown>;

/**
 * Kysely's pool for transactions of one block on `shared` (see `Database.oneBlock`). A transaction may run
 * statements marked `withNext` (the session check, the row-level security settings), at most one statement of
 * its own, and statements marked `withCommit` when it has none of its own (the audit writer's insert):
 *
 * - the marked statements wait, and go in one block with the transaction's own statement, whose result is the
 *   answer, or with its `commit`;
 * - its `commit` and `rollback` are answered at once: the block ended the transaction at its `Sync`, or nothing
 *   was sent;
 * - a second statement of its own, or a statement marked `withCommit` after it, throws `NotOneBlockError`: it
 *   would run in another transaction.
 *
 * A transaction that sends nothing does nothing, as on the pool.
 */
export function oneBlockPool(shared: SharedConnections): PostgresPool {
  return {
    connect: async () => {
      let leading: Statement[] = [];
      let atCommit: Statement[] = [];
      let sent = false;
      const client: PostgresPoolClient = {
        query: (async (textOrCursor: unknown, values?: readonly unknown[]) => {
          if (typeof textOrCursor !== 'string') throw new Error('Cursors are not supported on shared connections.');
          const statement = { text: textOrCursor, values: [...(values ?? [])] };
          const { text } = statement;
          if ((text === BEGIN || text === BEGIN_READ_ONLY) && statement.values.length === 0) {
            leading = [];
            atCommit = [];
            sent = false;
            return done('BEGIN');
          }
          if ((text === 'commit' || text === 'rollback') && statement.values.length === 0) {
            const toCommit = text === 'commit' && !sent && atCommit.length > 0 ? [...leading, ...atCommit] : [];
            leading = [];
            atCommit = [];
            if (toCommit.length > 0) {
              sent = true;
              await shared.run(toCommit);
            }
            return done(text.toUpperCase());
          }
          if (sent) throw new NotOneBlockError();
          if (text.startsWith(WITH_NEXT)) {
            leading.push(statement);
            return done('SELECT');
          }
          if (text.startsWith(WITH_COMMIT)) {
            atCommit.push(statement);
            return done('INSERT');
          }
          // Its own statement must come before anything marked for its commit, and be answered before the commit.
          if (text.startsWith(THEN_COMMIT) || atCommit.length > 0) throw new NotOneBlockError();
          sent = true;
          const block = [...leading, statement];
          leading = [];
          return shared.run(block) as unknown as Promise<PostgresQueryResult<unknown>>;
        }) as PostgresPoolClient['query'],
        release: () => undefined,
      };
      return client;
    },
    end: () => shared.end(),
  };
}
