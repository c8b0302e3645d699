import type { PlanVersionView } from '@utvag/domain';
import { useApiGet } from '../api/use-api-get';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { PlanContentView } from './plan-content-view';
import { PlanMeta } from './plan-meta';
import { PlanOrigins } from './plan-pending-changes';
import { useOrganisations } from './use-organisations';

/** One version as it was, read-only. */
export function PlanVersionPage({ caseId, number }: { caseId: string; number: number }) {
  const { t } = useI18n();
  const [state] = useApiGet<PlanVersionView>(`/cases/${caseId}/plan/versions/${number}`);
  const { nameOf } = useOrganisations();
  const title = `${t('plan.title')}: ${t('plan.versionHeading', { number })}`;
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p><Link to={paths.planVersions(caseId)}>{t('plan.versions')}</Link></p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && (
        <>
          <PlanMeta plan={state.data} />
          <PlanOrigins plan={state.data} />
          <PlanContentView content={state.data.content} wholePlan={state.data.wholePlan} nameOf={nameOf} />
        </>
      )}
    </>
  );
}
