import { describe, expect, it } from 'vitest';
import type { Actor, CaseFacts } from './access';
import type { InformationCategory } from './consent';
import {
  LifeArea, PlanAgree, PlanContent, PlanOutcomeDismissal, PlanUpdate, canAgreePlan, canCarryOutcome, canEditPlan, canSeeMeetingPlanChanges,
  carriedOutcomeProblems, diffPlans, filterPlanContent, lifeAreaCategory, pendingOutcomeIndexes, planAgreementProblems, seesWholePlan,
  type PlanAction, type PlanGoal,
} from './plans';

const orgA = '0b8a4c5e-6f1d-4a2b-9c3d-1e2f3a4b5c6d';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const action = (n: number, overrides: Partial<PlanAction> = {}): PlanAction => ({
  id: id(n), description: 'Boka tid hos kurator', responsibleOrganisationId: orgA, responsibleUserId: null,
  startOn: '2025-03-01', endOn: '2025-04-01', status: 'planned', followUpOn: '2025-03-15', ...overrides,
});
const goal = (n: number, lifeArea: PlanGoal['lifeArea'], actions: PlanAction[] = []): PlanGoal => ({
  id: id(n), lifeArea, participantWords: 'Jag vill må bättre', professionalWords: 'Stöd till psykisk hälsa', actions,
});

const now = new Date('2025-03-10T12:00:00Z');
const municipality = 'org-m';
const facts: CaseFacts = {
  ownerOrganisationId: municipality, coordinatorUserId: 'coordinator',
  team: [{ userId: 'coordinator', organisationId: municipality, teamRole: 'coordinator' }, { userId: 'colleague', organisationId: municipality, teamRole: 'team_member' },
    { userId: 'nurse', organisationId: 'org-r', teamRole: 'team_member' }],
  consents: [{ recipientOrganisationId: 'org-r', categories: ['health'], excludedCategories: [], validFrom: '2025-01-01', validUntil: null, withdrawnAt: null }],
  emergencyAccessUntil: null,
};
const actor = (userId: string, organisationId = municipality, roles: Actor['roles'] = ['team_member']): Actor => ({ userId, organisationId, organisationType: 'municipality', roles });

