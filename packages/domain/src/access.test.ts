import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canCreateCase, canEditCase, canManageTeam, canReadCase, canReadCategory, canRecordConsent, canRequestEmergencyAccess,
  canViewAccessLog, caseAccess, emergencyAccessHours, type Actor, type CaseFacts, type TeamMemberFacts,
} from './access';
import { InformationCategory, type ConsentFacts } from './consent';
import { Role, TeamRole, type OrganisationType } from './organisations';

const municipality = 'org-municipality';
const region = 'org-region';
const now = new Date('2025-03-10T12:00:00Z');
const allCategories = [...InformationCategory.options].sort();

const actor = (userId: string, organisationId: string, roles: Role[], organisationType: OrganisationType = 'municipality'): Actor =>
  ({ userId, organisationId, organisationType, roles });

const member = (userId: string, organisationId: string, teamRole: TeamMemberFacts['teamRole'] = 'team_member'): TeamMemberFacts =>
  ({ userId, organisationId, teamRole });

const consentTo = (organisationId: string, overrides: Partial<ConsentFacts> = {}): ConsentFacts => ({
  recipientOrganisationId: organisationId,
  categories: ['health', 'contact_details'],
  excludedCategories: [],
  validFrom: '2025-01-01',
  validUntil: null,
  withdrawnAt: null,
  ...overrides,
});

/** A case owned by the municipality, coordinated by `coordinator`, with the given extra members and consents. */
const caseFacts = (overrides: Partial<CaseFacts> = {}): CaseFacts => ({
  ownerOrganisationId: municipality,
  coordinatorUserId: 'coordinator',
  team: [member('coordinator', municipality, 'coordinator')],
  consents: [],
  emergencyAccessUntil: null,
  ...overrides,
});

const withMembers = (...members: TeamMemberFacts[]) => caseFacts({ team: [member('coordinator', municipality, 'coordinator'), ...members] });

function describeAccess(who: Actor, facts: CaseFacts, at = now) {
  const access = caseAccess(who, facts, at);
  return access.level === 'none' ? { level: 'none' } : { level: access.level, via: access.via, categories: [...access.categories].sort() };
}

describe('caseAccess', () => {
  it('gives the coordinator full access', () => {
    expect(describeAccess(actor('coordinator', municipality, ['coordinator']), caseFacts())).toEqual({ level: 'full', via: 'coordinator', categories: allCategories });
  });

  it('gives full access to a professional of the owning organisation on the team', () => {
    const facts = withMembers(member('social-worker', municipality));
    expect(describeAccess(actor('social-worker', municipality, ['team_member']), facts)).toEqual({ level: 'full', via: 'owning_team', categories: allCategories });
  });

  it('gives nothing to a colleague in the owning organisation who is not on the team', () => {
    expect(describeAccess(actor('colleague', municipality, ['coordinator', 'team_member', 'intake']), caseFacts())).toEqual({ level: 'none' });
  });

  it('gives the owning organisation\'s managers full access, whether or not they are on the team', () => {
    expect(describeAccess(actor('manager', municipality, ['manager']), caseFacts())).toEqual({ level: 'full', via: 'owning_manager', categories: allCategories });
    const onTeam = withMembers(member('manager', municipality, 'team_member'));
    expect(describeAccess(actor('manager', municipality, ['manager']), onTeam)).toEqual({ level: 'full', via: 'owning_manager', categories: allCategories });
  });

  it('gives a manager of another organisation nothing by that role', () => {
    expect(describeAccess(actor('manager', region, ['manager'], 'region'), caseFacts())).toEqual({ level: 'none' });
  });

  it('gives another organisation\'s team member exactly the categories consent shares with their organisation', () => {
    const team = [member('coordinator', municipality, 'coordinator'), member('nurse', region)];
    const nurse = actor('nurse', region, ['team_member'], 'region');
    expect(describeAccess(nurse, caseFacts({ team }))).toEqual({ level: 'none' });
    expect(describeAccess(nurse, caseFacts({ team, consents: [consentTo(region)] }))).toEqual({ level: 'consented', via: 'external_team', categories: ['contact_details', 'health'] });
    expect(describeAccess(nurse, caseFacts({ team, consents: [consentTo(municipality)] }))).toEqual({ level: 'none' });
    expect(describeAccess(nurse, caseFacts({ team, consents: [consentTo(region, { withdrawnAt: new Date('2025-03-10T11:00:00Z') })] }))).toEqual({ level: 'none' });
    expect(describeAccess(nurse, caseFacts({ team, consents: [consentTo(region, { validUntil: '2025-03-09' })] }))).toEqual({ level: 'none' });
    const everythingExcluded = [consentTo(region), consentTo(region, { categories: ['debt'], excludedCategories: ['health', 'contact_details'] })];
    expect(describeAccess(nurse, caseFacts({ team, consents: everythingExcluded }))).toEqual({ level: 'consented', via: 'external_team', categories: ['debt'] });
  });

  it('gives consent alone nothing: the organisation\'s staff must be on the team', () => {
    expect(describeAccess(actor('nurse', region, ['team_member'], 'region'), caseFacts({ consents: [consentTo(region)] }))).toEqual({ level: 'none' });
  });

  it('limits support persons and mentors to what consent shares, even in the owning organisation', () => {
    for (const teamRole of ['support_person', 'mentor'] as const) {
      const team = [member('coordinator', municipality, 'coordinator'), member('mentor', municipality, teamRole)];
      const mentor = actor('mentor', municipality, ['support_person']);
      expect(describeAccess(mentor, caseFacts({ team }))).toEqual({ level: 'none' });
      expect(describeAccess(mentor, caseFacts({ team, consents: [consentTo(municipality, { categories: ['contact_details'] })] })))
        .toEqual({ level: 'consented', via: 'external_team', categories: ['contact_details'] });
    }
  });

  it('gives emergency access to owning-organisation staff until it ends, and to nobody else', () => {
    const until = new Date(now.getTime() + 60_000);
    const colleague = actor('colleague', municipality, ['team_member']);
    expect(describeAccess(colleague, caseFacts({ emergencyAccessUntil: until }))).toEqual({ level: 'full', via: 'emergency', categories: allCategories });
    expect(describeAccess(colleague, caseFacts({ emergencyAccessUntil: until }), until)).toEqual({ level: 'none' });
    expect(describeAccess(actor('nurse', region, ['team_member'], 'region'), caseFacts({ emergencyAccessUntil: until }))).toEqual({ level: 'none' });
  });

  it('ends with the team membership: facts hold current members only', () => {
    expect(describeAccess(actor('social-worker', municipality, ['team_member']), caseFacts())).toEqual({ level: 'none' });
  });
});

