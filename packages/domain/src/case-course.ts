import { z } from 'zod';
import { canEditCase } from './access';
import { CaseStatus, UserRef } from './cases';

export { EntryChannel } from './entry-channel';

/** Why a case was closed. */
export const ClosingReason = z.enum(['goals_reached', 'moved', 'declined_further_support', 'no_contact', 'deceased', 'other']);
export type ClosingReason = z.infer<typeof ClosingReason>;

/** The forward course of a case, in order; `paused` and `closed` stand beside it. */
export const courseStages = ['contact', 'assessment', 'planning', 'active', 'follow_up'] as const satisfies readonly CaseStatus[];
export type CourseStage = (typeof courseStages)[number];

/** What a transition does: move forward, pause, come back after a pause, close, or reopen a closed case. */
export const TransitionKind = z.enum(['advance', 'pause', 'resume', 'close', 'reopen']);
export type TransitionKind = z.infer<typeof TransitionKind>;

/** The rules a requested transition can break; each is answered with its own name. */
export const TransitionViolation = z.enum([
  'transition_not_allowed',
  'pause_requires_reason',
  'pause_requires_check_in',
  'check_in_in_past',
  'check_in_only_when_pausing',
  'close_requires_reason',
  'closing_reason_only_when_closing',
  'closing_other_requires_note',
]);
export type TransitionViolation = z.infer<typeof TransitionViolation>;

export interface TransitionRequest {
  to: CaseStatus;
  reason?: string | null | undefined;
  closingReason?: ClosingReason | null | undefined;
  checkInOn?: string | null | undefined;
}

export type TransitionOutcome =
  | { ok: true; status: CaseStatus; kind: TransitionKind }
  | { ok: false; violation: TransitionViolation };

/** Is the case in one of the forward stages (neither paused nor closed)? */
export function isCourseStage(status: CaseStatus): status is CourseStage {
  return (courseStages as readonly CaseStatus[]).includes(status);
}

/** The stage after `status` on the forward course; `closed` after follow-up, nothing after a pause or close. */
function nextStage(status: CaseStatus): CaseStatus | null {
  if (!isCourseStage(status)) return null;
  return courseStages[courseStages.indexOf(status) + 1] ?? 'closed';
}

/** Which kind of transition moves `from` to `to`, or null when the state machine has no such edge. */
export function transitionKind(from: CaseStatus, to: CaseStatus): TransitionKind | null {
  if (from === to) return null;
  if (to === 'closed') return from === 'closed' ? null : 'close';
  if (to === 'paused') return isCourseStage(from) ? 'pause' : null;
  // Coming back never loses history: a paused or closed case re-enters at whichever stage fits now.
  if (from === 'paused') return 'resume';
  if (from === 'closed') return 'reopen';
  return nextStage(from) === to ? 'advance' : null;
}

/** The transitions allowed from `status`, in the order the course runs (the web app shows these as buttons). */
export function allowedTransitions(status: CaseStatus): { to: CaseStatus; kind: TransitionKind }[] {
  return CaseStatus.options.flatMap((to) => {
    const kind = transitionKind(status, to);
    return kind ? [{ to, kind }] : [];
  });
}

/**
 * Decides a requested transition from `from`: the new status, or the rule it breaks. `today` is the
 * calendar day (YYYY-MM-DD) against which a planned check-in must not lie in the past.
 */
export function applyTransition(from: CaseStatus, request: TransitionRequest, today: string): TransitionOutcome {
  const kind = transitionKind(from, request.to);
  if (!kind) return { ok: false, violation: 'transition_not_allowed' };
  const reason = request.reason?.trim() ?? '';
  if (kind !== 'pause' && request.checkInOn) return { ok: false, violation: 'check_in_only_when_pausing' };
  if (kind !== 'close' && request.closingReason) return { ok: false, violation: 'closing_reason_only_when_closing' };
  if (kind === 'pause') {
    if (!reason) return { ok: false, violation: 'pause_requires_reason' };
    if (!request.checkInOn) return { ok: false, violation: 'pause_requires_check_in' };
    if (request.checkInOn < today) return { ok: false, violation: 'check_in_in_past' };
  }
  if (kind === 'close') {
    if (!request.closingReason) return { ok: false, violation: 'close_requires_reason' };
    if (request.closingReason === 'other' && !reason) return { ok: false, violation: 'closing_other_requires_note' };
  }
  return { ok: true, status: request.to, kind };
}

/** Who may move a case along its course: the same people who may edit the case. */
export const canChangeCaseCourse = canEditCase;

const isoDate = z.iso.date();

/** A request to move a case along its course, made with the case version the user saw. */
export const CaseTransitionRequest = z.strictObject({
  version: z.int().min(1),
  to: CaseStatus,
  reason: z.string().trim().min(1).max(2000).optional(),
  closingReason: ClosingReason.optional(),
  checkInOn: isoDate.optional(),
});
export type CaseTransitionRequest = z.infer<typeof CaseTransitionRequest>;

/** One recorded change of status. `reason` is null for readers whose access does not cover it (`reasonWithheld`). */
export const CaseStatusChangeView = z.object({
  id: z.uuid(),
  fromStatus: CaseStatus,
  toStatus: CaseStatus,
  kind: TransitionKind,
  reason: z.string().nullable(),
  reasonWithheld: z.boolean(),
  closingReason: ClosingReason.nullable(),
  checkInOn: z.string().nullable(),
  changedBy: UserRef,
  changedAt: z.string(),
});
export type CaseStatusChangeView = z.infer<typeof CaseStatusChangeView>;

export const CaseCourseView = z.object({
  status: CaseStatus,
  version: z.int(),
  changes: z.array(CaseStatusChangeView),
});
export type CaseCourseView = z.infer<typeof CaseCourseView>;
