import {
  canCoordinateAfterTransfer, canDecideTransfer, canRequestTransfer, transferChangeViolation, transferRequestViolation,
  OrganisationType, Program, CaseStatus, TransferStatus,
  type IncomingTransferView, type TransferAccept, type TransferDecline, type TransferRequest, type TransferView, type TransferWithdraw, type TransferViolation, type Role,
} from '@utvag/domain';
import type { AccessContext, CaseScope } from '../access/context';
import type { Keyring } from '../crypto/keyring';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';
import { notifyUsers } from '../notifications/notify';
import { acceptTransfer, closeTransfer, hasPendingTransfer, insertTransfer, selectIncoming, selectTransfers, type IncomingRow, type TransferRow } from './store';

export const TRANSFER_REASON_CONTEXT = 'case_transfer.reason';
export const DECLINE_REASON_CONTEXT = 'case_transfer.decline_reason';

/** A transfer rule broken: answered 422 with the rule's name. */
export class TransferRuleError extends AppError {
  constructor(rule: TransferViolation) {
    super(422, rule, 'The transfer rules do not allow this.', { rule });
  }
}

const staleTransfer = (currentVersion: number) =>
  new ConflictError('stale_version', 'Someone else changed the transfer. Reload it and try again.', { currentVersion });

function viewOf(row: TransferRow): TransferView {
  return {
    id: row.id,
    caseId: row.caseId,
    fromOrganisation: { id: row.fromOrganisationId, name: row.fromOrganisationName },
    toOrganisation: { id: row.toOrganisationId, name: row.toOrganisationName },
    status: TransferStatus.parse(row.status),
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    version: row.version,
  };
}

async function incomingView(keyring: Keyring, row: IncomingRow): Promise<IncomingTransferView> {
  return {
    id: row.id,
    caseId: row.caseId,
    fromOrganisation: { id: row.fromOrganisationId, name: row.fromOrganisationName },
    alias: row.alias,
    program: Program.parse(row.program),
    caseStatus: CaseStatus.parse(row.caseStatus),
    reason: row.reason ? await keyring.decrypt(row.reason, TRANSFER_REASON_CONTEXT) : null,
    requestedAt: new Date(row.requestedAt).toISOString(),
    version: row.version,
  };
}

/** The transfers of a case, for those who may read the case (the sending side while it owns it). */
export async function listCaseTransfers(access: AccessContext, caseId: string): Promise<TransferView[]> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const rows = await selectTransfers(scope.trx, { caseId });
    await scope.auditCase(loaded, 'transfer.read', { details: { transfers: rows.length } });
    return rows.map(viewOf);
  });
}

export async function requestTransfer(access: AccessContext, keyring: Keyring, caseId: string, input: TransferRequest, idempotencyKey: string | null): Promise<TransferView> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, { caseId, ...input }, async () => {
      const loaded = await scope.requireCase(caseId, canRequestTransfer);
      const receiver = await scope.trx.selectFrom('organisations').select(['id', 'type']).where('id', '=', input.receivingOrganisationId).executeTakeFirst();
      if (!receiver) throw new AppError(422, 'unknown_organisation', 'No organisation with that id.', { rule: 'unknown_organisation' });
      const violation = transferRequestViolation(loaded.facts, { id: receiver.id, type: OrganisationType.parse(receiver.type) }, await hasPendingTransfer(scope.trx, caseId));
      if (violation === 'transfer_already_pending') throw new ConflictError(violation, 'The case already has a pending transfer.', { rule: violation });
      if (violation) throw new TransferRuleError(violation);
      const id = await insertTransfer(scope.trx, {
        caseId,
        fromOrganisationId: loaded.facts.ownerOrganisationId,
        toOrganisationId: receiver.id,
        reason: input.reason ? keyring.encrypt(input.reason, TRANSFER_REASON_CONTEXT) : null,
        requestedBy: scope.actor.userId,
      });
      await scope.auditCase(loaded, 'transfer.request', { details: { transferId: id, toOrganisationId: receiver.id } });
      await notifyUsers(scope.trx, await transferDecidersOf(scope, receiver.id), 'transfer_incoming', caseId);
      return id;
    }, async (transferId, replayed) => {
      const loaded = await scope.requireCase(caseId);
      const [row] = await selectTransfers(scope.trx, { transferId });
      if (!row) throw new NotFoundError();
      if (replayed) await scope.auditCase(loaded, 'transfer.read', { details: { transferId } });
      return viewOf(row);
    }),
  );
}

/** Who in the receiving organisation may accept or decline (`canDecideTransfer`): they are told a request waits. */
async function transferDecidersOf(scope: CaseScope, organisationId: string): Promise<string[]> {
  const users = await scope.trx.selectFrom('users').select(['id', 'roles']).where('organisationId', '=', organisationId)
    .where('disabledAt', 'is', null).execute();
  return users.filter((user) => canDecideTransfer({ ...scope.actor, userId: user.id, organisationId, roles: user.roles as Role[] }, { toOrganisationId: organisationId }))
    .map((user) => user.id);
}

