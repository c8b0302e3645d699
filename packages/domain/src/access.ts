import { InformationCategory, categoriesSharedWith, type ConsentFacts } from './consent';
import type { OrganisationType, Role, TeamRole } from './organisations';

/** The person making a request, as the access context knows them. */
export interface Actor {
  userId: string;
  organisationId: string;
  organisationType: OrganisationType;
  roles: readonly Role[];
}

export interface TeamMemberFacts {
  userId: string;
  organisationId: string;
  teamRole: TeamRole;
}

/** What the access rules need to know about one case. `team` holds current members only. */
export interface CaseFacts {
  ownerOrganisationId: string;
  coordinatorUserId: string | null;
  team: readonly TeamMemberFacts[];
  consents: readonly ConsentFacts[];
  /** End of this actor's emergency access to the case, if they have asked for it. */
  emergencyAccessUntil: Date | null;
}

/** How an actor stands to a case; `categories` is what they may read beyond the case's existence. */
export type CaseAccess =
  | { level: 'none' }
  | { level: 'full'; via: 'coordinator' | 'owning_team' | 'owning_manager' | 'emergency'; categories: Set<InformationCategory> }
  | { level: 'consented'; via: 'external_team'; categories: Set<InformationCategory> };

const allCategories = (): Set<InformationCategory> => new Set(InformationCategory.options);

function teamMembership(actor: Actor, facts: CaseFacts): TeamMemberFacts | undefined {
  return facts.team.find((member) => member.userId === actor.userId);
}

const followsOnly = (role: TeamRole) => role === 'support_person' || role === 'mentor';

/** Decides how an actor stands to a case. The single source of the read rule; SQL filters mirror it. */
export function caseAccess(actor: Actor, facts: CaseFacts, now: Date): CaseAccess {
  const owning = actor.organisationId === facts.ownerOrganisationId;
  if (facts.coordinatorUserId === actor.userId) return { level: 'full', via: 'coordinator', categories: allCategories() };
  // Managers first: a manager who is also on the team still composes it and records consent.
  if (owning && actor.roles.includes('manager')) return { level: 'full', via: 'owning_manager', categories: allCategories() };
  const member = teamMembership(actor, facts);
  if (member && owning && !followsOnly(member.teamRole)) {
    return { level: 'full', via: 'owning_team', categories: allCategories() };
  }
  if (owning && facts.emergencyAccessUntil && facts.emergencyAccessUntil.getTime() > now.getTime()) {
    return { level: 'full', via: 'emergency', categories: allCategories() };
  }
  if (member) {
    // Everyone else on the team, and support persons everywhere, see only what consent shares with their organisation.
    const categories = categoriesSharedWith(actor.organisationId, facts.consents, now);
    if (categories.size > 0) return { level: 'consented', via: 'external_team', categories };
  }
  return { level: 'none' };
}

/** May the actor know that the case exists and read its overview? */
export function canReadCase(actor: Actor, facts: CaseFacts, now: Date): boolean {
  return caseAccess(actor, facts, now).level !== 'none';
}

/** May the actor read information of this category in the case? */
export function canReadCategory(actor: Actor, facts: CaseFacts, category: InformationCategory, now: Date): boolean {
  const access = caseAccess(actor, facts, now);
  return access.level !== 'none' && access.categories.has(category);
}

/** Change the case and the participant's details: the coordinator, the owning organisation's team and its managers. */
export function canEditCase(actor: Actor, facts: CaseFacts, now: Date): boolean {
  const access = caseAccess(actor, facts, now);
  return access.level === 'full' && access.via !== 'emergency';
}

/** Compose the team and record consent: the coordinator and the owning organisation's managers. */
export function canManageTeam(actor: Actor, facts: CaseFacts, now: Date): boolean {
  const access = caseAccess(actor, facts, now);
  return access.level === 'full' && (access.via === 'coordinator' || access.via === 'owning_manager');
}

export const canRecordConsent = canManageTeam;

/** The participant's access-log extract is prepared by the coordinator or a manager. */
export const canViewAccessLog = canManageTeam;

/** Emergency access is for staff of the owning organisation who otherwise cannot see the case. */
export function canRequestEmergencyAccess(actor: Actor, facts: CaseFacts, now: Date): boolean {
  if (actor.organisationId !== facts.ownerOrganisationId) return false;
  if (!actor.roles.some((role) => role === 'coordinator' || role === 'intake' || role === 'team_member')) return false;
  return caseAccess(actor, facts, now).level === 'none';
}

/** Cases are held by social services: a municipality or a collaboration of municipalities. */
export function canCreateCase(actor: Actor): boolean {
  const holdsCases = actor.organisationType === 'municipality' || actor.organisationType === 'collaboration';
  return holdsCases && actor.roles.some((role) => role === 'coordinator' || role === 'intake' || role === 'manager');
}

/** Hours that one grant of emergency access lasts. */
export const emergencyAccessHours = 4;
