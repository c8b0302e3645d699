import { z } from 'zod';
import { caseAccess, type Actor, type CaseFacts } from './access';
import { canEditPlan } from './plans';

/** What a work list holds: only case ids, aliases, kinds and dates — never names or case text. */
export const WorkItemKind = z.enum(['follow_up_due', 'plan_awaiting_agreement', 'meeting_this_week', 'decision_awaiting', 'check_in_due']);
export type WorkItemKind = z.infer<typeof WorkItemKind>;

export const WorkItem = z.object({
  kind: WorkItemKind,
  caseId: z.uuid(),
  alias: z.string(),
  /** The date the item is about: a follow-up or check-in date, a meeting's start, a decision's initiation. */
  date: z.string(),
  overdue: z.boolean(),
});
export type WorkItem = z.infer<typeof WorkItem>;

export const WorkList = z.object({ items: z.array(WorkItem), today: z.string(), weekEnds: z.string() });
export type WorkList = z.infer<typeof WorkList>;

export const ManagerOverview = z.object({
  /** `coordinatorActive` is false when the coordinator's account is disabled: their cases need a new coordinator. */
  caseload: z.array(z.object({ coordinatorId: z.uuid(), coordinatorName: z.string(), coordinatorActive: z.boolean(), cases: z.int() })),
  unassignedCases: z.int(),
  overdueItems: z.int(),
  decisionsAwaiting: z.int(),
  emergencyAccess: z.array(z.object({ userId: z.uuid(), userName: z.string(), grantedAt: z.string(), caseId: z.uuid(), alias: z.string() })),
});
export type ManagerOverview = z.infer<typeof ManagerOverview>;

/** Days ahead in which a follow-up or check-in already counts as due. */
export const workListDueDays = 7;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The window of a work list: today, the last day a date counts as due, and the end (exclusive) of this week (Monday–Sunday, UTC). */
export function workListWindow(now: Date): { today: string; dueUntil: string; weekStart: Date; weekEnd: Date } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const weekStart = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  return {
    today: isoDay(day),
    dueUntil: isoDay(new Date(day.getTime() + workListDueDays * 86_400_000)),
    weekStart,
    weekEnd: new Date(weekStart.getTime() + 7 * 86_400_000),
  };
}

/** Is a date (YYYY-MM-DD) due: on or before `dueUntil`? Overdue when before today. */
export function dueState(date: string, window: { today: string; dueUntil: string }): { due: boolean; overdue: boolean } {
  return { due: date <= window.dueUntil, overdue: date < window.today };
}

/**
 * Which work items the actor gets for a case they can read: plan follow-ups, plans awaiting agreement,
 * pauses with a check-in and decisions need full access and someone who works the plan; meetings everyone who reads the case.
 */
export function showsWorkItem(actor: Actor, facts: CaseFacts, kind: WorkItemKind, now: Date): boolean {
  const access = caseAccess(actor, facts, now);
  if (access.level === 'none') return false;
  if (kind === 'meeting_this_week') return true;
  if (kind === 'decision_awaiting') return access.level === 'full';
  return access.level === 'full' && canEditPlan(actor, facts, now);
}

/** The manager overview: managers of an organisation, for that organisation only. */
export function canSeeManagerOverview(actor: Actor): boolean {
  return actor.roles.includes('manager');
}
