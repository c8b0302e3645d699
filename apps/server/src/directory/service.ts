import {
  CoverageScope, DirectoryDescription, DirectoryEntryKind, OpeningHours, canMaintainDirectory, coverageScopesFor, kindsFor,
  resolveCoverage, servesMunicipality, type DirectoryCoverage, type DirectoryEntryCreate, type DirectoryEntryList, type DirectoryEntryUpdate, type DirectoryEntryView,
  type OpeningHoursNote, type OrganisationType,
} from '@utvag/domain';
import { sql } from 'kysely';
import type { AccessContext, CaseScope } from '../access/context';
import type { Db } from '../db/database';
import { counties, municipalities } from '../db/reference-data';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';
import {
  deleteDirectoryEntry, insertDirectoryEntry, selectCoverageOrganisation, selectOrganisationEntries, selectPublishedEntriesFor, setPublished,
  unknownPlaces, updateDirectoryEntry, type DirectoryEntryFields, type DirectoryEntryRow,
} from './store';

/** Drops the languages left empty, so a blank field never hides the fallback text. */
function withoutEmptyTexts<T extends DirectoryDescription | OpeningHoursNote>(text: T): T {
  return Object.fromEntries(Object.entries(text).filter(([, value]) => typeof value === 'string' && value.trim() !== '')) as T;
}

function coverageOf(row: DirectoryEntryRow): DirectoryCoverage {
  const scope = CoverageScope.parse(row.coverageScope);
  if (scope === 'selected') return { scope, municipalityCodes: row.coverageMunicipalityCodes, countyCodes: row.coverageCountyCodes };
  return { scope };
}

export function entryView(row: DirectoryEntryRow): DirectoryEntryView {
  return {
    id: row.id,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    kind: DirectoryEntryKind.parse(row.kind),
    name: row.name,
    description: DirectoryDescription.parse(row.description),
    phone: row.phone,
    email: row.email,
    webAddress: row.webAddress,
    streetAddress: row.streetAddress,
    protectedLocation: row.protectedLocation,
    openingHours: OpeningHours.parse(row.openingHours),
    languages: row.languages,
    free: row.free,
    anonymous: row.anonymous,
    forChildren: row.forChildren,
    forAdults: row.forAdults,
    coverage: coverageOf(row),
    published: row.published,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const collator = new Intl.Collator('sv');

function placesToChoose(): DirectoryEntryList['places'] {
  const all = municipalities().sort((a, b) => collator.compare(a.name, b.name));
  return counties().sort((a, b) => collator.compare(a.name, b.name)).map((county) => ({
    code: county.code,
    name: county.name,
    municipalities: all.filter((municipality) => municipality.countyCode === county.code).map(({ code, name }) => ({ code, name })),
  }));
}

function requireMaintainer(scope: CaseScope): void {
  if (!canMaintainDirectory(scope.actor, scope.actor.organisationId)) {
    throw new ForbiddenError('cannot_maintain_directory', 'Directory entries are maintained by the organisation\'s administrators and managers.');
  }
}

/** Checks the rules that depend on the organisation and the reference data, and gives the fields to store. */
async function fieldsToStore(scope: CaseScope, input: DirectoryEntryCreate | DirectoryEntryUpdate): Promise<DirectoryEntryFields> {
  const organisation = await selectCoverageOrganisation(scope.trx, scope.actor.organisationId);
  const type = organisation.type as OrganisationType;
  if (!kindsFor(type).includes(input.kind)) {
    throw new BadRequestError('kind_not_allowed', 'Only a municipality\'s social services publish an entry of the kind social services.');
  }
  const coverage = resolveCoverage({ ...organisation, type }, input.coverage);
  if ('error' in coverage) {
    throw new BadRequestError('coverage_not_allowed', 'Your organisation cannot publish with this coverage.', { allowed: coverageScopesFor(type) });
  }
  const unknown = await unknownPlaces(scope.trx, coverage.municipalityCodes, coverage.countyCodes);
  if (unknown.length > 0) throw new BadRequestError('unknown_place', 'Some municipality or county codes do not exist.', { codes: unknown });
  const note = input.openingHours.note ? withoutEmptyTexts(input.openingHours.note) : undefined;
  return {
    kind: input.kind,
    name: input.name,
    description: withoutEmptyTexts(input.description),
    phone: input.phone || null,
    email: input.email || null,
    webAddress: input.webAddress || null,
    streetAddress: input.streetAddress || null,
    protectedLocation: input.protectedLocation,
    openingHours: { alwaysOpen: input.openingHours.alwaysOpen, periods: input.openingHours.periods, ...(note ? { note } : {}) },
    languages: input.languages,
    free: input.free,
    anonymous: input.anonymous,
    forChildren: input.forChildren,
    forAdults: input.forAdults,
    coverageScope: input.coverage.scope,
    coverage,
    published: input.published,
  };
}

async function readEntry(scope: CaseScope, entryId: string): Promise<DirectoryEntryView> {
  const [row] = await selectOrganisationEntries(scope.trx, scope.actor.organisationId, entryId);
  if (!row) throw new NotFoundError();
  return entryView(row);
}

/** The entry the maintainer means to change: another organisation's entry answers 404 like a missing one. */
async function requireOwnEntry(scope: CaseScope, entryId: string): Promise<DirectoryEntryRow> {
  const [row] = await selectOrganisationEntries(scope.trx, scope.actor.organisationId, entryId);
  if (!row) throw new NotFoundError();
  requireMaintainer(scope);
  return row;
}

const staleError = (currentVersion: number) =>
  new ConflictError('stale_version', 'Someone changed the entry after you opened it. Reload it and make your change again.', { currentVersion });

async function audit(scope: CaseScope, action: string, details: Record<string, string | number | boolean | null>): Promise<void> {
  await scope.audit([{ action, details }]);
}

export async function listDirectoryEntries(access: AccessContext): Promise<DirectoryEntryList> {
  return access.read(async (scope) => {
    const type = (await selectCoverageOrganisation(scope.trx, scope.actor.organisationId)).type as OrganisationType;
    const rows = await selectOrganisationEntries(scope.trx, scope.actor.organisationId);
    return {
      entries: rows.map(entryView),
      canMaintain: canMaintainDirectory(scope.actor, scope.actor.organisationId),
      coverageScopes: coverageScopesFor(type),
      kinds: kindsFor(type),
      places: coverageScopesFor(type).includes('selected') ? placesToChoose() : [],
    };
  });
}

export async function createDirectoryEntry(access: AccessContext, input: DirectoryEntryCreate, idempotencyKey: string | null): Promise<DirectoryEntryView> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, input, async () => {
      requireMaintainer(scope);
      const entryId = await insertDirectoryEntry(scope.trx, scope.actor.organisationId, scope.actor.userId, await fieldsToStore(scope, input));
      await audit(scope, 'directory_entry.create', { entryId, kind: input.kind, published: input.published });
      return entryId;
    }, async (entryId) => readEntry(scope, entryId)),
  );
}

