import { describe, expect, it } from 'vitest';
import type { Actor, CaseFacts } from './access';
import { canSeeManagerOverview, dueState, showsWorkItem, workListWindow } from './work-lists';

const municipality = 'org-m';
const facts: CaseFacts = {
  ownerOrganisationId: municipality, coordinatorUserId: 'coordinator',
  team: [{ userId: 'coordinator', organisationId: municipality, teamRole: 'coordinator' }, { userId: 'nurse', organisationId: 'org-r', teamRole: 'team_member' }],
  consents: [{ recipientOrganisationId: 'org-r', categories: ['health'], excludedCategories: [], validFrom: '2025-01-01', validUntil: null, withdrawnAt: null }],
  emergencyAccessUntil: null,
};
const actor = (userId: string, roles: Actor['roles'], organisationId = municipality): Actor => ({ userId, organisationId, organisationType: 'municipality', roles });
const now = new Date('2026-03-11T12:00:00Z'); // a Wednesday

describe('the work-list window', () => {
  it('runs the week from Monday to Sunday and counts a week ahead as due', () => {
    const window = workListWindow(now);
    expect(window.today).toBe('2026-03-11');
    expect(window.dueUntil).toBe('2026-03-18');
    expect(window.weekStart.toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(window.weekEnd.toISOString()).toBe('2026-03-16T00:00:00.000Z');
    expect(workListWindow(new Date('2026-03-15T23:00:00Z')).weekStart.toISOString()).toBe('2026-03-09T00:00:00.000Z');
  });

  it('marks dates due and overdue', () => {
    const window = workListWindow(now);
    expect(dueState('2026-03-10', window)).toEqual({ due: true, overdue: true });
    expect(dueState('2026-03-11', window)).toEqual({ due: true, overdue: false });
    expect(dueState('2026-03-18', window)).toEqual({ due: true, overdue: false });
    expect(dueState('2026-03-19', window)).toEqual({ due: false, overdue: false });
  });
});

describe('who gets which item', () => {
  it('gives the coordinator every kind, an external member only meetings, an outsider nothing', () => {
    const coordinator = actor('coordinator', ['coordinator']);
    const nurse = actor('nurse', ['team_member'], 'org-r');
    const outsider = actor('other', ['coordinator'], 'org-x');
    for (const kind of ['follow_up_due', 'plan_awaiting_agreement', 'meeting_this_week', 'decision_awaiting', 'check_in_due'] as const) {
      expect(showsWorkItem(coordinator, facts, kind, now)).toBe(true);
      expect(showsWorkItem(nurse, facts, kind, now)).toBe(kind === 'meeting_this_week');
      expect(showsWorkItem(outsider, facts, kind, now)).toBe(false);
    }
  });

  it('shows the overview to managers only', () => {
    expect(canSeeManagerOverview(actor('boss', ['manager']))).toBe(true);
    expect(canSeeManagerOverview(actor('coordinator', ['coordinator']))).toBe(false);
  });
});
