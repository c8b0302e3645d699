import { useState } from 'react';
import { api, asApiError } from '../api/client';
import type { Notification } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/translate';
import { useAnnounce } from '../ui/announcer';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';

const kindMessages = {
  emergency_access: 'notifications.emergencyAccess',
  decision_awaiting: 'notifications.decisionAwaiting',
  meeting_scheduled: 'notifications.meetingScheduled',
  transfer_incoming: 'notifications.transferIncoming',
  transfer_accepted: 'notifications.transferAccepted',
  transfer_declined: 'notifications.transferDeclined',
  transfer_coordinator: 'notifications.transferCoordinator',
  coordinator_assigned: 'notifications.coordinatorAssigned',
  screening_referral_received: 'notifications.screeningReferral',
  report_of_concern_received: 'notifications.reportOfConcern',
} as const satisfies Record<string, MessageKey>;

function kindMessage(kind: string): (typeof kindMessages)[keyof typeof kindMessages] | 'notifications.other' {
  return Object.hasOwn(kindMessages, kind) ? kindMessages[kind as keyof typeof kindMessages] : 'notifications.other';
}

export function NotificationsPage({ onChanged }: { onChanged: () => void }) {
  const { t, dateTime } = useI18n();
  const announce = useAnnounce();
  const [state, reload] = useApiGet<{ notifications: Notification[] }>('/notifications');
  const [error, setError] = useState<string | null>(null);

  const markRead = async (notification: Notification) => {
    setError(null);
    try {
      await api.post(`/notifications/${notification.id}/read`);
      announce(t('notifications.markedRead'));
    } catch (failure) {
      setError(failureMessage(asApiError(failure), t));
    }
    reload();
    onChanged();
  };

  return (
    <>
      <PageHeading title={t('notifications.title')}>{t('notifications.title')}</PageHeading>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && state.data.notifications.length === 0 && <p className="empty">{t('notifications.empty')}</p>}
      {state.status === 'ready' && state.data.notifications.length > 0 && (
        <ul className="cards">
          {state.data.notifications.map((notification) => (
            <li key={notification.id} className={notification.readAt ? 'card' : 'card card--unread'}>
              <p className="tag">{notification.readAt ? t('notifications.read') : t('notifications.unread')}</p>
              <p className="card__title">{t(kindMessage(notification.kind))}</p>
              <p className="meta">{dateTime(notification.createdAt)}</p>
              <div className="actions">
                {(notification.kind === 'screening_referral_received' || notification.kind === 'report_of_concern_received')
                  && <Link to={paths.screening}>{t('notifications.openScreeningReferrals')}</Link>}
                {notification.kind === 'transfer_incoming'
                  ? <Link to={paths.incomingTransfers}>{t('notifications.openIncomingTransfers')}</Link>
                  : notification.caseId && notification.kind !== 'transfer_accepted' && <Link to={paths.case(notification.caseId)}>{t('notifications.openCase')}</Link>}
                {!notification.readAt && (
                  <button type="button" className="button button--secondary" onClick={() => markRead(notification)}>
                    {t('notifications.markRead')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
