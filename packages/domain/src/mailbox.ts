import { z } from 'zod';
import type { Actor } from './access';
import { canCreateCase } from './access';
import { InformationCategory } from './consent';
import { EntryChannel } from './entry-channel';
import { passphraseWords } from './mailbox-words';
import type { OrganisationType } from './organisations';

export { passphraseWords } from './mailbox-words';

/** How old the writer says they are; nobody has to say. */
export const MailboxAgeGroup = z.enum(['under_18', 'adult', 'not_said']);
export type MailboxAgeGroup = z.infer<typeof MailboxAgeGroup>;

/** Who may handle a conversation: a child's goes to staff qualified for children alone. */
export const MailboxAudience = z.enum(['general', 'child']);
export type MailboxAudience = z.infer<typeof MailboxAudience>;

/** A conversation is open until staff close it; the visitor can delete it, which removes every message. */
export const ConversationStatus = z.enum(['open', 'closed', 'deleted']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** Who wrote a message in the mailbox. */
export const MessageAuthor = z.enum(['visitor', 'staff']);
export type MessageAuthor = z.infer<typeof MessageAuthor>;

/** The longest message, in characters: long enough for a story, short enough to stop a flood. */
export const mailboxMessageMaxLength = 5000;

/** A writer who says they are under 18 is a child, whose conversation goes to child-protection staff. */
export function audienceOf(ageGroup: MailboxAgeGroup): MailboxAudience {
  return ageGroup === 'under_18' ? 'child' : 'general';
}

// ---------------------------------------------------------------------------------------------------
// The case code and the passphrase: the visitor's only keys to the conversation.

/** Digits and capitals that cannot be mistaken for one another: no 0/O, 1/I/L, and no S beside 5. */
export const caseCodeAlphabet = '23456789ABCDEFGHJKMNPQRTUVWXYZ';
export const caseCodeLength = 12;
export const passphraseWordCount = 5;

/** The platform's cryptographic generator (Web Crypto, in browsers and in Node alike); typed here because the domain has no DOM or Node types. */
interface RandomSource { getRandomValues(array: Uint32Array): Uint32Array }
const platformRandom = (bytes: Uint32Array): Uint32Array => (globalThis as unknown as { crypto: RandomSource }).crypto.getRandomValues(bytes);

/** A uniformly random integer in [0, bound), from the platform's cryptographic generator. */
export function secureRandomIndex(bound: number, random: (bytes: Uint32Array) => Uint32Array = platformRandom): number {
  if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) throw new RangeError('bound');
  // Rejection sampling: values past the last whole multiple of `bound` would favour small indices.
  const limit = Math.floor(2 ** 32 / bound) * bound;
  const buffer = new Uint32Array(1);
  for (;;) {
    const value = random(buffer)[0]!;
    if (value < limit) return value % bound;
  }
}

/** A new case code, grouped by four for reading aloud and writing down: `K7QM-3XPA-9RTD`. */
export function generateCaseCode(randomIndex: (bound: number) => number = secureRandomIndex): string {
  let code = '';
  for (let i = 0; i < caseCodeLength; i++) code += caseCodeAlphabet[randomIndex(caseCodeAlphabet.length)];
  return formatCaseCode(code);
}

export function formatCaseCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The code as typed, in its stored form: spaces, dashes and case forgiven; null if it cannot be a code. */
export function normalizeCaseCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s\-–.]/g, '');
  if (compact.length !== caseCodeLength) return null;
  for (const char of compact) if (!caseCodeAlphabet.includes(char)) return null;
  return compact;
}

/** A new passphrase of random words, separated by spaces. */
export function generatePassphrase(randomIndex: (bound: number) => number = secureRandomIndex): string {
  const words: string[] = [];
  for (let i = 0; i < passphraseWordCount; i++) words.push(passphraseWords[randomIndex(passphraseWords.length)]!);
  return words.join(' ');
}

