import type { CaseSummary } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { statusLabel } from './labels';

export function CaseListPage({ mayCreateCase }: { mayCreateCase: boolean }) {
  const { t, dateTime } = useI18n();
  const [state] = useApiGet<{ cases: CaseSummary[] }>('/cases');

  return (
    <>
      <PageHeading title={t('cases.title')}>{t('cases.title')}</PageHeading>
      {mayCreateCase && <p><Link to={paths.newCase} className="button">{t('cases.new')}</Link></p>}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && state.data.cases.length === 0 && (
        <div className="empty">
          <p>{t('cases.empty')}</p>
          {mayCreateCase && <p>{t('cases.emptyCreate')}</p>}
        </div>
      )}
      {state.status === 'ready' && state.data.cases.length > 0 && (
        <div className="table-wrapper">
          <table>
            <caption>{t('cases.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.alias')}</th>
                <th scope="col">{t('cases.program')}</th>
                <th scope="col">{t('cases.status')}</th>
                <th scope="col">{t('cases.owner')}</th>
                <th scope="col">{t('cases.coordinator')}</th>
                <th scope="col">{t('cases.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.cases.map((summary) => (
                <tr key={summary.id}>
                  <th scope="row"><Link to={paths.case(summary.id)}>{summary.alias}</Link></th>
                  <td>{t(`program.${summary.program}`)}</td>
                  <td>{statusLabel(t, summary.status)}</td>
                  <td>{summary.ownerOrganisation.name}</td>
                  <td>{summary.coordinator?.name ?? t('case.noCoordinator')}</td>
                  <td>{dateTime(summary.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
