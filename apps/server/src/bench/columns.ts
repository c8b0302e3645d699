import type pg from 'pg';

/**
 * Column arrays for one table, inserted with `INSERT … SELECT * FROM unnest(…)`: one statement, one
 * parameter per column, however many rows.
 */
export class Columns {
  private values: unknown[][];

  /** `overriding`: the rows carry their own identity values (`OVERRIDING SYSTEM VALUE`). */
  constructor(readonly table: string, readonly names: string[], readonly types: string[], readonly overriding = false) {
    this.values = names.map(() => []);
  }

  push(...row: unknown[]): void {
    row.forEach((value, index) => this.values[index]!.push(value));
  }

  get length(): number {
    return this.values[0]!.length;
  }

  /**
   * Sends the rows and starts collecting the next batch at once: the caller may fill the next batch
   * while the database is still inserting this one (await the promise before the next flush).
   */
  flush(client: pg.PoolClient): Promise<number> {
    const count = this.length;
    if (count === 0) return Promise.resolve(0);
    // An array-valued column travels as an array literal ('{sv,en}') and is cast back in the select list.
    const params = this.types.map((type, index) => `$${index + 1}::${type.endsWith('[]') ? 'text' : type}[]`).join(', ');
    const aliases = this.types.map((_type, index) => `c${index}`);
    const select = this.types.map((type, index) => (type.endsWith('[]') ? `c${index}::${type}` : `c${index}`)).join(', ');
    const values = this.values.map(arrayLiteral);
    this.values = this.names.map(() => []);
    return client
      .query(`INSERT INTO ${this.table} (${this.names.join(', ')}) ${this.overriding ? 'OVERRIDING SYSTEM VALUE ' : ''}SELECT ${select} FROM unnest(${params}) AS t(${aliases.join(', ')})`, values)
      .then(() => count);
  }
}

const SAFE = /^[0-9A-Za-z.:+-]+$/;

/**
 * One column as a PostgreSQL array literal. The driver would build the same text, but escapes every
 * element with regular expressions; for millions of rows of ids, numbers and hex that costs more
 * than generating them.
 */
function arrayLiteral(column: unknown[]): string {
  const parts = new Array<string>(column.length);
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    if (value === null || value === undefined) parts[i] = 'NULL';
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') parts[i] = String(value);
    else if (Buffer.isBuffer(value)) parts[i] = `\\\\x${value.toString('hex')}`;
    else if (value instanceof Date) parts[i] = `"${value.toISOString()}"`;
    else {
      const text = String(value);
      parts[i] = SAFE.test(text) && text.toUpperCase() !== 'NULL' ? text : `"${text.replace(/[\\"]/g, '\\$&')}"`;
    }
  }
  return `{${parts.join(',')}}`;
}
