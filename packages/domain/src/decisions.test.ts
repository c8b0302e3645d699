import { describe, expect, it } from 'vitest';
import type { Actor, CaseFacts } from './access';
import {
  DecisionCreate, DecisionType, DelegationRules, canDecide, canInitiateDecision, canManageDelegation, canReadDecisions, defaultLegalBasis,
  type DelegationRule,
} from './decisions';

const now = new Date('2026-03-10T12:00:00Z');
const municipality = 'org-m';
const facts: CaseFacts = {
  ownerOrganisationId: municipality, coordinatorUserId: 'coordinator',
  team: [{ userId: 'coordinator', organisationId: municipality, teamRole: 'coordinator' }, { userId: 'colleague', organisationId: municipality, teamRole: 'team_member' },
    { userId: 'nurse', organisationId: 'org-r', teamRole: 'team_member' }],
  consents: [{ recipientOrganisationId: 'org-r', categories: ['health'], excludedCategories: [], validFrom: '2025-01-01', validUntil: null, withdrawnAt: null }],
  emergencyAccessUntil: null,
};
const actor = (userId: string, roles: Actor['roles'], organisationId = municipality): Actor => ({ userId, organisationId, organisationType: 'municipality', roles });
const coordinator = actor('coordinator', ['coordinator']);
const colleague = actor('colleague', ['team_member']);
const manager = actor('boss', ['manager']);
const nurse = actor('nurse', ['team_member'], 'org-r');
const rules: DelegationRule[] = [
  { role: 'team_member', decisionType: 'protected_housing', maxAmount: null },
  { role: 'team_member', decisionType: 'financial_assistance', maxAmount: 10_000 },
];

describe('who initiates and who decides', () => {
  it('lets the coordinator and the owning team initiate, not an external team member', () => {
    expect(canInitiateDecision(coordinator, facts, now)).toBe(true);
    expect(canInitiateDecision(colleague, facts, now)).toBe(true);
    expect(canInitiateDecision(nurse, facts, now)).toBe(false);
    expect(canReadDecisions(nurse, facts, now)).toBe(false);
    expect(canReadDecisions(coordinator, facts, now)).toBe(true);
  });

  it('refuses a coordinator without delegation, naming the rule', () => {
    expect(canDecide(coordinator, facts, rules, 'protected_housing', null, now)).toEqual({ allowed: false, violation: 'no_delegation' });
  });

  it('lets a delegate decide within the limit and refuses above it', () => {
    expect(canDecide(colleague, facts, rules, 'protected_housing', 50_000, now)).toEqual({ allowed: true });
    expect(canDecide(colleague, facts, rules, 'financial_assistance', 10_000, now)).toEqual({ allowed: true });
    expect(canDecide(colleague, facts, rules, 'financial_assistance', 10_001, now)).toEqual({ allowed: false, violation: 'above_delegated_limit', maxAmount: 10_000 });
    expect(canDecide(colleague, facts, rules, 'contact_person', null, now)).toEqual({ allowed: false, violation: 'no_delegation' });
  });

  it('lets a manager of the owning organisation decide without a rule, but not someone outside the case', () => {
    expect(canDecide(manager, facts, [], 'financial_assistance', 1_000_000, now)).toEqual({ allowed: true });
    expect(canDecide(nurse, facts, rules, 'protected_housing', null, now)).toEqual({ allowed: false, violation: 'cannot_edit_case' });
    expect(canDecide(actor('boss', ['manager'], 'org-r'), facts, [], 'protected_housing', null, now).allowed).toBe(false);
  });

  it('lets org admins and managers manage only their own organisation\'s delegation order', () => {
    expect(canManageDelegation(actor('admin', ['org_admin']), municipality)).toBe(true);
    expect(canManageDelegation(manager, municipality)).toBe(true);
    expect(canManageDelegation(coordinator, municipality)).toBe(false);
    expect(canManageDelegation(manager, 'org-r')).toBe(false);
  });
});

describe('decision input', () => {
  const valid = { type: 'protected_housing', legalBasis: defaultLegalBasis.protected_housing, reasons: 'Hot från tidigare kontakt.', extent: 'Skyddat boende', periodFrom: '2026-03-01', periodTo: '2026-05-31' };

  it('has a suggested legal basis for every type', () => {
    for (const type of DecisionType.options) expect(defaultLegalBasis[type].length).toBeGreaterThan(0);
  });

  it('accepts a period in order and refuses one out of order', () => {
    expect(DecisionCreate.safeParse(valid).success).toBe(true);
    const result = DecisionCreate.safeParse({ ...valid, periodTo: '2026-02-01' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('dates_out_of_order');
  });

  it('needs an amount or an extent', () => {
    const result = DecisionCreate.safeParse({ ...valid, extent: null });
    expect(result.error?.issues[0]?.message).toBe('amount_or_extent_required');
    expect(DecisionCreate.safeParse({ ...valid, extent: null, amount: 4500 }).success).toBe(true);
    expect(DecisionCreate.safeParse({ ...valid, amount: -1 }).success).toBe(false);
  });

  it('refuses two rules for the same role and type', () => {
    const rule = { role: 'team_member', decisionType: 'protected_housing', maxAmount: null };
    expect(DelegationRules.safeParse({ rules: [rule] }).success).toBe(true);
    expect(DelegationRules.safeParse({ rules: [rule, { ...rule, maxAmount: 5 }] }).success).toBe(false);
  });
});
