import type { MeetingView, TeamMemberView } from '@utvag/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { CheckboxField } from '../ui/checkbox-field';
import { CheckboxGroup } from '../ui/checkbox-group';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, type FormError } from '../ui/form-errors';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';
import { meetingFailure } from './meeting-errors';

const two = (value: number) => String(value).padStart(2, '0');
/** An instant as the local date and time the form shows (the same clock the schedule form reads). */
const localDate = (iso: string) => { const d = new Date(iso); return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`; };
const localTime = (iso: string) => { const d = new Date(iso); return `${two(d.getHours())}:${two(d.getMinutes())}`; };
const instant = (date: string, time: string) => new Date(`${date}T${time}`).toISOString();

interface Draft { date: string; start: string; end: string; place: string; participantAttends: boolean; attendees: string[]; agenda: string }

const draftOf = (meeting: MeetingView): Draft => ({
  date: localDate(meeting.startsAt),
  start: localTime(meeting.startsAt),
  end: localTime(meeting.endsAt),
  place: meeting.place ?? '',
  participantAttends: meeting.participantAttends,
  attendees: meeting.attendees.map((attendee) => attendee.id),
  agenda: meeting.agenda ?? '',
});

interface MeetingEditFormProps {
  caseId: string;
  meeting: MeetingView;
  onSaved: () => void;
  /** Someone else changed the meeting: reload it, and this form takes up the new values. */
  onStale: () => void;
}

/** Changes a scheduled meeting as a whole, naming the version it was read at (a stale save is refused with 409). */
export function MeetingEditForm({ caseId, meeting, onSaved, onStale }: MeetingEditFormProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [team] = useApiGet<{ members: TeamMemberView[] }>(`/cases/${caseId}/team`);
  const [draft, setDraft] = useState<Draft>(() => draftOf(meeting));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const readVersion = useRef(meeting.version);
  const ids = {
    date: `meeting-edit-date-${meeting.id}`, start: `meeting-edit-start-${meeting.id}`, end: `meeting-edit-end-${meeting.id}`,
    place: `meeting-edit-place-${meeting.id}`, attendees: `meeting-edit-attendees-${meeting.id}`, agenda: `meeting-edit-agenda-${meeting.id}`,
  };

  // When the reloaded meeting arrives after a stale save, the form shows its current values.
  useEffect(() => {
    if (meeting.version === readVersion.current) return;
    readVersion.current = meeting.version;
    setDraft(draftOf(meeting));
  }, [meeting]);

  // Attendees are chosen from the current team; one who has left it can no longer be invited.
  const options = team.status === 'ready' ? team.data.members.map((member) => ({ value: member.user.id, label: `${member.user.name}, ${member.organisation.name}` })) : [];
  const onTeam = new Set(options.map((option) => option.value));
  const attendees = team.status === 'ready' ? draft.attendees.filter((id) => onTeam.has(id)) : draft.attendees;

  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const problems = (): FormError[] => {
    const found: FormError[] = [];
    if (!draft.date) found.push({ fieldId: ids.date, message: t('meetings.dateMissing') });
    if (!draft.start || !draft.end) found.push({ fieldId: draft.start ? ids.end : ids.start, message: t('meetings.timeMissing') });
    else if (draft.end <= draft.start) found.push({ fieldId: ids.end, message: t('meetings.datesOutOfOrder') });
    if (draft.agenda.trim().length === 0) found.push({ fieldId: ids.agenda, message: t('meetings.agendaMissing') });
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = problems();
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await api.patch<MeetingView>(`/cases/${caseId}/meetings/${meeting.id}`, {
        version: readVersion.current, startsAt: instant(draft.date, draft.start), endsAt: instant(draft.date, draft.end),
        ...(draft.place.trim() ? { place: draft.place } : {}), participantAttends: draft.participantAttends,
        attendeeUserIds: attendees, agenda: draft.agenda,
      });
      announce(t('meetings.changed'));
      onSaved();
    } catch (error) {
      const failure = asApiError(error);
      if (failure.code === 'stale_version') {
        setErrors([{ message: t('meetings.editStale') }]);
        onStale();
      } else {
        setErrors([{ message: meetingFailure(failure, t) }]);
      }
    } finally {
      setBusy(false);
    }
  };


  return (
    <div className="panel" id={`meeting-edit-${meeting.id}`}>
      <h4>{t('meetings.editTitle')}</h4>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form">
        <TextField id={ids.date} type="date" label={t('meetings.date')} value={draft.date} onChange={set('date')} error={errorFor(errors, ids.date)} />
        <TextField id={ids.start} type="time" label={t('meetings.startTime')} value={draft.start} onChange={set('start')} error={errorFor(errors, ids.start)} />
        <TextField id={ids.end} type="time" label={t('meetings.endTime')} value={draft.end} onChange={set('end')} error={errorFor(errors, ids.end)} />
        <TextField id={ids.place} label={t('meetings.place')} hint={t('meetings.placeHint')} value={draft.place} onChange={set('place')} />
        <CheckboxField id={`meeting-edit-participant-${meeting.id}`} label={t('meetings.participantAttends')} checked={draft.participantAttends} onChange={set('participantAttends')} />
        {options.length > 0 && (
          <CheckboxGroup id={ids.attendees} legend={t('meetings.attendees')} options={options}
            values={attendees} onChange={set('attendees')} />
        )}
        <TextAreaField id={ids.agenda} label={t('meetings.agenda')} value={draft.agenda} onChange={set('agenda')} error={errorFor(errors, ids.agenda)} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{t('meetings.saveChanges')}</button>
        </div>
      </form>
    </div>
  );
}
