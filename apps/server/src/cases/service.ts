import {
  canCreateCase, canEditCase, canManageTeam, canSeeAddress,
  type CaseCreate, type CaseSummary, type CaseUpdate, type CaseView, type EntryChannel, type ProtectedIdentity, type Program, type CaseStatus, type TeamRole,
} from '@utvag/domain';
import type { AccessContext, CaseScope, LoadedCase } from '../access/context';
import type { Keyring } from '../crypto/keyring';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';
import { notifyUsers } from '../notifications/notify';
import {
  CONTACT_CONTEXT, IDENTITY_CONTEXT, bumpCase, candidateCaseIds, contactOf, identityOf, insertCase, insertParticipant,
  sealContact, sealIdentity, selectCaseRow, selectCaseRowWithFacts, selectCaseSummaries, updateParticipant,
  type CaseRow, type ContactFields, type IdentityFields,
} from './store';

const emptyIdentity: IdentityFields = { firstName: null, lastName: null, identityNumber: null };
const emptyContact: ContactFields = { phone: null, email: null, address: null };

async function decryptIdentity(keyring: Keyring, row: CaseRow): Promise<IdentityFields> {
  return row.identityData ? keyring.decryptJson<IdentityFields>(row.identityData, IDENTITY_CONTEXT) : emptyIdentity;
}
async function decryptContact(keyring: Keyring, row: CaseRow): Promise<ContactFields> {
  return row.contactData ? keyring.decryptJson<ContactFields>(row.contactData, CONTACT_CONTEXT) : emptyContact;
}

/** Builds the view one reader may see; identity and contact details only where their access covers them. */
async function caseView(scope: CaseScope, keyring: Keyring, loaded: LoadedCase, row: CaseRow): Promise<CaseView> {
  const seesIdentity = scope.sees(loaded, 'identity');
  const seesContact = scope.sees(loaded, 'contact_details');
  const identity = seesIdentity ? await decryptIdentity(keyring, row) : emptyIdentity;
  const contact = seesContact ? await decryptContact(keyring, row) : emptyContact;
  const protectedIdentity = row.protectedIdentity as ProtectedIdentity;
  const showAddress = canSeeAddress(protectedIdentity, loaded.access);
  return {
    id: row.id,
    program: row.program as Program,
    status: row.status as CaseStatus,
    entryChannel: row.entryChannel as EntryChannel | null,
    ownerOrganisation: { id: row.ownerId, name: row.ownerName, type: row.ownerType },
    coordinator: row.coordinatorUserId && row.coordinatorName && row.coordinatorOrganisationId
      ? { id: row.coordinatorUserId, name: row.coordinatorName, organisationId: row.coordinatorOrganisationId } : null,
    participant: {
      id: row.participantId,
      alias: row.alias,
      identified: row.identityData !== null,
      ...identity,
      ...contact,
      address: showAddress ? contact.address : null,
      languages: row.languages,
      interpreterNeeded: row.interpreterNeeded,
      interpreterLanguage: row.interpreterLanguage,
      protectedIdentity,
    },
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    access: {
      level: loaded.access.level,
      via: loaded.access.via,
      categories: [...loaded.access.categories].sort(),
      canEdit: canEditCase(scope.actor, loaded.facts, scope.now),
      canManageTeam: canManageTeam(scope.actor, loaded.facts, scope.now),
    },
  };
}

/** The view of a case the actor may read, audited as read; `loaded` with the row when it came with its facts. */
async function readCase(scope: CaseScope, keyring: Keyring, loaded: LoadedCase, loadedRow?: CaseRow): Promise<CaseView> {
  const row = loadedRow ?? await selectCaseRow(scope.trx, loaded.caseId);
  if (!row) throw new NotFoundError();
  const view = await caseView(scope, keyring, loaded, row);
  await scope.auditCase(loaded, 'case.read', { details: { categories: view.access.categories.filter((c) => c === 'identity' || c === 'contact_details').join(',') } });
  return view;
}

