import type { MeetingList } from '@utvag/domain';
import { useRef, useState } from 'react';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { CalendarFeedSection } from './calendar-feed-section';
import { MeetingCard } from './meeting-card';
import { MeetingForm } from './meeting-form';
import { DisclosureButton } from '../ui/disclosure-button';

/** The case's SIP meetings: upcoming and past, a form to schedule one, and the personal calendar feed. */
export function MeetingSection({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [state, reload] = useApiGet<MeetingList>(`/cases/${caseId}/meetings`);
  const [formOpen, setFormOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);

  const created = () => {
    setFormOpen(false);
    reload();
    toggle.current?.focus();
  };

  const now = Date.now();
  const meetings = state.status === 'ready' ? state.data.meetings : [];
  const upcoming = meetings.filter((meeting) => meeting.status === 'scheduled' && new Date(meeting.endsAt).getTime() >= now);
  const past = meetings.filter((meeting) => !upcoming.includes(meeting)).reverse();
  const canSchedule = state.status === 'ready' && state.data.canSchedule;

  return (
    <section aria-labelledby="meetings-heading">
      <h2 id="meetings-heading">{t('meetings.title')}</h2>
      <p>{t('meetings.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && !state.data.canReadText && <p className="notice" role="note">{t('meetings.textHidden')}</p>}
      {canSchedule && (
        <>
          <DisclosureButton open={formOpen} controls="meeting-form" buttonRef={toggle} onToggle={() => setFormOpen((open) => !open)}>
            {t('meetings.new')}
          </DisclosureButton>
          {formOpen && <MeetingForm caseId={caseId} onCreated={created} />}
        </>
      )}
      {state.status === 'ready' && meetings.length === 0 && <p className="empty">{t('meetings.empty')}</p>}
      {upcoming.length > 0 && (
        <>
          <h3>{t('meetings.upcoming')}</h3>
          <ul className="cards">
            {upcoming.map((meeting) => <MeetingCard key={meeting.id} caseId={caseId} meeting={meeting} canSchedule={canSchedule} onChanged={reload} />)}
          </ul>
        </>
      )}
      {past.length > 0 && (
        <>
          <h3>{t('meetings.past')}</h3>
          <ul className="cards">
            {past.map((meeting) => (
              <MeetingCard key={meeting.id} caseId={caseId} meeting={meeting} canSchedule={canSchedule} onChanged={reload}
                canStartPlanDraft={state.status === 'ready' && state.data.canStartPlanDraft} />
            ))}
          </ul>
        </>
      )}
      <CalendarFeedSection />
    </section>
  );
}