describe('the rules built on caseAccess', () => {
  const coordinator = actor('coordinator', municipality, ['coordinator']);
  const manager = actor('manager', municipality, ['manager']);
  const socialWorker = actor('social-worker', municipality, ['team_member']);
  const nurse = actor('nurse', region, ['team_member'], 'region');
  const colleague = actor('colleague', municipality, ['team_member']);
  const facts = caseFacts({
    team: [member('coordinator', municipality, 'coordinator'), member('social-worker', municipality), member('nurse', region), member('manager', municipality)],
    consents: [consentTo(region, { categories: ['health'] })],
  });
  const emergency = caseFacts({ emergencyAccessUntil: new Date(now.getTime() + 60_000) });

  it('canReadCase follows the access level', () => {
    expect([coordinator, manager, socialWorker, nurse].map((who) => canReadCase(who, facts, now))).toEqual([true, true, true, true]);
    expect(canReadCase(colleague, facts, now)).toBe(false);
    expect(canReadCase(colleague, emergency, now)).toBe(true);
  });

  it('canReadCategory is limited to consented categories for other organisations', () => {
    expect(canReadCategory(nurse, facts, 'health', now)).toBe(true);
    expect(canReadCategory(nurse, facts, 'identity', now)).toBe(false);
    expect(canReadCategory(socialWorker, facts, 'identity', now)).toBe(true);
    expect(canReadCategory(colleague, facts, 'health', now)).toBe(false);
  });

  it('canEditCase: the coordinator, the owning team and managers, never through consent or emergency access', () => {
    expect([coordinator, manager, socialWorker].map((who) => canEditCase(who, facts, now))).toEqual([true, true, true]);
    expect(canEditCase(nurse, facts, now)).toBe(false);
    expect(canEditCase(colleague, emergency, now)).toBe(false);
  });

  it('canManageTeam, canRecordConsent and canViewAccessLog: the coordinator and the owning organisation\'s managers', () => {
    for (const rule of [canManageTeam, canRecordConsent, canViewAccessLog]) {
      expect([coordinator, manager].map((who) => rule(who, facts, now))).toEqual([true, true]);
      expect([socialWorker, nurse].map((who) => rule(who, facts, now))).toEqual([false, false]);
      expect(rule(colleague, emergency, now)).toBe(false);
    }
  });

  it('canRequestEmergencyAccess: owning-organisation case workers who cannot otherwise see the case', () => {
    for (const role of ['coordinator', 'intake', 'team_member'] as const) {
      expect(canRequestEmergencyAccess(actor('colleague', municipality, [role]), facts, now)).toBe(true);
    }
    for (const role of ['analyst', 'org_admin', 'regional_coordinator', 'support_person'] as const) {
      expect(canRequestEmergencyAccess(actor('colleague', municipality, [role]), facts, now)).toBe(false);
    }
    expect(canRequestEmergencyAccess(socialWorker, facts, now)).toBe(false);
    expect(canRequestEmergencyAccess(actor('outsider', region, ['team_member'], 'region'), facts, now)).toBe(false);
    expect(canRequestEmergencyAccess(colleague, emergency, now)).toBe(false);
  });

  it('canCreateCase: social services staff who handle cases, in a municipality or collaboration', () => {
    for (const organisationType of ['municipality', 'collaboration'] as const) {
      for (const role of ['coordinator', 'intake', 'manager'] as const) {
        expect(canCreateCase(actor('someone', municipality, [role], organisationType))).toBe(true);
      }
      for (const role of ['team_member', 'support_person', 'analyst', 'org_admin', 'regional_coordinator'] as const) {
        expect(canCreateCase(actor('someone', municipality, [role], organisationType))).toBe(false);
      }
    }
    for (const organisationType of ['region', 'civil_society', 'national_agency', 'county_board'] as const) {
      expect(canCreateCase(actor('someone', region, ['coordinator', 'intake', 'manager'], organisationType))).toBe(false);
    }
  });

  it('emergency access lasts four hours', () => {
    expect(emergencyAccessHours).toBe(4);
  });
});

