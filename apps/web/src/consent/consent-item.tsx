import type { ConsentView } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { ConfirmAction } from '../ui/confirm-action';
import { consentSentence, exclusionSentence } from './consent-sentence';

interface ConsentItemProps {
  consent: ConsentView;
  canManage: boolean;
  onWithdraw: (consent: ConsentView) => Promise<void>;
}

export function ConsentItem({ consent, canManage, onWithdraw }: ConsentItemProps) {
  const i18n = useI18n();
  const { t, date, dateTime } = i18n;
  const exclusion = exclusionSentence(consent, i18n);
  const status = consent.withdrawnAt
    ? t('consent.withdrawnOn', { date: date(consent.withdrawnAt) })
    : consent.inForce ? t('consent.inForce') : t('consent.notInForce');
  return (
    <li className={consent.withdrawnAt ? 'card card--withdrawn' : 'card'}>
      <p className={consent.inForce ? 'tag tag--ok' : 'tag'}>{status}</p>
      <p className="card__title">{consentSentence(consent, i18n)}</p>
      {exclusion && <p>{exclusion}</p>}
      <p className="meta">
        {t('consent.given', { form: t(`consentForm.${consent.form}`), date: date(consent.givenOn), name: consent.recordedBy.name })}
        {consent.withdrawnAt && <> {t('consent.withdrawnAt', { time: dateTime(consent.withdrawnAt) })}</>}
      </p>
      {canManage && !consent.withdrawnAt && (
        <ConfirmAction
          label={t('consent.withdraw', { organisation: consent.recipientOrganisation.name })}
          question={t('consent.withdrawQuestion', { organisation: consent.recipientOrganisation.name })}
          confirmLabel={t('consent.withdrawConfirm')}
          onConfirm={() => onWithdraw(consent)}
        />
      )}
    </li>
  );
}
