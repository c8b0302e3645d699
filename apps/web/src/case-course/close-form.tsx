import { applyTransition, type CaseStatus, type ClosingReason } from '@utvag/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, type FormError } from '../ui/form-errors';
import { RadioGroup } from '../ui/radio-group';
import { TextAreaField } from '../ui/text-area-field';
import { closingReasonOptions, localToday, ruleMessageKey } from './labels';
import type { TransitionBody, TransitionResult } from './use-case-course';

const fieldIds = { closingReason: 'course-closing-reason', firstReason: 'course-closing-reason-goals_reached', note: 'course-close-note' };
const fieldOfRule: Record<string, string> = {
  close_requires_reason: fieldIds.firstReason,
  closing_other_requires_note: fieldIds.note,
};

interface CloseFormProps {
  status: CaseStatus;
  move: (body: TransitionBody) => Promise<TransitionResult>;
  onCancel: () => void;
}

/** Closing asks for a reason, then asks "Är du säker?" before anything is sent. */
export function CloseForm({ status, move, onCancel }: CloseFormProps) {
  const { t } = useI18n();
  const [closingReason, setClosingReason] = useState<ClosingReason | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const question = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    panel.current?.querySelector('input')?.focus();
  }, []);

  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);

  const refused = (rule: string, message: string): FormError[] => {
    const fieldId = fieldOfRule[rule];
    return [fieldId ? { fieldId, message } : { message }];
  };

  const body = (): TransitionBody => ({ to: 'closed', ...(closingReason ? { closingReason } : {}), ...(note.trim() ? { reason: note.trim() } : {}) });

  const check = (event: FormEvent) => {
    event.preventDefault();
    const outcome = applyTransition(status, { ...body(), closingReason: closingReason || null }, localToday());
    if (!outcome.ok) {
      const key = ruleMessageKey(outcome.violation);
      setErrors(refused(outcome.violation, key ? t(key) : t('error.unexpected')));
      return;
    }
    setErrors([]);
    setAsking(true);
  };

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    const result = await move(body());
    if (result.outcome === 'moved') return;
    setBusy(false);
    setAsking(false);
    if (result.outcome === 'refused') setErrors(refused(result.rule, result.message));
    if (result.outcome === 'failed') setErrors([{ message: result.message }]);
  };

  return (
    <div className="panel" id="course-close-form" ref={panel}>
      <h3>{t('course.close')}</h3>
      <p>{t('course.closeIntro')}</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={check} noValidate className="form">
        <RadioGroup
          id={fieldIds.closingReason}
          legend={t('course.closingReason')}
          options={closingReasonOptions(t)}
          value={closingReason as ClosingReason}
          onChange={(value) => { setClosingReason(value); setAsking(false); }}
          error={errorFor(errors, fieldIds.firstReason)}
        />
        <TextAreaField id={fieldIds.note} label={t('course.closeNote')} hint={t('course.closeNoteHint')} value={note} onChange={(value) => { setNote(value); setAsking(false); }} error={errorFor(errors, fieldIds.note)} />
        {!asking && (
          <div className="actions">
            <button type="submit" className="button">{t('course.closeSubmit')}</button>
            <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
          </div>
        )}
      </form>
      {asking && closingReason && (
        <div className="confirm" role="group" aria-label={t('course.close')}>
          <p ref={question} tabIndex={-1}>{t('course.closeQuestion', { reason: t(`closingReason.${closingReason}`) })}</p>
          <div className="actions">
            <button type="button" className="button button--danger" onClick={confirm} disabled={busy}>{t('course.closeConfirm')}</button>
            <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>{t('common.cancel')}</button>
          </div>
        </div>
      )}
    </div>
  );
}
