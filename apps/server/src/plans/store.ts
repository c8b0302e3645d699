import type { PlanContent } from '@utvag/domain';
import { sql, type Expression } from 'kysely';
import { caseFactsSubqueries, type ActorIds } from '../access/context';
import type { Keyring } from '../crypto/keyring';
import { compiledOnce } from '../db/compiled-once';
import type { Queryable, Tx } from '../db/database';

/** The plan's content is the participant's own words about their life: always encrypted. */
export const PLAN_CONTENT_CONTEXT = 'plan.content';

export function sealPlanContent(keyring: Keyring, content: PlanContent): Buffer {
  return keyring.encryptJson(content, PLAN_CONTENT_CONTEXT);
}

export async function openPlanContent(keyring: Keyring, blob: Uint8Array): Promise<PlanContent> {
  return keyring.decryptJson<PlanContent>(blob, PLAN_CONTENT_CONTEXT);
}

function versionQuery(trx: Queryable) {
  return trx
    .selectFrom('planVersions as v')
    .innerJoin('users as creator', 'creator.id', 'v.createdBy')
    .leftJoin('users as agreer', 'agreer.id', 'v.agreedBy')
    .select([
      'v.id', 'v.caseId', 'v.number', 'v.status', 'v.content', 'v.followUpOn', 'v.agreedOn', 'v.agreementForm', 'v.version',
      'v.createdAt', 'v.updatedAt', 'v.supersededAt',
      'creator.id as creatorId', 'creator.name as creatorName', 'creator.organisationId as creatorOrganisationId',
      'agreer.id as agreerId', 'agreer.name as agreerName', 'agreer.organisationId as agreerOrganisationId',
    ]);
}
export type PlanVersionRow = NonNullable<Awaited<ReturnType<typeof selectVersion>>>;

export async function selectVersion(trx: Tx, caseId: string, number: number) {
  return versionQuery(trx).where('v.caseId', '=', caseId).where('v.number', '=', number).executeTakeFirst();
}

/** The version locked for a change, so that its version number, once checked, stays current until commit. */
export async function selectVersionForUpdate(trx: Tx, caseId: string, number: number) {
  return versionQuery(trx).where('v.caseId', '=', caseId).where('v.number', '=', number).forUpdate('v').executeTakeFirst();
}

export async function selectVersionById(trx: Tx, caseId: string, id: string) {
  return versionQuery(trx).where('v.caseId', '=', caseId).where('v.id', '=', id).executeTakeFirst();
}

/** The version in work of the case `caseId` (a value or a column): the draft if there is one, else the agreed version. */
function currentVersionQuery(trx: Queryable, caseId: string | Expression<string>) {
  return versionQuery(trx)
    .where('v.caseId', '=', caseId)
    .where('v.status', 'in', ['draft', 'agreed'])
    .orderBy('v.number', 'desc')
    .limit(1);
}

export async function selectCurrentVersion(trx: Tx, caseId: string) {
  return currentVersionQuery(trx, caseId).executeTakeFirst();
}

const currentVersionWithFacts = compiledOnce(['caseId', 'organisationId', 'userId'], (db, { caseId, ...actor }) =>
  db
    .selectFrom('cases as c')
    .leftJoinLateral(currentVersionQuery(db, sql.ref<string>('c.id')).as('cv'), (join) => join.onTrue())
    .select(['c.ownerOrganisationId', 'c.coordinatorUserId', 'c.participantId', ...caseFactsSubqueries(actor).columns,
      sql<boolean>`exists (select 1 from meeting_outcome_dispositions d where d.case_id = c.id and d.goal_id is not null)`.as('hasCarriedOutcomes')])
    .selectAll('cv')
    .where('c.id', '=', caseId));

/**
 * The case's access facts and, in the same statement, its version in work (for `CaseScope.requireCaseRow`),
 * compiled once as every plan read runs it. `version` is undefined when the case has no plan yet; `hasCarriedOutcomes` says whether any meeting
 * outcome was ever carried into one of its plans (without any, a plan has no meeting origins to show).
 */
