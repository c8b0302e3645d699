import { canManageTeam, TeamRole, type TeamMemberAdd, type TeamMemberView } from '@utvag/domain';
import type { AccessContext, CaseScope } from '../access/context';
import { BadRequestError, ConflictError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';

async function teamOf(scope: CaseScope, caseId: string, memberId?: string): Promise<TeamMemberView[]> {
  let query = scope.trx
    .selectFrom('caseTeamMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .innerJoin('organisations as o', 'o.id', 'm.organisationId')
    .select(['m.id', 'm.teamRole', 'm.addedAt', 'u.id as userId', 'u.name as userName', 'o.id as organisationId', 'o.name as organisationName', 'o.type as organisationType'])
    .where('m.caseId', '=', caseId)
    .where('m.removedAt', 'is', null)
    .orderBy('m.addedAt');
  if (memberId) query = query.where('m.id', '=', memberId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    user: { id: row.userId, name: row.userName, organisationId: row.organisationId },
    organisation: { id: row.organisationId, name: row.organisationName, type: row.organisationType },
    teamRole: TeamRole.parse(row.teamRole),
    addedAt: row.addedAt.toISOString(),
  }));
}

export async function listTeam(access: AccessContext, caseId: string): Promise<TeamMemberView[]> {
  return access.run(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const team = await teamOf(scope, caseId);
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
      const row = await scope.trx
        .insertInto('caseTeamMembers')
        .values({ caseId, userId: user.id, organisationId: user.organisationId, teamRole: input.teamRole, addedBy: scope.actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await scope.auditCase(loaded, 'team.add', { details: { memberUserId: user.id, organisationId: user.organisationId, teamRole: input.teamRole } });
      return row.id;
    }, async (memberId, replayed) => {
      const loaded = await scope.requireCase(caseId);
      const [member] = await teamOf(scope, caseId, memberId);
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
