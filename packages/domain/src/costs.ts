import { z } from 'zod';
import type { Actor, CaseFacts } from './access';
import type { InformationCategory } from './consent';
import { canEditPlan, lifeAreaCategory, LifeArea, type PlanContent } from './plans';

/** What a cost on a plan action is for; reimbursement claims and cost projections group by it. */
export const CostCategory = z.enum(['protected_housing', 'financial_assistance', 'treatment', 'interpreter', 'travel', 'other']);
export type CostCategory = z.infer<typeof CostCategory>;

export const costLimits = { amount: 100_000_000, reason: 1000 } as const;

const isoDate = z.iso.date();

/**
 * A cost on one action of the case's current plan: whole kronor, on one date or over a period. The
 * rules that a valid shape can still break (see `costProblems`) are checked by the service, so that the
 * answer names the rule.
 */
export const CostCreate = z.strictObject({
  actionId: z.uuid(),
  amount: z.int().max(costLimits.amount),
  category: CostCategory,
  incurredOn: isoDate.nullish(),
  periodFrom: isoDate.nullish(),
  periodTo: isoDate.nullish(),
});
export type CostCreate = z.infer<typeof CostCreate>;

export const CostCancel = z.strictObject({ reason: z.string().trim().min(1).max(costLimits.reason) });
export type CostCancel = z.infer<typeof CostCancel>;

export type CostProblem = 'amount_not_positive' | 'date_or_period_required' | 'dates_out_of_order';

/** The rules a cost breaks, in the order they are reported; empty when it keeps them all. */
export function costProblems(input: CostCreate): CostProblem[] {
  const problems: CostProblem[] = [];
  if (input.amount <= 0) problems.push('amount_not_positive');
  const hasDate = Boolean(input.incurredOn);
  const hasPeriod = Boolean(input.periodFrom) || Boolean(input.periodTo);
  if (hasDate === hasPeriod || (hasPeriod && !(input.periodFrom && input.periodTo))) problems.push('date_or_period_required');
  else if (input.periodFrom && input.periodTo && input.periodTo < input.periodFrom) problems.push('dates_out_of_order');
  return problems;
}

/** The life area of each action in a plan, by action id. */
export function actionLifeAreas(content: PlanContent): Map<string, LifeArea> {
  const areas = new Map<string, LifeArea>();
  for (const goal of content.goals) for (const action of goal.actions) areas.set(action.id, goal.lifeArea);
  return areas;
}

/** Adding or cancelling a cost is editing the plan. */
export function canAddCost(actor: Actor, facts: CaseFacts, now: Date): boolean {
  return canEditPlan(actor, facts, now);
}

/** A reader sees the costs of an action when they may read the action's life area. */
export function canReadCost(lifeArea: LifeArea, readable: ReadonlySet<InformationCategory>): boolean {
  return readable.has(lifeAreaCategory[lifeArea]);
}

const UserRef = z.object({ id: z.uuid(), name: z.string() });

export const CostView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  actionId: z.uuid(),
  lifeArea: LifeArea,
  amount: z.int(),
  category: CostCategory,
  incurredOn: z.string().nullable(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  createdBy: UserRef,
  createdAt: z.string(),
  cancelled: z.object({ at: z.string(), by: UserRef, reason: z.string() }).nullable(),
});
export type CostView = z.infer<typeof CostView>;

export const CostTotal = z.object({ category: CostCategory, amount: z.int(), count: z.int() });
export type CostTotal = z.infer<typeof CostTotal>;

/** The costs a reader may see, with totals per category (cancelled costs count in no total). */
export const CostList = z.object({ costs: z.array(CostView), totals: z.array(CostTotal), total: z.int(), canAdd: z.boolean() });
export type CostList = z.infer<typeof CostList>;

/** Totals per category over the costs that are not cancelled, in the order of `CostCategory`. */
export function costTotals(costs: readonly Pick<CostView, 'amount' | 'category' | 'cancelled'>[]): CostTotal[] {
  return CostCategory.options.flatMap((category) => {
    const counted = costs.filter((cost) => cost.category === category && !cost.cancelled);
    return counted.length === 0 ? [] : [{ category, amount: counted.reduce((sum, cost) => sum + cost.amount, 0), count: counted.length }];
  });
}
