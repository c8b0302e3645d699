import {
  InformationCategory, JournalEntryStatus, canCorrectJournalEntry, canEditDraft, canReadJournalEntry, canSignEntry, canWriteJournal, canWriteJournalEntry, seesJournalEntry,
  type JournalCorrection, type JournalEntryCreate, type JournalEntryUpdate, type JournalEntryView, type JournalList,
} from '@utvag/domain';
import type { AccessContext, CaseScope, LoadedCase } from '../access/context';
import type { Keyring } from '../crypto/keyring';
import { ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { claimedResource, earlierResource, keyClaim, onceOnly } from '../http/idempotency';
import {
  BODY_CONTEXT, CORRECTION_CONTEXT, CORRECTION_REASON_CONTEXT, insertCorrection, insertEntryEndingTransaction, selectCorrections, selectEntries, selectEntryFacts,
  signDraft, updateDraft, type CorrectionRow, type EntryRow,
} from './store';

/** The categories whose entries this reader may read, by the rule in packages/domain. */
function readableCategories(scope: CaseScope, loaded: LoadedCase): InformationCategory[] {
  return InformationCategory.options.filter((category) => scope.sees(loaded, category) && canReadJournalEntry(scope.actor, loaded.facts, category, scope.now));
}

async function entryViews(scope: CaseScope, keyring: Keyring, loaded: LoadedCase, entryId?: string): Promise<JournalEntryView[]> {
  const rows = (await selectEntries(scope.trx, loaded.caseId, readableCategories(scope, loaded), entryId))
    .filter((row) => seesJournalEntry(scope.actor, { status: JournalEntryStatus.parse(row.status), authorUserId: row.authorId, organisationId: row.organisationId }));
  const corrections = await selectCorrections(scope.trx, rows.map((row) => row.id));
  const byEntry = new Map<string, CorrectionRow[]>();
  for (const correction of corrections) byEntry.set(correction.entryId, [...(byEntry.get(correction.entryId) ?? []), correction]);
  return Promise.all(rows.map((row) => entryView(scope, keyring, loaded, row, byEntry.get(row.id) ?? [])));
}

/** An entry as the reader sees it. `writtenBody` is the text of an entry this request has just written, which needs no decrypting. */
async function entryView(
  scope: CaseScope, keyring: Keyring, loaded: LoadedCase, row: EntryRow, corrections: CorrectionRow[], writtenBody?: string,
): Promise<JournalEntryView> {
  const status = JournalEntryStatus.parse(row.status);
  const category = InformationCategory.parse(row.category);
  const facts = { authorUserId: row.authorId, status };
  const writes = canWriteJournalEntry(scope.actor, loaded.facts, category, scope.now);
  return {
    id: row.id,
    category,
    body: writtenBody ?? await keyring.decrypt(row.body, BODY_CONTEXT),
    author: { id: row.authorId, name: row.authorName, organisationId: row.authorOrganisationId },
    organisation: { id: row.organisationId, name: row.organisationName, type: row.organisationType },
    status,
    createdAt: row.createdAt.toISOString(),
    signedAt: row.signedAt ? row.signedAt.toISOString() : null,
    signedBy: row.signerId && row.signerName && row.signerOrganisationId ? { id: row.signerId, name: row.signerName, organisationId: row.signerOrganisationId } : null,
    version: row.version,
    corrections: await Promise.all(corrections.map(async (correction) => ({
      id: correction.id,
      body: await keyring.decrypt(correction.body, CORRECTION_CONTEXT),
      reason: await keyring.decrypt(correction.reason, CORRECTION_REASON_CONTEXT),
      correctedBy: { id: correction.userId, name: correction.userName, organisationId: correction.userOrganisationId },
      correctedAt: correction.correctedAt.toISOString(),
    }))),
    allowed: {
      edit: writes && canEditDraft(scope.actor, facts),
      sign: writes && canSignEntry(scope.actor, facts),
      correct: writes && canCorrectJournalEntry(scope.actor, loaded.facts, facts),
    },
  };
}

/** One entry as the reader sees it, or 404: an entry in a category they may not read does not exist for them. */
async function readEntry(scope: CaseScope, keyring: Keyring, loaded: LoadedCase, entryId: string): Promise<JournalEntryView> {
  const [view] = await entryViews(scope, keyring, loaded, entryId);
  if (!view) throw new NotFoundError();
  return view;
}

/**
 * The entry the actor means to change: 404 when it is absent, in a category they may not read, or another
 * organisation's draft; 403 when they may not write in the journal at all.
 */
async function requireWritableEntry(scope: CaseScope, loaded: LoadedCase, entryId: string) {
  const entry = await selectEntryFacts(scope.trx, loaded.caseId, entryId);
  if (!entry) throw new NotFoundError();
  const category = InformationCategory.parse(entry.category);
  const status = JournalEntryStatus.parse(entry.status);
  if (!scope.sees(loaded, category) || !canReadJournalEntry(scope.actor, loaded.facts, category, scope.now) || !seesJournalEntry(scope.actor, { ...entry, status })) {
    throw new NotFoundError();
  }
  if (!canWriteJournalEntry(scope.actor, loaded.facts, category, scope.now)) {
    throw new ForbiddenError('cannot_write_journal', 'Only the coordinator and members of the case\'s team write in its journal.');
  }
  return { ...entry, category, status };
}

const signedError = () =>
  new ConflictError('entry_signed', 'A signed journal entry is locked and cannot be changed. Add a correction with a reason instead.');

function checkCategory(scope: CaseScope, loaded: LoadedCase, category: InformationCategory): void {
  if (!canWriteJournalEntry(scope.actor, loaded.facts, category, scope.now)) {
    throw new ForbiddenError('category_not_shared', 'You may write journal entries only in categories you may read in this case.');
  }
}

/** The journal of a case, newest first, holding only the entries in categories the reader may read, and drafts only of the reader's own organisation. */
export async function listJournal(access: AccessContext, keyring: Keyring, caseId: string): Promise<JournalList> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const entries = await entryViews(scope, keyring, loaded);
    await scope.auditCase(loaded, 'journal.read', { details: { count: entries.length, entryIds: entries.map((entry) => entry.id).join(',') } });
    return { entries, canWrite: canWriteJournal(scope.actor, loaded.facts, scope.now) };
  });
}

