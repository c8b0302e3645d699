import type { DirectoryCoverage, DirectoryDescription, OpeningHours, ResolvedCoverage } from '@utvag/domain';
import type { Queryable, Tx } from '../db/database';

/** An entry's fields as the store writes them; texts are already trimmed and empty ones removed. */
export interface DirectoryEntryFields {
  kind: string;
  name: string;
  description: DirectoryDescription;
  phone: string | null;
  email: string | null;
  webAddress: string | null;
  streetAddress: string | null;
  protectedLocation: boolean;
  openingHours: OpeningHours;
  languages: string[];
  free: boolean;
  anonymous: boolean;
  forChildren: boolean;
  forAdults: boolean;
  coverageScope: DirectoryCoverage['scope'];
  coverage: ResolvedCoverage;
  published: boolean;
}

function columns(fields: DirectoryEntryFields) {
  const { coverage, description, openingHours, ...rest } = fields;
  return {
    ...rest,
    description: JSON.stringify(description),
    openingHours: JSON.stringify(openingHours),
    coverageNational: coverage.national,
    coverageMunicipalityCodes: coverage.municipalityCodes,
    coverageCountyCodes: coverage.countyCodes,
  };
}

const entryColumns = [
  'e.id', 'e.organisationId', 'o.name as organisationName', 'e.kind', 'e.name', 'e.description', 'e.phone', 'e.email', 'e.webAddress',
  'e.streetAddress', 'e.protectedLocation', 'e.openingHours', 'e.languages', 'e.free', 'e.anonymous', 'e.forChildren', 'e.forAdults',
  'e.coverageScope', 'e.coverageNational', 'e.coverageMunicipalityCodes', 'e.coverageCountyCodes', 'e.published', 'e.updatedAt', 'e.version',
] as const;

export async function insertDirectoryEntry(trx: Tx, organisationId: string, userId: string, fields: DirectoryEntryFields): Promise<string> {
  const row = await trx
    .insertInto('directoryEntries')
    .values({ organisationId, createdBy: userId, updatedBy: userId, ...columns(fields) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The organisation's entries (row-level security also keeps other organisations' unpublished entries out). */
export async function selectOrganisationEntries(db: Queryable | Tx, organisationId: string, entryId?: string) {
  let query = db
    .selectFrom('directoryEntries as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisationId')
    .select(entryColumns)
    .where('e.organisationId', '=', organisationId)
    .orderBy('e.name')
    .orderBy('e.id');
  if (entryId) query = query.where('e.id', '=', entryId);
  return query.execute();
}
export type DirectoryEntryRow = Awaited<ReturnType<typeof selectOrganisationEntries>>[number];

/** Published entries that may serve the municipality; the caller applies `servesMunicipality`, which this mirrors. */
export async function selectPublishedEntriesFor(db: Queryable | Tx, municipality: { code: string; countyCode: string }) {
  return db
    .selectFrom('directoryEntries as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisationId')
    .select(entryColumns)
    .where('e.published', '=', true)
    .where((eb) => eb.or([
      eb('e.coverageNational', '=', true),
      eb(eb.val(municipality.code), '=', eb.fn.any('e.coverageMunicipalityCodes')),
      eb(eb.val(municipality.countyCode), '=', eb.fn.any('e.coverageCountyCodes')),
    ]))
    .orderBy('e.name')
    .orderBy('e.id')
    .execute();
}

/** Replaces the entry at the version the editor read; false when the version is stale. */
export async function updateDirectoryEntry(trx: Tx, entryId: string, version: number, userId: string, fields: DirectoryEntryFields): Promise<boolean> {
  const result = await trx
    .updateTable('directoryEntries')
    .set((eb) => ({ ...columns(fields), updatedBy: userId, updatedAt: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', entryId)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setPublished(trx: Tx, entryId: string, version: number, userId: string, published: boolean): Promise<boolean> {
  const result = await trx
    .updateTable('directoryEntries')
    .set((eb) => ({ published, updatedBy: userId, updatedAt: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', entryId)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteDirectoryEntry(trx: Tx, entryId: string): Promise<void> {
  await trx.deleteFrom('directoryEntries').where('id', '=', entryId).execute();
}

/** What coverage needs to know about the publishing organisation. */
export async function selectCoverageOrganisation(db: Queryable | Tx, organisationId: string) {
  const organisation = await db.selectFrom('organisations').select(['type', 'municipalityCode', 'countyCode']).where('id', '=', organisationId).executeTakeFirstOrThrow();
  const members = await db.selectFrom('collaborationMembers').select('municipalityCode').where('collaborationId', '=', organisationId).execute();
  return { ...organisation, memberMunicipalityCodes: members.map((member) => member.municipalityCode) };
}

/** The codes among `municipalityCodes` and `countyCodes` that do not exist. */
export async function unknownPlaces(db: Queryable | Tx, municipalityCodes: readonly string[], countyCodes: readonly string[]) {
  const knownMunicipalities = municipalityCodes.length === 0 ? [] : await db.selectFrom('municipalities').select('code').where('code', 'in', [...municipalityCodes]).execute();
  const knownCounties = countyCodes.length === 0 ? [] : await db.selectFrom('counties').select('code').where('code', 'in', [...countyCodes]).execute();
  const municipalities = new Set(knownMunicipalities.map((row) => row.code));
  const counties = new Set(knownCounties.map((row) => row.code));
  return [...municipalityCodes.filter((code) => !municipalities.has(code)), ...countyCodes.filter((code) => !counties.has(code))];
}
