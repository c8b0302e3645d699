import { z } from 'zod';

/** Categories of information that consent can cover; identity and contact details are their own. */
export const InformationCategory = z.enum([
  'identity',
  'contact_details',
  'protection_housing',
  'health',
  'trauma_care',
  'income',
  'debt',
  'sexual_health',
  'work_education',
  'relationships',
  'legal_process',
  'residence',
  'return',
]);
export type InformationCategory = z.infer<typeof InformationCategory>;

/** What shared information may be used for. */
export const ConsentPurpose = z.enum([
  'coordination',
  'care_planning',
  'protection',
  'support',
  'legal_proceedings',
  'residence_matters',
]);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

/** How the participant gave consent. */
export const ConsentForm = z.enum(['written', 'oral', 'digital']);
export type ConsentForm = z.infer<typeof ConsentForm>;

export interface ConsentFacts {
  recipientOrganisationId: string;
  categories: readonly InformationCategory[];
  excludedCategories: readonly InformationCategory[];
  validFrom: string; // YYYY-MM-DD
  validUntil: string | null; // YYYY-MM-DD, inclusive
  withdrawnAt: Date | null;
}

const swedishCalendar = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date (YYYY-MM-DD) in Sweden: consent runs "to 30 June" in Swedish time, not UTC. */
export function swedishDate(now: Date): string {
  return swedishCalendar.format(now);
}

/** A consent is in force from its first day through its last, unless it has been withdrawn. */
export function isConsentInForce(consent: ConsentFacts, now: Date): boolean {
  if (consent.withdrawnAt && consent.withdrawnAt.getTime() <= now.getTime()) return false;
  const today = swedishDate(now);
  if (consent.validFrom > today) return false;
  if (consent.validUntil !== null && consent.validUntil < today) return false;
  return true;
}

/** The categories an organisation may receive now: covered by a consent in force, and excluded by none. */
export function categoriesSharedWith(
  organisationId: string,
  consents: readonly ConsentFacts[],
  now: Date,
): Set<InformationCategory> {
  const granted = new Set<InformationCategory>();
  const excluded = new Set<InformationCategory>();
  for (const consent of consents) {
    if (consent.recipientOrganisationId !== organisationId || !isConsentInForce(consent, now)) continue;
    consent.categories.forEach((category) => granted.add(category));
    consent.excludedCategories.forEach((category) => excluded.add(category));
  }
  excluded.forEach((category) => granted.delete(category));
  return granted;
}
