import { canChangeMeeting, type MeetingView } from '@utvag/domain';
import { useState } from 'react';
import { api, asApiError } from '../api/client';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { meetingFailure } from './meeting-errors';
import { MeetingEditForm } from './meeting-edit-form';
import { MinutesForm } from './minutes-form';
import { OutcomeStatus, StartDraftFromMeeting, hasPendingPlanChanges } from '../plans/meeting-plan-changes';

interface MeetingCardProps {
  caseId: string;
  meeting: MeetingView;
  canSchedule: boolean;
  onChanged: () => void;
  /** The reader edits the plan and it has no draft. */
  canStartPlanDraft?: boolean;
}

export function MeetingCard({ caseId, meeting, canSchedule, onChanged, canStartPlanDraft = false }: MeetingCardProps) {
  const { t, dateTime, list } = useI18n();
  const announce = useAnnounce();
  const [minutesOpen, setMinutesOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const headingId = `meeting-${meeting.id}`;
  const endTime = new Date(meeting.endsAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

  const cancel = async () => {
    try {
      await api.post<MeetingView>(`/cases/${caseId}/meetings/${meeting.id}/cancel`, { version: meeting.version });
      announce(t('meetings.cancelled'));
      onChanged();
    } catch (error) {
      setFailure(meetingFailure(asApiError(error), t));
    }
  };

  const saved = () => {
    setMinutesOpen(false);
    onChanged();
  };

  const edited = () => {
    setEditOpen(false);
    onChanged();
  };

  return (
    <li className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('meetings.when', { start: dateTime(meeting.startsAt), end: endTime })} · {t(`meetings.status.${meeting.status}`)}</h3>
      <p>{meeting.place ? t('meetings.at', { place: meeting.place }) : t('meetings.noPlace')}</p>
      <p>{meeting.participantAttends ? t('meetings.withParticipant') : t('meetings.withoutParticipant')}</p>
      <p>{meeting.attendees.length > 0 ? t('meetings.attendeeList', { names: list(meeting.attendees.map((attendee) => attendee.name)) }) : t('meetings.noAttendees')}</p>
      {meeting.agenda !== null && (
        <>
          <h4>{t('meetings.agendaHeading')}</h4>
          <p className="preserve-lines">{meeting.agenda}</p>
        </>
      )}
      {meeting.minutes && (
        <>
          <h4>{t('meetings.minutesHeading')}</h4>
          <p className="preserve-lines">{meeting.minutes.text}</p>
          {meeting.minutes.outcomes.length > 0 && (
            <>
              <h5>{t('meetings.outcomes')}</h5>
              <ul>
                {meeting.minutes.outcomes.map((outcome, index) => (
                  <li key={index}>{outcome.text}{outcome.planChange && <> <strong>({t('meetings.planChange')})</strong></>}<OutcomeStatus meeting={meeting} index={index} /></li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {failure && <p className="notice notice--error" role="alert">{failure}</p>}
      <div className="actions">
        <a className="button button--secondary" href={`/api/v1/cases/${caseId}/meetings/${meeting.id}/calendar.ics`} download>{t('meetings.download')}</a>
        {canSchedule && canChangeMeeting(meeting.status) && (
          <button type="button" className="button button--secondary" aria-expanded={editOpen} aria-controls={editOpen ? `meeting-edit-${meeting.id}` : undefined}
            onClick={() => { setEditOpen((open) => !open); setMinutesOpen(false); }}>
            {t('meetings.edit')}
          </button>
        )}
        {canSchedule && meeting.status === 'scheduled' && (
          <>
            <button type="button" className="button button--secondary" aria-expanded={minutesOpen} aria-controls={minutesOpen ? `minutes-form-${meeting.id}` : undefined}
              onClick={() => { setMinutesOpen((open) => !open); setEditOpen(false); }}>
              {t('meetings.recordMinutes')}
            </button>
            <ConfirmAction label={t('meetings.cancel')} question={t('meetings.cancelQuestion')} confirmLabel={t('meetings.cancelConfirm')} onConfirm={cancel} />
          </>
        )}
        {canStartPlanDraft && hasPendingPlanChanges(meeting) && <StartDraftFromMeeting caseId={caseId} meeting={meeting} />}
      </div>
      {editOpen && canChangeMeeting(meeting.status) && <MeetingEditForm caseId={caseId} meeting={meeting} onSaved={edited} onStale={onChanged} />}
      {minutesOpen && <MinutesForm caseId={caseId} meeting={meeting} onSaved={saved} />}
    </li>
  );
}
