import {
  canCarryOutcome, carriedOutcomeProblems, pendingOutcomeIndexes, type CarriedOutcome, type MeetingOutcomeDecision, type OutcomeDisposition,
  type PendingPlanChange, type PlanChangeOrigin, type PlanContent,
} from '@utvag/domain';
import type { CaseScope } from '../access/context';
import type { Keyring } from '../crypto/keyring';
import { BadRequestError, ConflictError } from '../http/errors';
import { openMinutes } from '../meetings/store';
import { openDismissalReason, selectDispositions, selectHeldMinutes, type DispositionRow } from './outcome-store';

const keyOf = (meetingId: string, outcomeIndex: number) => `${meetingId}:${outcomeIndex}`;

function dispositionOf(row: DispositionRow): OutcomeDisposition {
  return row.planVersionId ? { kind: 'carried', planVersionId: row.planVersionId } : { kind: 'dismissed' };
}

/** The plan-change outcomes of the case's held meetings that no version took up and nobody dismissed, oldest meeting first. */
export async function pendingPlanChanges(scope: CaseScope, keyring: Keyring, caseId: string): Promise<PendingPlanChange[]> {
  const meetings = await selectHeldMinutes(scope.trx, caseId);
  const decided = new Set((await selectDispositions(scope.trx, caseId)).map((row) => keyOf(row.meetingId, row.outcomeIndex)));
  const pending: PendingPlanChange[] = [];
  for (const meeting of meetings) {
    if (!meeting.minutes) continue;
    const { outcomes } = await openMinutes(keyring, meeting.minutes);
    const decidedHere = new Set(outcomes.map((_, index) => index).filter((index) => decided.has(keyOf(meeting.id, index))));
    for (const index of pendingOutcomeIndexes(outcomes, decidedHere)) {
      pending.push({ meetingId: meeting.id, outcomeIndex: index, meetingStartsAt: meeting.startsAt.toISOString(), text: outcomes[index]!.text });
    }
  }
  return pending;
}

/**
 * The goals and actions of a version that came from meeting outcomes, with the outcome's text and the
 * meeting's date: those it took up itself and those it kept from the earlier version that took them up.
 */
export async function planChangeOrigins(scope: CaseScope, keyring: Keyring, caseId: string, planNumber: number, content: PlanContent): Promise<PlanChangeOrigin[]> {
  const carried = (await selectDispositions(scope.trx, caseId)).filter((row) => row.goalId && row.planNumber !== null && row.planNumber <= planNumber);
  if (carried.length === 0) return [];
  const goals = new Map(content.goals.map((goal) => [goal.id, new Set(goal.actions.map((action) => action.id))]));
  const inContent = (row: DispositionRow) => {
    const actions = goals.get(row.goalId!);
    return actions !== undefined && (row.actionId === null || actions.has(row.actionId));
  };
  const meetings = await selectHeldMinutes(scope.trx, caseId, [...new Set(carried.map((row) => row.meetingId))]);
  const origins: PlanChangeOrigin[] = [];
  for (const meeting of meetings) {
    if (!meeting.minutes) continue;
    const { outcomes } = await openMinutes(keyring, meeting.minutes);
    for (const row of carried.filter((each) => each.meetingId === meeting.id && inContent(each))) {
      const outcome = outcomes[row.outcomeIndex];
      if (outcome) {
        origins.push({
          meetingId: meeting.id, outcomeIndex: row.outcomeIndex, meetingStartsAt: meeting.startsAt.toISOString(), text: outcome.text,
          goalId: row.goalId!, actionId: row.actionId,
        });
      }
    }
  }
  return origins;
}

/** What became of the plan-change outcomes of the given meetings, for their cards. */
export async function outcomeDecisions(scope: CaseScope, keyring: Keyring, caseId: string, meetingIds: readonly string[]): Promise<Map<string, MeetingOutcomeDecision[]>> {
  const decisions = new Map<string, MeetingOutcomeDecision[]>();
  for (const row of await selectDispositions(scope.trx, caseId, meetingIds)) {
    const decision: MeetingOutcomeDecision = {
      outcomeIndex: row.outcomeIndex,
      planNumber: row.planNumber ?? null,
      dismissedReason: row.dismissedReason ? await openDismissalReason(keyring, row.dismissedReason) : null,
      decidedAt: new Date(row.decidedAt).toISOString(),
    };
    decisions.set(row.meetingId, [...(decisions.get(row.meetingId) ?? []), decision]);
  }
  return decisions;
}

/**
 * Checks outcomes the editor means to take up into draft `draftId`: each names a plan-change outcome of a
 * held meeting of this case, that is still pending or already this draft's, and a goal of the new content.
 */
export async function checkCarriedOutcomes(scope: CaseScope, keyring: Keyring, caseId: string, draftId: string, content: PlanContent, carried: readonly CarriedOutcome[]): Promise<void> {
  if (carried.length === 0) return;
  const problems = carriedOutcomeProblems(content, carried);
  if (problems.length > 0) throw new BadRequestError('carried_outcome_invalid', 'Each outcome is taken up once, as a goal of the plan or an action under one.', { problems });
  const meetingIds = [...new Set(carried.map((outcome) => outcome.meetingId))];
  const meetings = new Map((await selectHeldMinutes(scope.trx, caseId, meetingIds)).map((meeting) => [meeting.id, meeting]));
  const existing = new Map((await selectDispositions(scope.trx, caseId, meetingIds)).map((row) => [keyOf(row.meetingId, row.outcomeIndex), dispositionOf(row)]));
  for (const outcome of carried) {
    const meeting = meetings.get(outcome.meetingId);
    const minutes = meeting?.minutes ? await openMinutes(keyring, meeting.minutes) : null;
    if (!minutes?.outcomes[outcome.outcomeIndex]?.planChange) {
      throw new BadRequestError('outcome_not_plan_change', 'Only an outcome marked as a plan change in a held meeting can be taken up.');
    }
    if (!canCarryOutcome(existing.get(keyOf(outcome.meetingId, outcome.outcomeIndex)) ?? null, draftId)) {
      throw new ConflictError('outcome_already_decided', 'This outcome has already been taken up or dismissed.');
    }
  }
}

/** The outcome to dismiss: 400 unless it is a plan-change outcome of a held meeting of the case; its current disposition. */
export async function requirePendingOrDismissed(scope: CaseScope, keyring: Keyring, caseId: string, meetingId: string, outcomeIndex: number): Promise<OutcomeDisposition | null> {
  const [meeting] = await selectHeldMinutes(scope.trx, caseId, [meetingId]);
  const minutes = meeting?.minutes ? await openMinutes(keyring, meeting.minutes) : null;
  if (!minutes?.outcomes[outcomeIndex]?.planChange) {
    throw new BadRequestError('outcome_not_plan_change', 'Only an outcome marked as a plan change in a held meeting can be dismissed.');
  }
  const [row] = (await selectDispositions(scope.trx, caseId, [meetingId])).filter((each) => each.outcomeIndex === outcomeIndex);
  return row ? dispositionOf(row) : null;
}
