import { describe, expect, it } from 'vitest';
import { CostCreate, actionLifeAreas, canReadCost, costProblems, costTotals } from './costs';

const actionId = '3f1c2a4e-8b7d-4c6e-9f0a-1b2c3d4e5f60';
const cost = (overrides: Record<string, unknown> = {}) => CostCreate.parse({ actionId, amount: 1200, category: 'travel', incurredOn: '2026-03-01', ...overrides });

describe('costProblems', () => {
  it('accepts a cost on one date or over a period in order', () => {
    expect(costProblems(cost())).toEqual([]);
    expect(costProblems(cost({ incurredOn: null, periodFrom: '2026-03-01', periodTo: '2026-03-31' }))).toEqual([]);
    expect(costProblems(cost({ incurredOn: null, periodFrom: '2026-03-01', periodTo: '2026-03-01' }))).toEqual([]);
  });
  it('names each broken rule', () => {
    expect(costProblems(cost({ amount: 0 }))).toEqual(['amount_not_positive']);
    expect(costProblems(cost({ amount: -5 }))).toEqual(['amount_not_positive']);
    expect(costProblems(cost({ incurredOn: null, periodFrom: '2026-03-31', periodTo: '2026-03-01' }))).toEqual(['dates_out_of_order']);
    expect(costProblems(cost({ incurredOn: null }))).toEqual(['date_or_period_required']);
    expect(costProblems(cost({ periodFrom: '2026-03-01', periodTo: '2026-03-31' }))).toEqual(['date_or_period_required']);
    expect(costProblems(cost({ incurredOn: null, periodFrom: '2026-03-01' }))).toEqual(['date_or_period_required']);
  });
  it('refuses kronor with öre and unknown categories', () => {
    expect(CostCreate.safeParse({ actionId, amount: 10.5, category: 'travel', incurredOn: '2026-03-01' }).success).toBe(false);
    expect(CostCreate.safeParse({ actionId, amount: 10, category: 'food', incurredOn: '2026-03-01' }).success).toBe(false);
  });
});

describe('reading costs', () => {
  it('follows the life area of the action', () => {
    const areas = actionLifeAreas({ followUpOn: null, goals: [{ id: 'g', lifeArea: 'health', participantWords: 'x', professionalWords: '', actions: [{ id: actionId } as never] }] });
    expect(areas.get(actionId)).toBe('health');
    expect(canReadCost('health', new Set(['health']))).toBe(true);
    expect(canReadCost('protection_housing', new Set(['health']))).toBe(false);
  });
  it('totals per category without cancelled costs', () => {
    expect(costTotals([
      { amount: 100, category: 'travel', cancelled: null },
      { amount: 50, category: 'travel', cancelled: null },
      { amount: 900, category: 'travel', cancelled: { at: 'x', by: { id: 'u', name: 'n' }, reason: 'fel' } },
      { amount: 10, category: 'interpreter', cancelled: null },
    ])).toEqual([{ category: 'interpreter', amount: 10, count: 1 }, { category: 'travel', amount: 150, count: 2 }]);
  });
});
