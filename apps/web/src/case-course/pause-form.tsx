import { applyTransition, type CaseStatus } from '@utvag/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, type FormError } from '../ui/form-errors';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';
import { localToday, ruleMessageKey } from './labels';
import type { TransitionBody, TransitionResult } from './use-case-course';

const fieldIds = { reason: 'course-pause-reason', checkInOn: 'course-check-in' };
const fieldOfRule: Record<string, string> = {
  pause_requires_reason: fieldIds.reason,
  pause_requires_check_in: fieldIds.checkInOn,
  check_in_in_past: fieldIds.checkInOn,
};

interface PauseFormProps {
  status: CaseStatus;
  move: (body: TransitionBody) => Promise<TransitionResult>;
  onCancel: () => void;
}

/** A pause needs a reason and a planned check-in; the same rule as the server's is checked first, here. */
export function PauseForm({ status, move, onCancel }: PauseFormProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [checkInOn, setCheckInOn] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLDivElement>(null);

  useEffect(() => {
    first.current?.querySelector('textarea')?.focus();
  }, []);

  const refused = (rule: string, message: string): FormError[] => {
    const fieldId = fieldOfRule[rule];
    return [fieldId ? { fieldId, message } : { message }];
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const body: TransitionBody = { to: 'paused', ...(reason.trim() ? { reason: reason.trim() } : {}), ...(checkInOn ? { checkInOn } : {}) };
    const outcome = applyTransition(status, body, localToday());
    if (!outcome.ok) {
      const key = ruleMessageKey(outcome.violation);
      setErrors(refused(outcome.violation, key ? t(key) : t('error.unexpected')));
      return;
    }
    setBusy(true);
    const result = await move(body);
    if (result.outcome === 'refused') setErrors(refused(result.rule, result.message));
    if (result.outcome === 'failed') setErrors([{ message: result.message }]);
    if (result.outcome !== 'moved') setBusy(false);
  };

  return (
    <div className="panel" id="course-pause-form" ref={first}>
      <h3>{t('course.pause')}</h3>
      <p>{t('course.pauseIntro')}</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form">
        <TextAreaField id={fieldIds.reason} label={t('course.pauseReason')} hint={t('course.pauseReasonHint')} value={reason} onChange={setReason} error={errorFor(errors, fieldIds.reason)} />
        <TextField id={fieldIds.checkInOn} type="date" label={t('course.checkInOn')} hint={t('course.checkInOnHint')} value={checkInOn} onChange={setCheckInOn} error={errorFor(errors, fieldIds.checkInOn)} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{t('course.pauseSubmit')}</button>
          <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
