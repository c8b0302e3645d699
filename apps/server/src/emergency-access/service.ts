import { canRequestEmergencyAccess, caseAccess, emergencyAccessHours } from '@utvag/domain';
import type { AccessContext } from '../access/context';
import type { Keyring } from '../crypto/keyring';
import { ConflictError, NotFoundError } from '../http/errors';

/**
 * Emergency access ("nödåtkomst"): staff of the owning organisation who are not on the team may open
 * the case for a few hours, giving a reason. Every manager of the organisation is told, and every
 * read under it is flagged in the audit log.
 */
export async function requestEmergencyAccess(access: AccessContext, keyring: Keyring, caseId: string, reason: string): Promise<{ expiresAt: string }> {
  return access.run(async (scope) => {
    const facts = (await scope.loadFacts([caseId])).get(caseId);
    if (!facts) throw new NotFoundError();
    if (caseAccess(scope.actor, facts.facts, scope.now).level !== 'none') {
      throw new ConflictError('already_has_access', 'You already have access to this case.');
    }
    // Refused exactly like a missing case: the answer must not confirm that the case exists.
    if (!canRequestEmergencyAccess(scope.actor, facts.facts, scope.now)) throw new NotFoundError();
    const expiresAt = new Date(scope.now.getTime() + emergencyAccessHours * 3_600_000);
    await scope.trx.insertInto('emergencyAccessGrants')
      .values({ caseId, userId: scope.actor.userId, reason: keyring.encrypt(reason, 'emergency_access.reason'), expiresAt })
      .execute();
    const managers = await scope.trx.selectFrom('users').select('id')
      .where('organisationId', '=', facts.facts.ownerOrganisationId)
      // Not `roles @> ['manager']`: Kysely would send the array as a list of values, not as one text[].
      .where((eb) => eb(eb.val('manager'), '=', eb.fn.any('roles')))
      .where('disabledAt', 'is', null)
      .execute();
    if (managers.length > 0) {
      await scope.trx.insertInto('notifications').values(managers.map((manager) => ({ userId: manager.id, kind: 'emergency_access', caseId }))).execute();
    }
    await scope.audit([{ action: 'emergency_access.granted', caseId, participantId: facts.participantId, emergency: true, details: { hours: emergencyAccessHours } }]);
    return { expiresAt: expiresAt.toISOString() };
  });
}
