import {
  canManageTeam, isMemberWithinConsent, mayInviteOrganisation, TeamRole,
  type ConsentFacts, type InformationCategory, type TeamMemberAdd, type TeamMemberView,
} from '@utvag/domain';
import type { AccessContext, CaseScope, LoadedCase } from '../access/context';
import { BadRequestError, ConflictError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';

/**
 * The consents of a case given to `organisationIds`. The access facts of a request hold only those
 * given to the actor's own organisation, and the team rules need those of other organisations too.
 */
async function consentsFor(scope: CaseScope, caseId: string, organisationIds: readonly string[]): Promise<ConsentFacts[]> {
  if (organisationIds.length === 0) return [];
  const rows = await scope.trx.selectFrom('consents')
    .select(['recipientOrganisationId', 'categories', 'excludedCategories', 'validFrom', 'validUntil', 'withdrawnAt'])
    .where('caseId', '=', caseId).where('recipientOrganisationId', 'in', [...organisationIds]).execute();
  return rows.map((row) => ({ ...row, categories: row.categories as InformationCategory[], excludedCategories: row.excludedCategories as InformationCategory[] }));
}

async function teamOf(scope: CaseScope, loaded: LoadedCase, memberId?: string): Promise<TeamMemberView[]> {
  let query = scope.trx
    .selectFrom('caseTeamMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .innerJoin('organisations as o', 'o.id', 'm.organisationId')
    .select(['m.id', 'm.teamRole', 'm.addedAt', 'u.id as userId', 'u.name as userName', 'o.id as organisationId', 'o.name as organisationName', 'o.type as organisationType'])
    .where('m.caseId', '=', loaded.caseId)
    .where('m.removedAt', 'is', null)
    .orderBy('m.addedAt');
  if (memberId) query = query.where('m.id', '=', memberId);
  const rows = await query.execute();
  // Which organisations the participant shares with is told only to those who see every consent (as in the consent list).
  const knowsAllConsents = loaded.access.level === 'full';
  const known = (organisationId: string) => knowsAllConsents || organisationId === scope.actor.organisationId;
  // The owning organisation needs no consent, so a team of its own staff costs no further query.
  const external = new Set(rows.map((row) => row.organisationId).filter((id) => id !== loaded.facts.ownerOrganisationId && known(id)));
  const consents = await consentsFor(scope, loaded.caseId, [...external]);
  const facts = { ownerOrganisationId: loaded.facts.ownerOrganisationId, consents };
  return rows.map((row) => ({
    id: row.id,
    user: { id: row.userId, name: row.userName, organisationId: row.organisationId },
    organisation: { id: row.organisationId, name: row.organisationName, type: row.organisationType },
    teamRole: TeamRole.parse(row.teamRole),
    addedAt: row.addedAt.toISOString(),
    withinConsent: known(row.organisationId) ? isMemberWithinConsent(facts, row.organisationId, scope.now) : null,
  }));
}

export async function listTeam(access: AccessContext, caseId: string): Promise<TeamMemberView[]> {
  return access.run(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const team = await teamOf(scope, loaded);
    await scope.auditCase(loaded, 'team.read');
    return team;
  });
}

export async function addTeamMember(access: AccessContext, caseId: string, input: TeamMemberAdd, idempotencyKey: string | null): Promise<TeamMemberView> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, { caseId, ...input }, async () => {
      const loaded = await scope.requireCase(caseId, canManageTeam);
      if (input.teamRole === 'coordinator') {
        throw new BadRequestError('coordinator_via_case', 'Change the coordinator on the case itself.');
      }
      const user = await scope.trx.selectFrom('users').select(['id', 'organisationId', 'disabledAt']).where('id', '=', input.userId).executeTakeFirst();
      if (!user || user.disabledAt) throw new BadRequestError('unknown_user', 'No active user with that id.');
      const already = loaded.facts.team.some((member) => member.userId === input.userId);
      if (already) throw new ConflictError('already_on_team', 'The person is already on the team.');
      const consents = await consentsFor(scope, caseId, [user.organisationId]);
      if (!mayInviteOrganisation({ ownerOrganisationId: loaded.facts.ownerOrganisationId, consents }, user.organisationId, scope.now)) {
        throw new BadRequestError('no_consent_for_organisation', 'Only people from organisations the participant has given consent to, in force today, can join the team.');
      }
      const row = await scope.trx
        .insertInto('caseTeamMembers')
        .values({ caseId, userId: user.id, organisationId: user.organisationId, teamRole: input.teamRole, addedBy: scope.actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await scope.auditCase(loaded, 'team.add', { details: { memberUserId: user.id, organisationId: user.organisationId, teamRole: input.teamRole } });
      return row.id;
    }, async (memberId, replayed) => {
      const loaded = await scope.requireCase(caseId);
      const [member] = await teamOf(scope, loaded, memberId);
      if (!member) throw new NotFoundError();
      if (replayed) await scope.auditCase(loaded, 'team.read');
      return member;
    }),
  );
}

/** Ends a member's place on the team; their access ends with the next request. */
export async function removeTeamMember(access: AccessContext, caseId: string, memberId: string): Promise<void> {
  await access.run(async (scope) => {
    const loaded = await scope.requireCase(caseId, canManageTeam);
    const member = await scope.trx.selectFrom('caseTeamMembers').select(['userId', 'teamRole']).where('id', '=', memberId)
      .where('caseId', '=', caseId).where('removedAt', 'is', null).executeTakeFirst();
    if (!member) throw new NotFoundError();
    if (member.teamRole === 'coordinator') throw new ConflictError('coordinator_cannot_leave', 'Hand the coordinator role to someone else first.');
    await scope.trx.updateTable('caseTeamMembers').set({ removedAt: new Date(), removedBy: scope.actor.userId }).where('id', '=', memberId).execute();
    await scope.auditCase(loaded, 'team.remove', { details: { memberUserId: member.userId } });
  });
}
