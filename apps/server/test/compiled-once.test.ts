import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledOnce } from '../src/db/compiled-once';
import type { Database } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { createOrganisation } from '../src/organisations/store';
import { freshDatabase } from './helpers';

describe('queries compiled once', () => {
  let database: Database;
  let drop: () => Promise<void>;
  const ids: string[] = [];
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase());
    await migrate(database);
    for (const name of ['Kompilerad A', 'Kompilerad B']) {
      ids.push(await createOrganisation(database.db, { name, type: 'civil_society' }));
    }
  });
  afterAll(async () => drop());

  it('runs with each call\'s own values, keeps the constant parameters, and answers with camelCase fields like the built query', async () => {
    const byIdAndType = compiledOnce(['id', 'name'], (db, { id, name }) =>
      db.selectFrom('organisations').select(['id', 'name', 'type', 'municipalityCode'])
        .where('id', '=', id).where('type', 'in', ['civil_society', 'region']).where('name', '<>', name));
    for (const id of ids) {
      const built = await database.db.selectFrom('organisations').select(['id', 'name', 'type', 'municipalityCode']).where('id', '=', id).execute();
      expect(await byIdAndType(database.db, { id, name: 'Någon annan' })).toEqual(built);
    }
    // The same compiled text with other values: the name now excludes the row.
    expect(await byIdAndType(database.db, { id: ids[0]!, name: 'Kompilerad A' })).toEqual([]);
    expect(await byIdAndType(database.db, { id: randomUUID(), name: 'Någon annan' })).toEqual([]);
    // In a transaction too.
    const inTransaction = await database.db.transaction().execute((trx) => byIdAndType(trx, { id: ids[1]!, name: 'x' }));
    expect(inTransaction.map((row) => row.name)).toEqual(['Kompilerad B']);
  });

  it('refuses a value that does not end up as a parameter, before anything runs', async () => {
    const intoText = compiledOnce(['column'], (db, { column }) => db.selectFrom('organisations').select(sql.raw(column).as('x')));
    await expect(intoText(database.db, { column: 'name' })).rejects.toThrow(/as parameters/);
    const unused = compiledOnce(['id', 'unused'], (db, { id }) => db.selectFrom('organisations').select('name').where('id', '=', id));
    await expect(unused(database.db, { id: ids[0]!, unused: 'x' })).rejects.toThrow(/not found: unused/);
  });
});
