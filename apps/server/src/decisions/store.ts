import type { DecisionCreate, DecisionOutcome, DelegationRule } from '@utvag/domain';
import type { Keyring } from '../crypto/keyring';
import type { Tx } from '../db/database';

/** Column contexts: a ciphertext decrypts only in the column it was written for. */
export const REASONS_CONTEXT = 'decision.reasons';
export const EXTENT_CONTEXT = 'decision.extent';
export const LEGAL_BASIS_CONTEXT = 'decision.legal_basis';

export async function insertDecision(trx: Tx, keyring: Keyring, caseId: string, initiatedBy: string, input: DecisionCreate): Promise<string> {
  const row = await trx
    .insertInto('decisions')
    .values({
      caseId,
      type: input.type,
      legalBasisSealed: keyring.encrypt(input.legalBasis, LEGAL_BASIS_CONTEXT),
      reasons: keyring.encrypt(input.reasons, REASONS_CONTEXT),
      amount: input.amount ?? null,
      extent: input.extent ? keyring.encrypt(input.extent, EXTENT_CONTEXT) : null,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo ?? null,
      initiatedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Decisions of a case, newest first, with who initiated and who decided; one when `decisionId` is given. */
export async function selectDecisions(trx: Tx, caseId: string, decisionId?: string) {
  let query = trx
    .selectFrom('decisions as d')
    .innerJoin('users as i', 'i.id', 'd.initiatedBy')
    .leftJoin('users as x', 'x.id', 'd.decidedBy')
    .select([
      'd.id', 'd.caseId', 'd.type', 'd.legalBasis', 'd.legalBasisSealed', 'd.reasons', 'd.amount', 'd.extent', 'd.periodFrom', 'd.periodTo', 'd.status', 'd.outcome',
      'd.decidedAt', 'd.version', 'd.createdAt', 'i.id as initiatorId', 'i.name as initiatorName', 'x.id as deciderId', 'x.name as deciderName',
    ])
    .where('d.caseId', '=', caseId)
    .orderBy('d.createdAt', 'desc')
    .orderBy('d.id', 'desc');
  if (decisionId) query = query.where('d.id', '=', decisionId);
  return query.execute();
}
export type DecisionRow = Awaited<ReturnType<typeof selectDecisions>>[number];

/** Records the decision at `version`; false when stale or already decided. */
export async function markDecided(trx: Tx, keyring: Keyring, decisionId: string, values: { version: number; outcome: DecisionOutcome; reasons: string | null; decidedBy: string }): Promise<boolean> {
  const now = new Date();
  const result = await trx
    .updateTable('decisions')
    .set((eb) => ({
      status: 'decided',
      outcome: values.outcome,
      decidedBy: values.decidedBy,
      decidedAt: now,
      ...(values.reasons ? { reasons: keyring.encrypt(values.reasons, REASONS_CONTEXT) } : {}),
      version: eb('version', '+', 1),
      updatedAt: now,
    }))
    .where('id', '=', decisionId)
    .where('version', '=', values.version)
    .where('status', '=', 'initiated')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The delegation order of an organisation (row-level security keeps it to the request's own organisation). */
export async function selectDelegationRules(trx: Tx, organisationId: string): Promise<DelegationRule[]> {
  const rows = await trx
    .selectFrom('delegationRules')
    .select(['role', 'decisionType', 'maxAmount'])
    .where('organisationId', '=', organisationId)
    .orderBy('decisionType')
    .orderBy('role')
    .execute();
  return rows as DelegationRule[];
}

/** Replaces the whole delegation order of an organisation. */
export async function replaceDelegationRules(trx: Tx, organisationId: string, rules: readonly DelegationRule[], updatedBy: string): Promise<void> {
  await trx.deleteFrom('delegationRules').where('organisationId', '=', organisationId).execute();
  if (rules.length === 0) return;
  await trx
    .insertInto('delegationRules')
    .values(rules.map((rule) => ({ organisationId, role: rule.role, decisionType: rule.decisionType, maxAmount: rule.maxAmount, updatedBy })))
    .execute();
}

/** What the letter needs about the participant: the alias, and the sealed identity and contact data. */
export async function selectLetterParticipant(trx: Tx, participantId: string) {
  return trx
    .selectFrom('participants')
    .select(['alias', 'identityData', 'contactData', 'protectedIdentity'])
    .where('id', '=', participantId)
    .executeTakeFirstOrThrow();
}

export async function selectOrganisationName(trx: Tx, organisationId: string): Promise<string> {
  const row = await trx.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow();
  return row.name;
}