export async function getCase(access: AccessContext, keyring: Keyring, caseId: string): Promise<CaseView> {
  return access.readInOneStatement(async (scope) => {
    // The case, its access facts and its row in one statement: the hot read path makes one round trip fewer.
    const { loaded, row } = await scope.requireCaseRow(caseId, () => selectCaseRowWithFacts(scope.trx, caseId, scope.actor));
    return readCase(scope, keyring, loaded, row);
  });
}

async function checkCoordinator(scope: CaseScope, userId: string): Promise<void> {
  const user = await scope.trx.selectFrom('users').select(['organisationId', 'roles', 'disabledAt']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.disabledAt || user.organisationId !== scope.actor.organisationId || !user.roles.includes('coordinator')) {
    throw new BadRequestError('invalid_coordinator', 'The coordinator must be an active coordinator in your organisation.');
  }
}

async function addToTeam(scope: CaseScope, caseId: string, userId: string, organisationId: string, teamRole: TeamRole): Promise<void> {
  await scope.trx.insertInto('caseTeamMembers').values({ caseId, userId, organisationId, teamRole, addedBy: scope.actor.userId }).execute();
}

export async function createCase(access: AccessContext, keyring: Keyring, input: CaseCreate, idempotencyKey: string | null): Promise<CaseView> {
  if (!canCreateCase(access.actor)) throw new ForbiddenError('cannot_create_case', 'Only social services staff can open a case.');
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, input, async () => {
      const coordinatorUserId = input.coordinatorUserId ?? (scope.actor.roles.includes('coordinator') ? scope.actor.userId : null);
      if (coordinatorUserId) await checkCoordinator(scope, coordinatorUserId);
      const participantId = await insertParticipant(scope.trx, keyring, scope.actor.organisationId, input.participant);
      const caseId = await insertCase(scope.trx, {
        program: input.program, ownerOrganisationId: scope.actor.organisationId, participantId, coordinatorUserId,
        entryChannel: input.entryChannel ?? null, createdBy: scope.actor.userId,
      });
      if (coordinatorUserId) await addToTeam(scope, caseId, coordinatorUserId, scope.actor.organisationId, 'coordinator');
      // Whoever opens the case (intake, say) stays on its team until the coordinator decides otherwise.
      if (coordinatorUserId !== scope.actor.userId) await addToTeam(scope, caseId, scope.actor.userId, scope.actor.organisationId, 'team_member');
      await scope.auditCase(await scope.requireCase(caseId), 'case.create');
      return caseId;
    }, async (caseId) => readCase(scope, keyring, await scope.requireCase(caseId))),
  );
}

export async function updateCase(access: AccessContext, keyring: Keyring, caseId: string, input: CaseUpdate): Promise<CaseView> {
  return access.run(async (scope) => {
    const loaded = await scope.requireCase(caseId, canEditCase);
    const row = await selectCaseRow(scope.trx, caseId);
    if (!row) throw new NotFoundError();
    if (input.coordinatorUserId) await checkCoordinator(scope, input.coordinatorUserId);
    const changes = input.coordinatorUserId !== undefined ? { coordinatorUserId: input.coordinatorUserId } : {};
    if (!(await bumpCase(scope.trx, caseId, input.version, changes))) {
      throw new ConflictError('stale_version', 'Someone else changed the case. Reload it and make your change again.', { currentVersion: row.version });
    }
    if (input.coordinatorUserId !== undefined && input.coordinatorUserId !== row.coordinatorUserId) {
      await handOverCoordinator(scope, caseId, input.coordinatorUserId);
      // The new coordinator learns of the case at once, unless they took it over themselves.
      if (input.coordinatorUserId && input.coordinatorUserId !== scope.actor.userId) {
        await notifyUsers(scope.trx, [input.coordinatorUserId], 'coordinator_assigned', caseId);
      }
    }
    if (input.participant) {
      const changed = input.participant;
      const values: Record<string, unknown> = {};
      if (['firstName', 'lastName', 'identityNumber'].some((key) => key in changed)) {
        Object.assign(values, sealIdentity(keyring, { ...(await decryptIdentity(keyring, row)), ...pick(identityOf(changed), changed) }));
      }
      if (['phone', 'email', 'address'].some((key) => key in changed)) {
        Object.assign(values, sealContact(keyring, { ...(await decryptContact(keyring, row)), ...pick(contactOf(changed), changed) }));
      }
      for (const key of ['alias', 'languages', 'interpreterNeeded', 'interpreterLanguage', 'protectedIdentity'] as const) {
        if (key in changed) values[key] = changed[key] ?? null;
      }
      if (Object.keys(values).length > 0) await updateParticipant(scope.trx, row.participantId, values);
    }
    await scope.auditCase(loaded, 'case.update', { details: { fields: Object.keys(input.participant ?? {}).concat(input.coordinatorUserId !== undefined ? ['coordinator'] : []).join(',') } });
    const reloaded = await scope.requireCase(caseId);
    return readCase(scope, keyring, reloaded);
  });
}

