import {
  applyTransition, canChangeCaseCourse, swedishDate, transitionKind,
  type CaseCourseView, type CaseStatus, type CaseStatusChangeView, type CaseTransitionRequest, type ClosingReason,
} from '@utvag/domain';
import type { AccessContext, CaseScope, LoadedCase } from '../access/context';
import type { Keyring } from '../crypto/keyring';
import { AppError, ConflictError, NotFoundError } from '../http/errors';
import { insertStatusChange, moveCase, selectCourseState, selectStatusChanges } from './store';

export const REASON_CONTEXT = 'case_status_change.reason';

/** A transition the state machine forbids, or one that lacks what it needs: answered 422 with the rule's name. */
export class TransitionRuleError extends AppError {
  constructor(rule: string) {
    super(422, rule, 'The case course does not allow this change.', { rule });
  }
}

/** The course as one reader may see it: reasons only for readers with full access to the case. */
async function courseView(scope: CaseScope, keyring: Keyring, loaded: LoadedCase, status: CaseStatus, version: number): Promise<CaseCourseView> {
  const rows = await selectStatusChanges(scope.trx, loaded.caseId);
  const readsReasons = loaded.access.level === 'full';
  const changes: CaseStatusChangeView[] = [];
  for (const row of rows) {
    const fromStatus = row.fromStatus as CaseStatus;
    const toStatus = row.toStatus as CaseStatus;
    changes.push({
      id: row.id,
      fromStatus,
      toStatus,
      kind: transitionKind(fromStatus, toStatus) ?? 'advance',
      reason: readsReasons && row.reason ? await keyring.decrypt(row.reason, REASON_CONTEXT) : null,
      reasonWithheld: !readsReasons && row.reason !== null,
      closingReason: row.closingReason as ClosingReason | null,
      checkInOn: row.checkInOn,
      changedBy: { id: row.userId, name: row.userName, organisationId: row.userOrganisationId },
      changedAt: row.changedAt.toISOString(),
    });
  }
  return { status, version, changes };
}

export async function readCourse(access: AccessContext, keyring: Keyring, caseId: string): Promise<CaseCourseView> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const state = await selectCourseState(scope.trx, caseId);
    if (!state) throw new NotFoundError();
    const view = await courseView(scope, keyring, loaded, state.status as CaseStatus, state.version);
    await scope.auditCase(loaded, 'case.course.read', { details: { reasons: loaded.access.level === 'full' } });
    return view;
  });
}

/**
 * Moves the case along its course with the version the user saw. The rule is decided before anything
 * is written, so a refused transition changes nothing; a stale version is refused by the update itself.
 */
export async function transitionCase(access: AccessContext, keyring: Keyring, caseId: string, input: CaseTransitionRequest): Promise<CaseCourseView> {
  return access.run(async (scope) => {
    const loaded = await scope.requireCase(caseId, canChangeCaseCourse);
    const state = await selectCourseState(scope.trx, caseId);
    if (!state) throw new NotFoundError();
    const stale = () => new ConflictError('stale_version', 'Someone else changed the case. Reload it and make your change again.', { currentVersion: state.version });
    if (state.version !== input.version) throw stale();
    const from = state.status as CaseStatus;
    const outcome = applyTransition(from, input, swedishDate(scope.now));
    if (!outcome.ok) throw new TransitionRuleError(outcome.violation);
    if (!(await moveCase(scope.trx, caseId, input.version, outcome.status))) throw stale();
    await insertStatusChange(scope.trx, {
      caseId,
      fromStatus: from,
      toStatus: outcome.status,
      reason: input.reason ? keyring.encrypt(input.reason, REASON_CONTEXT) : null,
      closingReason: input.closingReason ?? null,
      checkInOn: input.checkInOn ?? null,
      changedBy: scope.actor.userId,
    });
    await scope.auditCase(loaded, 'case.transition', {
      details: { from, to: outcome.status, kind: outcome.kind, ...(input.closingReason ? { closingReason: input.closingReason } : {}) },
    });
    const view = await courseView(scope, keyring, loaded, outcome.status, input.version + 1);
    // The answer carries the whole history, reasons included: that is a read as well.
    await scope.auditCase(loaded, 'case.course.read', { details: { reasons: true } });
    return view;
  });
}
