import { canRecordConsent, isConsentInForce, swedishDate, type ConsentCreate, type ConsentView, type InformationCategory, type ConsentPurpose, type ConsentForm } from '@utvag/domain';
import type { AccessContext, CaseScope } from '../access/context';
import { BadRequestError, ConflictError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';

async function consentsOf(scope: CaseScope, caseId: string, onlyOrganisationId: string | null, consentId?: string): Promise<ConsentView[]> {
  let query = scope.trx
    .selectFrom('consents as k')
    .innerJoin('organisations as o', 'o.id', 'k.recipientOrganisationId')
    .innerJoin('users as u', 'u.id', 'k.recordedBy')
    .select(['k.id', 'k.categories', 'k.excludedCategories', 'k.purposes', 'k.form', 'k.givenOn', 'k.validFrom', 'k.validUntil', 'k.withdrawnAt', 'k.version',
      'o.id as organisationId', 'o.name as organisationName', 'o.type as organisationType', 'u.id as recorderId', 'u.name as recorderName', 'u.organisationId as recorderOrganisationId'])
    .where('k.caseId', '=', caseId)
    .orderBy('k.createdAt');
  if (onlyOrganisationId) query = query.where('k.recipientOrganisationId', '=', onlyOrganisationId);
  if (consentId) query = query.where('k.id', '=', consentId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    recipientOrganisation: { id: row.organisationId, name: row.organisationName, type: row.organisationType },
    categories: row.categories as InformationCategory[],
    excludedCategories: row.excludedCategories as InformationCategory[],
    purposes: row.purposes as ConsentPurpose[],
    form: row.form as ConsentForm,
    givenOn: row.givenOn,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    withdrawnAt: row.withdrawnAt ? row.withdrawnAt.toISOString() : null,
    inForce: isConsentInForce({ recipientOrganisationId: row.organisationId, categories: [], excludedCategories: [], validFrom: row.validFrom, validUntil: row.validUntil, withdrawnAt: row.withdrawnAt }, scope.now),
    recordedBy: { id: row.recorderId, name: row.recorderName, organisationId: row.recorderOrganisationId },
    version: row.version,
  }));
}

/** The case's consents; a member from another organisation sees only the consents given to their own. */
export async function listConsents(access: AccessContext, caseId: string): Promise<ConsentView[]> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const consents = await consentsOf(scope, caseId, loaded.access.level === 'full' ? null : scope.actor.organisationId);
    await scope.auditCase(loaded, 'consent.read');
    return consents;
  });
}

export async function recordConsent(access: AccessContext, caseId: string, input: ConsentCreate, idempotencyKey: string | null): Promise<ConsentView> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, { caseId, ...input }, async () => {
      const loaded = await scope.requireCase(caseId, canRecordConsent);
      if (input.givenOn > swedishDate(scope.now)) {
        throw new BadRequestError('given_in_future', 'Consent cannot be recorded as given on a future date.');
      }
      const recipient = await scope.trx.selectFrom('organisations').select('id').where('id', '=', input.recipientOrganisationId).executeTakeFirst();
      if (!recipient) throw new BadRequestError('unknown_organisation', 'No organisation with that id.');
      const row = await scope.trx
        .insertInto('consents')
        .values({
          caseId,
          recipientOrganisationId: input.recipientOrganisationId,
          categories: [...new Set(input.categories)],
          excludedCategories: [...new Set(input.excludedCategories)],
          purposes: [...new Set(input.purposes)],
          form: input.form,
          givenOn: input.givenOn,
          validFrom: input.validFrom ?? input.givenOn,
          validUntil: input.validUntil ?? null,
          recordedBy: scope.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await scope.auditCase(loaded, 'consent.record', { details: { consentId: row.id, recipientOrganisationId: input.recipientOrganisationId } });
      return row.id;
    }, async (consentId, replayed) => {
      const loaded = await scope.requireCase(caseId, canRecordConsent);
      const [view] = await consentsOf(scope, caseId, null, consentId);
      if (!view) throw new NotFoundError();
      if (replayed) await scope.auditCase(loaded, 'consent.read');
      return view;
    }),
  );
}

/** Withdrawal takes effect at once: the very next request by the recipient is decided without it. */
export async function withdrawConsent(access: AccessContext, caseId: string, consentId: string, version: number): Promise<ConsentView> {
  return access.run(async (scope) => {
    const loaded = await scope.requireCase(caseId, canRecordConsent);
    const current = await scope.trx.selectFrom('consents').select(['version', 'withdrawnAt']).where('id', '=', consentId).where('caseId', '=', caseId).executeTakeFirst();
    if (!current) throw new NotFoundError();
    if (current.withdrawnAt) throw new ConflictError('already_withdrawn', 'The consent is already withdrawn.');
    const result = await scope.trx
      .updateTable('consents')
      .set((eb) => ({ withdrawnAt: new Date(), withdrawnBy: scope.actor.userId, version: eb('version', '+', 1) }))
      .where('id', '=', consentId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      throw new ConflictError('stale_version', 'Someone else changed the consent. Reload and try again.', { currentVersion: current.version });
    }
    await scope.auditCase(loaded, 'consent.withdraw', { details: { consentId } });
    const [view] = await consentsOf(scope, caseId, null, consentId);
    return view!;
  });
}
