import { describe, expect, it } from 'vitest';
import type { Actor } from './access';
import {
  DirectoryEntryCreate, OpeningHours, addressAllowed, canMaintainDirectory, coverageScopesFor, hasContactWay, isPhoneNumber, isWebAddress, kindsFor,
  openingOn, phoneLinkNumber, resolveCoverage, servesMunicipality, swedishWeekday, textIn, type CoverageOrganisation,
} from './directory';

const orebro = { code: '1880', countyCode: '18' };
const laxa = { code: '1860', countyCode: '18' };
const stockholm = { code: '0180', countyCode: '01' };

const organisation = (overrides: Partial<CoverageOrganisation>): CoverageOrganisation =>
  ({ type: 'municipality', municipalityCode: '1880', countyCode: '18', memberMunicipalityCodes: [], ...overrides });

const resolved = (org: CoverageOrganisation, coverage: Parameters<typeof resolveCoverage>[1]) => {
  const result = resolveCoverage(org, coverage);
  if ('error' in result) throw new Error(result.error);
  return result;
};

describe('coverage', () => {
  it('gives a municipality its own municipality only', () => {
    const coverage = resolved(organisation({}), { scope: 'own_area' });
    expect(servesMunicipality(coverage, orebro)).toBe(true);
    expect(servesMunicipality(coverage, laxa)).toBe(false);
    expect(servesMunicipality(coverage, stockholm)).toBe(false);
  });

  it('gives a region every municipality of its county', () => {
    const coverage = resolved(organisation({ type: 'region', municipalityCode: null }), { scope: 'own_area' });
    expect(coverage).toEqual({ national: false, municipalityCodes: [], countyCodes: ['18'] });
    expect(servesMunicipality(coverage, orebro)).toBe(true);
    expect(servesMunicipality(coverage, laxa)).toBe(true);
    expect(servesMunicipality(coverage, stockholm)).toBe(false);
  });

  it('gives a collaboration its member municipalities', () => {
    const coverage = resolved(organisation({ type: 'collaboration', municipalityCode: null, memberMunicipalityCodes: ['1860', '1880', '1860'] }), { scope: 'own_area' });
    expect(coverage.municipalityCodes).toEqual(['1860', '1880']);
    expect(servesMunicipality(coverage, laxa)).toBe(true);
    expect(servesMunicipality(coverage, stockholm)).toBe(false);
  });

  it('gives a national line every municipality', () => {
    const coverage = resolved(organisation({ type: 'national_agency', municipalityCode: null, countyCode: null }), { scope: 'national' });
    for (const place of [orebro, laxa, stockholm]) expect(servesMunicipality(coverage, place)).toBe(true);
  });

  it('lets civil society choose municipalities and counties, or run a national line', () => {
    const association = organisation({ type: 'civil_society', municipalityCode: null, countyCode: null });
    expect(coverageScopesFor('civil_society')).toEqual(['selected', 'national']);
    const coverage = resolved(association, { scope: 'selected', municipalityCodes: ['1880'], countyCodes: ['01'] });
    expect(servesMunicipality(coverage, orebro)).toBe(true);
    expect(servesMunicipality(coverage, stockholm)).toBe(true);
    expect(servesMunicipality(coverage, laxa)).toBe(false);
    expect(resolveCoverage(association, { scope: 'own_area' })).toEqual({ error: 'coverage_not_allowed' });
  });

  it('keeps public bodies to their own area', () => {
    expect(resolveCoverage(organisation({}), { scope: 'national' })).toEqual({ error: 'coverage_not_allowed' });
    expect(resolveCoverage(organisation({ type: 'region' }), { scope: 'selected', municipalityCodes: ['0180'], countyCodes: [] })).toEqual({ error: 'coverage_not_allowed' });
    expect(resolveCoverage(organisation({ type: 'national_agency' }), { scope: 'own_area' })).toEqual({ error: 'coverage_not_allowed' });
  });
});

describe('who maintains entries and what they publish', () => {
  const actor = (roles: Actor['roles'], organisationId = 'org-a'): Actor => ({ userId: 'u', organisationId, organisationType: 'municipality', roles });
  it('is the organisation\'s own org admins and managers', () => {
    expect(canMaintainDirectory(actor(['org_admin']), 'org-a')).toBe(true);
    expect(canMaintainDirectory(actor(['manager']), 'org-a')).toBe(true);
    expect(canMaintainDirectory(actor(['coordinator', 'intake']), 'org-a')).toBe(false);
    expect(canMaintainDirectory(actor(['org_admin']), 'org-b')).toBe(false);
  });
  it('keeps the social services kind to social services', () => {
    expect(kindsFor('municipality')).toContain('social_services');
    expect(kindsFor('collaboration')).toContain('social_services');
    expect(kindsFor('civil_society')).not.toContain('social_services');
    expect(kindsFor('region')).not.toContain('social_services');
  });
});

