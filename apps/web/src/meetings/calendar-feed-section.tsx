import type { CalendarFeedCreated } from '@utvag/domain';
import { useState } from 'react';
import { api, asApiError } from '../api/client';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { failureMessage } from '../ui/form-errors';
import { TextField } from '../ui/text-field';

/** Creates (or replaces) the user's personal calendar feed; the secret address is shown once, to copy. */
export function CalendarFeedSection() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [address, setAddress] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const create = async () => {
    try {
      const created = await api.post<CalendarFeedCreated>('/calendar-feed', {});
      setAddress(new URL(created.path, window.location.origin).toString());
      setFailure(null);
      announce(t('meetings.feedCreated'));
    } catch (error) {
      setFailure(failureMessage(asApiError(error), t));
    }
  };

  const copy = async () => {
    if (!address) return;
    await navigator.clipboard.writeText(address);
    announce(t('meetings.feedCopied'));
  };

  return (
    <section aria-labelledby="calendar-feed-heading">
      <h3 id="calendar-feed-heading">{t('meetings.feedTitle')}</h3>
      <p>{t('meetings.feedIntro')}</p>
      {failure && <p className="notice notice--error" role="alert">{failure}</p>}
      {address ? (
        <>
          <TextField id="calendar-feed-address" label={t('meetings.feedAddress')} value={address} onChange={() => {}} readOnly spellCheck={false} />
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => void copy()}>{t('meetings.feedCopy')}</button>
          </div>
        </>
      ) : (
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => void create()}>{t('meetings.feedCreate')}</button>
        </div>
      )}
      {address && (
        <ConfirmAction label={t('meetings.feedCreate')} question={t('meetings.feedRotateQuestion')} confirmLabel={t('meetings.feedRotateConfirm')} onConfirm={create} />
      )}
    </section>
  );
}
