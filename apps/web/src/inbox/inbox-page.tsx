import { InboxFilter, type ConversationList, type ConversationSummary } from '@utvag/domain';
import { useState } from 'react';
import { useApiGet } from '../api/use-api-get';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';

/** The support line's inbox: anonymous mailbox conversations, newest first, filtered by who holds them. */
export function InboxPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<InboxFilter>('unassigned');
  const [state] = useApiGet<ConversationList>(`/mailbox/conversations?filter=${filter}`);
  return (
    <>
      <PageHeading title={t('inbox.title')}>{t('inbox.title')}</PageHeading>
      <p>{t('inbox.intro')}</p>
      <p className="actions">
        <Link to={paths.inboxTemplates}>{t('inbox.templatesLink')}</Link>{' '}
        <Link to={paths.inboxStatistics}>{t('inbox.statisticsLink')}</Link>
      </p>
      <nav aria-label={t('inbox.filterLabel')}>
        <ul className="tabs">
          {InboxFilter.options.map((option) => (
            <li key={option}>
              <button type="button" className="button button--link" aria-pressed={filter === option} onClick={() => setFilter(option)}>
                {t(`inbox.filter.${option}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && (state.data.conversations.length === 0
        ? <p className="empty">{t('inbox.empty')}</p>
        : <ConversationTable conversations={state.data.conversations} />)}
    </>
  );
}

function ConversationTable({ conversations }: { conversations: readonly ConversationSummary[] }) {
  const { t, dateTime } = useI18n();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('inbox.received')}</th>
          <th scope="col">{t('inbox.about')}</th>
          <th scope="col">{t('inbox.place')}</th>
          <th scope="col">{t('inbox.assigned')}</th>
          <th scope="col">{t('inbox.status')}</th>
        </tr>
      </thead>
      <tbody>
        {conversations.map((conversation) => (
          <tr key={conversation.id}>
            <td>
              <Link to={paths.inboxConversation(conversation.id)}>{dateTime(conversation.lastMessageAt)}</Link>
              <br />{t('inbox.messages', { count: conversation.messageCount })}
            </td>
            <td>
              {conversation.audience === 'child' ? <strong>{t('inbox.child')}</strong> : t(`inbox.age.${conversation.ageGroup}`)}
              <br />{t('inbox.language')}: {conversation.language}
            </td>
            <td>{conversation.municipalityName ?? t('inbox.noPlace')}</td>
            <td>{conversation.assignedTo?.name ?? t('inbox.nobody')}</td>
            <td>
              {t(`inbox.conversationStatus.${conversation.status}`)}
              {conversation.awaitingReply && <><br /><strong>{t('inbox.awaiting')}</strong></>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