/** The former coordinator stays on the team as a member (the coordinator may remove them); the new one takes the role. */
async function handOverCoordinator(scope: CaseScope, caseId: string, newCoordinatorUserId: string | null): Promise<void> {
  await scope.trx.updateTable('caseTeamMembers').set({ teamRole: 'team_member' })
    .where('caseId', '=', caseId).where('teamRole', '=', 'coordinator').where('removedAt', 'is', null).execute();
  if (!newCoordinatorUserId) return;
  const updated = await scope.trx.updateTable('caseTeamMembers').set({ teamRole: 'coordinator' })
    .where('caseId', '=', caseId).where('userId', '=', newCoordinatorUserId).where('removedAt', 'is', null).executeTakeFirst();
  if (updated.numUpdatedRows === 0n) await addToTeam(scope, caseId, newCoordinatorUserId, scope.actor.organisationId, 'coordinator');
}

/** Only the keys the client actually sent, so an update never blanks a field it did not mention. */
function pick<T extends object>(fields: T, sent: object): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => key in sent)) as Partial<T>;
}

/**
 * The actor's work list, newest change first. Candidates come from SQL in batches and the exact
 * rule from packages/domain filters them, so a page is filled even when some candidates fall away.
 */
export async function listCases(access: AccessContext, limit: number, offset: number): Promise<{ cases: CaseSummary[]; nextOffset: number | null }> {
  return access.read(async (scope) => {
    const actor = { userId: scope.actor.userId, organisationId: scope.actor.organisationId, isManager: scope.actor.roles.includes('manager') };
    const readableIds: string[] = [];
    let cursor = offset;
    let exhausted = false;
    while (readableIds.length < limit && !exhausted) {
      const batch = await candidateCaseIds(scope.trx, actor, limit, cursor);
      exhausted = batch.length < limit;
      let consumed = batch.length;
      for (const loaded of await scope.readableCases(batch)) {
        readableIds.push(loaded.caseId);
        if (readableIds.length === limit) {
          consumed = batch.indexOf(loaded.caseId) + 1;
          exhausted = exhausted && consumed === batch.length;
          break;
        }
      }
      cursor += consumed;
    }
    const rows = await selectCaseSummaries(scope.trx, readableIds);
    await scope.audit([{ action: 'case.list', details: { count: rows.length } }]);
    const cases = rows.map((row) => ({
      id: row.id,
      alias: row.alias,
      program: row.program as Program,
      status: row.status as CaseStatus,
      ownerOrganisation: { id: row.ownerId, name: row.ownerName, type: row.ownerType },
      coordinator: row.coordinatorUserId && row.coordinatorName && row.coordinatorOrganisationId
        ? { id: row.coordinatorUserId, name: row.coordinatorName, organisationId: row.coordinatorOrganisationId } : null,
      updatedAt: new Date(row.updatedAt).toISOString(),
    }));
    return { cases, nextOffset: exhausted ? null : cursor };
  });
}