/** The passphrase as typed, in its hashed form: case, extra spaces and dashes forgiven. */
export function normalizePassphrase(input: string): string {
  return input.toLowerCase().split(/[^a-z]+/).filter(Boolean).join(' ');
}

/** Bits of entropy of a code and a passphrase, given the alphabet and the word list. */
export const caseCodeEntropyBits = caseCodeLength * Math.log2(caseCodeAlphabet.length);
export const passphraseEntropyBits = passphraseWordCount * Math.log2(new Set(passphraseWords).size);

// ---------------------------------------------------------------------------------------------------
// What a visitor sends.

const messageBody = z.string().max(mailboxMessageMaxLength * 4).transform((text) => text.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1, 'message_empty').max(mailboxMessageMaxLength, 'message_too_long'));

/** The language a visitor writes in (a public-site language code such as `sv`, `sv-ll`, `ro` or `fa`). */
export const VisitorLanguage = z.string().regex(/^[a-z]{2}(-[a-z]{2})?$/, 'language_code');

export const FirstMessage = z.object({
  body: messageBody,
  language: VisitorLanguage,
  ageGroup: MailboxAgeGroup.default('not_said'),
  municipalityCode: z.string().regex(/^[0-9]{4}$/, 'municipality_code').nullable().default(null),
  countyCode: z.string().regex(/^[0-9]{2}$/, 'county_code').nullable().default(null),
});
export type FirstMessage = z.infer<typeof FirstMessage>;

export const VisitorReply = z.object({ body: messageBody });
export type VisitorReply = z.infer<typeof VisitorReply>;

// ---------------------------------------------------------------------------------------------------
// The support-line inbox.

/** The inbox is for intake staff (the support line) and their managers. */
export function canUseInbox(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((role) => role === 'intake' || role === 'manager');
}

/**
 * A conversation in the actor's organisation; a child's only for staff that the organisation's
 * administrator has qualified to handle children's conversations.
 */
export function canSeeConversation(
  actor: Pick<Actor, 'roles' | 'organisationId'>, conversation: { organisationId: string; audience: MailboxAudience }, childQualified: boolean,
): boolean {
  if (!canUseInbox(actor) || actor.organisationId !== conversation.organisationId) return false;
  return conversation.audience !== 'child' || childQualified;
}

/** A conversation becomes a case once, in an organisation that holds cases, while the visitor has not deleted it. */
export function canEscalateConversation(actor: Actor, conversation: { status: ConversationStatus; caseId: string | null }): boolean {
  return canUseInbox(actor) && canCreateCase(actor) && conversation.status !== 'deleted' && conversation.caseId === null;
}

/** The organisation's administrator decides who handles children's conversations. */
export function canManageChildHandlers(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes('org_admin');
}

/** Organisations that can answer a visitor: those with intake staff of their own (not agencies or county boards). */
export function mayReceiveMailbox(organisationType: OrganisationType): boolean {
  return organisationType === 'municipality' || organisationType === 'collaboration' || organisationType === 'region' || organisationType === 'civil_society';
}

/** Staff write and reply only while the visitor has not deleted the conversation. */
export function canReplyToConversation(status: ConversationStatus): boolean {
  return status !== 'deleted';
}

export const InboxFilter = z.enum(['unassigned', 'mine', 'open', 'closed']);
export type InboxFilter = z.infer<typeof InboxFilter>;

const StaffRef = z.object({ id: z.uuid(), name: z.string() });

