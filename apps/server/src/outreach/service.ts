import {
  OutreachArena, OutreachMaterialCount, OutreachReferral, canEditEncounter, canReadOutreach, canRecordOutreach, isPlausibleEncounterDate,
  statisticsSuppressionThreshold, suppressCell, swedishDate, type OutreachEncounterCreate, type OutreachEncounterList, type OutreachEncounterUpdate,
  type OutreachEncounterView, type OutreachStatistics, type StatisticsAudience,
} from '@utvag/domain';
import { z } from 'zod';
import type { AccessContext, CaseScope } from '../access/context';
import type { Keyring } from '../crypto/keyring';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';
import {
  NOTE_CONTEXT, insertEncounter, selectEncounterCounts, selectEncounters, selectLastArena, selectMunicipalities, selectOrganisationMunicipality,
  updateEncounter, type EncounterDetails, type EncounterRow,
} from './store';

/** How many encounters the log shows; older ones are counted in the statistics. */
const listLimit = 100;

const StoredMaterials = z.array(OutreachMaterialCount);

function requireRecorder(scope: CaseScope): void {
  if (!canRecordOutreach(scope.actor)) throw new ForbiddenError('cannot_record_outreach', 'Outreach encounters are logged by intake and outreach staff.');
}

function requireReader(access: AccessContext): void {
  if (!canReadOutreach(access.actor)) throw new ForbiddenError('cannot_read_outreach', 'The outreach log is read by intake and outreach staff and managers.');
}

async function checkDetails(scope: CaseScope, input: OutreachEncounterCreate): Promise<void> {
  if (!isPlausibleEncounterDate(input.date, scope.now)) {
    throw new BadRequestError('encounter_date_out_of_range', 'The date of an encounter is today or earlier, and at most a year back.');
  }
  const municipality = await scope.trx.selectFrom('municipalities').select('code').where('code', '=', input.municipalityCode).executeTakeFirst();
  if (!municipality) throw new BadRequestError('unknown_municipality', 'Choose one of Sweden\'s municipalities.');
}

const details = (input: OutreachEncounterCreate): EncounterDetails => ({
  date: input.date, arena: input.arena, municipalityCode: input.municipalityCode, area: input.area, languages: input.languages,
  materials: input.materials, referralOffered: input.referralOffered, referralTo: input.referralTo, peopleMet: input.peopleMet, note: input.note,
});

async function view(scope: CaseScope, keyring: Keyring, row: EncounterRow): Promise<OutreachEncounterView> {
  return {
    id: row.id,
    date: row.encounterDate,
    arena: OutreachArena.parse(row.arena),
    municipalityCode: row.municipalityCode,
    municipalityName: row.municipalityName,
    area: row.area,
    languages: row.languages,
    materials: StoredMaterials.parse(typeof row.materials === 'string' ? JSON.parse(row.materials) : row.materials),
    referralOffered: row.referralOffered,
    referralTo: z.array(OutreachReferral).parse(row.referralTo),
    peopleMet: row.peopleMet,
    note: row.note ? await keyring.decrypt(row.note, NOTE_CONTEXT) : null,
    createdBy: { id: row.createdBy, name: row.creatorName },
    createdAt: row.createdAt.toISOString(),
    version: row.version,
    canEdit: canEditEncounter(scope.actor, row, scope.now),
  };
}

async function readEncounter(scope: CaseScope, keyring: Keyring, id: string): Promise<OutreachEncounterView> {
  const [row] = await selectEncounters(scope.trx, scope.actor.organisationId, { id, limit: 1 });
  if (!row) throw new NotFoundError();
  return view(scope, keyring, row);
}

export async function listEncounters(access: AccessContext, keyring: Keyring): Promise<OutreachEncounterList> {
  requireReader(access);
  return access.read(async (scope) => {
    const rows = await selectEncounters(scope.trx, scope.actor.organisationId, { limit: listLimit });
    const encounters = await Promise.all(rows.map((row) => view(scope, keyring, row)));
    const lastArena = await selectLastArena(scope.trx, scope.actor.userId);
    // The notes are free text written in the field; reading them is recorded like any other read.
    await scope.audit([{ action: 'outreach.read', details: { count: encounters.length } }]);
    return {
      encounters,
      defaults: {
        // The worker's own calendar day: outreach happens at night, when UTC is still on yesterday.
        date: swedishDate(scope.now),
        municipalityCode: await selectOrganisationMunicipality(scope.trx, scope.actor.organisationId),
        arena: lastArena ? OutreachArena.parse(lastArena) : 'street',
      },
      // Å, Ä and Ö last, as a Swedish reader expects, whatever the database's collation.
      municipalities: (await selectMunicipalities(scope.trx)).sort((a, b) => a.name.localeCompare(b.name, 'sv')),
      canRecord: canRecordOutreach(scope.actor),
    };
  });
}

export async function recordEncounter(access: AccessContext, keyring: Keyring, input: OutreachEncounterCreate, idempotencyKey: string | null): Promise<OutreachEncounterView> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, input, async () => {
      requireRecorder(scope);
      await checkDetails(scope, input);
      const id = await insertEncounter(scope.trx, keyring, scope.actor.organisationId, scope.actor.userId, details(input));
      await scope.audit([{ action: 'outreach.create', details: { encounterId: id } }]);
      return id;
    }, async (id, replayed) => {
      const encounter = await readEncounter(scope, keyring, id);
      if (replayed) await scope.audit([{ action: 'outreach.read', details: { count: 1 } }]);
      return encounter;
    }),
  );
}

/** The author corrects an encounter within the window, at the version they read; a stale version answers 409. */
export async function correctEncounter(access: AccessContext, keyring: Keyring, id: string, input: OutreachEncounterUpdate): Promise<OutreachEncounterView> {
  return access.run(async (scope) => {
    requireRecorder(scope);
    const [row] = await selectEncounters(scope.trx, scope.actor.organisationId, { id, limit: 1 });
    if (!row) throw new NotFoundError();
    if (row.createdBy !== scope.actor.userId) throw new ForbiddenError('not_author', 'Only the person who logged an encounter can correct it.');
    if (!canEditEncounter(scope.actor, row, scope.now)) {
      throw new ConflictError('edit_window_closed', 'An encounter can be corrected for 24 hours after it was logged; after that it stands.');
    }
    await checkDetails(scope, input);
    if (!(await updateEncounter(scope.trx, keyring, id, input.version, details(input)))) {
      throw new ConflictError('stale_version', 'Someone changed the encounter after you opened it. Reload it and make your change again.', { currentVersion: row.version });
    }
    await scope.audit([{ action: 'outreach.update', details: { encounterId: id } }]);
    return readEncounter(scope, keyring, id);
  });
}

/** Counts by month × arena × municipality; for an audience outside the organisation small counts are hidden. */
export async function outreachStatistics(access: AccessContext, audience: StatisticsAudience): Promise<OutreachStatistics> {
  requireReader(access);
  return access.read(async (scope) => {
    const rows = await selectEncounterCounts(scope.trx, scope.actor.organisationId);
    await scope.audit([{ action: 'outreach.statistics.read', details: { audience, cells: rows.length } }]);
    return {
      audience,
      threshold: statisticsSuppressionThreshold,
      cells: rows.map((row) => {
        const { counts, suppressed } = suppressCell(
          { encounters: row.encounters, peopleMet: row.peopleMet, referralsOffered: row.referralsOffered }, 'encounters', audience,
        );
        return { month: row.month, arena: OutreachArena.parse(row.arena), municipalityCode: row.municipalityCode, municipalityName: row.municipalityName, ...counts, suppressed };
      }),
    };
  });
}
