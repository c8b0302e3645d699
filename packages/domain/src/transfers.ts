import { z } from 'zod';
import { canManageTeam, type Actor, type CaseFacts } from './access';
import { CaseStatus, Program } from './cases';
import type { OrganisationType } from './organisations';

/** Where a transfer stands: requested, then accepted, declined or withdrawn; only a requested one may change. */
export const TransferStatus = z.enum(['requested', 'accepted', 'declined', 'withdrawn']);
export type TransferStatus = z.infer<typeof TransferStatus>;

/** A request to move a case to another municipality (or collaboration of municipalities). */
export const TransferRequest = z.object({
  receivingOrganisationId: z.uuid(),
  reason: z.string().trim().min(1).max(4000).optional(),
});
export type TransferRequest = z.infer<typeof TransferRequest>;

export const TransferAccept = z.object({ version: z.number().int().positive(), coordinatorUserId: z.uuid() });
export type TransferAccept = z.infer<typeof TransferAccept>;

export const TransferDecline = z.object({ version: z.number().int().positive(), reason: z.string().trim().min(1).max(4000).optional() });
export type TransferDecline = z.infer<typeof TransferDecline>;

export const TransferWithdraw = z.object({ version: z.number().int().positive() });
export type TransferWithdraw = z.infer<typeof TransferWithdraw>;

/** A transfer as either organisation sees it. */
export const TransferView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  fromOrganisation: z.object({ id: z.uuid(), name: z.string() }),
  toOrganisation: z.object({ id: z.uuid(), name: z.string() }),
  status: TransferStatus,
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
});
export type TransferView = z.infer<typeof TransferView>;

/**
 * What the receiving organisation sees before it accepts: the case alias, program and status, and
 * the reason for the move. Nothing that identifies the person or says where they are.
 */
export const IncomingTransferView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  fromOrganisation: z.object({ id: z.uuid(), name: z.string() }),
  alias: z.string(),
  program: Program,
  caseStatus: CaseStatus,
  reason: z.string().nullable(),
  requestedAt: z.string(),
  version: z.number().int(),
});
export type IncomingTransferView = z.infer<typeof IncomingTransferView>;

/** The named rules a transfer can break; each answered 4xx with its name. */
export type TransferViolation =
  | 'transfer_not_requestable'
  | 'transfer_to_own_organisation'
  | 'transfer_receiver_not_social_services'
  | 'transfer_already_pending'
  | 'transfer_not_pending'
  | 'transfer_not_decidable'
  | 'transfer_coordinator_not_in_receiving_organisation';

const holdsCases = (type: OrganisationType) => type === 'municipality' || type === 'collaboration';

/** The coordinator or a manager of the owning organisation may ask another municipality to take the case. */
export const canRequestTransfer = canManageTeam;

/** Checks a request before anything is written. */
export function transferRequestViolation(
  facts: Pick<CaseFacts, 'ownerOrganisationId'>, receiver: { id: string; type: OrganisationType }, pending: boolean,
): TransferViolation | null {
  if (receiver.id === facts.ownerOrganisationId) return 'transfer_to_own_organisation';
  if (!holdsCases(receiver.type)) return 'transfer_receiver_not_social_services';
  if (pending) return 'transfer_already_pending';
  return null;
}

/** A coordinator or manager of the receiving organisation may accept or decline. */
export function canDecideTransfer(actor: Actor, transfer: { toOrganisationId: string }): boolean {
  return actor.organisationId === transfer.toOrganisationId && actor.roles.some((role) => role === 'coordinator' || role === 'manager');
}

/** The new coordinator must be an active coordinator or manager of the receiving organisation. */
export function canCoordinateAfterTransfer(user: { organisationId: string; roles: readonly string[]; disabled: boolean }, transfer: { toOrganisationId: string }): boolean {
  return !user.disabled && user.organisationId === transfer.toOrganisationId && user.roles.some((role) => role === 'coordinator' || role === 'manager');
}

/** Only a requested transfer may be accepted, declined or withdrawn. */
export function transferChangeViolation(status: TransferStatus): TransferViolation | null {
  return status === 'requested' ? null : 'transfer_not_pending';
}