export const ConversationSummary = z.object({
  id: z.uuid(),
  status: ConversationStatus,
  audience: MailboxAudience,
  ageGroup: MailboxAgeGroup,
  language: z.string(),
  municipalityName: z.string().nullable(),
  assignedTo: StaffRef.nullable(),
  awaitingReply: z.boolean(),
  messageCount: z.int(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
  version: z.int(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ConversationList = z.object({ conversations: z.array(ConversationSummary) });
export type ConversationList = z.infer<typeof ConversationList>;

export const MailboxMessage = z.object({
  id: z.uuid(),
  author: MessageAuthor,
  staff: StaffRef.nullable(),
  body: z.string(),
  /** For a visitor's message: they agreed that it may be passed on to whoever will help them. */
  shared: z.boolean(),
  createdAt: z.string(),
});
export type MailboxMessage = z.infer<typeof MailboxMessage>;

export const ConversationView = ConversationSummary.extend({
  messages: z.array(MailboxMessage),
  shareRequested: z.boolean(),
  /** The case opened from the conversation; shown to inbox staff alone. */
  caseId: z.uuid().nullable(),
  canReply: z.boolean(),
  canEscalate: z.boolean(),
});
export type ConversationView = z.infer<typeof ConversationView>;

export const ReplyCreate = z.strictObject({ body: z.string().trim().min(1).max(mailboxMessageMaxLength) });
export type ReplyCreate = z.infer<typeof ReplyCreate>;

export const ConversationAssign = z.strictObject({ version: z.int().min(1), userId: z.uuid().nullable() });
export type ConversationAssign = z.infer<typeof ConversationAssign>;

export const ConversationVersion = z.strictObject({ version: z.int().min(1) });
export type ConversationVersion = z.infer<typeof ConversationVersion>;

export const ConversationEscalate = z.strictObject({
  version: z.int().min(1),
  alias: z.string().trim().min(1).max(60),
  program: z.enum(['exit_program', 'child_program']),
  /** The journal category under which the messages the visitor agreed to share are carried into the case. */
  journalCategory: InformationCategory,
});
export type ConversationEscalate = z.infer<typeof ConversationEscalate>;

export const EscalationResult = z.object({ caseId: z.uuid(), sharedMessages: z.int() });
export type EscalationResult = z.infer<typeof EscalationResult>;

export const ReplyTemplateInput = z.strictObject({
  title: z.string().trim().min(1).max(120),
  language: VisitorLanguage,
  body: z.string().trim().min(1).max(mailboxMessageMaxLength),
});
export type ReplyTemplateInput = z.infer<typeof ReplyTemplateInput>;

export const ReplyTemplateUpdate = ReplyTemplateInput.extend({ version: z.int().min(1) });
export type ReplyTemplateUpdate = z.infer<typeof ReplyTemplateUpdate>;

export const ReplyTemplate = z.object({ id: z.uuid(), title: z.string(), language: z.string(), body: z.string(), version: z.int(), updatedAt: z.string() });
export type ReplyTemplate = z.infer<typeof ReplyTemplate>;

export const ReplyTemplateList = z.object({ templates: z.array(ReplyTemplate) });
export type ReplyTemplateList = z.infer<typeof ReplyTemplateList>;

export const InboxStatistics = z.object({
  weeks: z.array(z.object({ week: z.string(), status: ConversationStatus, count: z.int() })),
  casesByEntryChannel: z.array(z.object({ entryChannel: EntryChannel.nullable(), count: z.int() })),
});
export type InboxStatistics = z.infer<typeof InboxStatistics>;

export const ChildHandlerList = z.object({ handlers: z.array(z.object({ userId: z.uuid(), name: z.string(), grantedAt: z.string() })) });
export type ChildHandlerList = z.infer<typeof ChildHandlerList>;

export const ChildHandlerGrant = z.strictObject({ userId: z.uuid() });

/** Whether the caller's organisation takes new mailbox messages, and whether it is the default receiver. */
export const MailboxReceiving = z.object({ receives: z.boolean(), isDefault: z.boolean(), mayReceive: z.boolean() });
export type MailboxReceiving = z.infer<typeof MailboxReceiving>;

export const MailboxReceivingUpdate = z.strictObject({ receives: z.boolean() });
export type MailboxReceivingUpdate = z.infer<typeof MailboxReceivingUpdate>;
export type ChildHandlerGrant = z.infer<typeof ChildHandlerGrant>;
