import {
  canManageTeam, isMemberWithinConsent, mayInviteOrganisation, TeamRole,
  type ConsentFacts, type InformationCategory, type TeamMemberAdd, type TeamMemberView,
} from '@utvag/domain';
import type { AccessContext, CaseScope, LoadedCase } from '../access/context';
import { BadRequestError, ConflictError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';
import { selectConsents, selectMembers, selectTeamWithFacts, type ConsentRow, type MemberRow } from './store';

/**
 * The consents of a case given to `organisationIds`. The access facts of a request hold only those
 * given to the actor's own organisation, and the team rules need those of other organisations too.
 */
async function consentsFor(scope: CaseScope, caseId: string, organisationIds: readonly string[]): Promise<ConsentFacts[]> {
  return consentFacts(await selectConsents(scope.trx, caseId, organisationIds));
}

const consentFacts = (rows: readonly ConsentRow[]): ConsentFacts[] =>
  rows.map((row) => ({ ...row, categories: row.categories as InformationCategory[], excludedCategories: row.excludedCategories as InformationCategory[] }));

/** The organisations whose consents the reader is told about: all for those who see every consent (as in the consent list), else their own. */
function knownOrganisations(scope: CaseScope, loaded: LoadedCase) {
  const knowsAllConsents = loaded.access.level === 'full';
  return (organisationId: string) => knowsAllConsents || organisationId === scope.actor.organisationId;
}

/** The external organisations of the team whose consents the reader is told about; the owning organisation needs no consent. */
function externalKnown(scope: CaseScope, loaded: LoadedCase, rows: readonly MemberRow[]): Set<string> {
  const known = knownOrganisations(scope, loaded);
  return new Set(rows.map((row) => row.organisationId).filter((id) => id !== loaded.facts.ownerOrganisationId && known(id)));
}

function teamViews(scope: CaseScope, loaded: LoadedCase, rows: readonly MemberRow[], consents: ConsentFacts[]): TeamMemberView[] {
  const known = knownOrganisations(scope, loaded);
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

async function teamOf(scope: CaseScope, loaded: LoadedCase, memberId?: string): Promise<TeamMemberView[]> {
  const rows = await selectMembers(scope.trx, loaded.caseId, memberId);
  return teamViews(scope, loaded, rows, await consentsFor(scope, loaded.caseId, [...externalKnown(scope, loaded, rows)]));
}

export async function listTeam(access: AccessContext, caseId: string): Promise<TeamMemberView[]> {
  return access.readInOneStatement(async (scope) => {
    // The team and its consents come in the same statement as the case's access facts.
    const { loaded, row } = await scope.requireCaseRow(caseId, () => selectTeamWithFacts(scope.trx, caseId, scope.actor));
    const external = externalKnown(scope, loaded, row.members);
    const team = teamViews(scope, loaded, row.members, consentFacts(row.memberConsents.filter((consent) => external.has(consent.recipientOrganisationId))));
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
