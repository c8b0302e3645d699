import { sql } from 'kysely';
import type { Keyring } from '../crypto/keyring';
import type { Db, Queryable, Tx } from '../db/database';

/** Column contexts: a ciphertext decrypts only in the column it was written for. */
export const MESSAGE_CONTEXT = 'mailbox.message';
export const CREDENTIALS_CONTEXT = 'mailbox.credentials';
export const CODE_INDEX_PURPOSE = 'mailbox.code';

/**
 * Opens a transaction as the application role for one visitor: row-level security then shows the
 * visitor's own conversation and nothing else (no organisation, no user is set).
 */
export async function asVisitor<T>(db: Db, conversationId: string, work: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('role', 'utvag_app', true), set_config('utvag.mailbox_conversation_id', ${conversationId}, true)`.execute(trx);
    return work(trx);
  });
}

/**
 * The organisation that receives a conversation: the chosen municipality's own organisation if it
 * takes mailbox messages, else a collaboration it belongs to, else the chosen county's region or
 * county board, else the default receiver. Null when nobody takes messages at all.
 */
export async function receivingOrganisation(trx: Queryable, municipalityCode: string | null, countyCode: string | null): Promise<string | null> {
  const result = await sql<{ id: string }>`
    select o.id from mailbox_receivers r join organisations o on o.id = r.organisation_id
    where (o.type = 'municipality' and o.municipality_code = ${municipalityCode})
       or (o.type = 'collaboration' and exists (select 1 from collaboration_members m where m.collaboration_id = o.id and m.municipality_code = ${municipalityCode}))
       or (o.type in ('region', 'county_board') and o.county_code = ${countyCode})
       or r.is_default
    order by case when o.type = 'municipality' and o.municipality_code = ${municipalityCode} then 0
                  when o.type = 'collaboration' and exists (select 1 from collaboration_members m where m.collaboration_id = o.id and m.municipality_code = ${municipalityCode}) then 1
                  when o.type in ('region', 'county_board') and o.county_code = ${countyCode} then 2
                  else 3 end, o.created_at
    limit 1`.execute(trx);
  return result.rows[0]?.id ?? null;
}

export async function insertConversation(trx: Tx, values: {
  id: string; organisationId: string; codeIndex: string; passphraseHash: string; language: string; ageGroup: string; audience: string;
  municipalityCode: string | null; countyCode: string | null;
}): Promise<void> {
  await trx.insertInto('mailboxConversations').values(values).execute();
}

export async function insertMessage(trx: Tx, keyring: Keyring, values: {
  conversationId: string; organisationId: string; author: 'visitor' | 'staff'; authorUserId: string | null; body: string;
}): Promise<string> {
  const { body, ...rest } = values;
  const row = await trx.insertInto('mailboxMessages').values({ ...rest, body: keyring.encrypt(body, MESSAGE_CONTEXT) }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

const conversationColumns = [
  'c.id', 'c.organisationId', 'c.language', 'c.ageGroup', 'c.audience', 'c.municipalityCode', 'c.status', 'c.assignedUserId', 'c.caseId',
  'c.shareRequestedAt', 'c.lastVisitorMessageAt', 'c.lastStaffMessageAt', 'c.version', 'c.createdAt',
] as const;

/** Conversations visible in the transaction (row-level security decides), newest visitor message first. */
export function selectConversations(trx: Tx) {
  return trx
    .selectFrom('mailboxConversations as c')
    .leftJoin('users as u', 'u.id', 'c.assignedUserId')
    .leftJoin('municipalities as m', 'm.code', 'c.municipalityCode')
    .select(conversationColumns)
    .select(['u.name as assignedName', 'm.name as municipalityName'])
    .select((eb) => eb.selectFrom('mailboxMessages as x').whereRef('x.conversationId', '=', 'c.id').select(eb.fn.countAll<string>().as('n')).as('messageCount'))
    .orderBy('c.lastVisitorMessageAt', 'desc')
    .orderBy('c.id');
}
export type ConversationRow = Awaited<ReturnType<ReturnType<typeof selectConversations>['executeTakeFirstOrThrow']>>;

export async function selectConversation(trx: Tx, conversationId: string): Promise<ConversationRow | undefined> {
  return selectConversations(trx).where('c.id', '=', conversationId).executeTakeFirst();
}

export async function selectMessages(trx: Tx, conversationId: string) {
  return trx
    .selectFrom('mailboxMessages as x')
    .leftJoin('users as u', 'u.id', 'x.authorUserId')
    .select(['x.id', 'x.author', 'x.authorUserId', 'x.body', 'x.shared', 'x.createdAt', 'u.name as authorName'])
    .where('x.conversationId', '=', conversationId)
    .orderBy('x.createdAt')
    .orderBy('x.id')
    .execute();
}
export type MessageRow = Awaited<ReturnType<typeof selectMessages>>[number];

/** Bumps the conversation's version if it is still at `version`; false when someone changed it first. */
export async function bumpConversation(trx: Tx, conversationId: string, version: number | null, changes: {
  status?: string; assignedUserId?: string | null; caseId?: string; shareRequestedAt?: Date; lastVisitorMessageAt?: Date; lastStaffMessageAt?: Date;
}): Promise<boolean> {
  let query = trx.updateTable('mailboxConversations')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', conversationId)
    .where('status', '<>', 'deleted');
  if (version !== null) query = query.where('version', '=', version);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The visitor deletes the conversation: every message goes, the row stays as a count with nothing in it. */
export async function eraseConversation(trx: Tx, conversationId: string): Promise<void> {
  await trx.deleteFrom('mailboxMessages').where('conversationId', '=', conversationId).execute();
  await trx.updateTable('mailboxConversations')
    .set((eb) => ({ status: 'deleted', codeIndex: null, passphraseHash: null, deletedAt: new Date(), shareRequestedAt: null, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', conversationId)
    .execute();
}

// ---------------------------------------------------------------------------------------------------
// Credentials and sessions: the owning role only (like staff login), never granted to utvag_app.

export async function findCredentials(db: Db, codeIndex: string) {
  return db.selectFrom('mailboxConversations').select(['id', 'passphraseHash']).where('codeIndex', '=', codeIndex).where('status', '<>', 'deleted').executeTakeFirst();
}

export async function insertSession(db: Queryable, values: { id: string; conversationId: string; pendingCredentials: Buffer | null }): Promise<void> {
  await db.insertInto('mailboxSessions').values(values).execute();
}

export async function selectSession(db: Db, id: string) {
  return db.selectFrom('mailboxSessions').select(['id', 'conversationId', 'lastSeenAt', 'createdAt']).where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Db, id: string): Promise<void> {
  await db.updateTable('mailboxSessions').set({ lastSeenAt: new Date() }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('mailboxSessions').where('id', '=', id).execute();
}

export async function deleteSessionsOf(db: Queryable, conversationId: string): Promise<void> {
  await db.deleteFrom('mailboxSessions').where('conversationId', '=', conversationId).execute();
}

/** The new code and passphrase, handed out once: reading them wipes them. */
export async function takePendingCredentials(db: Db, sessionId: string): Promise<Buffer | null> {
  const result = await sql<{ pendingCredentials: Buffer | null }>`
    update mailbox_sessions s set pending_credentials = null from (select id, pending_credentials from mailbox_sessions where id = ${sessionId} for update) old
    where s.id = old.id returning old.pending_credentials`.execute(db);
  return result.rows[0]?.pendingCredentials ?? null;
}

/** Sessions idle or older than the limits, and any credentials still waiting in them, are removed. */
export async function deleteExpiredSessions(db: Db, idleMinutes: number, maxMinutes: number): Promise<void> {
  await db.deleteFrom('mailboxSessions')
    .where((eb) => eb.or([eb('lastSeenAt', '<', new Date(Date.now() - idleMinutes * 60_000)), eb('createdAt', '<', new Date(Date.now() - maxMinutes * 60_000))]))
    .execute();
}