export async function createEntry(access: AccessContext, keyring: Keyring, caseId: string, input: JournalEntryCreate, idempotencyKey: string | null): Promise<JournalEntryView> {
  const claim = keyClaim(access.actor.userId, idempotencyKey, { caseId, ...input });
  // A retry answers with the entry its key created, read like any other: through the read rule, audited.
  const replay = async (scope: CaseScope, loaded: LoadedCase, entryId: string) => {
    const view = await readEntry(scope, keyring, loaded, entryId);
    await scope.auditCase(loaded, 'journal.read', { details: { count: 1, entryIds: entryId } });
    return view;
  };
  const written = await access.run(async (scope): Promise<JournalEntryView | null> => {
    const loaded = await scope.requireCase(caseId);
    try {
      if (!canWriteJournal(scope.actor, loaded.facts, scope.now)) {
        throw new ForbiddenError('cannot_write_journal', 'Only the coordinator and members of the case\'s team write in its journal.');
      }
      checkCategory(scope, loaded, input.category);
    } catch (refused) {
      // A retry of an entry written before the writer lost the right still gets that entry, if it may read it.
      const earlier = claim ? await earlierResource(scope.trx, claim) : null;
      if (earlier) return replay(scope, loaded, earlier);
      throw refused;
    }
    // The new entry is answered under the same read rule as any other; decided before it is written,
    // since the statement that writes it also commits.
    if (!readableCategories(scope, loaded).includes(input.category)) throw new NotFoundError();
    const signed = input.sign === true;
    const entry = { caseId, authorUserId: scope.actor.userId, organisationId: scope.actor.organisationId, category: input.category, body: input.body, signed };
    // One statement claims the key (if any), inserts the entry and its audit event, and commits; it inserts
    // nothing when the key was claimed before.
    const row = await insertEntryEndingTransaction(scope.trx, keyring, entry, claim, (entryId) =>
      scope.caseEventRow(loaded, 'journal.create', { details: { entryId, category: input.category, signed } }));
    // Nothing else in the transaction changed what the creation loaded, a new entry has no corrections, and
    // its text is the one just encrypted into it.
    return row ? entryView(scope, keyring, loaded, row, [], input.body) : null;
  });
  if (written) return written;
  // The key was claimed by an earlier request, which has committed: its entry, read in a transaction of its own.
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    return replay(scope, loaded, await claimedResource(scope.trx, claim!));
  });
}

