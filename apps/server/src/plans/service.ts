import {
  canAgreePlan, canEditPlan, canSeeMeetingPlanChanges, diffPlans, emptyPlanContent, filterPlanContent, planAgreementProblems, seesWholePlan, swedishDate,
  type Actor, type AgreementForm, type CaseFacts, type PendingPlanChange, type PlanAgree, type PlanComparison, type PlanContent, type PlanOutcomeDismissal,
  type PlanStatus, type PlanUpdate, type PlanVersionSummary, type PlanVersionView,
} from '@utvag/domain';
import type { AccessContext, CaseScope, LoadedCase } from '../access/context';
import type { Keyring } from '../crypto/keyring';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';
import { checkCarriedOutcomes, pendingPlanChanges, planChangeOrigins, requirePendingOrDismissed } from './meeting-outcomes';
import { insertCarried, insertDismissal, releaseOutcomesNotIn, sealDismissalReason, touchDraft } from './outcome-store';
import {
  hasDraft, insertDraft, markAgreed, openPlanContent, sealPlanContent, selectAgreedVersion, selectCurrentVersionWithFacts, selectVersion,
  selectVersionById, selectVersionForUpdate, selectVersionSummaries, supersedeAgreed, unknownResponsibles, updateDraftContent, type PlanVersionRow,
} from './store';

/** The plan in work for one reader, and what they may do with it. */
export interface CurrentPlan { plan: PlanVersionView | null; canEdit: boolean; canAgree: boolean }

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function summaryOf(row: Pick<PlanVersionRow, 'number' | 'status' | 'followUpOn' | 'agreedOn' | 'agreementForm' | 'createdAt' | 'updatedAt' | 'supersededAt'>): PlanVersionSummary {
  return {
    number: row.number,
    status: row.status as PlanStatus,
    followUpOn: row.followUpOn,
    agreedOn: row.agreedOn,
    agreementForm: row.agreementForm as AgreementForm | null,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    supersededAt: iso(row.supersededAt),
  };
}

/** Goals in life areas the reader may not read are gone before the content leaves the access context. */
async function contentFor(scope: CaseScope, keyring: Keyring, loaded: LoadedCase, row: PlanVersionRow): Promise<PlanContent> {
  return filterPlanContent(await openPlanContent(keyring, row.content), loaded.access.categories);
}

/** `hasCarriedOutcomes: false`, when the caller knows it, spares the look-up of the plan's meeting origins. */
async function viewOf(scope: CaseScope, keyring: Keyring, loaded: LoadedCase, row: PlanVersionRow, hasCarriedOutcomes = true): Promise<PlanVersionView> {
  const content = await contentFor(scope, keyring, loaded, row);
  return {
    ...summaryOf(row),
    caseId: row.caseId,
    content,
    agreedBy: row.agreerId && row.agreerName && row.agreerOrganisationId ? { id: row.agreerId, name: row.agreerName, organisationId: row.agreerOrganisationId } : null,
    createdBy: { id: row.creatorId, name: row.creatorName, organisationId: row.creatorOrganisationId },
    version: row.version,
    wholePlan: seesWholePlan(loaded.access.categories),
    canEdit: row.status === 'draft' && canEditPlan(scope.actor, loaded.facts, scope.now),
    canAgree: row.status === 'draft' && canAgreePlan(scope.actor, loaded.facts, scope.now),
    fromMeetings: hasCarriedOutcomes && canSeeMeetingPlanChanges(scope.actor, loaded.facts, scope.now) ? await planChangeOrigins(scope, keyring, row.caseId, row.number, content) : [],
  };
}

/** Take up or set aside meeting outcomes: those who edit the plan, and only while they see every outcome. */
function canDecideMeetingOutcomes(actor: Actor, facts: CaseFacts, now: Date): boolean {
  return canEditPlan(actor, facts, now) && canSeeMeetingPlanChanges(actor, facts, now);
}

/** The draft if there is one, else the agreed version; null when the case has no plan yet. */
export async function getCurrentPlan(access: AccessContext, keyring: Keyring, caseId: string): Promise<CurrentPlan> {
  // One statement, unless the plan carries changes from meetings that the reader may trace back.
  return access.readInOneStatement(async (scope) => {
    const { loaded, row: { version: row, hasCarriedOutcomes } } = await scope.requireCaseRow(caseId, () => selectCurrentVersionWithFacts(scope.trx, caseId, scope.actor));
    const plan = row ? await viewOf(scope, keyring, loaded, row, hasCarriedOutcomes) : null;
    await scope.auditCase(loaded, 'plan.read', { details: { number: row?.number ?? null } });
    return { plan, canEdit: canEditPlan(scope.actor, loaded.facts, scope.now), canAgree: canAgreePlan(scope.actor, loaded.facts, scope.now) };
  });
}

export async function listPlanVersions(access: AccessContext, caseId: string): Promise<PlanVersionSummary[]> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const rows = await selectVersionSummaries(scope.trx, caseId);
    await scope.auditCase(loaded, 'plan.list', { details: { count: rows.length } });
    return rows.map(summaryOf);
  });
}

