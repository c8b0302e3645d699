import { canViewAccessLog, type AccessLogEntry } from '@utvag/domain';
import type { AccessContext } from '../access/context';

/** Who looked at the participant's data, when and from which organisation: the extract a participant may ask for. */
export async function accessLogOf(access: AccessContext, caseId: string): Promise<AccessLogEntry[]> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId, canViewAccessLog);
    const rows = await scope.trx
      .selectFrom('auditEvents as a')
      .leftJoin('users as u', 'u.id', 'a.actorUserId')
      .leftJoin('organisations as o', 'o.id', 'a.organisationId')
      .select(['a.occurredAt', 'a.action', 'a.role', 'a.emergency', 'u.name as actorName', 'o.name as organisationName'])
      .where((eb) => eb.or([eb('a.caseId', '=', caseId), eb('a.participantId', '=', loaded.participantId)]))
      .orderBy('a.occurredAt', 'desc')
      .limit(1000)
      .execute();
    await scope.auditCase(loaded, 'access_log.read');
    return rows.map((row) => ({
      occurredAt: row.occurredAt.toISOString(),
      actorName: row.actorName ?? '',
      organisationName: row.organisationName ?? '',
      role: row.role ?? '',
      action: row.action,
      emergency: row.emergency,
    }));
  });
}
