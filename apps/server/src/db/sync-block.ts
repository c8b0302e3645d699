import pg from 'pg';

/**
 * Several statements sent to PostgreSQL as one block of the extended query protocol, ended by a single
 * `Sync`: PostgreSQL runs them in order and sends every answer in one go when it reaches the `Sync`,
 * where a `Sync` after each statement had it write (and wake the server) once per statement. Should a
 * statement fail, PostgreSQL skips the rest of the block, so nothing written after a failed statement
 * runs: the same rule as in a transaction, and stricter outside one.
 *
 * Only the rows of the statements whose answer is read are parsed, and a statement asks PostgreSQL to
 * describe its rows only when its shape is not known yet: a prepared statement's rows keep their shape
 * (PostgreSQL refuses to run it should a change of a table change it), so the shape learnt the first time
 * serves every later run on the connection.
 *
 * The block is one query to `pg`'s client (a `pg.Query`, so pipeline mode accepts it): the client hands it
 * each answer message in turn, and one `ReadyForQuery` ends it.
 */

/** How to turn the columns of a row into an object: their names and a parser for each. */
export interface RowShape {
  names: string[];
  parsers: ((value: string) => unknown)[];
}

/** One statement of a block, its values already mapped for the wire (`prepareValues`). */
export interface BlockStatement {
  text: string;
  values: unknown[];
  /** The name of its prepared statement on the connection; none for the unnamed statement. */
  name?: string;
  /** Send `Parse` first: the text is not yet prepared under the name (always, for the unnamed statement). */
  parse: boolean;
  /** Send `Close` for the name first: an earlier block may or may not have prepared it. */
  close: boolean;
  /** Its rows are read: they are parsed, with `shape` if it is known, else PostgreSQL is asked to describe them. */
  read: boolean;
  shape?: RowShape;
  /** Only prepare it under its name: no `Bind` or `Execute`, so it has no result (see `SharedConnections`). */
  prepareOnly?: boolean;
}

/** One statement's answer, as `pg` gives it. */
export interface StatementResult {
  command: string;
  rowCount: number | null;
  rows: Record<string, unknown>[];
}

/** How a block ended: the results of the statements that completed, the shapes learnt and any error. */
export interface BlockOutcome {
  results: StatementResult[];
  /** The shape described for a statement, by its index in the block. */
  shapes: Map<number, RowShape>;
  error?: Error;
}

/** What `pg`'s connection offers a query for writing protocol messages. */
interface Wire {
  stream: { cork?: () => void; uncork?: () => void };
  parse(message: { text: string; name: string; types: unknown[] }): void;
  bind(message: { statement: string; values: unknown[] }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(message: { portal: string; rows: number }): void;
  close(message: { type: 'S'; name: string }): void;
  sync(): void;
}

interface FieldDescription {
  name: string;
  dataTypeID: number;
  format?: 'text' | 'binary';
}

interface TypeParsers {
  getTypeParser(oid: number, format: 'text' | 'binary'): (value: string) => unknown;
}

const { prepareValue } = (pg as unknown as { utils: { prepareValue: (value: unknown) => unknown } }).utils;

/** Maps values as `pg` does for a query; throws, before anything is sent, on a value it cannot send. */
export function prepareValues(values: readonly unknown[]): unknown[] {
  return values.map((value) => prepareValue(value));
}

const COMMAND = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/;

const QueryBase = pg.Query as unknown as new (text: string) => object;

export class SyncBlock extends QueryBase {
  /** What `pg`'s client and tests read as the query's text: the statements, joined. */
  readonly text: string;
  private readonly results: StatementResult[] = [];
  private readonly shapes = new Map<number, RowShape>();
  // Not `rows`: `pg` reads that name on a query as the size of the portions to fetch.
  private collected: Record<string, unknown>[] = [];
  private rowError: Error | undefined;
  private ended = false;
  /** `pg` sets the client's type parsers on the query's own result before it submits the query. */
  declare _result: { _types?: TypeParsers };

  constructor(private readonly statements: readonly BlockStatement[], private readonly finish: (outcome: BlockOutcome) => void) {
    const text = statements.map((statement) => statement.text).join(';\n');
    // A text, not a config object: `pg` copies a config object property by property.
    super(text);
    this.text = text;
  }

  submit(connection: Wire): null {
    connection.stream.cork?.();
    try {
      for (const statement of this.statements) {
        const name = statement.name ?? '';
        if (statement.close && name) connection.close({ type: 'S', name });
        if (statement.parse) connection.parse({ text: statement.text, name, types: [] });
        if (statement.prepareOnly) continue;
        connection.bind({ statement: name, values: statement.values });
        if (statement.read && !statement.shape) connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '', rows: 0 });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  /** The statement now answering: the answers come in order, each ended by its `CommandComplete`. */
  private get answering(): number {
    return this.results.length;
  }

  handleRowDescription(message: { fields: FieldDescription[] }): void {
    const types = this._result._types ?? pg.types;
    this.shapes.set(this.answering, {
      names: message.fields.map((field) => field.name),
      parsers: message.fields.map((field) => types.getTypeParser(field.dataTypeID, field.format ?? 'text')),
    });
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    const statement = this.statements[this.answering];
    if (this.rowError || !statement?.read) return;
    const shape = this.shapes.get(this.answering) ?? statement.shape;
    if (!shape) {
      this.rowError = new Error('A row came without its description.');
      return;
    }
    try {
      const row: Record<string, unknown> = {};
      message.fields.forEach((value, index) => {
        row[shape.names[index]!] = value === null ? null : shape.parsers[index]!(value);
      });
      this.collected.push(row);
    } catch (error) {
      this.rowError = error as Error;
    }
  }

  handleCommandComplete(message: { text: string }): void {
    const match = COMMAND.exec(message.text);
    const count = match?.[3] ?? match?.[2];
    this.results.push({ command: match?.[1] ?? '', rowCount: count === undefined ? null : Number(count), rows: this.collected });
    this.collected = [];
  }

  handleEmptyQuery(): void {
    this.results.push({ command: '', rowCount: null, rows: [] });
  }

  /** A statement failed (PostgreSQL skips the rest of the block), or the connection did. */
  handleError(error: Error): void {
    this.end(this.rowError ?? error);
  }

  handleReadyForQuery(): void {
    this.end(this.rowError);
  }

  handlePortalSuspended(): void {
    this.end(new Error('A block does not fetch rows in portions.'));
  }

  private end(error: Error | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.finish(error ? { results: this.results, shapes: this.shapes, error } : { results: this.results, shapes: this.shapes });
  }
}