describe('entry rules', () => {
  it('never takes a street address for a protected service', () => {
    expect(addressAllowed({ protectedLocation: true, streetAddress: 'Gatan 1' })).toBe(false);
    expect(addressAllowed({ protectedLocation: true })).toBe(true);
    expect(addressAllowed({ protectedLocation: false, streetAddress: 'Gatan 1' })).toBe(true);
  });
  it('needs a way to make contact', () => {
    expect(hasContactWay({})).toBe(false);
    expect(hasContactWay({ phone: '112' })).toBe(true);
  });
  it('accepts only web pages as web addresses', () => {
    expect(isWebAddress('https://example.se/hjalp')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'https://user:pw@example.se', 'example.se', 'https://localhost']) {
      expect(isWebAddress(bad), bad).toBe(false);
    }
  });
  it('reads phone numbers as people write them', () => {
    for (const good of ['112', '116 111', '020-50 50 50', '+46 19 21 10 00']) expect(isPhoneNumber(good), good).toBe(true);
    for (const bad of ['12', 'ring mig', '019/211000', '1'.repeat(16)]) expect(isPhoneNumber(bad), bad).toBe(false);
    expect(phoneLinkNumber('+46 19-21 10 00')).toBe('+4619211000');
  });
  it('refuses an entry that breaks a rule', () => {
    const entry = {
      kind: 'civil_society', name: 'Test', description: { sv: 'Text' }, phone: '112', protectedLocation: true, streetAddress: 'Gatan 1',
      openingHours: { alwaysOpen: false, periods: [] }, languages: ['sv'], free: true, anonymous: true, forChildren: false, forAdults: true,
      coverage: { scope: 'national' }, published: true,
    };
    const result = DirectoryEntryCreate.safeParse(entry);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain('address_of_protected_service');
    expect(DirectoryEntryCreate.safeParse({ ...entry, streetAddress: undefined }).success).toBe(true);
  });
});

describe('opening hours', () => {
  const hours = OpeningHours.parse({ alwaysOpen: false, periods: [{ day: 'mon', opens: '13:00', closes: '16:00' }, { day: 'mon', opens: '08:00', closes: '12:00' }] });
  it('tells what today looks like', () => {
    expect(openingOn(hours, 'mon')).toEqual({ kind: 'open', periods: [{ opens: '08:00', closes: '12:00' }, { opens: '13:00', closes: '16:00' }] });
    expect(openingOn(hours, 'sun')).toEqual({ kind: 'closed' });
    expect(openingOn({ alwaysOpen: true, periods: [] }, 'sun')).toEqual({ kind: 'always' });
    expect(openingOn({ alwaysOpen: false, periods: [] }, 'sun')).toEqual({ kind: 'unknown' });
  });
  it('counts the day in Swedish time', () => {
    // Sunday 23:30 UTC is already Monday in Sweden.
    expect(swedishWeekday(new Date('2025-03-09T23:30:00Z'))).toBe('mon');
    expect(swedishWeekday(new Date('2025-03-09T12:00:00Z'))).toBe('sun');
  });
  it('refuses times that run backwards or do not exist', () => {
    expect(OpeningHours.safeParse({ alwaysOpen: false, periods: [{ day: 'mon', opens: '16:00', closes: '08:00' }] }).success).toBe(false);
    expect(OpeningHours.safeParse({ alwaysOpen: false, periods: [{ day: 'mon', opens: '08:00', closes: '25:00' }] }).success).toBe(false);
    expect(OpeningHours.safeParse({ alwaysOpen: false, periods: [{ day: 'mon', opens: '20:00', closes: '24:00' }] }).success).toBe(true);
  });
});

describe('texts in the visitor\'s language', () => {
  it('falls back to English, then Swedish, and says which language it gave', () => {
    expect(textIn({ sv: 'Hej', en: 'Hello', ro: 'Salut' }, 'ro')).toEqual({ text: 'Salut', language: 'ro' });
    expect(textIn({ sv: 'Hej', en: 'Hello' }, 'ro')).toEqual({ text: 'Hello', language: 'en' });
    expect(textIn({ sv: 'Hej' }, 'ro')).toEqual({ text: 'Hej', language: 'sv' });
    expect(textIn({ sv: 'Hej', en: 'Hello' }, 'sv-ll')).toEqual({ text: 'Hej', language: 'sv' });
  });
});
