import { z } from 'zod';
import { caseAccess, canEditCase, type Actor, type CaseFacts } from './access';
import { Role } from './organisations';

/** The kinds of formal decision (beslut) the programs take on assistance (bistånd). */
export const DecisionType = z.enum(['protected_housing', 'financial_assistance', 'debt_advice_referral', 'contact_person', 'other_assistance']);
export type DecisionType = z.infer<typeof DecisionType>;

/** A decision is initiated (prepared) and then decided, by someone with delegation or a manager. */
export const DecisionStatus = z.enum(['initiated', 'decided']);
export type DecisionStatus = z.infer<typeof DecisionStatus>;

export const DecisionOutcome = z.enum(['granted', 'partly_granted', 'refused']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

/**
 * A suggested legal basis per type, which the user edits. The Social Services Act (2025:400) replaced
 * the act of 2001 on 1 July 2025, so the suggestion names the act and the kind of assistance, not a
 * paragraph that may have moved; the person preparing the decision writes the exact chapter and section.
 */
export const defaultLegalBasis: Readonly<Record<DecisionType, string>> = {
  protected_housing: 'Socialtjänstlagen (2025:400), bistånd i form av skyddat boende',
  financial_assistance: 'Socialtjänstlagen (2025:400), ekonomiskt bistånd',
  debt_advice_referral: 'Socialtjänstlagen (2025:400), bistånd; remiss till kommunal budget- och skuldrådgivning',
  contact_person: 'Socialtjänstlagen (2025:400), bistånd i form av kontaktperson',
  other_assistance: 'Socialtjänstlagen (2025:400), bistånd',
};

/** Limits of a decision's texts and amount (whole kronor). */
export const decisionLimits = { legalBasis: 300, reasons: 4000, extent: 1000, amount: 100_000_000 } as const;

const isoDate = z.iso.date();
const amount = z.int().min(0).max(decisionLimits.amount);

/** A new decision, as initiated. `amount` is whole kronor (SEK); `extent` describes assistance that has no amount. */
export const DecisionCreate = z
  .strictObject({
    type: DecisionType,
    legalBasis: z.string().trim().min(1).max(decisionLimits.legalBasis),
    reasons: z.string().trim().min(1).max(decisionLimits.reasons),
    amount: amount.nullish(),
    extent: z.string().trim().min(1).max(decisionLimits.extent).nullish(),
    periodFrom: isoDate,
    periodTo: isoDate.nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.periodTo && input.periodTo < input.periodFrom) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'dates_out_of_order' });
    if ((input.amount ?? null) === null && !input.extent) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'amount_or_extent_required' });
  });
export type DecisionCreate = z.infer<typeof DecisionCreate>;

/** Deciding: the version as the decider read it, the outcome and, if they wish, reasons of their own that replace the prepared ones. */
export const DecisionDecide = z.strictObject({
  version: z.int().min(1),
  outcome: DecisionOutcome,
  reasons: z.string().trim().min(1).max(decisionLimits.reasons).nullish(),
});
export type DecisionDecide = z.infer<typeof DecisionDecide>;

/** One rule of an organisation's delegation order: `role` may decide `decisionType` up to `maxAmount` kronor (null: no limit). */
export const DelegationRule = z.strictObject({ role: Role, decisionType: DecisionType, maxAmount: amount.nullable() });
export type DelegationRule = z.infer<typeof DelegationRule>;

export const DelegationRules = z
  .strictObject({ rules: z.array(DelegationRule).max(100) })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.rules.forEach((rule, index) => {
      const key = `${rule.role}/${rule.decisionType}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['rules', index], message: 'duplicate_rule' });
      seen.add(key);
    });
  });
export type DelegationRules = z.infer<typeof DelegationRules>;

/** Prepare (initiate) a decision: the coordinator and the owning organisation's team, as for any change to the case. */
export function canInitiateDecision(actor: Actor, facts: CaseFacts, now: Date): boolean {
  return canEditCase(actor, facts, now);
}

/** Read the decisions of a case: everyone with full access (decisions are the owning organisation's exercise of authority). */
export function canReadDecisions(actor: Actor, facts: CaseFacts, now: Date): boolean {
  return caseAccess(actor, facts, now).level === 'full';
}

export type DecideVerdict = { allowed: true } | { allowed: false; violation: 'cannot_edit_case' | 'no_delegation' | 'above_delegated_limit'; maxAmount?: number };

/**
 * May the actor decide a decision of this type and amount? They must be able to change the case, and
 * either be a manager of the owning organisation (a manager holds the original authority the delegation
 * order hands down, so no rule is needed) or hold one of their roles in a delegation rule for the type
 * whose limit covers the amount. An amount of null (assistance described by its extent) is within any limit.
 */
export function canDecide(actor: Actor, facts: CaseFacts, rules: readonly DelegationRule[], type: DecisionType, amountKronor: number | null, now: Date): DecideVerdict {
  if (!canEditCase(actor, facts, now)) return { allowed: false, violation: 'cannot_edit_case' };
  if (actor.roles.includes('manager')) return { allowed: true };
  const mine = rules.filter((rule) => rule.decisionType === type && actor.roles.includes(rule.role));
  if (mine.length === 0) return { allowed: false, violation: 'no_delegation' };
  if (amountKronor === null || mine.some((rule) => rule.maxAmount === null || amountKronor <= rule.maxAmount)) return { allowed: true };
  return { allowed: false, violation: 'above_delegated_limit', maxAmount: Math.max(...mine.map((rule) => rule.maxAmount ?? 0)) };
}

/** Change an organisation's delegation order: its org admins and managers. */
export function canManageDelegation(actor: Actor, organisationId: string): boolean {
  return actor.organisationId === organisationId && actor.roles.some((role) => role === 'org_admin' || role === 'manager');
}

const UserRef = z.object({ id: z.uuid(), name: z.string() });

export const DecisionView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  type: DecisionType,
  legalBasis: z.string(),
  reasons: z.string(),
  amount: z.int().nullable(),
  extent: z.string().nullable(),
  periodFrom: z.string(),
  periodTo: z.string().nullable(),
  status: DecisionStatus,
  outcome: DecisionOutcome.nullable(),
  initiatedBy: UserRef,
  decidedBy: UserRef.nullable(),
  decidedAt: z.string().nullable(),
  version: z.int(),
  createdAt: z.string(),
  /** Whether the reader may decide it now, by `canDecide`; the rule's name when not. */
  decide: z.object({ allowed: z.boolean(), violation: z.string().nullable() }),
});
export type DecisionView = z.infer<typeof DecisionView>;

export const DecisionList = z.object({ decisions: z.array(DecisionView), canInitiate: z.boolean() });
export type DecisionList = z.infer<typeof DecisionList>;