async function requireVersion(scope: CaseScope, caseId: string, number: number): Promise<PlanVersionRow> {
  const row = await selectVersion(scope.trx, caseId, number);
  if (!row) throw new NotFoundError();
  return row;
}

export async function getPlanVersion(access: AccessContext, keyring: Keyring, caseId: string, number: number): Promise<PlanVersionView> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const view = await viewOf(scope, keyring, loaded, await requireVersion(scope, caseId, number));
    await scope.auditCase(loaded, 'plan.read', { details: { number } });
    return view;
  });
}

/** Two versions side by side, each filtered for the reader before they are compared. */
export async function comparePlanVersions(access: AccessContext, keyring: Keyring, caseId: string, from: number, to: number): Promise<PlanComparison> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const before = await requireVersion(scope, caseId, from);
    const after = await requireVersion(scope, caseId, to);
    const diff = diffPlans(await contentFor(scope, keyring, loaded, before), await contentFor(scope, keyring, loaded, after));
    await scope.auditCase(loaded, 'plan.compare', { details: { from, to } });
    return { from: summaryOf(before), to: summaryOf(after), wholePlan: seesWholePlan(loaded.access.categories), diff };
  });
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown }).code === '23505';

/** A new draft starts from the agreed version's content, or empty for a case without a plan. */
export async function startDraft(access: AccessContext, keyring: Keyring, caseId: string, idempotencyKey: string | null): Promise<PlanVersionView> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, { caseId }, async () => {
      const loaded = await scope.requireCase(caseId, canEditPlan);
      if (await hasDraft(scope.trx, caseId)) throw new ConflictError('plan_draft_exists', 'The plan already has a draft. Edit it instead.');
      const agreed = await selectAgreedVersion(scope.trx, caseId);
      const content = agreed ? await openPlanContent(keyring, agreed.content) : emptyPlanContent();
      let id: string;
      try {
        id = await insertDraft(scope.trx, { caseId, content: sealPlanContent(keyring, content), followUpOn: content.followUpOn, createdBy: scope.actor.userId });
      } catch (error) {
        // Someone else started a draft at the same moment.
        if (isUniqueViolation(error)) throw new ConflictError('plan_draft_exists', 'The plan already has a draft. Edit it instead.');
        throw error;
      }
      await scope.auditCase(loaded, 'plan.create', { details: { fromNumber: agreed?.number ?? null } });
      return id;
    }, async (id, replayed) => {
      const loaded = await scope.requireCase(caseId);
      const row = await selectVersionById(scope.trx, caseId, id);
      if (!row) throw new NotFoundError();
      if (replayed) await scope.auditCase(loaded, 'plan.read', { details: { number: row.number } });
      return viewOf(scope, keyring, loaded, row);
    }),
  );
}

/**
 * The 409 for a stale edit carries the current draft, so the editor can see the other person's change and
 * merge. It is returned rather than thrown, so that the transaction commits the audit event of that read.
 */
async function staleVersion(scope: CaseScope, keyring: Keyring, loaded: LoadedCase, row: PlanVersionRow): Promise<ConflictError> {
  const view = await viewOf(scope, keyring, loaded, row);
  await scope.auditCase(loaded, 'plan.read', { details: { number: row.number } });
  return new ConflictError('stale_version', 'Someone else changed the plan. Compare your change with theirs and save again.', { currentVersion: row.version, current: view });
}

async function requireDraftForUpdate(scope: CaseScope, caseId: string, number: number, message: string): Promise<PlanVersionRow> {
  const row = await selectVersionForUpdate(scope.trx, caseId, number);
  if (!row) throw new NotFoundError();
  if (row.status !== 'draft') throw new ConflictError('plan_not_draft', message);
  return row;
}

function thrownIfConflict<T>(result: T | ConflictError): T {
  if (result instanceof ConflictError) throw result;
  return result;
}

export async function updateDraft(access: AccessContext, keyring: Keyring, caseId: string, number: number, input: PlanUpdate): Promise<PlanVersionView> {
  return thrownIfConflict(await access.run(async (scope): Promise<PlanVersionView | ConflictError> => {
    const loaded = await scope.requireCase(caseId, canEditPlan);
    const row = await requireDraftForUpdate(scope, caseId, number, 'Only a draft can be changed. Start a new version to change an agreed plan.');
    if (row.version !== input.version) return staleVersion(scope, keyring, loaded, row);
    const unknown = await unknownResponsibles(scope.trx, input.content);
    if (unknown.organisations.length > 0) throw new BadRequestError('unknown_organisation', 'A responsible organisation does not exist.', { organisationIds: unknown.organisations });
    if (unknown.users.length > 0) throw new BadRequestError('responsible_user_not_in_organisation', 'A responsible person must work in the responsible organisation.', { userIds: unknown.users });
    const carried = input.carriedOutcomes ?? [];
    if (carried.length > 0 && !canDecideMeetingOutcomes(scope.actor, loaded.facts, scope.now)) throw new ForbiddenError();
    await checkCarriedOutcomes(scope, keyring, caseId, row.id, input.content, carried);
    if (!(await updateDraftContent(scope.trx, row.id, input.version, sealPlanContent(keyring, input.content), input.content.followUpOn))) {
      throw new Error('A locked draft changed under its lock.');
    }
    const released = await releaseOutcomesNotIn(scope.trx, row.id, input.content);
    await insertCarried(scope.trx, { caseId, planVersionId: row.id, decidedBy: scope.actor.userId, outcomes: carried });
    await scope.auditCase(loaded, 'plan.update', { details: { number, goals: input.content.goals.length, carried: carried.length, released } });
    return viewOf(scope, keyring, loaded, await requireVersion(scope, caseId, number));
  }));
}

