import type { AccessLogEntry } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { actionLabel, rolesLabel } from './labels';

/** The extract a participant may ask for: who has looked at their data, when, from where. */
export function AccessLogPage({ caseId }: { caseId: string }) {
  const { t, dateTime, list } = useI18n();
  const [state] = useApiGet<{ entries: AccessLogEntry[] }>(`/cases/${caseId}/access-log`);

  return (
    <>
      <PageHeading title={t('accessLog.title')}>{t('accessLog.title')}</PageHeading>
      <p><Link to={paths.case(caseId)}>{t('accessLog.back')}</Link></p>
      <p>{t('accessLog.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && (
        <p className="notice notice--error" role="alert">
          {state.error.status === 403 ? t('accessLog.forbidden') : failureMessage(state.error, t)}
        </p>
      )}
      {state.status === 'ready' && state.data.entries.length === 0 && <p className="empty">{t('accessLog.empty')}</p>}
      {state.status === 'ready' && state.data.entries.length > 0 && (
        <div className="table-wrapper">
          <table>
            <caption>{t('accessLog.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accessLog.time')}</th>
                <th scope="col">{t('accessLog.person')}</th>
                <th scope="col">{t('accessLog.organisation')}</th>
                <th scope="col">{t('accessLog.role')}</th>
                <th scope="col">{t('accessLog.action')}</th>
                <th scope="col">{t('accessLog.emergency')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.entries.map((entry, index) => (
                <tr key={`${entry.occurredAt}-${index}`} className={entry.emergency ? 'row--emergency' : undefined}>
                  <td className="nowrap">{dateTime(entry.occurredAt)}</td>
                  <td>{entry.actorName || t('accessLog.unknown')}</td>
                  <td>{entry.organisationName || t('accessLog.unknown')}</td>
                  <td>{rolesLabel(t, entry.role, list)}</td>
                  <td>{actionLabel(t, entry.action)}</td>
                  <td>{entry.emergency ? <strong className="tag tag--danger">{t('accessLog.emergencyYes')}</strong> : t('accessLog.emergencyNo')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