describe('plan content', () => {
  it('accepts a well-formed plan', () => {
    expect(PlanContent.safeParse({ followUpOn: '2025-06-01', goals: [goal(1, 'health', [action(2)])] }).success).toBe(true);
  });

  it('names the rule when an action ends before it starts', () => {
    const result = PlanContent.safeParse({ followUpOn: null, goals: [goal(1, 'health', [action(2, { endOn: '2025-02-01' })])] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain('dates_out_of_order');
    expect(result.error?.issues[0]?.path).toEqual(['goals', 0, 'actions', 0, 'endOn']);
  });

  it('names the rule when an action has no responsible organisation', () => {
    const { responsibleOrganisationId: _dropped, ...withoutOrganisation } = action(2);
    const result = PlanContent.safeParse({ followUpOn: null, goals: [{ ...goal(1, 'debt'), actions: [withoutOrganisation] }] });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['responsible_organisation_required']);
  });

  it('refuses unknown fields, duplicate ids and too many goals', () => {
    expect(PlanContent.safeParse({ followUpOn: null, goals: [], note: 'x' }).success).toBe(false);
    expect(PlanContent.safeParse({ followUpOn: null, goals: [goal(1, 'health'), goal(1, 'debt')] }).error?.issues[0]?.message).toBe('duplicate_id');
    expect(PlanContent.safeParse({ followUpOn: null, goals: Array.from({ length: 41 }, (_, n) => goal(n + 1, 'health')) }).success).toBe(false);
    expect(PlanUpdate.safeParse({ version: 0, content: { followUpOn: null, goals: [] } }).success).toBe(false);
    expect(PlanAgree.safeParse({ version: 1, agreedOn: '2025-03-10', agreementForm: 'by_pigeon' }).success).toBe(false);
  });

  it('needs a follow-up date and a goal before it can be agreed', () => {
    expect(planAgreementProblems({ followUpOn: null, goals: [] })).toEqual(['follow_up_required', 'goal_required']);
    expect(planAgreementProblems({ followUpOn: '2025-06-01', goals: [goal(1, 'health')] })).toEqual([]);
  });
});

describe('who may edit and agree', () => {
  it('lets the owning team edit, and only the coordinator or a manager agree', () => {
    expect(canEditPlan(actor('coordinator', municipality, ['coordinator']), facts, now)).toBe(true);
    expect(canEditPlan(actor('colleague'), facts, now)).toBe(true);
    expect(canAgreePlan(actor('colleague'), facts, now)).toBe(false);
    expect(canAgreePlan(actor('coordinator', municipality, ['coordinator']), facts, now)).toBe(true);
    expect(canAgreePlan(actor('boss', municipality, ['manager']), facts, now)).toBe(true);
  });

  it('never lets a reader who sees only some life areas edit', () => {
    expect(canEditPlan(actor('nurse', 'org-r'), facts, now)).toBe(false);
    expect(canAgreePlan(actor('nurse', 'org-r'), facts, now)).toBe(false);
  });
});

describe('filtering by consent', () => {
  it('maps every life area to the information category of the same name', () => {
    for (const area of LifeArea.options) expect(lifeAreaCategory[area]).toBe(area);
  });

  it('keeps only goals in readable life areas, with their actions', () => {
    const content = { followUpOn: '2025-06-01', goals: [goal(1, 'health', [action(2)]), goal(3, 'debt', [action(4)])] };
    const filtered = filterPlanContent(content, new Set<InformationCategory>(['health', 'contact_details']));
    expect(filtered.goals.map((g) => g.id)).toEqual([id(1)]);
    expect(filtered.goals[0]?.actions.map((a) => a.id)).toEqual([id(2)]);
    expect(filterPlanContent(content, new Set()).goals).toEqual([]);
    expect(seesWholePlan(new Set(['health']))).toBe(false);
    expect(seesWholePlan(new Set(LifeArea.options))).toBe(true);
  });
});

describe('comparing versions', () => {
  it('finds added, removed, changed and unchanged goals and actions', () => {
    const before = { followUpOn: '2025-06-01', goals: [goal(1, 'health', [action(2), action(3)]), goal(4, 'debt'), goal(5, 'income')] };
    const after = {
      followUpOn: '2025-09-01',
      goals: [goal(1, 'health', [action(2, { status: 'done' }), action(6)]), goal(5, 'income'), goal(7, 'residence')],
    };
    const diff = diffPlans(before, after);
    expect(diff.followUpOn).toEqual({ before: '2025-06-01', after: '2025-09-01', changed: true });
    expect(diff.goals.map((g) => [g.goalId, g.change])).toEqual([[id(1), 'changed'], [id(5), 'unchanged'], [id(7), 'added'], [id(4), 'removed']]);
    expect(diff.goals[0]?.actions.map((a) => [a.actionId, a.change])).toEqual([[id(2), 'changed'], [id(6), 'added'], [id(3), 'removed']]);
  });

  it('sees no change between a version and itself', () => {
    const content = { followUpOn: '2025-06-01', goals: [goal(1, 'health', [action(2)])] };
    const diff = diffPlans(content, JSON.parse(JSON.stringify(content)) as typeof content);
    expect(diff.followUpOn.changed).toBe(false);
    expect(diff.goals.every((g) => g.change === 'unchanged')).toBe(true);
  });
});

describe('meeting outcomes that change the plan', () => {
  const allCategories = { recipientOrganisationId: 'org-r', categories: [...LifeArea.options, 'identity', 'contact_details'] as InformationCategory[], excludedCategories: [], validFrom: '2025-01-01', validUntil: null, withdrawnAt: null };

  it('shows them to the case\'s own team, who see the whole plan', () => {
    expect(canSeeMeetingPlanChanges(actor('coordinator', municipality, ['coordinator']), facts, now)).toBe(true);
    expect(canSeeMeetingPlanChanges(actor('colleague'), facts, now)).toBe(true);
  });

  it('hides them from a team member to whom consent shares only part of the plan, and from outsiders', () => {
    expect(canSeeMeetingPlanChanges(actor('nurse', 'org-r'), facts, now)).toBe(false);
    expect(canSeeMeetingPlanChanges(actor('stranger', 'org-x'), facts, now)).toBe(false);
  });

  it('shows them to an external team member when consent shares every life area', () => {
    expect(canSeeMeetingPlanChanges(actor('nurse', 'org-r'), { ...facts, consents: [allCategories] }, now)).toBe(true);
  });

  it('lists only plan changes that nobody has decided on yet', () => {
    const outcomes = [{ planChange: true }, { planChange: false }, { planChange: true }, { planChange: true }];
    expect(pendingOutcomeIndexes(outcomes, new Set([2]))).toEqual([0, 3]);
    expect(pendingOutcomeIndexes([{ planChange: false }], new Set())).toEqual([]);
  });

  it('lets a draft take up a pending outcome, or its own again, but not one taken or dismissed elsewhere', () => {
    expect(canCarryOutcome(null, id(1))).toBe(true);
    expect(canCarryOutcome({ kind: 'carried', planVersionId: id(1) }, id(1))).toBe(true);
    expect(canCarryOutcome({ kind: 'carried', planVersionId: id(2) }, id(1))).toBe(false);
    expect(canCarryOutcome({ kind: 'dismissed' }, id(1))).toBe(false);
  });

  it('names a carried outcome whose goal or action is missing and an outcome carried twice', () => {
    const content: PlanContent = { followUpOn: null, goals: [goal(1, 'health', [action(5)])] };
    const carried = { meetingId: id(9), outcomeIndex: 0, goalId: id(1) };
    expect(carriedOutcomeProblems(content, [carried])).toEqual([]);
    expect(carriedOutcomeProblems(content, [{ ...carried, goalId: id(2) }])).toEqual(['goal_missing']);
    expect(carriedOutcomeProblems(content, [carried, { ...carried }])).toEqual(['outcome_repeated']);
    const actionId = id(5);
    expect(carriedOutcomeProblems(content, [{ ...carried, actionId }])).toEqual([]);
    expect(carriedOutcomeProblems(content, [{ ...carried, actionId: id(7) }])).toEqual(['action_missing']);
    expect(carriedOutcomeProblems(content, [{ ...carried, goalId: id(2), actionId }])).toEqual(['goal_missing']);
  });

  it('accepts an update without carried outcomes and refuses an empty dismissal reason', () => {
    expect(PlanUpdate.safeParse({ version: 1, content: { followUpOn: null, goals: [] } }).success).toBe(true);
    expect(PlanOutcomeDismissal.safeParse({ version: 1, meetingId: id(9), outcomeIndex: 0, reason: '  ' }).success).toBe(false);
    expect(PlanOutcomeDismissal.safeParse({ version: 1, meetingId: id(9), outcomeIndex: 0, reason: 'Redan ordnat' }).success).toBe(true);
  });
});
