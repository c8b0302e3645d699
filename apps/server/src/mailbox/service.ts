import {
  MailboxAgeGroup, MailboxAudience, ConversationStatus, EntryChannel, canEscalateConversation, canManageChildHandlers, canReplyToConversation,
  canSeeConversation, canUseInbox, type ChildHandlerList, type ConversationAssign, type ConversationEscalate, type ConversationList,
  type ConversationSummary, type ConversationView, type EscalationResult, type InboxFilter, type InboxStatistics, type ReplyCreate, type ReplyTemplate,
  type ReplyTemplateInput, type ReplyTemplateList, type ReplyTemplateUpdate, mayReceiveMailbox, type MailboxReceiving, type MailboxReceivingUpdate,
} from '@utvag/domain';
import { sql } from 'kysely';
import type { AccessContext, CaseScope } from '../access/context';
import { insertCase, insertParticipant } from '../cases/store';
import type { Keyring } from '../crypto/keyring';
import type { Db } from '../db/database';
import { AppError, BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';
import { insertEntry } from '../journal/store';
import { MESSAGE_CONTEXT, bumpConversation, insertMessage, selectConversation, selectConversations, selectMessages, type ConversationRow } from './store';

function requireInbox(scope: CaseScope): void {
  if (!canUseInbox(scope.actor)) throw new ForbiddenError('not_inbox_staff', 'The support-line inbox is for intake staff and managers.');
}

async function childQualified(scope: CaseScope): Promise<boolean> {
  const result = await sql<{ qualified: boolean }>`select utvag_mailbox_child_qualified() as qualified`.execute(scope.trx);
  return result.rows[0]?.qualified === true;
}

function summaryOf(row: ConversationRow): ConversationSummary {
  const lastStaff = row.lastStaffMessageAt ? new Date(row.lastStaffMessageAt) : null;
  const lastVisitor = new Date(row.lastVisitorMessageAt);
  const last = lastStaff && lastStaff > lastVisitor ? lastStaff : lastVisitor;
  return {
    id: row.id,
    status: ConversationStatus.parse(row.status),
    audience: MailboxAudience.parse(row.audience),
    ageGroup: MailboxAgeGroup.parse(row.ageGroup),
    language: row.language,
    municipalityName: row.municipalityName ?? null,
    assignedTo: row.assignedUserId && row.assignedName ? { id: row.assignedUserId, name: row.assignedName } : null,
    awaitingReply: row.status === 'open' && (!lastStaff || lastVisitor > lastStaff),
    messageCount: Number(row.messageCount ?? 0),
    createdAt: new Date(row.createdAt).toISOString(),
    lastMessageAt: last.toISOString(),
    version: row.version,
  };
}

/** The conversation, or 404 for one the actor may not see (missing and forbidden look the same). */
async function requireConversation(scope: CaseScope, conversationId: string): Promise<ConversationRow> {
  requireInbox(scope);
  const row = await selectConversation(scope.trx, conversationId);
  if (!row || !canSeeConversation(scope.actor, { organisationId: row.organisationId, audience: MailboxAudience.parse(row.audience) }, await childQualified(scope))) {
    throw new NotFoundError();
  }
  return row;
}

const staleError = (currentVersion: number) =>
  new ConflictError('stale_version', 'Someone changed the conversation after you opened it. Reload it and try again.', { currentVersion });

function requireWritable(row: ConversationRow): void {
  if (!canReplyToConversation(ConversationStatus.parse(row.status))) {
    throw new ConflictError('conversation_deleted', 'The writer has deleted this conversation; nothing can be added to it.');
  }
}

export async function listConversations(access: AccessContext, filter: InboxFilter): Promise<ConversationList> {
  return access.read(async (scope) => {
    requireInbox(scope);
    let query = selectConversations(scope.trx).where('c.organisationId', '=', scope.actor.organisationId).limit(500);
    if (filter === 'unassigned') query = query.where('c.status', '=', 'open').where('c.assignedUserId', 'is', null);
    if (filter === 'mine') query = query.where('c.status', '=', 'open').where('c.assignedUserId', '=', scope.actor.userId);
    if (filter === 'open') query = query.where('c.status', '=', 'open');
    if (filter === 'closed') query = query.where('c.status', 'in', ['closed', 'deleted']);
    const qualified = await childQualified(scope);
    const rows = (await query.execute()).filter((row) =>
      canSeeConversation(scope.actor, { organisationId: row.organisationId, audience: MailboxAudience.parse(row.audience) }, qualified));
    await scope.audit([{ action: 'mailbox.list', details: { filter, count: rows.length } }]);
    return { conversations: rows.map(summaryOf) };
  });
}

async function conversationView(scope: CaseScope, keyring: Keyring, row: ConversationRow): Promise<ConversationView> {
  const messages = await selectMessages(scope.trx, row.id);
  const status = ConversationStatus.parse(row.status);
  return {
    ...summaryOf(row),
    messages: await Promise.all(messages.map(async (message) => ({
      id: message.id,
      author: message.author === 'staff' ? 'staff' as const : 'visitor' as const,
      staff: message.authorUserId && message.authorName ? { id: message.authorUserId, name: message.authorName } : null,
      body: await keyring.decrypt(message.body, MESSAGE_CONTEXT),
      shared: message.shared,
      createdAt: new Date(message.createdAt).toISOString(),
    }))),
    shareRequested: row.shareRequestedAt !== null,
    caseId: row.caseId,
    canReply: canReplyToConversation(status),
    canEscalate: canEscalateConversation(scope.actor, { status, caseId: row.caseId }),
  };
}

/** Reading a conversation is reading personal data: it is audited like a case read. */
async function readConversation(scope: CaseScope, keyring: Keyring, conversationId: string): Promise<ConversationView> {
  const row = await requireConversation(scope, conversationId);
  const view = await conversationView(scope, keyring, row);
  await scope.audit([{ action: 'mailbox.read', details: { conversationId, messages: view.messages.length } }]);
  return view;
}

export async function getConversation(access: AccessContext, keyring: Keyring, conversationId: string): Promise<ConversationView> {
  return access.read((scope) => readConversation(scope, keyring, conversationId));
}

/** Assigns the conversation to a colleague in the inbox (or to nobody). */
export async function assignConversation(access: AccessContext, keyring: Keyring, conversationId: string, input: ConversationAssign): Promise<ConversationView> {
  return access.run(async (scope) => {
    const row = await requireConversation(scope, conversationId);
    requireWritable(row);
    if (input.userId) {
      const user = await scope.trx.selectFrom('users').select(['organisationId', 'roles', 'disabledAt']).where('id', '=', input.userId).executeTakeFirst();
      const qualified = input.userId === scope.actor.userId ? await childQualified(scope)
        : Boolean(await scope.trx.selectFrom('mailboxChildHandlers').select('userId').where('userId', '=', input.userId).executeTakeFirst());
      if (!user || user.disabledAt || !canSeeConversation({ organisationId: user.organisationId, roles: user.roles as never }, { organisationId: row.organisationId, audience: MailboxAudience.parse(row.audience) }, qualified)) {
        throw new BadRequestError('invalid_assignee', 'Assign the conversation to intake staff or a manager in your organisation who may handle it.');
      }
    }
    if (!(await bumpConversation(scope.trx, conversationId, input.version, { assignedUserId: input.userId }))) throw staleError(row.version);
    await scope.audit([{ action: 'mailbox.assign', details: { conversationId, assignee: input.userId } }]);
    return readConversation(scope, keyring, conversationId);
  });
}

/** A reply from the support line: encrypted, and the conversation is open again if it was closed. */
export async function replyToConversation(access: AccessContext, keyring: Keyring, conversationId: string, input: ReplyCreate, idempotencyKey: string | null): Promise<ConversationView> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, { conversationId, ...input }, async () => {
      const row = await requireConversation(scope, conversationId);
      requireWritable(row);
      const messageId = await insertMessage(scope.trx, keyring, {
        conversationId, organisationId: row.organisationId, author: 'staff', authorUserId: scope.actor.userId, body: input.body,
      });
      await bumpConversation(scope.trx, conversationId, null, {
        status: 'open', lastStaffMessageAt: new Date(), ...(row.assignedUserId ? {} : { assignedUserId: scope.actor.userId }),
      });
      await scope.audit([{ action: 'mailbox.reply', details: { conversationId, messageId } }]);
      return conversationId;
    }, async () => readConversation(scope, keyring, conversationId)),
  );
}

