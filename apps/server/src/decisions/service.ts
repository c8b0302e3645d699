import {
  DecisionOutcome, DecisionStatus, DecisionType, canDecide, canInitiateDecision, canManageDelegation, canReadDecisions, hidesLocation, ProtectedIdentity,
  type DecisionCreate, type DecisionDecide, type DecisionList, type DecisionView, type DelegationRule,
} from '@utvag/domain';
import type { AccessContext, CaseScope, LoadedCase } from '../access/context';
import { CONTACT_CONTEXT, IDENTITY_CONTEXT, type ContactFields, type IdentityFields } from '../cases/store';
import type { Keyring } from '../crypto/keyring';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';
import { decidersOf, notifyUsers } from '../notifications/notify';
import { renderDecisionLetter, type DecisionLetter } from './letter';
import {
  EXTENT_CONTEXT, LEGAL_BASIS_CONTEXT, REASONS_CONTEXT, insertDecision, markDecided, replaceDelegationRules, selectDecisions, selectDelegationRules, selectLetterParticipant,
  selectOrganisationName, type DecisionRow,
} from './store';

const violationMessages = {
  cannot_edit_case: 'Only the coordinator, the owning organisation\'s team and its managers take decisions in this case.',
  no_delegation: 'You have no delegation to decide this type of decision. A delegate or a manager decides it.',
  above_delegated_limit: 'The amount is above the limit of your delegation. A delegate with a higher limit or a manager decides it.',
} as const;

async function decisionView(scope: CaseScope, keyring: Keyring, loaded: LoadedCase, rules: readonly DelegationRule[], row: DecisionRow): Promise<DecisionView> {
  const status = DecisionStatus.parse(row.status);
  const type = DecisionType.parse(row.type);
  const verdict = canDecide(scope.actor, loaded.facts, rules, type, row.amount, scope.now);
  return {
    id: row.id,
    caseId: row.caseId,
    type,
    legalBasis: row.legalBasisSealed ? await keyring.decrypt(row.legalBasisSealed, LEGAL_BASIS_CONTEXT) : row.legalBasis ?? '',
    reasons: await keyring.decrypt(row.reasons, REASONS_CONTEXT),
    amount: row.amount,
    extent: row.extent ? await keyring.decrypt(row.extent, EXTENT_CONTEXT) : null,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    status,
    outcome: row.outcome ? DecisionOutcome.parse(row.outcome) : null,
    initiatedBy: { id: row.initiatorId, name: row.initiatorName },
    decidedBy: row.deciderId && row.deciderName ? { id: row.deciderId, name: row.deciderName } : null,
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    decide: status === 'initiated'
      ? { allowed: verdict.allowed, violation: verdict.allowed ? null : verdict.violation }
      : { allowed: false, violation: 'already_decided' },
  };
}

async function readDecision(scope: CaseScope, keyring: Keyring, loaded: LoadedCase, decisionId: string): Promise<DecisionView> {
  const [row] = await selectDecisions(scope.trx, loaded.caseId, decisionId);
  if (!row) throw new NotFoundError();
  return decisionView(scope, keyring, loaded, await selectDelegationRules(scope.trx, scope.actor.organisationId), row);
}

/** The decisions of a case, newest first, for those with full access to it. */
export async function listDecisions(access: AccessContext, keyring: Keyring, caseId: string): Promise<DecisionList> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId, canReadDecisions);
    const rules = await selectDelegationRules(scope.trx, scope.actor.organisationId);
    const rows = await selectDecisions(scope.trx, caseId);
    const decisions = await Promise.all(rows.map((row) => decisionView(scope, keyring, loaded, rules, row)));
    await scope.auditCase(loaded, 'decision.read', { details: { count: decisions.length, decisionIds: decisions.map((decision) => decision.id).join(',') } });
    return { decisions, canInitiate: canInitiateDecision(scope.actor, loaded.facts, scope.now) };
  });
}

/** Initiates (prepares) a decision; it waits for someone allowed to decide it. */
export async function initiateDecision(access: AccessContext, keyring: Keyring, caseId: string, input: DecisionCreate, idempotencyKey: string | null): Promise<DecisionView> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, { caseId, ...input }, async () => {
      const loaded = await scope.requireCase(caseId, canInitiateDecision);
      const decisionId = await insertDecision(scope.trx, keyring, caseId, scope.actor.userId, input);
      await scope.auditCase(loaded, 'decision.initiate', { details: { decisionId, type: input.type } });
      await notifyUsers(scope.trx, await decidersOf(scope.trx, loaded.facts, input.type, input.amount ?? null, scope.actor.userId, scope.now), 'decision_awaiting', caseId);
      return decisionId;
    }, async (decisionId, replayed) => {
      const loaded = await scope.requireCase(caseId, canReadDecisions);
      const view = await readDecision(scope, keyring, loaded, decisionId);
      if (replayed) await scope.auditCase(loaded, 'decision.read', { details: { count: 1, decisionIds: decisionId } });
      return view;
    }),
  );
}

/**
 * Decides an initiated decision, by the delegation order of the decider's organisation (`canDecide`).
 * Refusals name the rule: 403 without delegation, 422 above the delegated limit, 409 when stale or already decided.
 */
