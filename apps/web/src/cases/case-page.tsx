import type { CaseView } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { MeetingsOnlyPage } from '../meetings/meetings-only-page';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { CaseDetails } from './case-details';
import { CaseNotFound } from './case-not-found';

export function CasePage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [state, reload] = useApiGet<CaseView>(`/cases/${caseId}`);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') {
    if (state.error.status === 404) return <MeetingsOnlyPage caseId={caseId} notFound={<CaseNotFound caseId={caseId} onAccessGranted={reload} />} />;
    return (
      <>
        <PageHeading title={t('case.failedTitle')}>{t('case.failedTitle')}</PageHeading>
        <p className="notice notice--error">{failureMessage(state.error, t)}</p>
      </>
    );
  }
  return <CaseDetails view={state.data} onChanged={reload} />;
}
