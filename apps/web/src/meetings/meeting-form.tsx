import type { MeetingView, TeamMemberView } from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { useApiGet } from '../api/use-api-get';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { CheckboxField } from '../ui/checkbox-field';
import { CheckboxGroup } from '../ui/checkbox-group';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, type FormError } from '../ui/form-errors';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';
import { meetingFailure } from './meeting-errors';

const fieldIds = { date: 'meeting-date', start: 'meeting-start', end: 'meeting-end', place: 'meeting-place', attendees: 'meeting-attendees', agenda: 'meeting-agenda' };

/** A local date and time from the form as an instant. */
const instant = (date: string, time: string) => new Date(`${date}T${time}`).toISOString();

/** The form to schedule a SIP meeting; attendees are chosen from the case's team. */
export function MeetingForm({ caseId, onCreated }: { caseId: string; onCreated: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const key = useIdempotencyKey();
  const [team] = useApiGet<{ members: TeamMemberView[] }>(`/cases/${caseId}/team`);
  const [date, setDate] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [place, setPlace] = useState('');
  const [participantAttends, setParticipantAttends] = useState(true);
  const [attendees, setAttendees] = useState<string[]>([]);
  const [agenda, setAgenda] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  const changed = <T,>(set: (value: T) => void) => (value: T) => { key.reset(); set(value); };

  const problems = (): FormError[] => {
    const found: FormError[] = [];
    if (!date) found.push({ fieldId: fieldIds.date, message: t('meetings.dateMissing') });
    if (!start || !end) found.push({ fieldId: start ? fieldIds.end : fieldIds.start, message: t('meetings.timeMissing') });
    else if (end <= start) found.push({ fieldId: fieldIds.end, message: t('meetings.datesOutOfOrder') });
    if (agenda.trim().length === 0) found.push({ fieldId: fieldIds.agenda, message: t('meetings.agendaMissing') });
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
      await api.post<MeetingView>(`/cases/${caseId}/meetings`, {
        startsAt: instant(date, start), endsAt: instant(date, end), ...(place.trim() ? { place } : {}), participantAttends, attendeeUserIds: attendees, agenda,
      }, key.key());
      key.reset();
      announce(t('meetings.scheduled'));
      onCreated();
    } catch (error) {
      setErrors([{ message: meetingFailure(asApiError(error), t) }]);
      setBusy(false);
    }
  };

  const options = team.status === 'ready' ? team.data.members.map((member) => ({ value: member.user.id, label: `${member.user.name}, ${member.organisation.name}` })) : [];

  return (
    <div className="panel" id="meeting-form">
      <h3>{t('meetings.formTitle')}</h3>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form">
        <TextField id={fieldIds.date} type="date" label={t('meetings.date')} value={date} onChange={changed(setDate)} error={errorFor(errors, fieldIds.date)} />
        <TextField id={fieldIds.start} type="time" label={t('meetings.startTime')} value={start} onChange={changed(setStart)} error={errorFor(errors, fieldIds.start)} />
        <TextField id={fieldIds.end} type="time" label={t('meetings.endTime')} value={end} onChange={changed(setEnd)} error={errorFor(errors, fieldIds.end)} />
        <TextField id={fieldIds.place} label={t('meetings.place')} hint={t('meetings.placeHint')} value={place} onChange={changed(setPlace)} />
        <CheckboxField id="meeting-participant" label={t('meetings.participantAttends')} checked={participantAttends} onChange={changed(setParticipantAttends)} />
        {options.length > 0 && (
          <CheckboxGroup id={fieldIds.attendees} legend={t('meetings.attendees')} options={options} values={attendees} onChange={changed(setAttendees)} />
        )}
        <TextAreaField id={fieldIds.agenda} label={t('meetings.agenda')} value={agenda} onChange={changed(setAgenda)} error={errorFor(errors, fieldIds.agenda)} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{t('meetings.schedule')}</button>
        </div>
      </form>
    </div>
  );
}
