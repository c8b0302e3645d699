import { z } from 'zod';
import { canEditCase, canManageTeam, caseAccess, type Actor, type CaseFacts } from './access';
import { InformationCategory } from './consent';
import { canReadMeetingText } from './meetings';

/** The life areas of the individual plan (GLOSSARY.md): the information categories other than identity and contact details. */
export const LifeArea = InformationCategory.exclude(['identity', 'contact_details']);
export type LifeArea = z.infer<typeof LifeArea>;

/** The information category that decides who may read goals in a life area. */
export const lifeAreaCategory: Readonly<Record<LifeArea, InformationCategory>> = {
  protection_housing: 'protection_housing',
  health: 'health',
  trauma_care: 'trauma_care',
  income: 'income',
  debt: 'debt',
  sexual_health: 'sexual_health',
  work_education: 'work_education',
  relationships: 'relationships',
  legal_process: 'legal_process',
  residence: 'residence',
  return: 'return',
};

/** A version is drafted, agreed with the participant, and superseded by the next agreed version. */
export const PlanStatus = z.enum(['draft', 'agreed', 'superseded']);
export type PlanStatus = z.infer<typeof PlanStatus>;

/** How the participant agreed to the plan. */
export const AgreementForm = z.enum(['in_meeting', 'in_writing', 'orally', 'digitally']);
export type AgreementForm = z.infer<typeof AgreementForm>;

export const ActionStatus = z.enum(['planned', 'ongoing', 'done', 'cancelled']);
export type ActionStatus = z.infer<typeof ActionStatus>;

/** Size limits of one plan version, so a version stays readable and its encrypted blob small. */
export const planLimits = { goals: 40, actionsPerGoal: 30, words: 4000, description: 2000 } as const;

const isoDate = z.iso.date();

export const PlanAction = z
  .strictObject({
    id: z.uuid(),
    description: z.string().trim().min(1).max(planLimits.description),
    responsibleOrganisationId: z.uuid({ error: 'responsible_organisation_required' }),
    responsibleUserId: z.uuid().nullish(),
    startOn: isoDate,
    endOn: isoDate.nullish(),
    status: ActionStatus,
    followUpOn: isoDate,
  })
  .superRefine((action, ctx) => {
    if (action.endOn && action.endOn < action.startOn) ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'dates_out_of_order' });
  });
export type PlanAction = z.infer<typeof PlanAction>;

export const PlanGoal = z.strictObject({
  id: z.uuid(),
  lifeArea: LifeArea,
  participantWords: z.string().trim().min(1).max(planLimits.words),
  professionalWords: z.string().trim().max(planLimits.words),
  actions: z.array(PlanAction).max(planLimits.actionsPerGoal),
});
export type PlanGoal = z.infer<typeof PlanGoal>;

/** The content of one plan version. A draft may lack a follow-up date; agreeing needs one (see `planAgreementProblems`). */
export const PlanContent = z
  .strictObject({
    followUpOn: isoDate.nullable(),
    goals: z.array(PlanGoal).max(planLimits.goals),
  })
  .superRefine((content, ctx) => {
    const seen = new Set<string>();
    content.goals.forEach((goal, goalIndex) => {
      if (seen.has(goal.id)) ctx.addIssue({ code: 'custom', path: ['goals', goalIndex, 'id'], message: 'duplicate_id' });
      seen.add(goal.id);
      goal.actions.forEach((action, actionIndex) => {
        if (seen.has(action.id)) ctx.addIssue({ code: 'custom', path: ['goals', goalIndex, 'actions', actionIndex, 'id'], message: 'duplicate_id' });
        seen.add(action.id);
      });
    });
  });
export type PlanContent = z.infer<typeof PlanContent>;

export const emptyPlanContent = (): PlanContent => ({ followUpOn: null, goals: [] });

/** One outcome of one held meeting's minutes, by its place in the minutes (minutes never change once held). */
export const MeetingOutcomeRef = z.strictObject({ meetingId: z.uuid(), outcomeIndex: z.int().min(0).max(49) });
export type MeetingOutcomeRef = z.infer<typeof MeetingOutcomeRef>;

/**
 * A meeting outcome taken up by the draft: as the goal `goalId` of its content, or, with `actionId`, as
 * that action under the goal `goalId` (a meeting often decides a step towards a goal the plan already has).
 */
export const CarriedOutcome = MeetingOutcomeRef.extend({ goalId: z.uuid(), actionId: z.uuid().optional() });
export type CarriedOutcome = z.infer<typeof CarriedOutcome>;

/**
 * Replaces a draft's content; `version` is the draft's version as the editor last saw it. `carriedOutcomes`
 * names meeting outcomes the editor took up as goals of this draft, so the version records where they came from.
 */
export const PlanUpdate = z.strictObject({ version: z.int().min(1), content: PlanContent, carriedOutcomes: z.array(CarriedOutcome).max(50).optional() });
export type PlanUpdate = z.infer<typeof PlanUpdate>;

