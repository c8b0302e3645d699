import type { Tx } from '../db/database';

/** The case's status and version, as the transition starts from them. */
export async function selectCourseState(trx: Tx, caseId: string) {
  return trx.selectFrom('cases').select(['status', 'version']).where('id', '=', caseId).executeTakeFirst();
}

/** Moves the case to `status` only if `version` is still current; false when someone else changed it first. */
export async function moveCase(trx: Tx, caseId: string, version: number, status: string): Promise<boolean> {
  const result = await trx
    .updateTable('cases')
    .set((eb) => ({ status, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', caseId)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertStatusChange(trx: Tx, values: {
  caseId: string; fromStatus: string; toStatus: string; reason: Buffer | null; closingReason: string | null; checkInOn: string | null; changedBy: string;
}): Promise<string> {
  const row = await trx.insertInto('caseStatusChanges').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The case's course, newest change first (each change is its own transaction, so its own moment). */
export async function selectStatusChanges(trx: Tx, caseId: string) {
  return trx
    .selectFrom('caseStatusChanges as s')
    .innerJoin('users as u', 'u.id', 's.changedBy')
    .select(['s.id', 's.fromStatus', 's.toStatus', 's.reason', 's.closingReason', 's.checkInOn', 's.changedAt', 'u.id as userId', 'u.name as userName', 'u.organisationId as userOrganisationId'])
    .where('s.caseId', '=', caseId)
    .orderBy('s.changedAt', 'desc')
    .execute();
}
