import type { CaseView } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { formatIdentityNumber } from './participant-draft';

/** What this reader may see of the participant; a field they lack consent for is null and simply not shown. */
export function ParticipantDetails({ view }: { view: CaseView }) {
  const { t, list, languageName } = useI18n();
  const { participant } = view;
  const rows: [string, string | null][] = [
    [t('participant.alias'), participant.alias],
    [t('participant.firstName'), participant.firstName],
    [t('participant.lastName'), participant.lastName],
    [t('participant.identityNumber'), participant.identityNumber && formatIdentityNumber(participant.identityNumber)],
    [t('participant.phone'), participant.phone],
    [t('participant.email'), participant.email],
    [t('participant.address'), participant.address],
    [t('participant.languages'), participant.languages.length > 0 ? list(participant.languages.map(languageName)) : null],
    [t('participant.interpreter'), participant.interpreterNeeded
      ? (participant.interpreterLanguage ? t('participant.interpreterIn', { language: languageName(participant.interpreterLanguage) }) : t('participant.interpreterYes'))
      : t('participant.interpreterNo')],
  ];
  const hidesIdentity = participant.identified && !view.access.categories.includes('identity');
  return (
    <>
      {!participant.identified && <p>{t('participant.anonymous')}</p>}
      {hidesIdentity && <p className="notice">{t('participant.identityNotShared')}</p>}
      <dl className="details">
        {rows.filter((row): row is [string, string] => row[1] !== null).map(([label, value]) => (
          <div className="details__row" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
