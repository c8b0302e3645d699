import type { CalendarFeedCreated, CalendarFeedStatus } from '@utvag/domain';
import { useState } from 'react';
import { api, asApiError } from '../api/client';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { failureMessage } from '../ui/form-errors';
import { TextField } from '../ui/text-field';

/**
 * The user's personal calendar feed: whether it is on, a new secret address (shown once, to copy), and
 * turning it off. Making a new address or turning it off asks first, since the old address stops working.
 */
export function CalendarFeedSection() {
  const { t, dateTime } = useI18n();
  const announce = useAnnounce();
  const [status, reload] = useApiGet<CalendarFeedStatus>('/calendar-feed');
  const [address, setAddress] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const create = async () => {
    try {
      const created = await api.post<CalendarFeedCreated>('/calendar-feed', {});
      setAddress(new URL(created.path, window.location.origin).toString());
      setFailure(null);
      announce(t('meetings.feedCreated'));
      reload();
    } catch (error) {
      setFailure(failureMessage(asApiError(error), t));
    }
  };

  const revoke = async () => {
    try {
      await api.delete('/calendar-feed');
      setAddress(null);
      setFailure(null);
      announce(t('meetings.feedRevoked'));
      reload();
    } catch (error) {
      setFailure(failureMessage(asApiError(error), t));
    }
  };

  const copy = async () => {
    if (!address) return;
    await navigator.clipboard.writeText(address);
    announce(t('meetings.feedCopied'));
  };

  const active = status.status === 'ready' && status.data.active;
  return (
    <section aria-labelledby="calendar-feed-heading">
      <h3 id="calendar-feed-heading">{t('meetings.feedTitle')}</h3>
      <p>{t('meetings.feedIntro')}</p>
      {failure && <p className="notice notice--error" role="alert">{failure}</p>}
      {status.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(status.error, t)}</p>}
      {address && (
        <>
          <TextField id="calendar-feed-address" label={t('meetings.feedAddress')} value={address} onChange={() => {}} readOnly spellCheck={false} />
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => void copy()}>{t('meetings.feedCopy')}</button>
          </div>
        </>
      )}
      {status.status === 'ready' && !address && (
        <p>{status.data.active && status.data.createdAt ? t('meetings.feedActiveSince', { date: dateTime(status.data.createdAt) }) : t('meetings.feedNone')}</p>
      )}
      {status.status === 'ready' && !active && (
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => void create()}>{t('meetings.feedCreate')}</button>
        </div>
      )}
      {active && (
        <>
          <ConfirmAction label={t('meetings.feedRotate')} question={t('meetings.feedRotateQuestion')} confirmLabel={t('meetings.feedRotateConfirm')} onConfirm={create} />
          <ConfirmAction label={t('meetings.feedRevoke')} question={t('meetings.feedRevokeQuestion')} confirmLabel={t('meetings.feedRevokeConfirm')} onConfirm={revoke} />
        </>
      )}
    </section>
  );
}