/** Changes a draft: its author alone, at the version they read; a signed entry answers 409 entry_signed. */
export async function updateEntry(access: AccessContext, keyring: Keyring, caseId: string, entryId: string, input: JournalEntryUpdate): Promise<JournalEntryView> {
  return access.run(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const entry = await requireWritableEntry(scope, loaded, entryId);
    if (entry.status === 'signed') throw signedError();
    if (!canEditDraft(scope.actor, { authorUserId: entry.authorUserId, status: entry.status })) {
      throw new ForbiddenError('not_author', 'Only the author may change a draft journal entry.');
    }
    if (input.category !== undefined) checkCategory(scope, loaded, input.category);
    const changes = { ...(input.body !== undefined ? { body: input.body } : {}), ...(input.category !== undefined ? { category: input.category } : {}) };
    if (!(await updateDraft(scope.trx, keyring, entryId, input.version, changes))) {
      throw new ConflictError('stale_version', 'Someone changed the entry after you opened it. Reload it and make your change again.', { currentVersion: entry.version });
    }
    await scope.auditCase(loaded, 'journal.update', { details: { entryId, fields: Object.keys(changes).join(',') } });
    return readEntry(scope, keyring, loaded, entryId);
  });
}

/** Signs a draft: from now on it is locked, and changes are made as corrections. */
export async function signEntry(access: AccessContext, keyring: Keyring, caseId: string, entryId: string, version: number): Promise<JournalEntryView> {
  return access.run(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const entry = await requireWritableEntry(scope, loaded, entryId);
    if (entry.status === 'signed') throw new ConflictError('entry_signed', 'The journal entry is already signed.');
    if (!canSignEntry(scope.actor, { authorUserId: entry.authorUserId, status: entry.status })) {
      throw new ForbiddenError('not_author', 'Only the author may sign a journal entry.');
    }
    if (!(await signDraft(scope.trx, entryId, version, scope.actor.userId))) {
      throw new ConflictError('stale_version', 'Someone changed the entry after you opened it. Reload it and read it again before signing.', { currentVersion: entry.version });
    }
    await scope.auditCase(loaded, 'journal.sign', { details: { entryId } });
    return readEntry(scope, keyring, loaded, entryId);
  });
}

/** Corrects a signed entry: the original stays, and the correction records who, when and why. */
export async function correctEntry(access: AccessContext, keyring: Keyring, caseId: string, entryId: string, input: JournalCorrection, idempotencyKey: string | null): Promise<JournalEntryView> {
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, { caseId, entryId, ...input }, async () => {
      const loaded = await scope.requireCase(caseId);
      const entry = await requireWritableEntry(scope, loaded, entryId);
      if (entry.status !== 'signed') throw new ConflictError('entry_not_signed', 'Only a signed entry is corrected; change the draft itself instead.');
      if (!canCorrectJournalEntry(scope.actor, loaded.facts, { authorUserId: entry.authorUserId, status: entry.status })) {
        throw new ForbiddenError('not_author_or_coordinator', 'A signed journal entry is corrected by its author or by the case\'s coordinator.');
      }
      const correctionId = await insertCorrection(scope.trx, keyring, { entryId, caseId, body: input.body, reason: input.reason, correctedBy: scope.actor.userId });
      await scope.auditCase(loaded, 'journal.correct', { details: { entryId, correctionId } });
      return correctionId;
    }, async (_correctionId, replayed) => {
      const loaded = await scope.requireCase(caseId);
      const view = await readEntry(scope, keyring, loaded, entryId);
      if (replayed) await scope.auditCase(loaded, 'journal.read', { details: { count: 1, entryIds: entryId } });
      return view;
    }),
  );
}
