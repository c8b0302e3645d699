import { sql } from 'kysely';
import type { Tx } from '../db/database';

/** A transfer row joined with both organisations' names; row-level security shows it to both parties only. */
export async function selectTransfers(trx: Tx, filter: { caseId?: string; transferId?: string }) {
  let query = trx
    .selectFrom('caseTransfers as t')
    .innerJoin('organisations as f', 'f.id', 't.fromOrganisationId')
    .innerJoin('organisations as r', 'r.id', 't.toOrganisationId')
    .select(['t.id', 't.caseId', 't.status', 't.requestedAt', 't.decidedAt', 't.version', 't.fromOrganisationId', 't.toOrganisationId', 't.requestedBy',
      'f.name as fromOrganisationName', 'r.name as toOrganisationName'])
    .orderBy('t.requestedAt', 'desc');
  if (filter.caseId) query = query.where('t.caseId', '=', filter.caseId);
  if (filter.transferId) query = query.where('t.id', '=', filter.transferId);
  return query.execute();
}
export type TransferRow = Awaited<ReturnType<typeof selectTransfers>>[number];

export async function hasPendingTransfer(trx: Tx, caseId: string): Promise<boolean> {
  const row = await trx.selectFrom('caseTransfers').select('id').where('caseId', '=', caseId).where('status', '=', 'requested').executeTakeFirst();
  return row !== undefined;
}

export async function insertTransfer(trx: Tx, values: { caseId: string; fromOrganisationId: string; toOrganisationId: string; reason: Buffer | null; requestedBy: string }): Promise<string> {
  const row = await trx.insertInto('caseTransfers').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Ends a pending transfer at `version`; false when it changed first or is no longer pending. */
export async function closeTransfer(trx: Tx, transferId: string, version: number, values: { status: 'declined' | 'withdrawn'; decidedBy: string; declineReason: Buffer | null }): Promise<boolean> {
  const result = await trx
    .updateTable('caseTransfers')
    .set((eb) => ({ ...values, decidedAt: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', transferId)
    .where('version', '=', version)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface IncomingRow {
  id: string; caseId: string; participantId: string; fromOrganisationId: string; fromOrganisationName: string;
  alias: string; program: string; caseStatus: string; reason: Uint8Array | null; requestedAt: Date; version: number;
}

/** Pending transfers to the request's organisation with the minimal case summary (SECURITY DEFINER, see 0008_transfers.sql). */
export async function selectIncoming(trx: Tx): Promise<IncomingRow[]> {
  const result = await sql<IncomingRow>`select * from utvag_incoming_transfers()`.execute(trx);
  return result.rows;
}

/** Moves the case to the receiving organisation in the caller's transaction; false when stale or not pending. */
export async function acceptTransfer(trx: Tx, transferId: string, version: number, coordinatorUserId: string): Promise<boolean> {
  const result = await sql<{ accepted: boolean }>`select utvag_accept_transfer(${transferId}::uuid, ${version}::integer, ${coordinatorUserId}::uuid) as accepted`.execute(trx);
  return result.rows[0]?.accepted === true;
}