/** Sets a meeting outcome aside without changing the plan, with a short reason; goes through the draft's version. */
export const PlanOutcomeDismissal = MeetingOutcomeRef.extend({ version: z.int().min(1), reason: z.string().trim().min(1).max(500) });
export type PlanOutcomeDismissal = z.infer<typeof PlanOutcomeDismissal>;

export const PlanAgree = z.strictObject({ version: z.int().min(1), agreedOn: isoDate, agreementForm: AgreementForm });
export type PlanAgree = z.infer<typeof PlanAgree>;

/** Why a draft cannot be agreed yet; empty when it can. */
export function planAgreementProblems(content: PlanContent): ('follow_up_required' | 'goal_required')[] {
  const problems: ('follow_up_required' | 'goal_required')[] = [];
  if (!content.followUpOn) problems.push('follow_up_required');
  if (content.goals.length === 0) problems.push('goal_required');
  return problems;
}

/** Edit the plan: the same people who edit the case, all of whom see every life area, so no hidden goal can be dropped. */
export function canEditPlan(actor: Actor, facts: CaseFacts, now: Date): boolean {
  return canEditCase(actor, facts, now);
}

/** Record the participant's agreement: the coordinator or a manager of the owning organisation. */
export function canAgreePlan(actor: Actor, facts: CaseFacts, now: Date): boolean {
  return canManageTeam(actor, facts, now);
}

/**
 * See the plan changes that meetings decided (pending outcomes and where a version's goals came from):
 * the outcomes are plan content that no life area hides, so only readers of the meeting text who see the whole plan.
 */
export function canSeeMeetingPlanChanges(actor: Actor, facts: CaseFacts, now: Date): boolean {
  const access = caseAccess(actor, facts, now);
  return access.level !== 'none' && canReadMeetingText(actor, facts, now) && seesWholePlan(access.categories);
}

export type CarriedOutcomeProblem = 'goal_missing' | 'action_missing' | 'outcome_repeated';

/**
 * Carried outcomes whose goal is not in the content, whose action is not under that goal, and outcomes
 * named twice; empty when the carry is sound.
 */
export function carriedOutcomeProblems(content: PlanContent, carried: readonly CarriedOutcome[]): CarriedOutcomeProblem[] {
  const goals = new Map(content.goals.map((goal) => [goal.id, new Set(goal.actions.map((action) => action.id))]));
  const seen = new Set<string>();
  const problems = new Set<CarriedOutcomeProblem>();
  for (const outcome of carried) {
    const key = `${outcome.meetingId}:${outcome.outcomeIndex}`;
    if (seen.has(key)) problems.add('outcome_repeated');
    seen.add(key);
    const actions = goals.get(outcome.goalId);
    if (!actions) problems.add('goal_missing');
    else if (outcome.actionId !== undefined && !actions.has(outcome.actionId)) problems.add('action_missing');
  }
  return [...problems];
}

/** What became of an outcome marked as a plan change: still pending, taken up by a plan version, or dismissed. */
export type OutcomeDisposition = { kind: 'carried'; planVersionId: string } | { kind: 'dismissed' };

/** May `draftId` take up an outcome decided as `existing`? Pending outcomes, and its own ones again, yes. */
export function canCarryOutcome(existing: OutcomeDisposition | null, draftId: string): boolean {
  return existing === null || (existing.kind === 'carried' && existing.planVersionId === draftId);
}

/** The plan-change outcomes of held minutes that no plan version took up and nobody dismissed, by index. */
export function pendingOutcomeIndexes(outcomes: readonly { planChange: boolean }[], decided: ReadonlySet<number>): number[] {
  return outcomes.flatMap((outcome, index) => (outcome.planChange && !decided.has(index) ? [index] : []));
}

/** The plan as one reader may see it: goals (with their actions) in life areas outside their categories are left out. */
export function filterPlanContent(content: PlanContent, readable: ReadonlySet<InformationCategory>): PlanContent {
  return { ...content, goals: content.goals.filter((goal) => readable.has(lifeAreaCategory[goal.lifeArea])) };
}

/** Does the reader see every life area, so that the plan they see is the whole plan? */
export function seesWholePlan(readable: ReadonlySet<InformationCategory>): boolean {
  return LifeArea.options.every((area) => readable.has(lifeAreaCategory[area]));
}

export const ChangeKind = z.enum(['added', 'removed', 'changed', 'unchanged']);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const ActionDiff = z.object({ actionId: z.uuid(), change: ChangeKind, before: PlanAction.nullable(), after: PlanAction.nullable() });
export type ActionDiff = z.infer<typeof ActionDiff>;

export const GoalDiff = z.object({
  goalId: z.uuid(),
  change: ChangeKind,
  before: PlanGoal.nullable(),
  after: PlanGoal.nullable(),
  actions: z.array(ActionDiff),
});
export type GoalDiff = z.infer<typeof GoalDiff>;

