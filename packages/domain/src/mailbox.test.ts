import { describe, expect, it } from 'vitest';
import {
  mayReceiveMailbox,
  FirstMessage, audienceOf, canEscalateConversation, canManageChildHandlers, canSeeConversation, canUseInbox, caseCodeAlphabet, caseCodeEntropyBits,
  generateCaseCode, generatePassphrase, mailboxMessageMaxLength, normalizeCaseCode, normalizePassphrase, passphraseEntropyBits, passphraseWordCount,
  passphraseWords, secureRandomIndex,
} from './mailbox';
import type { Actor } from './access';

const actor = (roles: Actor['roles'], organisationType: Actor['organisationType'] = 'municipality'): Actor =>
  ({ userId: 'u1', organisationId: 'org1', organisationType, roles });

describe('case code', () => {
  it('is twelve unambiguous characters in three groups', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCaseCode();
      expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      for (const char of code.replace(/-/g, '')) expect(caseCodeAlphabet).toContain(char);
    }
    for (const confusable of ['0', 'O', '1', 'I', 'L', 'S']) expect(caseCodeAlphabet).not.toContain(confusable);
  });

  it('carries more than 50 bits and rarely repeats', () => {
    expect(caseCodeEntropyBits).toBeGreaterThan(50);
    const codes = new Set(Array.from({ length: 2000 }, () => generateCaseCode()));
    expect(codes.size).toBe(2000);
  });

  it('forgives case, spaces and dashes but refuses what cannot be a code', () => {
    const code = generateCaseCode();
    const stored = code.replace(/-/g, '');
    expect(normalizeCaseCode(code)).toBe(stored);
    expect(normalizeCaseCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(stored);
    expect(normalizeCaseCode(stored.slice(0, 11))).toBeNull();
    expect(normalizeCaseCode('OOOO-OOOO-OOOO')).toBeNull();
    expect(normalizeCaseCode('<script>')).toBeNull();
  });
});

describe('passphrase', () => {
  it('draws from a list of at least 1,024 distinct short ASCII words', () => {
    expect(new Set(passphraseWords).size).toBe(passphraseWords.length);
    expect(passphraseWords.length).toBeGreaterThanOrEqual(1024);
    for (const word of passphraseWords) expect(word).toMatch(/^[a-z]{3,8}$/);
  });

  it('has five or six words and at least 50 bits', () => {
    expect(passphraseWordCount).toBeGreaterThanOrEqual(5);
    expect(passphraseWordCount).toBeLessThanOrEqual(6);
    expect(passphraseEntropyBits).toBeGreaterThanOrEqual(50);
    const phrase = generatePassphrase();
    expect(phrase.split(' ')).toHaveLength(passphraseWordCount);
    for (const word of phrase.split(' ')) expect(passphraseWords).toContain(word);
  });

  it('uses every part of the list', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) for (const word of generatePassphrase().split(' ')) seen.add(word);
    // 15,000 draws from about 1,700 words leave almost none unseen; a biased generator would.
    expect(seen.size).toBeGreaterThan(passphraseWords.length * 0.95);
  });

  it('forgives case, extra spaces and dashes', () => {
    expect(normalizePassphrase('  Apple-river  CLOUD\tlamp  zebra ')).toBe('apple river cloud lamp zebra');
  });
});

describe('secure random index', () => {
  it('rejects values past the last whole multiple, so no index is favoured', () => {
    const values = [2 ** 32 - 1, 7];
    const random = (bytes: Uint32Array) => { bytes[0] = values.shift()!; return bytes; };
    expect(secureRandomIndex(10, random)).toBe(7);
  });
  it('refuses an impossible bound', () => {
    expect(() => secureRandomIndex(0)).toThrow(RangeError);
  });
});

describe('first message', () => {
  const base = { body: 'Hej, jag behöver hjälp.', language: 'sv' };
  it('accepts a message with nothing about the writer', () => {
    const parsed = FirstMessage.parse(base);
    expect(parsed).toEqual({ ...base, ageGroup: 'not_said', municipalityCode: null, countyCode: null });
  });
  it('keeps HTML as given', () => {
    expect(FirstMessage.parse({ ...base, body: '<script>alert(1)</script>' }).body).toBe('<script>alert(1)</script>');
  });
  it('refuses an empty or oversized message by name', () => {
    const empty = FirstMessage.safeParse({ ...base, body: '   ' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe('message_empty');
    const long = FirstMessage.safeParse({ ...base, body: 'a'.repeat(mailboxMessageMaxLength + 1) });
    expect(long.error?.issues[0]?.message).toBe('message_too_long');
    expect(FirstMessage.safeParse({ ...base, body: 'a'.repeat(mailboxMessageMaxLength) }).success).toBe(true);
  });
  it('refuses a malformed municipality code', () => {
    expect(FirstMessage.safeParse({ ...base, municipalityCode: '18800' }).success).toBe(false);
  });
  it('routes a child to child-protection staff', () => {
    expect(audienceOf('under_18')).toBe('child');
    expect(audienceOf('adult')).toBe('general');
    expect(audienceOf('not_said')).toBe('general');
  });
});

describe('inbox rules', () => {
  const general = { organisationId: 'org1', audience: 'general' as const };
  const child = { organisationId: 'org1', audience: 'child' as const };
  it('lets intake staff and managers use the inbox', () => {
    expect(canUseInbox(actor(['intake']))).toBe(true);
    expect(canUseInbox(actor(['manager']))).toBe(true);
    expect(canUseInbox(actor(['coordinator']))).toBe(false);
    expect(canUseInbox(actor(['org_admin']))).toBe(false);
  });
  it('shows a child\'s conversation only to qualified staff of the receiving organisation', () => {
    expect(canSeeConversation(actor(['intake']), general, false)).toBe(true);
    expect(canSeeConversation(actor(['intake']), child, false)).toBe(false);
    expect(canSeeConversation(actor(['intake']), child, true)).toBe(true);
    expect(canSeeConversation(actor(['intake']), { ...general, organisationId: 'org2' }, true)).toBe(false);
    expect(canSeeConversation(actor(['coordinator']), general, true)).toBe(false);
  });
  it('escalates once, from an organisation that holds cases, unless deleted', () => {
    expect(canEscalateConversation(actor(['intake']), { status: 'open', caseId: null })).toBe(true);
    expect(canEscalateConversation(actor(['intake']), { status: 'open', caseId: 'c1' })).toBe(false);
    expect(canEscalateConversation(actor(['intake']), { status: 'deleted', caseId: null })).toBe(false);
    expect(canEscalateConversation(actor(['intake'], 'civil_society'), { status: 'open', caseId: null })).toBe(false);
  });
  it('lets the organisation administrator alone qualify staff for children', () => {
    expect(canManageChildHandlers(actor(['org_admin']))).toBe(true);
    expect(canManageChildHandlers(actor(['manager']))).toBe(false);
  });
});

describe('who may take mailbox messages', () => {
  it('lets organisations with intake staff of their own receive, and not agencies or county boards', () => {
    expect(['municipality', 'collaboration', 'region', 'civil_society'].every((type) => mayReceiveMailbox(type as never))).toBe(true);
    expect(mayReceiveMailbox('national_agency')).toBe(false);
    expect(mayReceiveMailbox('county_board')).toBe(false);
  });
});
