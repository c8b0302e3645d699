import { courseStages, type CaseStatus, type CourseStage } from '@utvag/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { statusLabel } from '../cases/labels';
import { useI18n } from '../i18n/i18n-context';
import { ErrorSummary } from '../ui/error-summary';
import type { FormError } from '../ui/form-errors';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';
import type { TransitionBody, TransitionResult } from './use-case-course';

interface ReentryFormProps {
  /** `paused` (resume) or `closed` (reopen). */
  status: CaseStatus;
  /** The stage the case was in before it was paused or closed: offered first. */
  suggested: CourseStage;
  move: (body: TransitionBody) => Promise<TransitionResult>;
  onCancel: () => void;
}

/** Coming back after a pause, or reopening a closed case, at whichever stage fits now. */
export function ReentryForm({ status, suggested, move, onCancel }: ReentryFormProps) {
  const { t } = useI18n();
  const [stage, setStage] = useState<CourseStage>(suggested);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const title = status === 'closed' ? t('course.reopen') : t('course.resume');

  useEffect(() => {
    panel.current?.querySelector('select')?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await move({ to: stage, ...(note.trim() ? { reason: note.trim() } : {}) });
    if (result.outcome === 'moved') return;
    setBusy(false);
    if (result.outcome === 'refused' || result.outcome === 'failed') setErrors([{ message: result.message }]);
  };

  return (
    <div className="panel" id="course-reentry-form" ref={panel}>
      <h3>{title}</h3>
      <p>{t('course.reentryIntro')}</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form">
        <SelectField
          id="course-reentry-stage"
          label={t('course.reentryStage')}
          options={courseStages.map((value) => ({ value, label: statusLabel(t, value) }))}
          value={stage}
          onChange={(value) => { if (value) setStage(value); }}
        />
        <TextAreaField id="course-reentry-note" label={t('course.reentryNote')} hint={t('course.reentryNoteHint')} value={note} onChange={setNote} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{title}</button>
          <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
