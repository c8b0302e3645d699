import type { CostCreate, LifeArea } from '@utvag/domain';
import type { Keyring } from '../crypto/keyring';
import type { Tx } from '../db/database';

/** Why a cost was cancelled may tell about the person's situation: always encrypted. */
export const CANCEL_REASON_CONTEXT = 'cost.cancel_reason';

export async function insertCost(trx: Tx, values: { caseId: string; lifeArea: LifeArea; createdBy: string; input: CostCreate }): Promise<string> {
  const { input } = values;
  const row = await trx
    .insertInto('actionCosts')
    .values({
      caseId: values.caseId,
      actionId: input.actionId,
      lifeArea: values.lifeArea,
      amount: input.amount,
      category: input.category,
      incurredOn: input.incurredOn ?? null,
      periodFrom: input.periodFrom ?? null,
      periodTo: input.periodTo ?? null,
      createdBy: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The costs of a case, oldest first, with who added and who cancelled them; one when `costId` is given. */
export async function selectCosts(trx: Tx, caseId: string, costId?: string) {
  let query = trx
    .selectFrom('actionCosts as k')
    .innerJoin('users as creator', 'creator.id', 'k.createdBy')
    .leftJoin('users as canceller', 'canceller.id', 'k.cancelledBy')
    .select([
      'k.id', 'k.caseId', 'k.actionId', 'k.lifeArea', 'k.amount', 'k.category', 'k.incurredOn', 'k.periodFrom', 'k.periodTo', 'k.createdAt',
      'k.cancelledAt', 'k.cancelReason', 'k.cancelReasonSealed', 'creator.id as creatorId', 'creator.name as creatorName', 'canceller.id as cancellerId', 'canceller.name as cancellerName',
    ])
    .where('k.caseId', '=', caseId)
    .orderBy('k.createdAt')
    .orderBy('k.id');
  if (costId) query = query.where('k.id', '=', costId);
  return query.execute();
}
export type CostRow = Awaited<ReturnType<typeof selectCosts>>[number];

/** Cancels a cost that is not cancelled yet; false when it already is. */
export async function markCancelled(trx: Tx, keyring: Keyring, costId: string, values: { cancelledBy: string; reason: string; at: Date }): Promise<boolean> {
  const result = await trx
    .updateTable('actionCosts')
    .set({ cancelledAt: values.at, cancelledBy: values.cancelledBy, cancelReasonSealed: keyring.encrypt(values.reason, CANCEL_REASON_CONTEXT) })
    .where('id', '=', costId)
    .where('cancelledAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
