import type { TeamRole } from '@utvag/domain';
import { sql } from 'kysely';
import { consentsOfCase, emergencyAccessUntil, type ActorIds, type CaseFactsColumns } from '../access/context';
import { compiledOnce } from '../db/compiled-once';
import type { Tx } from '../db/database';

/** A consent given to an organisation, as the team rules read it. */
export interface ConsentRow {
  recipientOrganisationId: string;
  categories: string[];
  excludedCategories: string[];
  validFrom: string;
  validUntil: string | null;
  withdrawnAt: Date | null;
}

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** The current members of a case (or one of them), with their names and organisations, in the order they joined. */
export function selectMembers(trx: Tx, caseId: string, memberId?: string) {
  let query = trx
    .selectFrom('caseTeamMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .innerJoin('organisations as o', 'o.id', 'm.organisationId')
    .select(['m.id', 'm.teamRole', 'm.addedAt', 'u.id as userId', 'u.name as userName', 'o.id as organisationId', 'o.name as organisationName', 'o.type as organisationType'])
    .where('m.caseId', '=', caseId)
    .where('m.removedAt', 'is', null)
    .orderBy('m.addedAt');
  if (memberId) query = query.where('m.id', '=', memberId);
  return query.execute();
}

/** A current team member with their name and organisation. */
export type MemberRow = Awaited<ReturnType<typeof selectMembers>>[number];

/** The consents of a case given to `organisationIds`. */
export async function selectConsents(trx: Tx, caseId: string, organisationIds: readonly string[]): Promise<ConsentRow[]> {
  if (organisationIds.length === 0) return [];
  return trx.selectFrom('consents')
    .select(['recipientOrganisationId', 'categories', 'excludedCategories', 'validFrom', 'validUntil', 'withdrawnAt'])
    .where('caseId', '=', caseId).where('recipientOrganisationId', 'in', [...organisationIds]).execute();
}

const teamWithFacts = compiledOnce(['caseId', 'userId'], (db, { caseId, userId }) =>
  db
    .selectFrom('cases as c')
    .select([
      'c.ownerOrganisationId', 'c.coordinatorUserId', 'c.participantId', emergencyAccessUntil(userId).as('emergencyUntil'),
      sql<Json<MemberRow>[]>`coalesce((select json_agg(json_build_object('id', m.id, 'teamRole', m.team_role, 'addedAt', m.added_at, 'userId', u.id,
          'userName', u.name, 'organisationId', o.id, 'organisationName', o.name, 'organisationType', o.type) order by m.added_at)
        from case_team_members m join users u on u.id = m.user_id join organisations o on o.id = m.organisation_id
        where m.case_id = c.id and m.removed_at is null), '[]')`.as('members'),
      consentsOfCase<Json<ConsentRow>[]>(sql`true`).as('caseConsents'),
    ])
    .where('c.id', '=', caseId));

/**
 * The case's access facts and, in the same statement, its current team (as `selectMembers`) and the
 * consents given to the team's organisations (for `CaseScope.requireCaseRow`), compiled once as every team read
 * runs it. When the read is refused, the caller throws all of it away.
 *
 * The statement reads the team and the case's consents once each, and the facts are taken from them: the
 * team of the facts is the current members, and the consents of the facts are those given to `actor`'s
 * organisation. Reading the team and the consents again for the facts, each row under row-level security,
 * cost a team read more than all the rest of its statement.
 */
export async function selectTeamWithFacts(trx: Tx, caseId: string, actor: ActorIds) {
  const [row] = await teamWithFacts(trx, { caseId, userId: actor.userId });
  if (!row) return undefined;
  const { members, caseConsents, ...factsColumns } = row;
  const memberOrganisations = new Set(members.map((member) => member.organisationId));
  return {
    ...factsColumns,
    team: members.map(({ userId, organisationId, teamRole }) => ({ userId, organisationId, teamRole: teamRole as TeamRole })),
    consents: caseConsents.filter((consent) => consent.recipientOrganisationId === actor.organisationId) as CaseFactsColumns['consents'],
    members: members.map((member): MemberRow => ({ ...member, addedAt: new Date(member.addedAt) })),
    memberConsents: caseConsents
      .filter((consent) => memberOrganisations.has(consent.recipientOrganisationId))
      .map((consent): ConsentRow => ({ ...consent, withdrawnAt: consent.withdrawnAt === null ? null : new Date(consent.withdrawnAt) })),
  };
}
