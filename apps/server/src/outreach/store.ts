import type { OutreachMaterialCount } from '@utvag/domain';
import { sql } from 'kysely';
import type { Keyring } from '../crypto/keyring';
import type { Tx } from '../db/database';

/** Column context: a ciphertext decrypts only in the column it was written for. */
export const NOTE_CONTEXT = 'outreach_encounters.note';

export interface EncounterDetails {
  date: string;
  arena: string;
  municipalityCode: string;
  area?: string | undefined;
  languages: string[];
  materials: OutreachMaterialCount[];
  referralOffered: boolean;
  referralTo: string[];
  peopleMet: number;
  note?: string | undefined;
}

function stored(keyring: Keyring, details: EncounterDetails) {
  return {
    encounterDate: details.date,
    arena: details.arena,
    municipalityCode: details.municipalityCode,
    area: details.area ? details.area : null,
    languages: details.languages,
    materials: JSON.stringify(details.materials),
    referralOffered: details.referralOffered,
    referralTo: details.referralTo,
    peopleMet: details.peopleMet,
    note: details.note ? keyring.encrypt(details.note, NOTE_CONTEXT) : null,
  };
}

export async function insertEncounter(trx: Tx, keyring: Keyring, organisationId: string, createdBy: string, details: EncounterDetails): Promise<string> {
  const row = await trx.insertInto('outreachEncounters').values({ organisationId, createdBy, ...stored(keyring, details) }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Changes an encounter at `version`; false when someone changed it first. */
export async function updateEncounter(trx: Tx, keyring: Keyring, id: string, version: number, details: EncounterDetails): Promise<boolean> {
  const result = await trx.updateTable('outreachEncounters')
    .set((eb) => ({ ...stored(keyring, details), version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The organisation's encounters, newest first; row-level security holds the same line. */
export async function selectEncounters(trx: Tx, organisationId: string, options: { id?: string; limit: number }) {
  let query = trx.selectFrom('outreachEncounters as e')
    .innerJoin('users as u', 'u.id', 'e.createdBy')
    .innerJoin('municipalities as m', 'm.code', 'e.municipalityCode')
    .select([
      'e.id', 'e.encounterDate', 'e.arena', 'e.municipalityCode', 'm.name as municipalityName', 'e.area', 'e.languages', 'e.materials',
      'e.referralOffered', 'e.referralTo', 'e.peopleMet', 'e.note', 'e.createdBy', 'u.name as creatorName', 'e.createdAt', 'e.version',
    ])
    .where('e.organisationId', '=', organisationId)
    .orderBy('e.encounterDate', 'desc').orderBy('e.createdAt', 'desc').limit(options.limit);
  if (options.id) query = query.where('e.id', '=', options.id);
  return query.execute();
}
export type EncounterRow = Awaited<ReturnType<typeof selectEncounters>>[number];

/** The arena this user logged last, for the form's default. */
export async function selectLastArena(trx: Tx, userId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('outreachEncounters').select('arena').where('createdBy', '=', userId)
    .orderBy('createdAt', 'desc').limit(1).executeTakeFirst();
  return row?.arena;
}

export async function selectMunicipalities(trx: Tx) {
  return trx.selectFrom('municipalities').select(['code', 'name']).orderBy('name').execute();
}

export async function selectOrganisationMunicipality(trx: Tx, organisationId: string): Promise<string | null> {
  const row = await trx.selectFrom('organisations').select('municipalityCode').where('id', '=', organisationId).executeTakeFirst();
  return row?.municipalityCode ?? null;
}

/** Counts per month × arena × municipality for one organisation. */
export async function selectEncounterCounts(trx: Tx, organisationId: string) {
  const rows = await sql<{ month: string; arena: string; municipalityCode: string; municipalityName: string; encounters: number; peopleMet: number; referralsOffered: number }>`
    select to_char(e.encounter_date, 'YYYY-MM') as month, e.arena, e.municipality_code, m.name as municipality_name,
      count(*)::int as encounters, sum(e.people_met)::int as people_met, count(*) filter (where e.referral_offered)::int as referrals_offered
    from outreach_encounters e join municipalities m on m.code = e.municipality_code
    where e.organisation_id = ${organisationId}
    group by 1, 2, 3, 4 order by 1 desc, 2, 4`.execute(trx);
  return rows.rows;
}
