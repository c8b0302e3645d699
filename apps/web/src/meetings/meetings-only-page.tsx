import type { MeetingList } from '@utvag/domain';
import type { ReactNode } from 'react';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { MeetingSection } from './meeting-section';

/**
 * A support person or mentor whom consent shares nothing with cannot read the case, but sees its
 * meetings; anyone who cannot see the meetings either gets `notFound`, so the two still look the same.
 */
export function MeetingsOnlyPage({ caseId, notFound }: { caseId: string; notFound: ReactNode }) {
  const { t } = useI18n();
  const [state] = useApiGet<MeetingList>(`/cases/${caseId}/meetings`);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') return <>{notFound}</>;
  return (
    <>
      <PageHeading title={t('meetings.onlyTitle')}>{t('meetings.onlyTitle')}</PageHeading>
      <p>{t('meetings.onlyIntro')}</p>
      <MeetingSection caseId={caseId} />
    </>
  );
}
