import type { ManagerOverview } from '@utvag/domain';
import { useApiGet } from '../api/use-api-get';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';

/** The manager's overview of the organisation: caseload, overdue items, decisions awaiting, emergency access. */
export function ManagerOverviewPage() {
  const { t, dateTime } = useI18n();
  const [state] = useApiGet<ManagerOverview>('/manager/overview');
  return (
    <>
      <PageHeading title={t('manager.title')}>{t('manager.title')}</PageHeading>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && (
        <>
          <section aria-labelledby="manager-counts">
            <h2 id="manager-counts">{t('manager.counts')}</h2>
            <dl>
              <dt>{t('manager.overdue')}</dt><dd>{state.data.overdueItems}</dd>
              <dt>{t('manager.decisionsAwaiting')}</dt><dd>{state.data.decisionsAwaiting}</dd>
            </dl>
          </section>
          <section aria-labelledby="manager-caseload">
            <h2 id="manager-caseload">{t('manager.caseload')}</h2>
            {state.data.caseload.length === 0 && state.data.unassignedCases === 0 ? <p className="empty">{t('manager.noCaseload')}</p> : (
              <>
                <table>
                  <thead><tr><th scope="col">{t('manager.coordinator')}</th><th scope="col">{t('manager.cases')}</th></tr></thead>
                  <tbody>
                    {state.data.caseload.map((row) => (
                      <tr key={row.coordinatorId}>
                        <td>{row.coordinatorName}{!row.coordinatorActive && <> <span className="tag tag--danger">{t('manager.coordinatorDisabled')}</span></>}</td>
                        <td>{row.cases}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {state.data.unassignedCases > 0 && <p>{t('manager.unassigned', { count: String(state.data.unassignedCases) })}</p>}
              </>
            )}
          </section>
          <section aria-labelledby="manager-emergency">
            <h2 id="manager-emergency">{t('manager.emergency')}</h2>
            {state.data.emergencyAccess.length === 0 ? <p className="empty">{t('manager.emergencyEmpty')}</p> : (
              <table>
                <thead><tr><th scope="col">{t('manager.who')}</th><th scope="col">{t('manager.when')}</th><th scope="col">{t('manager.case')}</th></tr></thead>
                <tbody>
                  {state.data.emergencyAccess.map((event) => (
                    <tr key={`${event.userId}-${event.grantedAt}`}>
                      <td>{event.userName}</td><td>{dateTime(event.grantedAt)}</td><td><Link to={paths.accessLog(event.caseId)}>{event.alias}</Link></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </>
  );
}
