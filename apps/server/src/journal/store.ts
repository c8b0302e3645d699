import { randomUUID } from 'node:crypto';
import type { InformationCategory } from '@utvag/domain';
import { sql } from 'kysely';
import type { Keyring } from '../crypto/keyring';
import { compiledOnce } from '../db/compiled-once';
import { claimInsert, type KeyClaim } from '../http/idempotency';
import { AUDIT_COLUMNS, auditInsertFrom, type AuditRow } from '../audit/audit';
import { thenCommit } from '../db/preparing-pool';
import type { Tx } from '../db/database';

/** Column contexts: a ciphertext decrypts only in the column it was written for. */
export const BODY_CONTEXT = 'journal.body';
export const CORRECTION_CONTEXT = 'journal.correction';
export const CORRECTION_REASON_CONTEXT = 'journal.correction.reason';

const AUDIT_VALUES = AUDIT_COLUMNS.map(([column]) => `audit.${column}` as const);
type AuditValue = (typeof AUDIT_VALUES)[number];
type EntryValue = 'id' | 'caseId' | 'authorUserId' | 'organisationId' | 'category' | 'body' | 'signedAt' | 'key' | 'requestHash' | AuditValue;
const ENTRY_VALUES = ['id', 'caseId', 'authorUserId', 'organisationId', 'category', 'body'] as const;

/**
 * The insert of an entry, answered with the entry as `selectEntries` shows it. Signed when `signedAt` is
 * among its values. With `key` and `requestHash`, the same statement claims the Idempotency-Key for the
 * new entry and inserts the entry only if the claim succeeds: no row comes back when the key was claimed
 * before (a second request with the same key waits for the first to commit or roll back). With the audit
 * row's values (`audit.*`), the same statement also inserts the audit event when it inserts the entry,
 * and it is the transaction's last: its `commit` goes with it (`thenCommit`).
 */
const insertEntryQuery = <K extends EntryValue>(names: readonly K[]) => {
  const audited = names.includes('audit.action' as K);
  return compiledOnce(names, (db, placeholders) => {
    const value = placeholders as Readonly<Record<EntryValue, string>>;
    const signed = names.includes('signedAt' as K);
    const claimed = names.includes('key' as K);
    const columns = ['id', 'caseId', 'authorUserId', 'organisationId', 'category', 'body', ...(signed ? ['status', 'signedAt', 'signedBy'] as const : [])] as const;
    // Placeholders stand for every value; the values passed at each run include a Buffer (the ciphertext) and a Date.
    const row = sql`select ${value.id}::uuid, ${value.caseId}::uuid, ${value.authorUserId}::uuid, ${value.organisationId}::uuid,
      ${value.category}, ${value.body}::bytea${signed ? sql`, 'signed', ${value.signedAt}::timestamptz, ${value.authorUserId}::uuid` : sql``}
      ${claimed ? sql`where exists (select from k)` : sql``}`;
    const withClaim = claimed
      ? db.with('k', (cte) => claimInsert(cte, { userId: value.authorUserId, key: value.key, requestHash: value.requestHash, resourceId: value.id }))
      : db;
    const withEntry = withClaim
      .with('j', (cte) => cte
        .insertInto('journalEntries')
        .columns(columns)
        .expression(row)
        .returning(['id', 'caseId', 'category', 'body', 'status', 'signedAt', 'signedBy', 'version', 'createdAt', 'authorUserId', 'organisationId']));
    const audit = Object.fromEntries(AUDIT_COLUMNS.map(([column]) => [column, value[`audit.${column}`]])) as Parameters<typeof auditInsertFrom>[1];
    return (audited ? withEntry.with('a', (cte) => auditInsertFrom(cte, audit, 'j')) : withEntry)
      .selectFrom('j')
      .innerJoin('users as a', 'a.id', 'j.authorUserId')
      .innerJoin('organisations as o', 'o.id', 'j.organisationId')
      .leftJoin('users as s', 's.id', 'j.signedBy')
      .select(ENTRY_COLUMNS);
  }, audited ? thenCommit : undefined);
};
const inserts = {
  draft: insertEntryQuery(ENTRY_VALUES),
  signed: insertEntryQuery([...ENTRY_VALUES, 'signedAt']),
  auditedDraft: insertEntryQuery([...ENTRY_VALUES, ...AUDIT_VALUES]),
  auditedSigned: insertEntryQuery([...ENTRY_VALUES, 'signedAt', ...AUDIT_VALUES]),
  claimedDraft: insertEntryQuery([...ENTRY_VALUES, 'key', 'requestHash', ...AUDIT_VALUES]),
  claimedSigned: insertEntryQuery([...ENTRY_VALUES, 'signedAt', 'key', 'requestHash', ...AUDIT_VALUES]),
};

interface NewEntry {
  caseId: string; authorUserId: string; organisationId: string; category: InformationCategory; body: string; signed: boolean;
}

function sealedEntry(keyring: Keyring, entry: NewEntry) {
  const { body, signed: _signed, ...rest } = entry;
  return { id: randomUUID(), ...rest, body: keyring.encrypt(body, BODY_CONTEXT) };
}

/**
 * Inserts an entry and answers with it as `selectEntries` would, author, organisation and signer
 * included, in the same statement. Compiled once.
 */
export async function insertEntry(trx: Tx, keyring: Keyring, entry: NewEntry): Promise<EntryRow> {
  const sealed = sealedEntry(keyring, entry);
  const [row] = entry.signed ? await inserts.signed(trx, { ...sealed, signedAt: new Date() }) : await inserts.draft(trx, sealed);
  if (!row) throw new Error('The journal entry was not inserted.');
  return row;
}

/**
 * A journal entry written by a request, and its audit event (`event`, given the entry's id), in one
 * statement that ends the transaction: its `commit` goes out with it (`thenCommit`), so nothing may run on
 * the transaction after it, and nothing after it may fail. With a `claim`, the statement claims the
 * Idempotency-Key for the entry too, and answers null, having inserted nothing, when the key was claimed
 * before (see `claimedResource`, to be read in a transaction of its own).
 */
export async function insertEntryEndingTransaction(
  trx: Tx, keyring: Keyring, entry: NewEntry, claim: KeyClaim | null, event: (entryId: string) => AuditRow,
): Promise<EntryRow | null> {
  const sealed = sealedEntry(keyring, entry);
  const audit = Object.fromEntries(Object.entries(event(sealed.id)).map(([column, value]) => [`audit.${column}`, value])) as Record<AuditValue, unknown>;
  // The unsigned variants have no `signedAt` placeholder, so the value given for it is not used.
  const values = { ...sealed, ...audit, signedAt: entry.signed ? new Date() : null };
  const insert = claim
    ? (entry.signed ? inserts.claimedSigned : inserts.claimedDraft)(trx, { ...values, key: claim.key, requestHash: claim.requestHash })
    : (entry.signed ? inserts.auditedSigned : inserts.auditedDraft)(trx, values);
  const [row] = await insert;
  return row ?? null;
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