export async function closeConversation(access: AccessContext, keyring: Keyring, conversationId: string, version: number): Promise<ConversationView> {
  return access.run(async (scope) => {
    const row = await requireConversation(scope, conversationId);
    requireWritable(row);
    if (!(await bumpConversation(scope.trx, conversationId, version, { status: 'closed' }))) throw staleError(row.version);
    await scope.audit([{ action: 'mailbox.close', details: { conversationId } }]);
    return readConversation(scope, keyring, conversationId);
  });
}

/** Asks the visitor, in the mailbox, whether what they wrote may be passed on to whoever will help them. */
export async function requestSharing(access: AccessContext, keyring: Keyring, conversationId: string, version: number): Promise<ConversationView> {
  return access.run(async (scope) => {
    const row = await requireConversation(scope, conversationId);
    requireWritable(row);
    if (!(await bumpConversation(scope.trx, conversationId, version, { shareRequestedAt: new Date() }))) throw staleError(row.version);
    await scope.audit([{ action: 'mailbox.share_request', details: { conversationId } }]);
    return readConversation(scope, keyring, conversationId);
  });
}

/**
 * Opens a case from the conversation: entry channel anonymous mailbox, an alias, and only the
 * messages the visitor agreed to share carried in as the case's first journal entry. The link from
 * case to conversation stays on the conversation, so only inbox staff can follow it.
 */
