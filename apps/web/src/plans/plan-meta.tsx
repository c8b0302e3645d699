import type { PlanVersionView } from '@utvag/domain';
import { useI18n } from '../i18n/i18n-context';

/** Status, follow-up and agreement of one version. */
export function PlanMeta({ plan }: { plan: PlanVersionView }) {
  const { t, date } = useI18n();
  return (
    <dl className="details">
      <dt>{t('plan.statusLabel')}</dt>
      <dd><span className={plan.status === 'agreed' ? 'tag tag--ok' : 'tag'}>{t(`plan.status.${plan.status}`)}</span></dd>
      <dt>{t('plan.followUpOn')}</dt>
      <dd>{plan.followUpOn ? date(plan.followUpOn) : t('plan.followUpNotSet')}</dd>
      {plan.agreedOn && plan.agreementForm && (
        <>
          <dt>{t('plan.agreedOn')}</dt>
          <dd>{t('plan.agreedHow', { date: date(plan.agreedOn), form: t(`plan.agreementForm.${plan.agreementForm}`) })}</dd>
        </>
      )}
      {plan.agreedBy && (
        <>
          <dt>{t('plan.agreedBy')}</dt>
          <dd>{plan.agreedBy.name}</dd>
        </>
      )}
      <dt>{t('plan.createdBy')}</dt>
      <dd>{plan.createdBy.name}</dd>
    </dl>
  );
}
