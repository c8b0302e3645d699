import { canDecide, type CaseFacts, type DecisionType, type OrganisationType, type Role } from '@utvag/domain';
import type { Tx } from '../db/database';
import { selectDelegationRules } from '../decisions/store';

/**
 * In-app notifications, written in the caller's transaction; their e-mails (a link only) are sent by
 * the job after the transaction commits. A notification carries a kind and a case id, never personal data.
 */
export async function notifyUsers(trx: Tx, userIds: readonly string[], kind: string, caseId: string): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await trx.insertInto('notifications').values(unique.map((userId) => ({ userId, kind, caseId }))).execute();
}

/** The staff of the owning organisation, other than the initiator, who may decide this decision (`canDecide`). */
export async function decidersOf(trx: Tx, facts: CaseFacts, type: DecisionType, amount: number | null, initiatorId: string, now: Date): Promise<string[]> {
  const users = await trx.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisationId')
    .select(['u.id', 'u.roles', 'o.type']).where('u.organisationId', '=', facts.ownerOrganisationId).where('u.disabledAt', 'is', null)
    .where('u.id', '<>', initiatorId).execute();
  const rules = await selectDelegationRules(trx, facts.ownerOrganisationId);
  const theirFacts: CaseFacts = { ...facts, emergencyAccessUntil: null };
  return users.filter((user) => canDecide(
    { userId: user.id, organisationId: facts.ownerOrganisationId, organisationType: user.type as OrganisationType, roles: user.roles as Role[] },
    theirFacts, rules, type, amount, now,
  ).allowed).map((user) => user.id);
}
