import {
  DecisionType, canDecide, canSeeManagerOverview, dueState, showsWorkItem, workListWindow, WorkItemKind,
  type ManagerOverview, type WorkItem, type WorkList,
} from '@utvag/domain';
import type { AccessContext } from '../access/context';
import { selectDelegationRules } from '../decisions/store';
import { ForbiddenError } from '../http/errors';
import { countDecisionsAwaiting, countOverdue, selectCaseload, selectEmergencyAccess, selectWorkListCandidates } from './store';

/** The caller's work list over the cases they can read: ids, aliases, kinds and dates only. */
export async function workList(access: AccessContext): Promise<WorkList> {
  return access.read(async (scope) => {
    const window = workListWindow(scope.now);
    const candidates = await selectWorkListCandidates(scope.trx, scope.actor.userId, scope.actor.organisationId, window);
    const readable = new Map((await scope.readableCases([...new Set(candidates.map((row) => row.caseId))])).map((loaded) => [loaded.caseId, loaded]));
    const rules = candidates.some((row) => row.kind === 'decision_awaiting') ? await selectDelegationRules(scope.trx, scope.actor.organisationId) : [];
    const items: WorkItem[] = [];
    for (const row of candidates) {
      const loaded = readable.get(row.caseId);
      const kind = WorkItemKind.parse(row.kind);
      if (!loaded || !showsWorkItem(scope.actor, loaded.facts, kind, scope.now)) continue;
      if (kind === 'decision_awaiting' && !canDecide(scope.actor, loaded.facts, rules, DecisionType.parse(row.decisionType), row.amount, scope.now).allowed) continue;
      const overdue = (kind === 'follow_up_due' || kind === 'check_in_due') && dueState(row.date, window).overdue;
      items.push({ kind, caseId: row.caseId, alias: row.alias, date: row.date, overdue });
    }
    await scope.audit([{ action: 'work_list.read', details: { count: items.length } }]);
    return { items, today: window.today, weekEnds: window.weekEnd.toISOString().slice(0, 10) };
  });
}

/** The manager overview of the caller's own organisation. */
export async function managerOverview(access: AccessContext): Promise<ManagerOverview> {
  return access.read(async (scope) => {
    if (!canSeeManagerOverview(scope.actor)) throw new ForbiddenError('not_manager', 'The overview is for the organisation\'s managers.');
    const organisationId = scope.actor.organisationId;
    const window = workListWindow(scope.now);
    const caseload = await selectCaseload(scope.trx, organisationId);
    const emergency = await selectEmergencyAccess(scope.trx, organisationId, new Date(scope.now.getTime() - 30 * 86_400_000));
    const overview: ManagerOverview = {
      caseload: caseload.filter((row) => row.coordinatorId).map((row) => ({ coordinatorId: row.coordinatorId!, coordinatorName: row.coordinatorName ?? '', coordinatorActive: row.coordinatorActive, cases: row.cases })),
      unassignedCases: caseload.find((row) => !row.coordinatorId)?.cases ?? 0,
      overdueItems: await countOverdue(scope.trx, organisationId, window.today),
      decisionsAwaiting: await countDecisionsAwaiting(scope.trx, organisationId),
      emergencyAccess: emergency.map((row) => ({ ...row, grantedAt: new Date(row.grantedAt).toISOString() })),
    };
    await scope.audit([{ action: 'manager_overview.read', details: { organisationId, emergencyAccessEvents: overview.emergencyAccess.length } }]);
    return overview;
  });
}
