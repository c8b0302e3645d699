import { describe, expect, it } from 'vitest';
import type { ConsentFacts } from './consent';
import { mayInviteOrganisation } from './team';

const owner = 'org-municipality';
const region = 'org-region';
const association = 'org-association';
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
const facts = (...consents: ConsentFacts[]) => ({ ownerOrganisationId: owner, consents });

describe('mayInviteOrganisation', () => {
  it('always lets the owning organisation in, consent or not', () => {
    expect(mayInviteOrganisation(facts(), owner, now)).toBe(true);
  });

  it('lets another organisation in only with a consent in force given to it', () => {
    expect(mayInviteOrganisation(facts(), region, now)).toBe(false);
    expect(mayInviteOrganisation(facts(consent()), region, now)).toBe(true);
    expect(mayInviteOrganisation(facts(consent()), association, now)).toBe(false);
  });

  it('refuses when the consent is withdrawn, expired or not yet valid', () => {
    expect(mayInviteOrganisation(facts(consent({ withdrawnAt: new Date('2025-03-01T00:00:00Z') })), region, now)).toBe(false);
    expect(mayInviteOrganisation(facts(consent({ validUntil: '2025-03-09' })), region, now)).toBe(false);
    expect(mayInviteOrganisation(facts(consent({ validFrom: '2025-03-11' })), region, now)).toBe(false);
    expect(mayInviteOrganisation(facts(consent({ validUntil: '2025-03-10' })), region, now)).toBe(true);
  });

  it('refuses when every category given is excluded by another consent', () => {
    const health = consent({ categories: ['health'], excludedCategories: ['debt'] });
    const debt = consent({ categories: ['debt'], excludedCategories: ['health'] });
    expect(mayInviteOrganisation(facts(health, debt), region, now)).toBe(false);
    expect(mayInviteOrganisation(facts(health, debt, consent({ categories: ['income'] })), region, now)).toBe(true);
  });
});
