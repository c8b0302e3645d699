import { createQueryId, type Compilable, type CompiledQuery } from 'kysely';
import type { Queryable } from './database';

const PLACEHOLDER = '\u0000compiled-once:';

/**
 * A query that runs on every request, built and compiled by Kysely once and then run with new values.
 * Building and compiling a query with Kysely costs more CPU than the database spends on a look-up by
 * key, so the hot statements (the session, a case with its access facts) are compiled on first use.
 *
 * `build` receives a placeholder for each named value and must use each of them as a query parameter
 * only (never as an identifier or in `sql.raw`); the first compilation checks that each placeholder
 * became a parameter. A value may be of any type the driver takes as a parameter (a `Buffer` for bytea,
 * a `Date`), though its placeholder is a string. Every database handle compiles alike (the same PostgreSQL dialect and plugins), and
 * the plugins still transform each result (snake_case columns to camelCase fields).
 */
export function compiledOnce<K extends string, R>(
  names: readonly K[],
  build: (db: Queryable, values: Readonly<Record<K, string>>) => Compilable<R>,
  /** Marks the compiled text for the pool, such as `thenCommit` (see db/preparing-pool.ts). */
  mark: (text: string) => string = (text) => text,
): (db: Queryable, values: Readonly<Record<K, unknown>>) => Promise<R[]> {
  let compiled: { query: CompiledQuery<R>; slots: (K | null)[] } | undefined;
  const compile = (db: Queryable) => {
    const placeholders = Object.fromEntries(names.map((name) => [name, PLACEHOLDER + name])) as Record<K, string>;
    const query = build(db, placeholders).compile();
    const slots = query.parameters.map((parameter) =>
      typeof parameter === 'string' && parameter.startsWith(PLACEHOLDER) ? parameter.slice(PLACEHOLDER.length) as K : null);
    const missing = names.filter((name) => !slots.includes(name));
    if (missing.length > 0 || query.sql.includes(PLACEHOLDER)) {
      throw new Error(`A compiled-once query must take ${names.join(', ')} as parameters (not found: ${missing.join(', ') || 'in the text'}).`);
    }
    return { query: { ...query, sql: mark(query.sql) }, slots };
  };
  return async (db, values) => {
    compiled ??= compile(db);
    const { query, slots } = compiled;
    const parameters = query.parameters.map((parameter, index) => {
      const slot = slots[index];
      return slot === null || slot === undefined ? parameter : values[slot];
    });
    const result = await db.executeQuery<R>({ ...query, parameters, queryId: createQueryId() });
    return result.rows;
  };
}
