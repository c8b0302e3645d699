import type { ConsentView } from '../api/types';
import { categoryPhrase, purposePhrase } from '../cases/labels';
import type { I18n } from '../i18n/i18n-context';

/** "Region Örebro län får ta del av uppgifter om hälsa för vårdplanering, till 2027-06-30." */
export function consentSentence(consent: ConsentView, { t, list, date }: Pick<I18n, 't' | 'list' | 'date'>): string {
  return t('consent.sentence', {
    organisation: consent.recipientOrganisation.name,
    categories: list(consent.categories.map((category) => categoryPhrase(t, category))),
    purposes: list(consent.purposes.map((purpose) => purposePhrase(t, purpose))),
    period: consent.validUntil ? t('consent.until', { date: date(consent.validUntil) }) : t('consent.untilFurtherNotice'),
  });
}

/** "Får inte ta del av: rättsprocess." or null when nothing is excluded. */
export function exclusionSentence(consent: ConsentView, { t, list }: Pick<I18n, 't' | 'list'>): string | null {
  if (consent.excludedCategories.length === 0) return null;
  return t('consent.excluded', { categories: list(consent.excludedCategories.map((category) => categoryPhrase(t, category))) });
}
