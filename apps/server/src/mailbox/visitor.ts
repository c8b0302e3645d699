import { randomUUID } from 'node:crypto';
import {
  audienceOf, generateCaseCode, generatePassphrase, normalizeCaseCode, normalizePassphrase, type ConversationStatus, type FirstMessage,
} from '@utvag/domain';
import { sql } from 'kysely';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { hashToken, newSecretToken } from '../auth/tokens';
import type { Keyring } from '../crypto/keyring';
import type { Db } from '../db/database';
import { hitLimit, sourceOf } from './abuse';
import {
  CODE_INDEX_PURPOSE, CREDENTIALS_CONTEXT, MESSAGE_CONTEXT, asVisitor, bumpConversation, deleteExpiredSessions, deleteSession, deleteSessionsOf, eraseConversation,
  findCredentials, insertConversation, insertMessage, insertSession, receivingOrganisation, selectSession, takePendingCredentials, touchSession,
} from './store';

/** A visitor's mailbox closes itself after this long without use: a shared phone must not stay open. */
export const MAILBOX_IDLE_MINUTES = 20;
/** However active, a mailbox session ends after this. */
const MAILBOX_MAX_MINUTES = 120;
const TOUCH_AFTER_MS = 30_000;

export interface VisitorDeps { db: Db; keyring: Keyring }

export interface NewMailbox { cookie: string }
export interface Credentials { code: string; passphrase: string }

/** Refusals the visitor pages explain in the visitor's language. */
export class MailboxRefusal extends Error {
  constructor(readonly reason: 'no_receiver' | 'wrong_credentials') {
    super(reason);
  }
}

const codeIndex = (keyring: Keyring, normalizedCode: string) => keyring.blindIndex(normalizedCode, CODE_INDEX_PURPOSE);

/**
 * Writes a first message: a new conversation with a new code and passphrase, routed to the
 * organisation that receives it, and a mailbox session that shows the credentials once. Limits are
 * counted first, so a refused message leaves nothing behind.
 */
export async function writeFirstMessage(deps: VisitorDeps, input: FirstMessage, address: string): Promise<NewMailbox> {
  const { db, keyring } = deps;
  await hitLimit(db, 'newConversationsPerSource', await sourceOf(db, keyring, address));
  await hitLimit(db, 'newConversationsGlobal', 'all');
  // Sessions nobody came back to would keep their unread credentials; each new mailbox sweeps them away.
  await deleteExpiredSessions(db, MAILBOX_IDLE_MINUTES, MAILBOX_MAX_MINUTES);
  const code = generateCaseCode();
  const passphrase = generatePassphrase();
  const passphraseHash = await hashPassword(passphrase);
  const conversationId = randomUUID();
  const { token, hash } = newSecretToken();
  await asVisitor(db, conversationId, async (trx) => {
    const organisationId = await receivingOrganisation(trx, input.municipalityCode, input.countyCode);
    if (!organisationId) throw new MailboxRefusal('no_receiver');
    await insertConversation(trx, {
      id: conversationId, organisationId, codeIndex: codeIndex(keyring, normalizeCaseCode(code)!), passphraseHash, language: input.language,
      ageGroup: input.ageGroup, audience: audienceOf(input.ageGroup), municipalityCode: input.municipalityCode, countyCode: input.countyCode,
    });
    await insertMessage(trx, keyring, { conversationId, organisationId, author: 'visitor', authorUserId: null, body: input.body });
    // Sessions are the owning role's: the same transaction steps out of the application role to add it.
    await sql`reset role`.execute(trx);
    const credentials: Credentials = { code, passphrase };
    await insertSession(trx, { id: hash, conversationId, pendingCredentials: keyring.encryptJson(credentials, CREDENTIALS_CONTEXT) });
  });
  return { cookie: token };
}

/**
 * Opens a mailbox with its code and passphrase. A wrong passphrase and an unknown code get the same
 * answer after the same work (a dummy hash is checked); attempts are counted per source and per code.
 */
export async function openMailbox(deps: VisitorDeps, codeInput: string, passphraseInput: string, address: string): Promise<NewMailbox> {
  const { db, keyring } = deps;
  const normalized = normalizeCaseCode(codeInput);
  await hitLimit(db, 'openPerSource', await sourceOf(db, keyring, address));
  const index = codeIndex(keyring, normalized ?? codeInput.slice(0, 100));
  await hitLimit(db, 'openPerCode', index.slice(0, 32));
  const found = normalized ? await findCredentials(db, index) : undefined;
  const passphrase = normalizePassphrase(passphraseInput.slice(0, 300));
  const ok = await verifyPassword(found?.passphraseHash ?? null, passphrase);
  if (!found || !ok) throw new MailboxRefusal('wrong_credentials');
  const { token, hash } = newSecretToken();
  await insertSession(db, { id: hash, conversationId: found.id, pendingCredentials: null });
  return { cookie: token };
}

