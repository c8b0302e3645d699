import type { ParticipantInput } from '@utvag/domain';
import { sql } from 'kysely';
import { caseFactsSubqueries, type ActorIds } from '../access/context';
import type { Keyring } from '../crypto/keyring';
import { compiledOnce } from '../db/compiled-once';
import type { Queryable, Tx } from '../db/database';

/** Identifying fields, stored as two encrypted blobs so consent can share contact details apart from identity. */
export interface IdentityFields { firstName: string | null; lastName: string | null; identityNumber: string | null }
export interface ContactFields { phone: string | null; email: string | null; address: string | null }

export const IDENTITY_CONTEXT = 'participant.identity';
export const CONTACT_CONTEXT = 'participant.contact';
export const IDENTITY_NUMBER_INDEX = 'participant.identity_number';

const anyValue = (fields: object) => Object.values(fields).some((value) => value !== null);

export function identityOf(input: Partial<ParticipantInput>): IdentityFields {
  return { firstName: input.firstName ?? null, lastName: input.lastName ?? null, identityNumber: input.identityNumber ?? null };
}

export function contactOf(input: Partial<ParticipantInput>): ContactFields {
  return { phone: input.phone ?? null, email: input.email ?? null, address: input.address ?? null };
}

export function sealIdentity(keyring: Keyring, identity: IdentityFields) {
  return {
    identityData: anyValue(identity) ? keyring.encryptJson(identity, IDENTITY_CONTEXT) : null,
    identityNumberIndex: identity.identityNumber ? keyring.blindIndex(identity.identityNumber, IDENTITY_NUMBER_INDEX) : null,
  };
}

export function sealContact(keyring: Keyring, contact: ContactFields) {
  return { contactData: anyValue(contact) ? keyring.encryptJson(contact, CONTACT_CONTEXT) : null };
}

export async function insertParticipant(trx: Tx, keyring: Keyring, ownerOrganisationId: string, input: ParticipantInput): Promise<string> {
  const row = await trx
    .insertInto('participants')
    .values({
      ownerOrganisationId,
      alias: input.alias,
      ...sealIdentity(keyring, identityOf(input)),
      ...sealContact(keyring, contactOf(input)),
      languages: input.languages,
      interpreterNeeded: input.interpreterNeeded,
      interpreterLanguage: input.interpreterLanguage ?? null,
      protectedIdentity: input.protectedIdentity,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCase(trx: Tx, values: { program: string; ownerOrganisationId: string; participantId: string; coordinatorUserId: string | null; entryChannel: string | null; createdBy: string }): Promise<string> {
  const row = await trx.insertInto('cases').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

function caseRowQuery(trx: Queryable) {
  return trx
    .selectFrom('cases as c')
    .innerJoin('participants as p', 'p.id', 'c.participantId')
    .innerJoin('organisations as o', 'o.id', 'c.ownerOrganisationId')
    .leftJoin('users as u', 'u.id', 'c.coordinatorUserId')
    .select([
      'c.id', 'c.program', 'c.status', 'c.entryChannel', 'c.version', 'c.createdAt', 'c.updatedAt', 'c.coordinatorUserId',
      'o.id as ownerId', 'o.name as ownerName', 'o.type as ownerType',
      'u.name as coordinatorName', 'u.organisationId as coordinatorOrganisationId',
      'p.id as participantId', 'p.alias', 'p.identityData', 'p.contactData', 'p.languages', 'p.interpreterNeeded',
      'p.interpreterLanguage', 'p.protectedIdentity',
    ]);
}

/** The case row with its participant and the names of the owning organisation and coordinator. */
export async function selectCaseRow(trx: Tx, caseId: string) {
  return caseRowQuery(trx).where('c.id', '=', caseId).executeTakeFirst();
}

const caseRowWithFacts = compiledOnce(['caseId', 'organisationId', 'userId'], (db, { caseId, ...actor }) =>
  caseRowQuery(db)
    .select(['c.ownerOrganisationId', ...caseFactsSubqueries(actor).columns])
    .where('c.id', '=', caseId));

/**
 * The case row and, in the same statement, the case's access facts for `actor` (for
 * `CaseScope.requireCaseRow`). Every case read runs it, so it is compiled once.
 */
export async function selectCaseRowWithFacts(trx: Tx, caseId: string, actor: ActorIds) {
  const [row] = await caseRowWithFacts(trx, { caseId, organisationId: actor.organisationId, userId: actor.userId });
  return row;
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof selectCaseRow>>>;

/** Summaries of many cases for a work list, newest change first. */
export async function selectCaseSummaries(trx: Tx, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return trx
    .selectFrom('cases as c')
    .innerJoin('participants as p', 'p.id', 'c.participantId')
    .innerJoin('organisations as o', 'o.id', 'c.ownerOrganisationId')
    .leftJoin('users as u', 'u.id', 'c.coordinatorUserId')
    .select([
      'c.id', 'c.program', 'c.status', 'c.updatedAt', 'c.coordinatorUserId', 'p.alias',
      'o.id as ownerId', 'o.name as ownerName', 'o.type as ownerType', 'u.name as coordinatorName', 'u.organisationId as coordinatorOrganisationId',
    ])
    .where('c.id', 'in', caseIds)
    .orderBy('c.updatedAt', 'desc')
    .execute();
}

/**
 * Cases that may be readable by the actor: the SQL half of the read rule. The exact rule
 * (consent in force, support roles) is then applied by packages/domain over the loaded facts.
 */
export async function candidateCaseIds(trx: Tx, actor: { userId: string; organisationId: string; isManager: boolean }, limit: number, offset: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    select c.id from cases c
    where c.coordinator_user_id = ${actor.userId}
       or exists (select 1 from case_team_members m where m.case_id = c.id and m.user_id = ${actor.userId} and m.removed_at is null)
       or (c.owner_organisation_id = ${actor.organisationId} and ${actor.isManager})
       or (c.owner_organisation_id = ${actor.organisationId}
           and exists (select 1 from emergency_access_grants g where g.case_id = c.id and g.user_id = ${actor.userId} and g.expires_at > now()))
    order by c.updated_at desc
    limit ${limit} offset ${offset}`.execute(trx);
  return rows.rows.map((row) => row.id);
}

/** Updates with optimistic concurrency: returns false when `version` is no longer current. */
export async function bumpCase(trx: Tx, caseId: string, version: number, changes: { coordinatorUserId?: string | null }): Promise<boolean> {
  const result = await trx
    .updateTable('cases')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', caseId)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updateParticipant(trx: Tx, participantId: string, values: Record<string, unknown>): Promise<void> {
  await trx.updateTable('participants').set({ ...values, updatedAt: new Date() }).where('id', '=', participantId).execute();
}