export async function decide(access: AccessContext, keyring: Keyring, caseId: string, decisionId: string, input: DecisionDecide): Promise<DecisionView> {
  return access.run(async (scope) => {
    const loaded = await scope.requireCase(caseId, canReadDecisions);
    const [row] = await selectDecisions(scope.trx, caseId, decisionId);
    if (!row) throw new NotFoundError();
    if (row.status === 'decided') throw new ConflictError('already_decided', 'The decision has already been taken and is final.');
    const rules = await selectDelegationRules(scope.trx, scope.actor.organisationId);
    const verdict = canDecide(scope.actor, loaded.facts, rules, DecisionType.parse(row.type), row.amount, scope.now);
    if (!verdict.allowed) {
      if (verdict.violation === 'above_delegated_limit') {
        throw new AppError(422, verdict.violation, violationMessages[verdict.violation], { amount: row.amount, maxAmount: verdict.maxAmount ?? null });
      }
      throw new ForbiddenError(verdict.violation, violationMessages[verdict.violation]);
    }
    const changed = await markDecided(scope.trx, keyring, decisionId, { version: input.version, outcome: input.outcome, reasons: input.reasons ?? null, decidedBy: scope.actor.userId });
    if (!changed) {
      throw new ConflictError('stale_version', 'Someone changed the decision after you opened it. Reload it and read it again before deciding.', { currentVersion: row.version });
    }
    await scope.auditCase(loaded, 'decision.decide', { details: { decisionId, outcome: input.outcome } });
    return readDecision(scope, keyring, loaded, decisionId);
  });
}

/** What the letter of a decided decision says; reading it is audited like any read. */
export async function letterContent(access: AccessContext, keyring: Keyring, caseId: string, decisionId: string): Promise<DecisionLetter> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId, canReadDecisions);
    const decision = await readDecision(scope, keyring, loaded, decisionId);
    if (decision.status !== 'decided' || !decision.outcome || !decision.decidedBy || !decision.decidedAt) {
      throw new ConflictError('not_decided', 'A letter is written when the decision has been taken.');
    }
    const participant = await selectLetterParticipant(scope.trx, loaded.participantId);
    const identity = participant.identityData ? await keyring.decryptJson<IdentityFields>(participant.identityData, IDENTITY_CONTEXT) : null;
    const contact = participant.contactData ? await keyring.decryptJson<ContactFields>(participant.contactData, CONTACT_CONTEXT) : null;
    const fullName = [identity?.firstName, identity?.lastName].filter(Boolean).join(' ');
    // A person with protected identity gets letters through the Tax Agency's forwarding: the address is never printed.
    const protectedIdentity = hidesLocation(ProtectedIdentity.parse(participant.protectedIdentity));
    await scope.auditCase(loaded, 'decision.letter', { details: { decisionId } });
    return {
      organisationName: await selectOrganisationName(scope.trx, loaded.facts.ownerOrganisationId),
      recipientName: fullName || participant.alias,
      recipientAddress: protectedIdentity ? null : contact?.address ?? null,
      decisionId: decision.id,
      type: decision.type,
      outcome: decision.outcome,
      legalBasis: decision.legalBasis,
      reasons: decision.reasons,
      amount: decision.amount,
      extent: decision.extent,
      periodFrom: decision.periodFrom,
      periodTo: decision.periodTo,
      decidedBy: decision.decidedBy.name,
      decidedOn: decision.decidedAt.slice(0, 10),
    };
  });
}

/** The decision letter as a PDF. */
export async function decisionLetter(access: AccessContext, keyring: Keyring, caseId: string, decisionId: string): Promise<Buffer> {
  return renderDecisionLetter(await letterContent(access, keyring, caseId, decisionId));
}

function requireManager(scope: CaseScope, organisationId: string): void {
  if (scope.actor.organisationId !== organisationId) throw new NotFoundError();
  if (!canManageDelegation(scope.actor, organisationId)) {
    throw new ForbiddenError('cannot_manage_delegation', 'The delegation order is kept by the organisation\'s administrators and managers.');
  }
}

/** The organisation's delegation order, for its org admins and managers. */
export async function getDelegationRules(access: AccessContext, organisationId: string): Promise<{ rules: DelegationRule[] }> {
  return access.read(async (scope) => {
    requireManager(scope, organisationId);
    const rules = await selectDelegationRules(scope.trx, organisationId);
    await scope.audit([{ action: 'delegation.read', details: { organisationId, count: rules.length } }]);
    return { rules };
  });
}

/** Replaces the organisation's delegation order as a whole. */
export async function putDelegationRules(access: AccessContext, organisationId: string, rules: readonly DelegationRule[]): Promise<{ rules: DelegationRule[] }> {
  return access.run(async (scope) => {
    requireManager(scope, organisationId);
    await replaceDelegationRules(scope.trx, organisationId, rules, scope.actor.userId);
    await scope.audit([{ action: 'delegation.update', details: { organisationId, count: rules.length } }]);
    return { rules: await selectDelegationRules(scope.trx, organisationId) };
  });
}