export async function escalateConversation(access: AccessContext, keyring: Keyring, conversationId: string, input: ConversationEscalate, idempotencyKey: string | null): Promise<EscalationResult> {
  return access.run(async (scope) => {
    let shared = 0;
    const caseId = await onceOnly(scope.trx, scope.actor.userId, idempotencyKey, { conversationId, ...input }, async () => {
      const row = await requireConversation(scope, conversationId);
      const status = ConversationStatus.parse(row.status);
      if (!canEscalateConversation(scope.actor, { status, caseId: row.caseId })) {
        if (row.caseId) throw new ConflictError('already_escalated', 'A case has already been opened from this conversation.');
        if (status === 'deleted') throw new ConflictError('conversation_deleted', 'The writer has deleted this conversation.');
        throw new ForbiddenError('cannot_create_case', 'Only social services intake staff and managers can open a case.');
      }
      if (row.version !== input.version) throw staleError(row.version);
      const participantId = await insertParticipant(scope.trx, keyring, scope.actor.organisationId, {
        alias: input.alias, languages: [row.language.slice(0, 2)], interpreterNeeded: false, protectedIdentity: 'none',
      });
      const newCaseId = await insertCase(scope.trx, {
        program: input.program, ownerOrganisationId: scope.actor.organisationId, participantId, coordinatorUserId: null,
        entryChannel: EntryChannel.enum.anonymous_mailbox, createdBy: scope.actor.userId,
      });
      await scope.trx.insertInto('caseTeamMembers').values({ caseId: newCaseId, userId: scope.actor.userId, organisationId: scope.actor.organisationId, teamRole: 'team_member', addedBy: scope.actor.userId }).execute();
      const messages = (await selectMessages(scope.trx, conversationId)).filter((message) => message.author === 'visitor' && message.shared);
      shared = messages.length;
      if (messages.length > 0) {
        const texts = await Promise.all(messages.map(async (message) => `${new Date(message.createdAt).toISOString().slice(0, 10)}\n${await keyring.decrypt(message.body, MESSAGE_CONTEXT)}`));
        await insertEntry(scope.trx, keyring, {
          caseId: newCaseId, authorUserId: scope.actor.userId, organisationId: scope.actor.organisationId, category: input.journalCategory,
          body: texts.join('\n\n'), signed: false,
        });
      }
      if (!(await bumpConversation(scope.trx, conversationId, input.version, { caseId: newCaseId }))) throw staleError(row.version);
      const loaded = await scope.requireCase(newCaseId);
      await scope.auditCase(loaded, 'case.create', { details: { entryChannel: 'anonymous_mailbox' } });
      await scope.auditCase(loaded, 'mailbox.escalate', { details: { conversationId, sharedMessages: shared } });
      return newCaseId;
    }, async (id) => id);
    return { caseId, sharedMessages: shared };
  });
}

