import type { ScreeningAnswers } from '@utvag/domain';
import { sql } from 'kysely';
import type { Keyring } from '../crypto/keyring';
import type { Tx } from '../db/database';

/** Column context: a ciphertext decrypts only in the column it was written for. */
export const ANSWERS_CONTEXT = 'screenings.answers';

export async function insertScreening(trx: Tx, keyring: Keyring, values: {
  organisationId: string; setting: string; isChild: boolean; answers: ScreeningAnswers; indication: string; createdBy: string;
}): Promise<string> {
  const row = await trx.insertInto('screenings')
    .values({ ...values, answers: keyring.encryptJson(values.answers, ANSWERS_CONTEXT) })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertReferral(trx: Tx, values: {
  screeningId: string; kind: string; fromOrganisationId: string; toOrganisationId: string; setting: string; isChild: boolean; indication: string; caseId: string | null;
}): Promise<void> {
  await trx.insertInto('screeningReferrals').values(values).execute();
}

/** The organisation's own screenings with the referral each one sent, newest first. */
export async function selectScreenings(trx: Tx, organisationId: string, options: { id?: string; limit: number }) {
  let query = trx.selectFrom('screenings as s')
    .innerJoin('users as u', 'u.id', 's.createdBy')
    .leftJoin('screeningReferrals as r', 'r.screeningId', 's.id')
    .leftJoin('organisations as o', 'o.id', 'r.toOrganisationId')
    .select([
      's.id', 's.setting', 's.isChild', 's.answers', 's.indication', 's.createdBy', 'u.name as creatorName', 's.createdAt',
      'r.kind as referralKind', 'r.caseId', 'o.id as toOrganisationId', 'o.name as toOrganisationName',
    ])
    .where('s.organisationId', '=', organisationId)
    .orderBy('s.createdAt', 'desc').limit(options.limit);
  if (options.id) query = query.where('s.id', '=', options.id);
  return query.execute();
}
export type ScreeningRow = Awaited<ReturnType<typeof selectScreenings>>[number];

/** Municipalities whose social services are in Utväg, with the organisation that receives for them. */
export async function selectReceivers(trx: Tx) {
  return trx.selectFrom('organisations as o').innerJoin('municipalities as m', 'm.code', 'o.municipalityCode')
    .select(['o.id', 'o.municipalityCode', 'm.name']).where('o.type', '=', 'municipality').orderBy('m.name').execute();
}

export async function selectReceiver(trx: Tx, municipalityCode: string) {
  return trx.selectFrom('organisations').select(['id', 'name']).where('type', '=', 'municipality').where('municipalityCode', '=', municipalityCode).executeTakeFirst();
}

/**
 * Who is told that a referral or report arrived: the receiving organisation's intake staff; where it has
 * none, its coordinators and managers, so that a report of concern never lands on nobody.
 */
export async function selectRecipients(trx: Tx, organisationId: string): Promise<string[]> {
  const users = await trx.selectFrom('users').select(['id', 'roles']).where('organisationId', '=', organisationId).where('disabledAt', 'is', null).execute();
  const intake = users.filter((user) => user.roles.includes('intake'));
  const chosen = intake.length > 0 ? intake : users.filter((user) => user.roles.includes('coordinator') || user.roles.includes('manager'));
  return chosen.map((user) => user.id);
}

export async function selectIncomingReferrals(trx: Tx, organisationId: string, limit: number) {
  return trx.selectFrom('screeningReferrals as r').innerJoin('organisations as o', 'o.id', 'r.fromOrganisationId')
    .select(['r.id', 'r.kind', 'r.setting', 'r.isChild', 'r.indication', 'r.createdAt', 'o.id as fromOrganisationId', 'o.name as fromOrganisationName'])
    .where('r.toOrganisationId', '=', organisationId)
    .where('r.caseId', 'is', null)
    .orderBy('r.createdAt', 'desc').limit(limit).execute();
}

/** Identifications by asking per month and channel (the setting) for one organisation. */
export async function selectIdentificationCounts(trx: Tx, organisationId: string) {
  const rows = await sql<{ month: string; channel: string; screenings: number; indications: number; referrals: number; reportsOfConcern: number }>`
    select to_char(s.created_at at time zone 'Europe/Stockholm', 'YYYY-MM') as month, s.setting as channel,
      count(*)::int as screenings,
      count(*) filter (where s.indication <> 'no_indication')::int as indications,
      count(r.id) filter (where r.kind = 'program_referral')::int as referrals,
      count(r.id) filter (where r.kind = 'report_of_concern')::int as reports_of_concern
    from screenings s left join screening_referrals r on r.screening_id = s.id
    where s.organisation_id = ${organisationId}
    group by 1, 2 order by 1 desc, 2`.execute(trx);
  return rows.rows;
}