/** Pending transfers to the actor's organisation, with the minimal summary only; each one shown is audited. */
export async function listIncoming(access: AccessContext, keyring: Keyring): Promise<IncomingTransferView[]> {
  return access.read(async (scope) => {
    if (!canDecideTransfer(scope.actor, { toOrganisationId: scope.actor.organisationId })) return [];
    const rows = await selectIncoming(scope.trx);
    if (rows.length > 0) {
      await scope.audit(rows.map((row) => ({ action: 'transfer.incoming.read', caseId: row.caseId, participantId: row.participantId, details: { transferId: row.id } })));
    }
    return Promise.all(rows.map((row) => incomingView(keyring, row)));
  });
}

/** The pending transfer to the actor's organisation, or 404; 403 for staff who may not decide. */
async function pendingIncoming(scope: CaseScope, transferId: string): Promise<IncomingRow> {
  const [row] = (await selectIncoming(scope.trx)).filter((candidate) => candidate.id === transferId);
  if (!row) {
    // A transfer this organisation received earlier is no longer pending; any other is not found.
    const [earlier] = await selectTransfers(scope.trx, { transferId });
    if (earlier && earlier.toOrganisationId === scope.actor.organisationId) {
      throw new ConflictError(transferChangeViolation(TransferStatus.parse(earlier.status)) ?? 'transfer_not_pending', 'The transfer is no longer pending.', { currentVersion: earlier.version });
    }
    throw new NotFoundError();
  }
  if (!canDecideTransfer(scope.actor, { toOrganisationId: scope.actor.organisationId })) throw new ForbiddenError();
  return row;
}

export async function accept(access: AccessContext, transferId: string, input: TransferAccept): Promise<TransferView> {
  return access.run(async (scope) => {
    const pending = await pendingIncoming(scope, transferId);
    if (pending.version !== input.version) throw staleTransfer(pending.version);
    const user = await scope.trx.selectFrom('users').select(['id', 'organisationId', 'roles', 'disabledAt']).where('id', '=', input.coordinatorUserId).executeTakeFirst();
    const eligible = user && canCoordinateAfterTransfer({ organisationId: user.organisationId, roles: user.roles, disabled: user.disabledAt !== null }, { toOrganisationId: scope.actor.organisationId });
    if (!eligible) throw new TransferRuleError('transfer_coordinator_not_in_receiving_organisation');
    if (!(await acceptTransfer(scope.trx, transferId, input.version, input.coordinatorUserId))) throw staleTransfer(pending.version);
    // The case is now the receiving organisation's and is read through the access rules like any other;
    // the one who accepts need not be its coordinator, so the answer carries the transfer only.
    await scope.audit([{
      action: 'transfer.accept', caseId: pending.caseId, participantId: pending.participantId,
      details: { transferId, fromOrganisationId: pending.fromOrganisationId, coordinatorUserId: input.coordinatorUserId },
    }]);
    const [row] = await selectTransfers(scope.trx, { transferId });
    await notifyUsers(scope.trx, [input.coordinatorUserId].filter((id) => id !== scope.actor.userId), 'transfer_coordinator', pending.caseId);
    await notifyUsers(scope.trx, [row!.requestedBy], 'transfer_accepted', pending.caseId);
    return viewOf(row!);
  });
}

export async function decline(access: AccessContext, keyring: Keyring, transferId: string, input: TransferDecline): Promise<TransferView> {
  return access.run(async (scope) => {
    const pending = await pendingIncoming(scope, transferId);
    if (pending.version !== input.version) throw staleTransfer(pending.version);
    const closed = await closeTransfer(scope.trx, transferId, input.version, {
      status: 'declined', decidedBy: scope.actor.userId, declineReason: input.reason ? keyring.encrypt(input.reason, DECLINE_REASON_CONTEXT) : null,
    });
    if (!closed) throw staleTransfer(pending.version);
    await scope.audit([{ action: 'transfer.decline', caseId: pending.caseId, participantId: pending.participantId, details: { transferId } }]);
    const [row] = await selectTransfers(scope.trx, { transferId });
    await notifyUsers(scope.trx, [row!.requestedBy], 'transfer_declined', pending.caseId);
    return viewOf(row!);
  });
}

/** The sending side takes its request back, while it is still pending. */
export async function withdraw(access: AccessContext, transferId: string, input: TransferWithdraw): Promise<TransferView> {
  return access.run(async (scope) => {
    const [row] = await selectTransfers(scope.trx, { transferId });
    if (!row || row.fromOrganisationId !== scope.actor.organisationId) throw new NotFoundError();
    const loaded = await scope.requireCase(row.caseId, canRequestTransfer);
    const violation = transferChangeViolation(TransferStatus.parse(row.status));
    if (violation) throw new ConflictError(violation, 'The transfer is no longer pending.', { currentVersion: row.version });
    if (row.version !== input.version) throw staleTransfer(row.version);
    if (!(await closeTransfer(scope.trx, transferId, input.version, { status: 'withdrawn', decidedBy: scope.actor.userId, declineReason: null }))) throw staleTransfer(row.version);
    await scope.auditCase(loaded, 'transfer.withdraw', { details: { transferId } });
    const [after] = await selectTransfers(scope.trx, { transferId });
    return viewOf(after!);
  });
}