export async function inboxStatistics(access: AccessContext): Promise<InboxStatistics> {
  return access.read(async (scope) => {
    requireInbox(scope);
    // Aggregates only: counts per week and status, and the organisation's cases per entry channel.
    const weeks = await sql<{ week: string; status: string; count: string }>`
      select to_char(date_trunc('week', created_at), 'IYYY-"W"IW') as week, status, count(*) as count
      from mailbox_conversations where organisation_id = ${scope.actor.organisationId} and created_at > now() - interval '26 weeks'
      group by 1, 2 order by 1 desc, 2`.execute(scope.trx);
    const channels = await sql<{ entryChannel: string | null; count: string }>`
      select entry_channel, count(*) as count from cases where owner_organisation_id = ${scope.actor.organisationId}
      group by 1 order by 2 desc, 1`.execute(scope.trx);
    await scope.audit([{ action: 'mailbox.statistics' }]);
    return {
      weeks: weeks.rows.map((row) => ({ week: row.week, status: ConversationStatus.parse(row.status), count: Number(row.count) })),
      casesByEntryChannel: channels.rows.map((row) => ({ entryChannel: row.entryChannel === null ? null : EntryChannel.parse(row.entryChannel), count: Number(row.count) })),
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// Reply templates: the organisation's own texts, in several languages; nothing about a person.

function templateOf(row: { id: string; title: string; language: string; body: string; version: number; updatedAt: Date | string }): ReplyTemplate {
  return { id: row.id, title: row.title, language: row.language, body: row.body, version: row.version, updatedAt: new Date(row.updatedAt).toISOString() };
}

export async function listTemplates(access: AccessContext): Promise<ReplyTemplateList> {
  return access.read(async (scope) => {
    requireInbox(scope);
    const rows = await scope.trx.selectFrom('mailboxReplyTemplates').selectAll().orderBy('language').orderBy('title').execute();
    return { templates: rows.map(templateOf) };
  });
}

export async function createTemplate(access: AccessContext, input: ReplyTemplateInput, idempotencyKey: string | null): Promise<ReplyTemplate> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, input, async () => {
      requireInbox(scope);
      const row = await scope.trx.insertInto('mailboxReplyTemplates')
        .values({ ...input, organisationId: scope.actor.organisationId, updatedBy: scope.actor.userId }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    }, async (id) => templateOf(await scope.trx.selectFrom('mailboxReplyTemplates').selectAll().where('id', '=', id).executeTakeFirstOrThrow())),
  );
}

export async function updateTemplate(access: AccessContext, templateId: string, input: ReplyTemplateUpdate): Promise<ReplyTemplate> {
  return access.run(async (scope) => {
    requireInbox(scope);
    const current = await scope.trx.selectFrom('mailboxReplyTemplates').select('version').where('id', '=', templateId).executeTakeFirst();
    if (!current) throw new NotFoundError();
    const { version, ...fields } = input;
    const row = await scope.trx.updateTable('mailboxReplyTemplates')
      .set((eb) => ({ ...fields, version: eb('version', '+', 1), updatedBy: scope.actor.userId, updatedAt: new Date() }))
      .where('id', '=', templateId).where('version', '=', version).returningAll().executeTakeFirst();
    if (!row) throw new ConflictError('stale_version', 'Someone changed the template after you opened it. Reload it and try again.', { currentVersion: current.version });
    return templateOf(row);
  });
}

export async function deleteTemplate(access: AccessContext, templateId: string): Promise<void> {
  await access.run(async (scope) => {
    requireInbox(scope);
    const deleted = await scope.trx.deleteFrom('mailboxReplyTemplates').where('id', '=', templateId).executeTakeFirst();
    if (deleted.numDeletedRows === 0n) throw new NotFoundError();
  });
}

// ---------------------------------------------------------------------------------------------------
// Who handles children's conversations: decided by the organisation's administrator.

function requireAdministrator(scope: CaseScope): void {
  if (!canManageChildHandlers(scope.actor)) throw new ForbiddenError('not_org_admin', 'Only the organisation\'s administrator decides who handles children\'s conversations.');
}

export async function listChildHandlers(access: AccessContext): Promise<ChildHandlerList> {
  return access.read(async (scope) => {
    requireAdministrator(scope);
    const rows = await scope.trx.selectFrom('mailboxChildHandlers as h').innerJoin('users as u', 'u.id', 'h.userId')
      .select(['h.userId', 'u.name', 'h.grantedAt']).orderBy('u.name').execute();
    await scope.audit([{ action: 'mailbox.child_handlers.read', details: { count: rows.length } }]);
    return { handlers: rows.map((row) => ({ userId: row.userId, name: row.name, grantedAt: new Date(row.grantedAt).toISOString() })) };
  });
}

export async function grantChildHandler(access: AccessContext, userId: string): Promise<void> {
  await access.run(async (scope) => {
    requireAdministrator(scope);
    const user = await scope.trx.selectFrom('users').select(['organisationId', 'roles', 'disabledAt']).where('id', '=', userId).executeTakeFirst();
    if (!user || user.organisationId !== scope.actor.organisationId) throw new NotFoundError();
    if (user.disabledAt || !canUseInbox({ roles: user.roles as never })) {
      throw new BadRequestError('not_inbox_staff', 'Only intake staff and managers can be given children\'s conversations.');
    }
    await scope.trx.insertInto('mailboxChildHandlers').values({ userId, organisationId: scope.actor.organisationId, grantedBy: scope.actor.userId })
      .onConflict((oc) => oc.column('userId').doNothing()).execute();
    await scope.audit([{ action: 'mailbox.child_handlers.grant', details: { userId } }]);
  });
}

export async function revokeChildHandler(access: AccessContext, userId: string): Promise<void> {
  await access.run(async (scope) => {
    requireAdministrator(scope);
    const deleted = await scope.trx.deleteFrom('mailboxChildHandlers').where('userId', '=', userId).executeTakeFirst();
    if (deleted.numDeletedRows === 0n) throw new NotFoundError();
    await scope.audit([{ action: 'mailbox.child_handlers.revoke', details: { userId } }]);
  });
}

/** Whether the administrator's own organisation takes new mailbox messages. */
export async function getReceiving(access: AccessContext): Promise<MailboxReceiving> {
  return access.read(async (scope) => {
    requireAdministrator(scope);
    return receivingOf(scope);
  });
}

/**
 * Turns taking new messages on or off for the administrator's own organisation. Conversations it
 * already has stay with it. The default receiver is the operator's choice and is not changed here.
 */
export async function setReceiving(access: AccessContext, input: MailboxReceivingUpdate): Promise<MailboxReceiving> {
  return access.run(async (scope) => {
    requireAdministrator(scope);
    const current = await receivingOf(scope);
    if (input.receives && !current.mayReceive) {
      throw new AppError(422, 'organisation_cannot_receive', 'This kind of organisation cannot take mailbox messages.', { rule: 'organisation_cannot_receive' });
    }
    if (current.isDefault) {
      throw new ConflictError('default_receiver', 'The default receiver is set by the operator and cannot be turned off here.');
    }
    if (input.receives === current.receives) return current;
    if (input.receives) {
      await scope.trx.insertInto('mailboxReceivers').values({ organisationId: scope.actor.organisationId, isDefault: false }).execute();
    } else {
      await scope.trx.deleteFrom('mailboxReceivers').where('organisationId', '=', scope.actor.organisationId).execute();
    }
    await scope.audit([{ action: 'mailbox.receiving.change', details: { receives: input.receives } }]);
    return { ...current, receives: input.receives };
  });
}

async function receivingOf(scope: CaseScope): Promise<MailboxReceiving> {
  const row = await scope.trx.selectFrom('mailboxReceivers').select('isDefault').where('organisationId', '=', scope.actor.organisationId).executeTakeFirst();
  return { receives: row !== undefined, isDefault: row?.isDefault === true, mayReceive: mayReceiveMailbox(scope.actor.organisationType) };
}

/** Makes an organisation take mailbox messages, optionally as the default receiver (operator and demo set-up). */
export async function setMailboxReceiver(db: Db, organisationId: string, isDefault = false): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (isDefault) await trx.updateTable('mailboxReceivers').set({ isDefault: false }).where('isDefault', '=', true).execute();
    await trx.insertInto('mailboxReceivers').values({ organisationId, isDefault })
      .onConflict((oc) => oc.column('organisationId').doUpdateSet({ isDefault, updatedAt: new Date() })).execute();
  });
}