export async function selectCurrentVersionWithFacts(trx: Tx, caseId: string, actor: ActorIds) {
  const [row] = await currentVersionWithFacts(trx, { caseId, organisationId: actor.organisationId, userId: actor.userId });
  if (!row) return undefined;
  const { ownerOrganisationId, coordinatorUserId, participantId, team, consents, emergencyUntil, hasCarriedOutcomes, ...version } = row;
  // A left join leaves every column of the version nullable; with an id present, the row is a whole version.
  return {
    ownerOrganisationId, coordinatorUserId, participantId, team, consents, emergencyUntil, hasCarriedOutcomes,
    version: version.id === null ? undefined : version as PlanVersionRow,
  };
}

export async function selectAgreedVersion(trx: Tx, caseId: string) {
  return versionQuery(trx).where('v.caseId', '=', caseId).where('v.status', '=', 'agreed').executeTakeFirst();
}

/** Every version of a case, newest first, without content. */
export async function selectVersionSummaries(trx: Tx, caseId: string) {
  return trx
    .selectFrom('planVersions')
    .select(['number', 'status', 'followUpOn', 'agreedOn', 'agreementForm', 'createdAt', 'updatedAt', 'supersededAt'])
    .where('caseId', '=', caseId)
    .orderBy('number', 'desc')
    .execute();
}

export async function hasDraft(trx: Tx, caseId: string): Promise<boolean> {
  const row = await trx.selectFrom('planVersions').select('id').where('caseId', '=', caseId).where('status', '=', 'draft').executeTakeFirst();
  return row !== undefined;
}

export async function insertDraft(trx: Tx, values: { caseId: string; content: Buffer; followUpOn: string | null; createdBy: string }): Promise<string> {
  const next = await trx.selectFrom('planVersions').select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('last'))
    .where('caseId', '=', values.caseId).executeTakeFirstOrThrow();
  const row = await trx.insertInto('planVersions').values({ ...values, number: Number(next.last) + 1 }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces a draft's content with optimistic concurrency: false when `version` is no longer current. */
export async function updateDraftContent(trx: Tx, id: string, version: number, content: Buffer, followUpOn: string | null): Promise<boolean> {
  const result = await trx
    .updateTable('planVersions')
    .set((eb) => ({ content, followUpOn, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The agreed version steps aside before the draft takes its place (one agreed version per case). */
export async function supersedeAgreed(trx: Tx, caseId: string, at: Date): Promise<void> {
  await trx.updateTable('planVersions').set((eb) => ({ status: 'superseded', supersededAt: at, version: eb('version', '+', 1), updatedAt: at }))
    .where('caseId', '=', caseId).where('status', '=', 'agreed').execute();
}

export async function markAgreed(trx: Tx, id: string, version: number, values: { agreedOn: string; agreementForm: string; agreedBy: string }, at: Date): Promise<boolean> {
  const result = await trx
    .updateTable('planVersions')
    .set((eb) => ({ ...values, status: 'agreed', version: eb('version', '+', 1), updatedAt: at }))
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Responsible organisations and people named in a plan that do not exist (or a person outside their organisation). */
export async function unknownResponsibles(trx: Tx, content: PlanContent): Promise<{ organisations: string[]; users: string[] }> {
  const actions = content.goals.flatMap((goal) => goal.actions);
  const organisationIds = [...new Set(actions.map((action) => action.responsibleOrganisationId))];
  const userIds = [...new Set(actions.flatMap((action) => (action.responsibleUserId ? [action.responsibleUserId] : [])))];
  const organisations = organisationIds.length === 0 ? [] : await trx.selectFrom('organisations').select('id').where('id', 'in', organisationIds).execute();
  const users = userIds.length === 0 ? [] : await trx.selectFrom('users').select(['id', 'organisationId']).where('id', 'in', userIds).execute();
  const knownOrganisations = new Set(organisations.map((row) => row.id));
  const userOrganisation = new Map(users.map((row) => [row.id, row.organisationId]));
  return {
    organisations: organisationIds.filter((id) => !knownOrganisations.has(id)),
    users: actions.filter((action) => action.responsibleUserId && userOrganisation.get(action.responsibleUserId) !== action.responsibleOrganisationId)
      .map((action) => action.responsibleUserId!),
  };
}
