import type { OrganisationType } from '@utvag/domain';
import { isValidCollaboration } from '@utvag/domain';
import type { Db, Queryable } from '../db/database';

export interface NewOrganisation {
  type: OrganisationType;
  name: string;
  municipalityCode?: string | null;
  countyCode?: string | null;
  /** For a collaboration: the member municipalities' codes (two or more). */
  memberMunicipalityCodes?: string[];
}

export async function createOrganisation(db: Db, input: NewOrganisation): Promise<string> {
  if (input.type === 'collaboration' && !isValidCollaboration(input.memberMunicipalityCodes ?? [])) {
    throw new Error('A collaboration needs two or more municipalities.');
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('organisations')
      .values({ type: input.type, name: input.name, municipalityCode: input.municipalityCode ?? null, countyCode: input.countyCode ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const code of new Set(input.memberMunicipalityCodes ?? [])) {
      await trx.insertInto('collaborationMembers').values({ collaborationId: row.id, municipalityCode: code }).execute();
    }
    return row.id;
  });
}

/** The municipality's organisation, named as the municipality is ("Örebro kommun"). */
export async function createMunicipalityOrganisation(db: Db, municipalityCode: string): Promise<string> {
  const municipality = await db.selectFrom('municipalities').selectAll().where('code', '=', municipalityCode).executeTakeFirstOrThrow();
  // Swedish genitive: "Österåkers kommun", but "Örebro kommun" and "Borås kommun".
  const name = /[aeiouyåäöésxz]$/i.test(municipality.name) ? `${municipality.name} kommun` : `${municipality.name}s kommun`;
  return createOrganisation(db, { type: 'municipality', name, municipalityCode, countyCode: municipality.countyCode });
}

/** The region covering a county ("Region Örebro län"). */
export async function createRegionOrganisation(db: Db, countyCode: string): Promise<string> {
  const county = await db.selectFrom('counties').selectAll().where('code', '=', countyCode).executeTakeFirstOrThrow();
  return createOrganisation(db, { type: 'region', name: county.regionName, countyCode });
}

export async function listOrganisations(db: Queryable) {
  return db.selectFrom('organisations').select(['id', 'name', 'type', 'municipalityCode', 'countyCode']).orderBy('name').execute();
}

export async function listStaff(db: Queryable, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'title', 'roles', 'organisationId'])
    .where('organisationId', '=', organisationId)
    .where('disabledAt', 'is', null)
    .orderBy('name')
    .execute();
}
