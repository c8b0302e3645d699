import type { CarriedOutcome, PlanContent } from '@utvag/domain';
import type { Keyring } from '../crypto/keyring';
import type { Tx } from '../db/database';

/** Column context of a dismissal's reason: it says why something about the person's life stayed out of the plan. */
export const DISMISSAL_CONTEXT = 'meetings.outcome_dismissal';

export function sealDismissalReason(keyring: Keyring, reason: string): Buffer {
  return keyring.encrypt(reason, DISMISSAL_CONTEXT);
}

export async function openDismissalReason(keyring: Keyring, blob: Uint8Array): Promise<string> {
  return keyring.decrypt(blob, DISMISSAL_CONTEXT);
}

/** What became of a case's meeting outcomes (or of some meetings' outcomes), with the number of the version that took each up. */
export async function selectDispositions(trx: Tx, caseId: string, meetingIds?: readonly string[]) {
  if (meetingIds?.length === 0) return [];
  let query = trx
    .selectFrom('meetingOutcomeDispositions as d')
    .leftJoin('planVersions as v', 'v.id', 'd.planVersionId')
    .select(['d.id', 'd.meetingId', 'd.outcomeIndex', 'd.planVersionId', 'd.goalId', 'd.actionId', 'd.dismissedReason', 'd.decidedAt', 'v.number as planNumber'])
    .where('d.caseId', '=', caseId)
    .orderBy('d.meetingId')
    .orderBy('d.outcomeIndex');
  if (meetingIds) query = query.where('d.meetingId', 'in', meetingIds);
  return query.execute();
}
export type DispositionRow = Awaited<ReturnType<typeof selectDispositions>>[number];

/** Held meetings of a case with their encrypted minutes, oldest first; all of them or the given ones. */
export async function selectHeldMinutes(trx: Tx, caseId: string, meetingIds?: readonly string[]) {
  if (meetingIds?.length === 0) return [];
  let query = trx
    .selectFrom('meetings')
    .select(['id', 'startsAt', 'minutes'])
    .where('caseId', '=', caseId)
    .where('status', '=', 'held')
    .orderBy('startsAt')
    .orderBy('id');
  if (meetingIds) query = query.where('id', 'in', meetingIds);
  return query.execute();
}

/** A draft lets go of the outcomes whose goal or action it no longer has; they are pending again. */
export async function releaseOutcomesNotIn(trx: Tx, planVersionId: string, content: PlanContent): Promise<number> {
  const goalIds = content.goals.map((goal) => goal.id);
  const actionIds = content.goals.flatMap((goal) => goal.actions.map((action) => action.id));
  const result = await trx.deleteFrom('meetingOutcomeDispositions')
    .where('planVersionId', '=', planVersionId)
    .where((eb) => eb.or([
      goalIds.length > 0 ? eb('goalId', 'not in', goalIds) : eb.lit(true),
      eb.and([eb('actionId', 'is not', null), actionIds.length > 0 ? eb('actionId', 'not in', actionIds) : eb.lit(true)]),
    ]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Records outcomes as taken up by a draft. One the draft took up before stays as it was, or, when the
 * editor moved it to another goal or action, is recorded again there (dispositions are never updated).
 */
export async function insertCarried(
  trx: Tx, values: { caseId: string; planVersionId: string; decidedBy: string; outcomes: readonly CarriedOutcome[] },
): Promise<void> {
  if (values.outcomes.length === 0) return;
  const own = await trx.selectFrom('meetingOutcomeDispositions').select(['id', 'meetingId', 'outcomeIndex', 'goalId', 'actionId'])
    .where('planVersionId', '=', values.planVersionId).execute();
  const moved: string[] = [];
  const fresh = values.outcomes.filter((outcome) => {
    const earlier = own.find((row) => row.meetingId === outcome.meetingId && row.outcomeIndex === outcome.outcomeIndex);
    if (!earlier) return true;
    if (earlier.goalId === outcome.goalId && earlier.actionId === (outcome.actionId ?? null)) return false;
    moved.push(earlier.id);
    return true;
  });
  if (moved.length > 0) await trx.deleteFrom('meetingOutcomeDispositions').where('id', 'in', moved).execute();
  if (fresh.length === 0) return;
  await trx
    .insertInto('meetingOutcomeDispositions')
    .values(fresh.map((outcome) => ({
      caseId: values.caseId, planVersionId: values.planVersionId, decidedBy: values.decidedBy,
      meetingId: outcome.meetingId, outcomeIndex: outcome.outcomeIndex, goalId: outcome.goalId, actionId: outcome.actionId ?? null,
    })))
    .execute();
}

export async function insertDismissal(
  trx: Tx, values: { caseId: string; meetingId: string; outcomeIndex: number; reason: Buffer; decidedBy: string },
): Promise<string> {
  const row = await trx
    .insertInto('meetingOutcomeDispositions')
    .values({ caseId: values.caseId, meetingId: values.meetingId, outcomeIndex: values.outcomeIndex, dismissedReason: values.reason, decidedBy: values.decidedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A dismissal changes what the draft must still take up, so the draft moves to its next version. */
export async function touchDraft(trx: Tx, id: string, version: number): Promise<boolean> {
  const result = await trx
    .updateTable('planVersions')
    .set((eb) => ({ version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