export const PlanDiff = z.object({
  followUpOn: z.object({ before: z.string().nullable(), after: z.string().nullable(), changed: z.boolean() }),
  goals: z.array(GoalDiff),
});
export type PlanDiff = z.infer<typeof PlanDiff>;

function sameAction(a: PlanAction, b: PlanAction): boolean {
  return a.description === b.description && a.responsibleOrganisationId === b.responsibleOrganisationId
    && (a.responsibleUserId ?? null) === (b.responsibleUserId ?? null) && a.startOn === b.startOn
    && (a.endOn ?? null) === (b.endOn ?? null) && a.status === b.status && a.followUpOn === b.followUpOn;
}

function diffActions(before: readonly PlanAction[], after: readonly PlanAction[]): ActionDiff[] {
  const earlier = new Map(before.map((action) => [action.id, action]));
  const later = new Map(after.map((action) => [action.id, action]));
  const diffs: ActionDiff[] = after.map((action) => {
    const old = earlier.get(action.id);
    if (!old) return { actionId: action.id, change: 'added', before: null, after: action };
    return { actionId: action.id, change: sameAction(old, action) ? 'unchanged' : 'changed', before: old, after: action };
  });
  for (const action of before) {
    if (!later.has(action.id)) diffs.push({ actionId: action.id, change: 'removed', before: action, after: null });
  }
  return diffs;
}

/** Compares two versions goal by goal and action by action (matched by id), in the order of the later version. */
export function diffPlans(before: PlanContent, after: PlanContent): PlanDiff {
  const earlier = new Map(before.goals.map((goal) => [goal.id, goal]));
  const later = new Set(after.goals.map((goal) => goal.id));
  const goals: GoalDiff[] = after.goals.map((goal) => {
    const old = earlier.get(goal.id);
    const actions = diffActions(old?.actions ?? [], goal.actions);
    if (!old) return { goalId: goal.id, change: 'added', before: null, after: goal, actions };
    const same = old.lifeArea === goal.lifeArea && old.participantWords === goal.participantWords
      && old.professionalWords === goal.professionalWords && actions.every((action) => action.change === 'unchanged');
    return { goalId: goal.id, change: same ? 'unchanged' : 'changed', before: old, after: goal, actions };
  });
  for (const goal of before.goals) {
    if (!later.has(goal.id)) goals.push({ goalId: goal.id, change: 'removed', before: goal, after: null, actions: diffActions(goal.actions, []) });
  }
  return {
    followUpOn: { before: before.followUpOn, after: after.followUpOn, changed: before.followUpOn !== after.followUpOn },
    goals,
  };
}

const UserRef = z.object({ id: z.uuid(), name: z.string(), organisationId: z.uuid() });

/** One version in the list of versions: no content. */
export const PlanVersionSummary = z.object({
  number: z.int(),
  status: PlanStatus,
  followUpOn: z.string().nullable(),
  agreedOn: z.string().nullable(),
  agreementForm: AgreementForm.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  supersededAt: z.string().nullable(),
});
export type PlanVersionSummary = z.infer<typeof PlanVersionSummary>;

/** A meeting outcome waiting to be carried into the plan or dismissed. */
export const PendingPlanChange = z.object({ meetingId: z.uuid(), outcomeIndex: z.int(), meetingStartsAt: z.string(), text: z.string() });
export type PendingPlanChange = z.infer<typeof PendingPlanChange>;

export const PendingPlanChanges = z.object({ outcomes: z.array(PendingPlanChange) });
export type PendingPlanChanges = z.infer<typeof PendingPlanChanges>;

/** A goal of a version, or an action under it (`actionId`), that came from a meeting outcome: "from the meeting of 12 March: …". */
export const PlanChangeOrigin = PendingPlanChange.extend({ goalId: z.uuid(), actionId: z.uuid().nullable() });
export type PlanChangeOrigin = z.infer<typeof PlanChangeOrigin>;

/** One version as one reader may see it; `wholePlan` is false when consent hides some life areas from them. */
export const PlanVersionView = PlanVersionSummary.extend({
  caseId: z.uuid(),
  content: PlanContent,
  agreedBy: UserRef.nullable(),
  createdBy: UserRef,
  version: z.int(),
  wholePlan: z.boolean(),
  canEdit: z.boolean(),
  canAgree: z.boolean(),
  /** Goals taken up from meeting outcomes; empty for readers who may not see meeting plan changes. */
  fromMeetings: z.array(PlanChangeOrigin),
});
export type PlanVersionView = z.infer<typeof PlanVersionView>;

export const PlanComparison = z.object({
  from: PlanVersionSummary,
  to: PlanVersionSummary,
  wholePlan: z.boolean(),
  diff: PlanDiff,
});
export type PlanComparison = z.infer<typeof PlanComparison>;
