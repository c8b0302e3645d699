import { describe, expect, it } from 'vitest';
import { categoriesSharedWith, isConsentInForce, swedishDate, type ConsentFacts } from './consent';

const region = 'org-region';
const police = 'org-police';
// 13:00 in Stockholm, 12:00 UTC: the same calendar day in both.
const now = new Date('2025-03-10T12:00:00Z');

const consent = (overrides: Partial<ConsentFacts> = {}): ConsentFacts => ({
  recipientOrganisationId: region,
  categories: ['health'],
  excludedCategories: [],
  validFrom: '2025-01-01',
  validUntil: null,
  withdrawnAt: null,
  ...overrides,
});

describe('isConsentInForce', () => {
  it('holds from its first day through its last, both inclusive', () => {
    expect(isConsentInForce(consent({ validFrom: '2025-03-10' }), now)).toBe(true);
    expect(isConsentInForce(consent({ validFrom: '2025-03-11' }), now)).toBe(false);
    expect(isConsentInForce(consent({ validUntil: '2025-03-10' }), now)).toBe(true);
    expect(isConsentInForce(consent({ validUntil: '2025-03-09' }), now)).toBe(false);
    expect(isConsentInForce(consent({ validFrom: '2025-03-10', validUntil: '2025-03-10' }), now)).toBe(true);
  });

  it('holds indefinitely when it has no last day', () => {
    expect(isConsentInForce(consent({ validUntil: null }), new Date('2099-01-01T00:00:00Z'))).toBe(true);
  });

  it('counts days on the Swedish calendar, not in UTC', () => {
    const lastDayInWinter = consent({ validUntil: '2025-03-10' });
    expect(isConsentInForce(lastDayInWinter, new Date('2025-03-10T22:59:59.999Z'))).toBe(true); // 23:59:59 CET
    expect(isConsentInForce(lastDayInWinter, new Date('2025-03-10T23:00:00.000Z'))).toBe(false); // midnight CET, still the 10th in UTC
    const lastDayInSummer = consent({ validUntil: '2025-06-30' });
    expect(isConsentInForce(lastDayInSummer, new Date('2025-06-30T21:59:59.999Z'))).toBe(true); // 23:59:59 CEST
    expect(isConsentInForce(lastDayInSummer, new Date('2025-06-30T22:00:00.000Z'))).toBe(false);
    const firstDay = consent({ validFrom: '2025-03-11' });
    expect(isConsentInForce(firstDay, new Date('2025-03-10T22:59:59.999Z'))).toBe(false);
    expect(isConsentInForce(firstDay, new Date('2025-03-10T23:00:00.000Z'))).toBe(true);
  });

  it('ends at the moment of withdrawal', () => {
    const withdrawnAt = new Date('2025-03-10T11:00:00Z');
    expect(isConsentInForce(consent({ withdrawnAt }), now)).toBe(false);
    expect(isConsentInForce(consent({ withdrawnAt: now }), now)).toBe(false);
    expect(isConsentInForce(consent({ withdrawnAt }), new Date('2025-03-10T10:59:59Z'))).toBe(true);
  });
});

describe('swedishDate', () => {
  it('gives the date in Sweden, across both changes of clock', () => {
    expect(swedishDate(new Date('2025-01-15T22:59:59Z'))).toBe('2025-01-15');
    expect(swedishDate(new Date('2025-01-15T23:00:00Z'))).toBe('2025-01-16');
    expect(swedishDate(new Date('2025-07-15T21:59:59Z'))).toBe('2025-07-15');
    expect(swedishDate(new Date('2025-07-15T22:00:00Z'))).toBe('2025-07-16');
    expect(swedishDate(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
  });
});

describe('categoriesSharedWith', () => {
  const shared = (consents: ConsentFacts[], organisationId = region) => [...categoriesSharedWith(organisationId, consents, now)].sort();

  it('shares nothing without a consent', () => {
    expect(shared([])).toEqual([]);
  });

  it('shares only with the organisation the consent names', () => {
    const consents = [consent({ categories: ['health', 'identity'] })];
    expect(shared(consents)).toEqual(['health', 'identity']);
    expect(shared(consents, police)).toEqual([]);
  });

  it('joins the categories of several consents in force', () => {
    expect(shared([consent({ categories: ['health'] }), consent({ categories: ['contact_details', 'debt'] })])).toEqual(['contact_details', 'debt', 'health']);
  });

  it('leaves out consents that are withdrawn, expired or not yet valid', () => {
    expect(shared([
      consent({ categories: ['health'] }),
      consent({ categories: ['identity'], withdrawnAt: new Date('2025-03-01T00:00:00Z') }),
      consent({ categories: ['debt'], validUntil: '2025-03-09' }),
      consent({ categories: ['income'], validFrom: '2025-03-11' }),
    ])).toEqual(['health']);
  });

  it('lets an exclusion in one consent override what another consent gives', () => {
    expect(shared([
      consent({ categories: ['health', 'identity', 'contact_details'] }),
      consent({ categories: ['debt'], excludedCategories: ['identity'] }),
    ])).toEqual(['contact_details', 'debt', 'health']);
  });

  it('ignores the exclusions of consents not in force or given to another organisation', () => {
    expect(shared([
      consent({ categories: ['health', 'identity'] }),
      consent({ categories: ['debt'], excludedCategories: ['identity'], withdrawnAt: new Date('2025-03-01T00:00:00Z') }),
      consent({ categories: ['debt'], excludedCategories: ['health'], validUntil: '2025-01-31' }),
      consent({ recipientOrganisationId: police, categories: ['debt'], excludedCategories: ['health', 'identity'] }),
    ])).toEqual(['health', 'identity']);
  });
});