describe('access rules, over generated cases', () => {
  const organisations = [municipality, region, 'org-civil-society'];
  const users = ['u1', 'u2', 'u3', 'u4'];
  const consentArbitrary = fc.record({
    recipientOrganisationId: fc.constantFrom(...organisations),
    categories: fc.subarray([...InformationCategory.options], { minLength: 1 }),
    excludedCategories: fc.subarray([...InformationCategory.options], { maxLength: 3 }),
    validFrom: fc.constantFrom('2024-01-01', '2025-03-10', '2025-03-11'),
    validUntil: fc.constantFrom(null, '2025-03-09', '2025-03-10', '2030-01-01'),
    withdrawnAt: fc.constantFrom(null, new Date('2025-03-01T00:00:00Z')),
  });
  const factsArbitrary = fc.record({
    ownerOrganisationId: fc.constant(municipality),
    coordinatorUserId: fc.constantFrom(null, ...users),
    team: fc.uniqueArray(
      fc.record({ userId: fc.constantFrom(...users), organisationId: fc.constantFrom(...organisations), teamRole: fc.constantFrom(...TeamRole.options) }),
      { selector: (m) => m.userId },
    ),
    consents: fc.array(consentArbitrary, { maxLength: 3 }),
    emergencyAccessUntil: fc.constantFrom(null, new Date(now.getTime() - 1), new Date(now.getTime() + 3_600_000)),
  });
  const actorArbitrary = fc.record({
    userId: fc.constantFrom(...users),
    organisationId: fc.constantFrom(...organisations),
    organisationType: fc.constant<OrganisationType>('municipality'),
    roles: fc.subarray([...Role.options], { minLength: 1 }),
  });

  it('orders the rules: manage team ⇒ edit ⇒ read, and reading a category ⇒ reading the case', () => {
    fc.assert(fc.property(actorArbitrary, factsArbitrary, (who, facts) => {
      if (canManageTeam(who, facts, now)) expect(canEditCase(who, facts, now)).toBe(true);
      if (canEditCase(who, facts, now)) expect(canReadCase(who, facts, now)).toBe(true);
      for (const category of InformationCategory.options) {
        if (canReadCategory(who, facts, category, now)) expect(canReadCase(who, facts, now)).toBe(true);
      }
    }));
  });

  it('never gives another organisation more than consent in force shares with it', () => {
    fc.assert(fc.property(actorArbitrary, factsArbitrary, (who, facts) => {
      const access = caseAccess(who, facts, now);
      if (who.organisationId === municipality || access.level === 'none') return;
      if (facts.coordinatorUserId === who.userId) return;
      expect(access.level).toBe('consented');
      expect(facts.team.some((m) => m.userId === who.userId)).toBe(true);
      for (const category of access.categories) {
        const given = facts.consents.some((consent) => consent.recipientOrganisationId === who.organisationId && consent.categories.includes(category)
          && consent.withdrawnAt === null && consent.validFrom <= '2025-03-10' && (consent.validUntil === null || consent.validUntil >= '2025-03-10'));
        expect(given).toBe(true);
      }
    }));
  });
});
