import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './database';

export interface County { code: string; name: string; regionName: string }
export interface Municipality { code: string; name: string; countyCode: string }

const dataDir = fileURLToPath(new URL('../reference-data/', import.meta.url));

function readCsv(file: string): string[][] {
  const lines = readFileSync(dataDir + file, 'utf8').trim().split(/\r?\n/);
  // The files are simple: no quoted fields, no commas inside names.
  return lines.slice(1).map((line) => line.split(','));
}

/** Sweden's 21 counties with the region that covers each, from Statistics Sweden's codes. */
export function counties(): County[] {
  return readCsv('counties.csv').map(([code, name, regionName]) => ({ code: code!, name: name!, regionName: regionName! }));
}

/** Sweden's 290 municipalities with their official four-digit codes. */
export function municipalities(): Municipality[] {
  return readCsv('municipalities.csv').map(([code, name, countyCode]) => ({ code: code!, name: name!, countyCode: countyCode! }));
}

/** Inserts or refreshes the reference data; safe to run at every start. */
export async function loadReferenceData(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('counties')
      .values(counties())
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), regionName: eb.ref('excluded.regionName') })))
      .execute();
    await trx
      .insertInto('municipalities')
      .values(municipalities())
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), countyCode: eb.ref('excluded.countyCode') })))
      .execute();
  });
}
