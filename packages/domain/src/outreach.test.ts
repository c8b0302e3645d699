import { describe, expect, it } from 'vitest';
import {
  OutreachEncounterCreate, canEditEncounter, canReadOutreach, canRecordOutreach, hidesCount, isCoarseArea, isPlausibleEncounterDate, suppressCell,
} from './outreach';
import type { Actor } from './access';

const actor = (roles: Actor['roles']): Actor => ({ userId: 'u1', organisationId: 'o1', organisationType: 'municipality', roles });
const valid = {
  date: '2026-03-02', arena: 'street', municipalityCode: '1880', languages: ['ro'], materials: [{ material: 'condoms', count: 5 }],
  referralOffered: false, referralTo: [], peopleMet: 1,
};

describe('small-cell suppression', () => {
  it('hides counts from one to four for an outside audience, and nothing for the organisation', () => {
    expect([0, 1, 4, 5, 12].map((count) => hidesCount(count, 'outside'))).toEqual([false, true, true, false, false]);
    expect([1, 4].map((count) => hidesCount(count, 'organisation'))).toEqual([false, false]);
    expect(hidesCount(7, 'outside', 10)).toBe(true);
  });

  it('hides every count of a cell whose basis is small, so the other counts cannot give it away', () => {
    expect(suppressCell({ encounters: 3, peopleMet: 40 }, 'encounters', 'outside')).toEqual({ counts: { encounters: null, peopleMet: null }, suppressed: true });
    expect(suppressCell({ encounters: 3, peopleMet: 40 }, 'encounters', 'organisation')).toEqual({ counts: { encounters: 3, peopleMet: 40 }, suppressed: false });
    expect(suppressCell({ encounters: 5, peopleMet: 1 }, 'encounters', 'outside')).toEqual({ counts: { encounters: 5, peopleMet: 1 }, suppressed: false });
  });
});

describe('a coarse place', () => {
  it('accepts district names and refuses street numbers, postcodes, links and e-mail', () => {
    expect(['Centrum', 'Södermalm', 'Nära stationen', 'Hamnen'].every(isCoarseArea)).toBe(true);
    expect(['Storgatan 5', '702 10', 'www.example.se', 'ana@example.se', 'https://example.se'].some(isCoarseArea)).toBe(false);
  });

  it('is refused by the schema when it looks like an address or is long', () => {
    expect(OutreachEncounterCreate.safeParse({ ...valid, area: 'Storgatan 5' }).success).toBe(false);
    expect(OutreachEncounterCreate.safeParse({ ...valid, area: 'x'.repeat(41) }).success).toBe(false);
    expect(OutreachEncounterCreate.safeParse({ ...valid, area: 'Centrum' }).success).toBe(true);
  });
});

describe('an encounter', () => {
  it('names what a referral was offered to, and nothing when none was', () => {
    expect(OutreachEncounterCreate.safeParse({ ...valid, referralOffered: true, referralTo: [] }).success).toBe(false);
    expect(OutreachEncounterCreate.safeParse({ ...valid, referralOffered: false, referralTo: ['healthcare'] }).success).toBe(false);
    expect(OutreachEncounterCreate.safeParse({ ...valid, referralOffered: true, referralTo: ['healthcare'] }).success).toBe(true);
  });

  it('is dated today or up to a year back', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(isPlausibleEncounterDate('2026-03-10', now)).toBe(true);
    expect(isPlausibleEncounterDate('2026-03-11', now)).toBe(true);
    expect(isPlausibleEncounterDate('2026-03-13', now)).toBe(false);
    expect(isPlausibleEncounterDate('2024-03-10', now)).toBe(false);
  });

  it('is corrected by its author for 24 hours only', () => {
    const createdAt = new Date('2026-03-10T12:00:00Z');
    expect(canEditEncounter({ userId: 'u1' }, { createdBy: 'u1', createdAt }, new Date('2026-03-11T11:59:00Z'))).toBe(true);
    expect(canEditEncounter({ userId: 'u1' }, { createdBy: 'u1', createdAt }, new Date('2026-03-11T12:01:00Z'))).toBe(false);
    expect(canEditEncounter({ userId: 'u2' }, { createdBy: 'u1', createdAt }, createdAt)).toBe(false);
  });

  it('is logged by intake staff and read by them and managers', () => {
    expect(canRecordOutreach(actor(['intake']))).toBe(true);
    expect(canRecordOutreach(actor(['manager', 'coordinator']))).toBe(false);
    expect(canReadOutreach(actor(['manager']))).toBe(true);
    expect(canReadOutreach(actor(['analyst']))).toBe(false);
  });
});