export interface VisitorSession { id: string; conversationId: string }

/** The session of a mailbox cookie; an idle or too old one is removed and resolves to nothing. */
export async function visitorSession(db: Db, cookie: string | undefined): Promise<VisitorSession | null> {
  if (!cookie || cookie.length > 200) return null;
  const id = hashToken(cookie);
  const row = await selectSession(db, id);
  if (!row) return null;
  const idleMs = Date.now() - new Date(row.lastSeenAt).getTime();
  if (idleMs > MAILBOX_IDLE_MINUTES * 60_000 || Date.now() - new Date(row.createdAt).getTime() > MAILBOX_MAX_MINUTES * 60_000) {
    await deleteSession(db, id);
    return null;
  }
  if (idleMs > TOUCH_AFTER_MS) await touchSession(db, id);
  return { id, conversationId: row.conversationId };
}

export async function closeMailbox(db: Db, session: VisitorSession): Promise<void> {
  await deleteSession(db, session.id);
}

/** The code and passphrase of a new mailbox, once; null when they have already been shown. */
export async function showCredentialsOnce(deps: VisitorDeps, session: VisitorSession): Promise<Credentials | null> {
  const sealed = await takePendingCredentials(deps.db, session.id);
  return sealed ? deps.keyring.decryptJson<Credentials>(sealed, CREDENTIALS_CONTEXT) : null;
}

export interface VisitorMessage { id: string; fromVisitor: boolean; body: string; shared: boolean; createdAt: Date }
export interface VisitorConversation { status: ConversationStatus; shareRequested: boolean; messages: VisitorMessage[] }

/** What the visitor sees: their messages and the replies, with no staff names. */
export async function readAsVisitor(deps: VisitorDeps, session: VisitorSession): Promise<VisitorConversation | null> {
  return asVisitor(deps.db, session.conversationId, async (trx) => {
    const conversation = await trx.selectFrom('mailboxConversations').select(['status', 'shareRequestedAt'])
      .where('id', '=', session.conversationId).executeTakeFirst();
    if (!conversation || conversation.status === 'deleted') return null;
    const rows = await trx.selectFrom('mailboxMessages').select(['id', 'author', 'body', 'shared', 'createdAt'])
      .where('conversationId', '=', session.conversationId).orderBy('createdAt').orderBy('id').execute();
    const messages = await Promise.all(rows.map(async (row) => ({
      id: row.id, fromVisitor: row.author === 'visitor', body: await deps.keyring.decrypt(row.body, MESSAGE_CONTEXT), shared: row.shared, createdAt: row.createdAt,
    })));
    return { status: conversation.status as ConversationStatus, shareRequested: conversation.shareRequestedAt !== null, messages };
  });
}

/** The visitor answers; a closed conversation opens again so that staff see it. */
export async function replyAsVisitor(deps: VisitorDeps, session: VisitorSession, body: string, address: string): Promise<boolean> {
  await hitLimit(deps.db, 'messagesPerSource', await sourceOf(deps.db, deps.keyring, address));
  return asVisitor(deps.db, session.conversationId, async (trx) => {
    const conversation = await trx.selectFrom('mailboxConversations').select(['organisationId', 'status']).where('id', '=', session.conversationId).executeTakeFirst();
    if (!conversation || conversation.status === 'deleted') return false;
    await insertMessage(trx, deps.keyring, { conversationId: session.conversationId, organisationId: conversation.organisationId, author: 'visitor', authorUserId: null, body });
    await bumpConversation(trx, session.conversationId, null, { status: 'open', lastVisitorMessageAt: new Date() });
    return true;
  });
}

/** The visitor's answer to "may we pass this on?": exactly the chosen messages of theirs are shared. */
export async function chooseShared(deps: VisitorDeps, session: VisitorSession, messageIds: readonly string[]): Promise<void> {
  const chosen = messageIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  await asVisitor(deps.db, session.conversationId, async (trx) => {
    const base = trx.updateTable('mailboxMessages').where('conversationId', '=', session.conversationId).where('author', '=', 'visitor');
    await base.set({ shared: false }).execute();
    if (chosen.length > 0) await base.set({ shared: true }).where('id', 'in', chosen).execute();
  });
}

/** Deletes the conversation: its messages are removed and every session of it ends. */
export async function deleteAsVisitor(deps: VisitorDeps, session: VisitorSession): Promise<void> {
  await asVisitor(deps.db, session.conversationId, (trx) => eraseConversation(trx, session.conversationId));
  await deleteSessionsOf(deps.db, session.conversationId);
}

