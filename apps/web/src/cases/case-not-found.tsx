import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { PageHeading } from '../ui/page-heading';
import { EmergencyAccessForm } from './emergency-access-form';

/** Missing and forbidden look the same, on purpose; staff of the owning organisation may ask for emergency access. */
export function CaseNotFound({ caseId, onAccessGranted }: { caseId: string; onAccessGranted: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t('caseNotFound.title')}>{t('caseNotFound.title')}</PageHeading>
      <p>{t('caseNotFound.text')}</p>
      <p><Link to={paths.cases}>{t('caseNotFound.back')}</Link></p>
      <section aria-labelledby="emergency-heading" className="panel">
        <h2 id="emergency-heading">{t('emergency.title')}</h2>
        <p>{t('emergency.intro')}</p>
        <EmergencyAccessForm caseId={caseId} onGranted={onAccessGranted} />
      </section>
    </>
  );
}
