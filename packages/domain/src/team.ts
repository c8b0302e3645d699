import type { CaseFacts } from './access';
import { categoriesSharedWith } from './consent';

/**
 * May someone from `organisationId` join this case's team? Always from the owning organisation;
 * from any other only while the participant's consent in force shares something with it, since an
 * external member without consent could see nothing and would still learn that the case exists.
 * `facts.consents` must hold the consents given to `organisationId` (the access facts of a request
 * carry only those to the actor's own organisation).
 */
export function mayInviteOrganisation(facts: Pick<CaseFacts, 'ownerOrganisationId' | 'consents'>, organisationId: string, now: Date): boolean {
  if (organisationId === facts.ownerOrganisationId) return true;
  return categoriesSharedWith(organisationId, facts.consents, now).size > 0;
}

/** A current member is within consent on the same terms as an invitation; outside it they see nothing of the case. */
export const isMemberWithinConsent = mayInviteOrganisation;
