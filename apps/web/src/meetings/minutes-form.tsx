import type { MeetingOutcome, MeetingView } from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { CheckboxField } from '../ui/checkbox-field';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, type FormError } from '../ui/form-errors';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';
import { meetingFailure } from './meeting-errors';

/** Minutes and the outcomes of a meeting; an outcome marked as a plan change goes into the next plan version. */
export function MinutesForm({ caseId, meeting, onSaved }: { caseId: string; meeting: MeetingView; onSaved: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const textId = `minutes-${meeting.id}`;
  const [text, setText] = useState('');
  const [outcomes, setOutcomes] = useState<MeetingOutcome[]>([]);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  const setOutcome = (index: number, change: Partial<MeetingOutcome>) =>
    setOutcomes((current) => current.map((outcome, each) => (each === index ? { ...outcome, ...change } : outcome)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (text.trim().length === 0) {
      setErrors([{ fieldId: textId, message: t('meetings.minutesMissing') }]);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      await api.post<MeetingView>(`/cases/${caseId}/meetings/${meeting.id}/minutes`, {
        version: meeting.version, text, outcomes: outcomes.filter((outcome) => outcome.text.trim().length > 0),
      });
      announce(t('meetings.minutesSaved'));
      onSaved();
    } catch (error) {
      setErrors([{ message: meetingFailure(asApiError(error), t) }]);
      setBusy(false);
    }
  };

  return (
    <div className="panel" id={`minutes-form-${meeting.id}`}>
      <h4>{t('meetings.minutesTitle')}</h4>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form">
        <TextAreaField id={textId} label={t('meetings.minutesText')} value={text} onChange={setText} error={errorFor(errors, textId)} />
        {outcomes.map((outcome, index) => (
          <fieldset className="field" key={index}>
            <legend>{t('meetings.outcomeText', { number: index + 1 })}</legend>
            <TextField id={`outcome-${meeting.id}-${index}`} label={t('meetings.outcomeText', { number: index + 1 })} value={outcome.text} onChange={(value) => setOutcome(index, { text: value })} />
            <CheckboxField id={`outcome-plan-${meeting.id}-${index}`} label={t('meetings.outcomeIsPlanChange', { number: index + 1 })} checked={outcome.planChange} onChange={(value) => setOutcome(index, { planChange: value })} />
            <button type="button" className="button button--secondary" onClick={() => setOutcomes((current) => current.filter((_, each) => each !== index))}>
              {t('meetings.removeOutcome', { number: index + 1 })}
            </button>
          </fieldset>
        ))}
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => setOutcomes((current) => [...current, { text: '', planChange: false }])}>
            {t('meetings.addOutcome')}
          </button>
          <button type="submit" className="button" disabled={busy}>{t('meetings.saveMinutes')}</button>
        </div>
      </form>
    </div>
  );
}
