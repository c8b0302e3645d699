import type { InboxStatistics } from '@utvag/domain';
import { useApiGet } from '../api/use-api-get';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';

/** Counts only: conversations per week and state, and the organisation's cases per entry channel. */
export function InboxStatisticsPage() {
  const { t } = useI18n();
  const [state] = useApiGet<InboxStatistics>('/mailbox/statistics');
  return (
    <>
      <PageHeading title={t('inbox.statisticsTitle')}>{t('inbox.statisticsTitle')}</PageHeading>
      <p><Link to={paths.inbox}>{t('inbox.backToInbox')}</Link></p>
      <p>{t('inbox.statisticsIntro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && (
        <>
          <section aria-labelledby="inbox-weeks">
            <h2 id="inbox-weeks">{t('inbox.perWeek')}</h2>
            {state.data.weeks.length === 0 ? <p className="empty">{t('inbox.statisticsEmpty')}</p> : (
              <table>
                <thead><tr><th scope="col">{t('inbox.week')}</th><th scope="col">{t('inbox.status')}</th><th scope="col">{t('inbox.count')}</th></tr></thead>
                <tbody>
                  {state.data.weeks.map((row) => (
                    <tr key={`${row.week}-${row.status}`}><td>{row.week}</td><td>{t(`inbox.conversationStatus.${row.status}`)}</td><td>{row.count}</td></tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="inbox-channels">
            <h2 id="inbox-channels">{t('inbox.casesByChannel')}</h2>
            {state.data.casesByEntryChannel.length === 0 ? <p className="empty">{t('inbox.statisticsEmpty')}</p> : (
              <table>
                <thead><tr><th scope="col">{t('inbox.channel')}</th><th scope="col">{t('inbox.count')}</th></tr></thead>
                <tbody>
                  {state.data.casesByEntryChannel.map((row) => (
                    <tr key={row.entryChannel ?? 'none'}><td>{row.entryChannel ? t(`entryChannel.${row.entryChannel}`) : t('inbox.noChannel')}</td><td>{row.count}</td></tr>
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