/** The draft becomes the agreed plan and the agreed one before it is superseded, in one transaction. */
export async function agreePlan(access: AccessContext, keyring: Keyring, caseId: string, number: number, input: PlanAgree): Promise<PlanVersionView> {
  return thrownIfConflict(await access.run(async (scope): Promise<PlanVersionView | ConflictError> => {
    const loaded = await scope.requireCase(caseId, canAgreePlan);
    const row = await requireDraftForUpdate(scope, caseId, number, 'This version is already agreed.');
    if (row.version !== input.version) return staleVersion(scope, keyring, loaded, row);
    if (input.agreedOn > swedishDate(scope.now)) throw new BadRequestError('agreed_in_future', 'The participant cannot have agreed on a future date.');
    const problems = planAgreementProblems(await openPlanContent(keyring, row.content));
    if (problems.length > 0) throw new BadRequestError('plan_incomplete', 'A plan needs at least one goal and a follow-up date before it is agreed.', { problems });
    await supersedeAgreed(scope.trx, caseId, scope.now);
    if (!(await markAgreed(scope.trx, row.id, input.version, { agreedOn: input.agreedOn, agreementForm: input.agreementForm, agreedBy: scope.actor.userId }, scope.now))) {
      throw new Error('A locked draft changed under its lock.');
    }
    await scope.auditCase(loaded, 'plan.agree', { details: { number, agreementForm: input.agreementForm } });
    return viewOf(scope, keyring, loaded, await requireVersion(scope, caseId, number));
  }));
}

/** The meeting outcomes waiting for the plan; a read of plan content, so it is audited. */
export async function getPendingPlanChanges(access: AccessContext, keyring: Keyring, caseId: string): Promise<{ outcomes: PendingPlanChange[] }> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId, canSeeMeetingPlanChanges);
    const outcomes = await pendingPlanChanges(scope, keyring, caseId);
    await scope.auditCase(loaded, 'plan.pending_changes.read', { details: { count: outcomes.length } });
    return { outcomes };
  });
}

/**
 * Sets a meeting outcome aside from draft `number` with a reason. Dismissing an outcome already dismissed
 * answers as before; one taken up by a plan version is 409, and so is a stale draft version.
 */
export async function dismissMeetingOutcome(
  access: AccessContext, keyring: Keyring, caseId: string, number: number, input: PlanOutcomeDismissal, idempotencyKey: string | null,
): Promise<PlanVersionView> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, { caseId, number, ...input }, async () => {
      const loaded = await scope.requireCase(caseId, canDecideMeetingOutcomes);
      const row = await requireDraftForUpdate(scope, caseId, number, 'Only a draft takes up or dismisses meeting outcomes.');
      const existing = await requirePendingOrDismissed(scope, keyring, caseId, input.meetingId, input.outcomeIndex);
      if (existing?.kind === 'dismissed') return row.id;
      if (existing) throw new ConflictError('outcome_already_decided', 'This outcome has already been taken up by a plan version.');
      if (row.version !== input.version) {
        throw new ConflictError('stale_version', 'Someone else changed the plan. Reload it and try again.', { currentVersion: row.version });
      }
      await insertDismissal(scope.trx, {
        caseId, meetingId: input.meetingId, outcomeIndex: input.outcomeIndex, reason: sealDismissalReason(keyring, input.reason), decidedBy: scope.actor.userId,
      });
      if (!(await touchDraft(scope.trx, row.id, row.version))) throw new Error('A locked draft changed under its lock.');
      await scope.auditCase(loaded, 'plan.outcome.dismiss', { details: { number, meetingId: input.meetingId, outcomeIndex: input.outcomeIndex } });
      return row.id;
    }, async (id) => {
      const loaded = await scope.requireCase(caseId);
      const row = await selectVersionById(scope.trx, caseId, id);
      if (!row) throw new NotFoundError();
      const view = await viewOf(scope, keyring, loaded, row);
      await scope.auditCase(loaded, 'plan.read', { details: { number: row.number } });
      return view;
    }),
  );
}
