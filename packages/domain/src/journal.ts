import { z } from 'zod';
import { canReadCategory, caseAccess, type Actor, type CaseFacts } from './access';
import { OrganisationRef, UserRef } from './cases';
import { InformationCategory } from './consent';

/** A journal entry is a draft its author may still change, or signed and locked for good. */
export const JournalEntryStatus = z.enum(['draft', 'signed']);
export type JournalEntryStatus = z.infer<typeof JournalEntryStatus>;

/** The longest entry or correction, in characters. */
export const journalBodyMaxLength = 20_000;

const journalBody = z.string().trim().min(1).max(journalBodyMaxLength);
const uuid = z.uuid();

export const JournalEntryCreate = z.strictObject({
  category: InformationCategory,
  body: journalBody,
  sign: z.boolean().optional(),
});
export type JournalEntryCreate = z.infer<typeof JournalEntryCreate>;

export const JournalEntryUpdate = z
  .strictObject({
    version: z.int().min(1),
    body: journalBody.optional(),
    category: InformationCategory.optional(),
  })
  .refine((value) => value.body !== undefined || value.category !== undefined, { message: 'nothing_to_change', path: ['body'] });
export type JournalEntryUpdate = z.infer<typeof JournalEntryUpdate>;

/** Signing names the version the author read, so what is locked is what they saw. */
export const JournalEntrySign = z.strictObject({ version: z.int().min(1) });
export type JournalEntrySign = z.infer<typeof JournalEntrySign>;

export const JournalCorrection = z.strictObject({
  body: journalBody,
  reason: z.string().trim().min(1).max(2000),
});
export type JournalCorrection = z.infer<typeof JournalCorrection>;

export const JournalCorrectionView = z.object({
  id: uuid,
  body: z.string(),
  reason: z.string(),
  correctedBy: UserRef,
  correctedAt: z.string(),
});
export type JournalCorrectionView = z.infer<typeof JournalCorrectionView>;

export const JournalEntryView = z.object({
  id: uuid,
  category: InformationCategory,
  body: z.string(),
  author: UserRef,
  organisation: OrganisationRef,
  status: JournalEntryStatus,
  createdAt: z.string(),
  signedAt: z.string().nullable(),
  signedBy: UserRef.nullable(),
  version: z.int(),
  corrections: z.array(JournalCorrectionView),
  /** What the reader may do with the entry now, by the rules below; the server enforces the same rules. */
  allowed: z.object({ edit: z.boolean(), sign: z.boolean(), correct: z.boolean() }),
});
export type JournalEntryView = z.infer<typeof JournalEntryView>;

export const JournalList = z.object({
  entries: z.array(JournalEntryView),
  /** May the reader write entries in this case (in the categories they may read)? */
  canWrite: z.boolean(),
});
export type JournalList = z.infer<typeof JournalList>;

/** What the rules need to know about one entry. */
export interface JournalEntryFacts {
  authorUserId: string;
  status: JournalEntryStatus;
}

/**
 * Of the entries in a category the reader may read (`canReadJournalEntry`), which they see: every signed
 * entry, and a draft only within its author's own organisation (the author, colleagues, managers). A draft
 * is unfinished work; it is shared across organisations under consent once it is signed.
 */
export function seesJournalEntry(
  actor: Pick<Actor, 'userId' | 'organisationId'>, entry: { status: JournalEntryStatus; authorUserId: string; organisationId: string },
): boolean {
  return entry.status === 'signed' || entry.authorUserId === actor.userId || entry.organisationId === actor.organisationId;
}

/** Consent decides who reads what: an entry is read by those who may read its category. */
export function canReadJournalEntry(actor: Actor, facts: CaseFacts, category: InformationCategory, now: Date): boolean {
  return canReadCategory(actor, facts, category, now);
}

/** Write in the journal: the coordinator and current team members who can reach the case (not through emergency access). */
export function canWriteJournal(actor: Actor, facts: CaseFacts, now: Date): boolean {
  const access = caseAccess(actor, facts, now);
  if (access.level === 'none' || access.via === 'emergency') return false;
  return facts.coordinatorUserId === actor.userId || facts.team.some((member) => member.userId === actor.userId);
}

/** Write an entry of one category: a journal writer who may also read that category. */
export function canWriteJournalEntry(actor: Actor, facts: CaseFacts, category: InformationCategory, now: Date): boolean {
  return canWriteJournal(actor, facts, now) && canReadJournalEntry(actor, facts, category, now);
}

/** Signed entries are locked; a draft is changed (or signed) by its author alone. */
export function canEditDraft(actor: Actor, entry: JournalEntryFacts): boolean {
  return entry.status === 'draft' && entry.authorUserId === actor.userId;
}

export const canSignEntry = canEditDraft;

/** A signed entry is corrected, never changed: by its author or by the case's coordinator. */
export function canCorrectJournalEntry(actor: Actor, facts: CaseFacts, entry: JournalEntryFacts): boolean {
  return entry.status === 'signed' && (entry.authorUserId === actor.userId || facts.coordinatorUserId === actor.userId);
}
