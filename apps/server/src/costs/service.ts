import {
  CostCategory, LifeArea, actionLifeAreas, canAddCost, canReadCost, costProblems, costTotals,
  type CostCreate, type CostList, type CostView,
} from '@utvag/domain';
import type { AccessContext, CaseScope, LoadedCase } from '../access/context';
import type { Keyring } from '../crypto/keyring';
import { BadRequestError, ConflictError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';
import { openPlanContent, selectCurrentVersion } from '../plans/store';
import { CANCEL_REASON_CONTEXT, insertCost, markCancelled, selectCosts, type CostRow } from './store';

const problemMessages = {
  amount_not_positive: 'A cost is a whole number of kronor greater than zero.',
  date_or_period_required: 'A cost has either the date it was incurred or a period with both a first and a last day.',
  dates_out_of_order: 'The period ends before it starts.',
} as const;

/** The reason a cost was cancelled: sealed, or (until the server has sealed it at start) in clear from before encryption. */
async function cancelReasonOf(keyring: Keyring, row: CostRow): Promise<string | null> {
  if (row.cancelReasonSealed) return keyring.decrypt(row.cancelReasonSealed, CANCEL_REASON_CONTEXT);
  return row.cancelReason;
}

function viewOf(row: CostRow, reason: string | null): CostView {
  return {
    id: row.id,
    caseId: row.caseId,
    actionId: row.actionId,
    lifeArea: LifeArea.parse(row.lifeArea),
    amount: row.amount,
    category: CostCategory.parse(row.category),
    incurredOn: row.incurredOn,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    createdBy: { id: row.creatorId, name: row.creatorName },
    createdAt: new Date(row.createdAt).toISOString(),
    cancelled: row.cancelledAt && row.cancellerId && row.cancellerName && reason
      ? { at: new Date(row.cancelledAt).toISOString(), by: { id: row.cancellerId, name: row.cancellerName }, reason }
      : null,
  };
}

/** The costs of the case in life areas the reader may read. */
async function readableCosts(scope: CaseScope, keyring: Keyring, loaded: LoadedCase, costId?: string): Promise<CostView[]> {
  const rows = await selectCosts(scope.trx, loaded.caseId, costId);
  // Only the reasons of costs the reader may read are decrypted.
  const readable = rows.filter((row) => canReadCost(LifeArea.parse(row.lifeArea), loaded.access.categories));
  return Promise.all(readable.map(async (row) => viewOf(row, await cancelReasonOf(keyring, row))));
}

/** The costs a reader may see, with totals per category over them. */
export async function listCosts(access: AccessContext, keyring: Keyring, caseId: string): Promise<CostList> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const costs = await readableCosts(scope, keyring, loaded);
    const totals = costTotals(costs);
    await scope.auditCase(loaded, 'cost.read', { details: { count: costs.length } });
    return { costs, totals, total: totals.reduce((sum, total) => sum + total.amount, 0), canAdd: canAddCost(scope.actor, loaded.facts, scope.now) };
  });
}

async function readCost(scope: CaseScope, keyring: Keyring, loaded: LoadedCase, costId: string): Promise<CostView> {
  const [cost] = await readableCosts(scope, keyring, loaded, costId);
  if (!cost) throw new NotFoundError();
  return cost;
}

/** Adds a cost to an action of the case's current plan (the draft if there is one, else the agreed version). */
export async function addCost(access: AccessContext, keyring: Keyring, caseId: string, input: CostCreate, idempotencyKey: string | null): Promise<CostView> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, { caseId, ...input }, async () => {
      const loaded = await scope.requireCase(caseId, canAddCost);
      const [problem] = costProblems(input);
      if (problem) throw new BadRequestError(problem, problemMessages[problem]);
      const plan = await selectCurrentVersion(scope.trx, caseId);
      const lifeArea = plan ? actionLifeAreas(await openPlanContent(keyring, plan.content)).get(input.actionId) : undefined;
      if (!lifeArea) throw new BadRequestError('unknown_action', 'A cost belongs to an action in the case\'s current plan.', { actionId: input.actionId });
      const costId = await insertCost(scope.trx, { caseId, lifeArea, createdBy: scope.actor.userId, input });
      await scope.auditCase(loaded, 'cost.add', { details: { costId, category: input.category } });
      return costId;
    }, async (costId, replayed) => {
      const loaded = await scope.requireCase(caseId);
      const cost = await readCost(scope, keyring, loaded, costId);
      if (replayed) await scope.auditCase(loaded, 'cost.read', { details: { count: 1 } });
      return cost;
    }),
  );
}

/** Cancels a cost with a reason; the cost stays, marked cancelled, and counts in no total. */
export async function cancelCost(access: AccessContext, keyring: Keyring, caseId: string, costId: string, reason: string): Promise<CostView> {
  return access.run(async (scope) => {
    const loaded = await scope.requireCase(caseId, canAddCost);
    const cost = await readCost(scope, keyring, loaded, costId);
    if (cost.cancelled) throw new ConflictError('already_cancelled', 'The cost is already cancelled.');
    if (!(await markCancelled(scope.trx, keyring, costId, { cancelledBy: scope.actor.userId, reason, at: scope.now }))) {
      throw new ConflictError('already_cancelled', 'The cost is already cancelled.');
    }
    await scope.auditCase(loaded, 'cost.cancel', { details: { costId } });
    return readCost(scope, keyring, loaded, costId);
  });
}