/** Replaces an entry at the version the editor read; a stale version answers 409. */
export async function changeDirectoryEntry(access: AccessContext, entryId: string, input: DirectoryEntryUpdate): Promise<DirectoryEntryView> {
  return access.run(async (scope) => {
    const row = await requireOwnEntry(scope, entryId);
    if (!(await updateDirectoryEntry(scope.trx, entryId, input.version, scope.actor.userId, await fieldsToStore(scope, input)))) throw staleError(row.version);
    await audit(scope, 'directory_entry.update', { entryId, kind: input.kind, published: input.published });
    return readEntry(scope, entryId);
  });
}

export async function publishDirectoryEntry(access: AccessContext, entryId: string, version: number, published: boolean): Promise<DirectoryEntryView> {
  return access.run(async (scope) => {
    const row = await requireOwnEntry(scope, entryId);
    if (!(await setPublished(scope.trx, entryId, version, scope.actor.userId, published))) throw staleError(row.version);
    await audit(scope, published ? 'directory_entry.publish' : 'directory_entry.unpublish', { entryId });
    return readEntry(scope, entryId);
  });
}

export async function removeDirectoryEntry(access: AccessContext, entryId: string): Promise<void> {
  await access.run(async (scope) => {
    const row = await requireOwnEntry(scope, entryId);
    await deleteDirectoryEntry(scope.trx, entryId);
    // The entry is gone; its kind and name stay in the audit trail so a removal can be traced.
    await audit(scope, 'directory_entry.delete', { entryId, kind: row.kind, name: row.name, wasPublished: row.published });
  });
}

/**
 * The published entries that serve a municipality, for the public site. It reads as the app role with
 * no organisation set, so row-level security lets only published entries through.
 */
export async function publishedEntriesFor(db: Db, municipality: { code: string; countyCode: string }): Promise<DirectoryEntryView[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('role', 'utvag_app', true), set_config('utvag.organisation_id', '', true)`.execute(trx);
    const rows = await selectPublishedEntriesFor(trx, municipality);
    return rows
      .map((row) => ({ row, view: entryView(row) }))
      .filter(({ row }) => servesMunicipality({ national: row.coverageNational, municipalityCodes: row.coverageMunicipalityCodes, countyCodes: row.coverageCountyCodes }, municipality))
      .map(({ view }) => view);
  });
}
