import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, CaseFacts } from './access';
import { InformationCategory, type ConsentFacts } from './consent';
import {
  JournalCorrection, JournalEntryCreate, JournalEntryUpdate, canCorrectJournalEntry, canEditDraft, canReadJournalEntry, canSignEntry,
  canWriteJournal, canWriteJournalEntry, journalBodyMaxLength, seesJournalEntry,
} from './journal';

const municipality = 'org-municipality';
const region = 'org-region';
const now = new Date('2025-03-10T12:00:00Z');

const actor = (userId: string, organisationId: string, roles: Actor['roles'] = ['team_member']): Actor =>
  ({ userId, organisationId, organisationType: organisationId === region ? 'region' : 'municipality', roles });

const healthConsent: ConsentFacts = {
  recipientOrganisationId: region, categories: ['health'], excludedCategories: [], validFrom: '2025-01-01', validUntil: null, withdrawnAt: null,
};

const facts = (overrides: Partial<CaseFacts> = {}): CaseFacts => ({
  ownerOrganisationId: municipality,
  coordinatorUserId: 'coordinator',
  team: [
    { userId: 'coordinator', organisationId: municipality, teamRole: 'coordinator' },
    { userId: 'social-worker', organisationId: municipality, teamRole: 'team_member' },
    { userId: 'nurse', organisationId: region, teamRole: 'team_member' },
  ],
  consents: [healthConsent],
  emergencyAccessUntil: null,
  ...overrides,
});

const coordinator = actor('coordinator', municipality, ['coordinator']);
const socialWorker = actor('social-worker', municipality);
const nurse = actor('nurse', region);
const manager = actor('manager', municipality, ['manager']);

describe('reading the journal', () => {
  it('lets consent decide which categories an external member reads', () => {
    expect(canReadJournalEntry(nurse, facts(), 'health', now)).toBe(true);
    expect(canReadJournalEntry(nurse, facts(), 'legal_process', now)).toBe(false);
    expect(canReadJournalEntry(socialWorker, facts(), 'legal_process', now)).toBe(true);
  });

  it('ends the external member\'s reading the moment consent is withdrawn', () => {
    const withdrawn = facts({ consents: [{ ...healthConsent, withdrawnAt: new Date('2025-03-10T11:59:00Z') }] });
    expect(canReadJournalEntry(nurse, withdrawn, 'health', now)).toBe(false);
  });

  it('equals the category rule for every actor, category and consent', () => {
    const categories = fc.constantFrom(...InformationCategory.options);
    fc.assert(fc.property(fc.constantFrom(coordinator, socialWorker, nurse, manager), categories, fc.array(categories, { maxLength: 4 }), (who, category, shared) => {
      const world = facts({ consents: shared.length ? [{ ...healthConsent, categories: shared }] : [] });
      // The owning organisation's coordinator, team and manager read everything; the region reads what consent shares.
      expect(canReadJournalEntry(who, world, category, now)).toBe(who.organisationId === region ? shared.includes(category) : true);
    }));
  });
});

describe('writing in the journal', () => {
  it('lets the coordinator and current team members write, not a manager outside the team', () => {
    expect(canWriteJournal(coordinator, facts(), now)).toBe(true);
    expect(canWriteJournal(socialWorker, facts(), now)).toBe(true);
    expect(canWriteJournal(nurse, facts(), now)).toBe(true);
    expect(canWriteJournal(manager, facts(), now)).toBe(false);
  });

  it('refuses writers under emergency access and members who were removed', () => {
    const colleague = actor('colleague', municipality, ['coordinator']);
    const emergency = facts({ emergencyAccessUntil: new Date('2025-03-10T14:00:00Z') });
    expect(canWriteJournal(colleague, emergency, now)).toBe(false);
    const removed = facts({ team: facts().team.filter((member) => member.userId !== 'social-worker') });
    expect(canWriteJournal(socialWorker, removed, now)).toBe(false);
  });

  it('lets an external member write only in the categories they may read', () => {
    expect(canWriteJournalEntry(nurse, facts(), 'health', now)).toBe(true);
    expect(canWriteJournalEntry(nurse, facts(), 'legal_process', now)).toBe(false);
    expect(canWriteJournal(nurse, facts({ consents: [] }), now)).toBe(false);
  });
});

describe('drafts, signing and corrections', () => {
  const draft = { authorUserId: 'social-worker', status: 'draft' as const };
  const signed = { authorUserId: 'social-worker', status: 'signed' as const };

  it('lets only the author change or sign a draft', () => {
    expect(canEditDraft(socialWorker, draft)).toBe(true);
    expect(canEditDraft(coordinator, draft)).toBe(false);
    expect(canSignEntry(socialWorker, draft)).toBe(true);
    expect(canSignEntry(nurse, draft)).toBe(false);
  });

  it('locks a signed entry, even for its author', () => {
    expect(canEditDraft(socialWorker, signed)).toBe(false);
    expect(canSignEntry(socialWorker, signed)).toBe(false);
  });

  it('keeps a draft with its author and the author\'s organisation until it is signed', () => {
    const entry = { status: 'draft' as const, authorUserId: 'social-worker', organisationId: municipality };
    expect(seesJournalEntry(socialWorker, entry)).toBe(true);
    expect(seesJournalEntry(coordinator, entry)).toBe(true);
    expect(seesJournalEntry(nurse, entry)).toBe(false);
    expect(seesJournalEntry(nurse, { ...entry, status: 'signed' })).toBe(true);
    expect(seesJournalEntry(nurse, { status: 'draft', authorUserId: nurse.userId, organisationId: region })).toBe(true);
    expect(seesJournalEntry(coordinator, { status: 'draft', authorUserId: nurse.userId, organisationId: region })).toBe(false);
  });

  it('lets the author or the coordinator correct a signed entry, and nobody correct a draft', () => {
    expect(canCorrectJournalEntry(socialWorker, facts(), signed)).toBe(true);
    expect(canCorrectJournalEntry(coordinator, facts(), signed)).toBe(true);
    expect(canCorrectJournalEntry(nurse, facts(), signed)).toBe(false);
    expect(canCorrectJournalEntry(socialWorker, facts(), draft)).toBe(false);
  });
});

describe('journal schemas', () => {
  it('accepts an entry and refuses empty, huge, unknown-category and unknown-field input', () => {
    expect(JournalEntryCreate.safeParse({ category: 'health', body: 'Samtal om sömn.' }).success).toBe(true);
    expect(JournalEntryCreate.safeParse({ category: 'health', body: '   ' }).success).toBe(false);
    expect(JournalEntryCreate.safeParse({ category: 'health', body: 'x'.repeat(journalBodyMaxLength + 1) }).success).toBe(false);
    expect(JournalEntryCreate.safeParse({ category: 'horoscope', body: 'Text' }).success).toBe(false);
    expect(JournalEntryCreate.safeParse({ category: 'health', body: 'Text', authorUserId: 'someone' }).success).toBe(false);
  });

  it('needs something to change in an update and a reason for a correction', () => {
    expect(JournalEntryUpdate.safeParse({ version: 1 }).success).toBe(false);
    expect(JournalEntryUpdate.safeParse({ version: 1, body: 'Ny text' }).success).toBe(true);
    expect(JournalCorrection.safeParse({ body: 'Rätt datum är 3 mars.' }).success).toBe(false);
    expect(JournalCorrection.safeParse({ body: 'Rätt datum är 3 mars.', reason: ' ' }).success).toBe(false);
    expect(JournalCorrection.safeParse({ body: 'Rätt datum är 3 mars.', reason: 'Fel datum' }).success).toBe(true);
  });
});
