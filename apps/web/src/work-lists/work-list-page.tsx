import { WorkItemKind, type WorkItem, type WorkList } from '@utvag/domain';
import { useApiGet } from '../api/use-api-get';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';

/** Where an item leads: the plan for plan items, else the case. */
const target = (item: WorkItem) =>
  item.kind === 'follow_up_due' || item.kind === 'plan_awaiting_agreement' ? paths.plan(item.caseId) : paths.case(item.caseId);

/** "Att göra": the coordinator's work list, grouped by kind, each group with its own empty state. */
export function WorkListPage() {
  const { t, date, dateTime } = useI18n();
  const [state] = useApiGet<WorkList>('/work-list');
  return (
    <>
      <PageHeading title={t('workList.title')}>{t('workList.title')}</PageHeading>
      <p>{t('workList.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && WorkItemKind.options.map((kind) => {
        const items = state.data.items.filter((item) => item.kind === kind);
        return (
          <section key={kind} aria-labelledby={`work-${kind}`}>
            <h2 id={`work-${kind}`}>{t(`workList.group.${kind}`)}</h2>
            {items.length === 0 ? <p className="empty">{t(`workList.empty.${kind}`)}</p> : (
              <ul className="cards">
                {items.map((item, index) => (
                  <li key={`${item.caseId}-${index}`} className="card">
                    <p className="card__title"><Link to={target(item)}>{t('workList.open', { alias: item.alias })}</Link></p>
                    <p className="meta">
                      {kind === 'meeting_this_week' ? dateTime(item.date) : date(item.date)}
                      {item.overdue && <> · <strong className="tag">{t('workList.overdue')}</strong></>}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}
