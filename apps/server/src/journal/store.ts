import type { InformationCategory } from '@utvag/domain';
import type { Keyring } from '../crypto/keyring';
import { compiledOnce } from '../db/compiled-once';
import type { Tx } from '../db/database';

/** Column contexts: a ciphertext decrypts only in the column it was written for. */
export const BODY_CONTEXT = 'journal.body';
export const CORRECTION_CONTEXT = 'journal.correction';
export const CORRECTION_REASON_CONTEXT = 'journal.correction.reason';

type EntryValue = 'caseId' | 'authorUserId' | 'organisationId' | 'category' | 'body' | 'signedAt';

/** The insert of an entry, signed when `signedAt` is among its values, answered with the entry as `selectEntries` shows it. */
const insertEntryQuery = <K extends EntryValue>(names: readonly K[]) => compiledOnce(names, (db, placeholders) => {
  const value = placeholders as Readonly<Record<EntryValue, string>>;
  return db
    .with('j', (cte) => cte
      .insertInto('journalEntries')
      .values({
        caseId: value.caseId,
        authorUserId: value.authorUserId,
        organisationId: value.organisationId,
        category: value.category as InformationCategory,
        // Placeholders for a bytea and a time: the values passed at each run are a Buffer and a Date.
        body: value.body as unknown as Buffer,
        ...(names.includes('signedAt' as K) ? { status: 'signed', signedAt: value.signedAt as unknown as Date, signedBy: value.authorUserId } : {}),
      })
      .returning(['id', 'caseId', 'category', 'body', 'status', 'signedAt', 'signedBy', 'version', 'createdAt', 'authorUserId', 'organisationId']))
    .selectFrom('j')
    .innerJoin('users as a', 'a.id', 'j.authorUserId')
    .innerJoin('organisations as o', 'o.id', 'j.organisationId')
    .leftJoin('users as s', 's.id', 'j.signedBy')
    .select(ENTRY_COLUMNS);
});
const insertDraft = insertEntryQuery(['caseId', 'authorUserId', 'organisationId', 'category', 'body']);
const insertSigned = insertEntryQuery(['caseId', 'authorUserId', 'organisationId', 'category', 'body', 'signedAt']);

/**
 * Inserts an entry and answers with it as `selectEntries` would, author, organisation and signer
 * included, in the same statement. Every journal write runs it, so it is compiled once.
 */
export async function insertEntry(trx: Tx, keyring: Keyring, values: {
  caseId: string; authorUserId: string; organisationId: string; category: InformationCategory; body: string; signed: boolean;
}): Promise<EntryRow> {
  const { body, signed, ...rest } = values;
  const sealed = { ...rest, body: keyring.encrypt(body, BODY_CONTEXT) };
  const [row] = signed ? await insertSigned(trx, { ...sealed, signedAt: new Date() }) : await insertDraft(trx, sealed);
  if (!row) throw new Error('The journal entry was not inserted.');
  return row;
}

const ENTRY_COLUMNS = [
  'j.id', 'j.category', 'j.body', 'j.status', 'j.signedAt', 'j.version', 'j.createdAt',
  'a.id as authorId', 'a.name as authorName', 'a.organisationId as authorOrganisationId',
  'o.id as organisationId', 'o.name as organisationName', 'o.type as organisationType',
  's.id as signerId', 's.name as signerName', 's.organisationId as signerOrganisationId',
] as const;

/**
 * Entries of a case in the given categories, newest first, with author, organisation and signer.
 * The categories are the reader's (from the access rules), so the SQL itself leaves the rest out.
 */
export async function selectEntries(trx: Tx, caseId: string, categories: readonly InformationCategory[], entryId?: string) {
  if (categories.length === 0) return [];
  let query = trx
    .selectFrom('journalEntries as j')
    .innerJoin('users as a', 'a.id', 'j.authorUserId')
    .innerJoin('organisations as o', 'o.id', 'j.organisationId')
    .leftJoin('users as s', 's.id', 'j.signedBy')
    .select(ENTRY_COLUMNS)
    .where('j.caseId', '=', caseId)
    .where('j.category', 'in', [...categories])
    .orderBy('j.createdAt', 'desc')
    .orderBy('j.id', 'desc');
  if (entryId) query = query.where('j.id', '=', entryId);
  return query.execute();
}
export type EntryRow = Awaited<ReturnType<typeof selectEntries>>[number];

/** One entry's facts for the write rules, whatever its category (the caller decides what the reader may see). */
export async function selectEntryFacts(trx: Tx, caseId: string, entryId: string) {
  return trx
    .selectFrom('journalEntries')
    .select(['id', 'category', 'authorUserId', 'organisationId', 'status', 'version'])
    .where('caseId', '=', caseId)
    .where('id', '=', entryId)
    .executeTakeFirst();
}

/** Corrections of the given entries, oldest first, with who made them. */
export async function selectCorrections(trx: Tx, entryIds: readonly string[]) {
  if (entryIds.length === 0) return [];
  return trx
    .selectFrom('journalCorrections as k')
    .innerJoin('users as u', 'u.id', 'k.correctedBy')
    .select(['k.id', 'k.entryId', 'k.body', 'k.reason', 'k.correctedAt', 'u.id as userId', 'u.name as userName', 'u.organisationId as userOrganisationId'])
    .where('k.entryId', 'in', entryIds)
    .orderBy('k.correctedAt')
    .orderBy('k.id')
    .execute();
}
export type CorrectionRow = Awaited<ReturnType<typeof selectCorrections>>[number];

/** Changes a draft with optimistic concurrency: false when the version is stale or the entry no longer a draft. */
export async function updateDraft(trx: Tx, keyring: Keyring, entryId: string, version: number, changes: { body?: string; category?: InformationCategory }): Promise<boolean> {
  const result = await trx
    .updateTable('journalEntries')
    .set((eb) => ({
      ...(changes.body !== undefined ? { body: keyring.encrypt(changes.body, BODY_CONTEXT) } : {}),
      ...(changes.category !== undefined ? { category: changes.category } : {}),
      version: eb('version', '+', 1),
      updatedAt: new Date(),
    }))
    .where('id', '=', entryId)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Signs a draft at `version`; false when stale or already signed. */
export async function signDraft(trx: Tx, entryId: string, version: number, signedBy: string): Promise<boolean> {
  const now = new Date();
  const result = await trx
    .updateTable('journalEntries')
    .set((eb) => ({ status: 'signed', signedAt: now, signedBy, version: eb('version', '+', 1), updatedAt: now }))
    .where('id', '=', entryId)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertCorrection(trx: Tx, keyring: Keyring, values: { entryId: string; caseId: string; body: string; reason: string; correctedBy: string }): Promise<string> {
  const row = await trx
    .insertInto('journalCorrections')
    .values({
      entryId: values.entryId,
      caseId: values.caseId,
      body: keyring.encrypt(values.body, CORRECTION_CONTEXT),
      reason: keyring.encrypt(values.reason, CORRECTION_REASON_CONTEXT),
      correctedBy: values.correctedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
