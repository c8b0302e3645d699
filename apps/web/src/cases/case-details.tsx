import { useReducer } from 'react';
import type { CaseView } from '../api/types';
import { CaseCourseSection } from '../case-course/case-course-section';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { ConsentSection } from '../consent/consent-section';
import { DecisionSection } from '../decisions/decision-section';
import { useI18n } from '../i18n/i18n-context';
import { JournalSection } from '../journal/journal-section';
import { MeetingSection } from '../meetings/meeting-section';
import { PageHeading } from '../ui/page-heading';
import { TeamSection } from '../team/team-section';
import { TransferSection } from '../transfers/transfer-section';
import { CaseOverview } from './case-overview';
import { ParticipantSection } from './participant-section';

export function CaseDetails({ view, onChanged }: { view: CaseView; onChanged: () => void }) {
  const { t } = useI18n();
  const title = t('case.title', { alias: view.participant.alias });
  // The team offers only organisations within consent, so it hears when consent changes.
  const [consentKey, consentChanged] = useReducer((key: number) => key + 1, 0);
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
      <CaseCourseSection view={view} onChanged={onChanged} />
      <section aria-labelledby="plan-heading"><h2 id="plan-heading">{t('plan.title')}</h2><p>{t('plan.sectionIntro')}</p><p><Link to={paths.plan(view.id)}>{t('plan.open')}</Link></p></section>
      <ParticipantSection view={view} onSaved={onChanged} />
      <TeamSection view={view} consentKey={consentKey} onCaseChanged={onChanged} />
      <ConsentSection caseId={view.id} ownerOrganisationId={view.ownerOrganisation.id} canManage={view.access.canManageTeam} onChanged={consentChanged} />
      <MeetingSection caseId={view.id} />
      <DecisionSection caseId={view.id} />
      <JournalSection caseId={view.id} categories={view.access.categories} />
      {view.access.canManageTeam && <TransferSection caseId={view.id} ownerOrganisationId={view.ownerOrganisation.id} canRequest={view.access.canManageTeam} />}
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
