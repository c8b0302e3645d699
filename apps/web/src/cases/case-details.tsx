import type { CaseView } from '../api/types';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { ConsentSection } from '../consent/consent-section';
import { useI18n } from '../i18n/i18n-context';
import { PageHeading } from '../ui/page-heading';
import { TeamSection } from '../team/team-section';
import { CaseOverview } from './case-overview';
import { ParticipantSection } from './participant-section';

export function CaseDetails({ view, onChanged }: { view: CaseView; onChanged: () => void }) {
  const { t } = useI18n();
  const title = t('case.title', { alias: view.participant.alias });
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {view.participant.protectedIdentity !== 'none' && (
        <div className="notice notice--warning" role="note">
          <p><strong>{t('case.protectedIdentity', { level: t(`protectedIdentity.${view.participant.protectedIdentity}`) })}</strong></p>
          <p>{t('case.protectedIdentityAdvice')}</p>
        </div>
      )}
      {view.access.via === 'emergency' && <p className="notice notice--warning" role="note">{t('case.emergencyAccess')}</p>}
      <CaseOverview view={view} />
      <ParticipantSection view={view} onSaved={onChanged} />
      <TeamSection caseId={view.id} canManage={view.access.canManageTeam} />
      <ConsentSection caseId={view.id} ownerOrganisationId={view.ownerOrganisation.id} canManage={view.access.canManageTeam} />
      {view.access.canManageTeam && (
        <section aria-labelledby="access-log-heading">
          <h2 id="access-log-heading">{t('accessLog.title')}</h2>
          <p>{t('accessLog.intro')}</p>
          <p><Link to={paths.accessLog(view.id)}>{t('accessLog.open')}</Link></p>
        </section>
      )}
    </>
  );
}
