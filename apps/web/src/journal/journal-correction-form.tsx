import type { JournalEntryView } from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { useI18n } from '../i18n/i18n-context';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, formErrorsFrom, type FormError } from '../ui/form-errors';
import { TextAreaField } from '../ui/text-area-field';
import { bodyProblem } from './journal-entry-form';
import { journalFailure } from './journal-errors';

interface JournalCorrectionFormProps {
  caseId: string;
  entry: JournalEntryView;
  onSaved: () => void;
  onCancel: () => void;
}

/** Corrects a signed entry: the corrected text and, always, the reason. */
export function JournalCorrectionForm({ caseId, entry, onSaved, onCancel }: JournalCorrectionFormProps) {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const fieldIds = { body: `journal-correction-body-${entry.id}`, reason: `journal-correction-reason-${entry.id}` };
  const latest = entry.corrections.at(-1)?.body ?? entry.body;
  const [body, setBody] = useState(latest);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const bodyError = bodyProblem(body, t);
    const found = [
      ...(bodyError ? [{ fieldId: fieldIds.body, message: bodyError }] : []),
      ...(reason.trim() ? [] : [{ fieldId: fieldIds.reason, message: t('journal.correctionReasonMissing') }]),
    ];
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await api.post<JournalEntryView>(`/cases/${caseId}/journal/${entry.id}/corrections`, { body, reason }, idempotency.key());
      idempotency.reset();
      onSaved();
    } catch (error) {
      const failure = asApiError(error);
      setErrors(failure.code === 'validation_failed' ? formErrorsFrom(failure, t, fieldIds) : [{ message: journalFailure(failure, t) }]);
      setBusy(false);
    }
  };

  const change = (set: (value: string) => void) => (value: string) => {
    idempotency.reset();
    set(value);
  };

  return (
    <div className="panel">
      <h4>{t('journal.correctionTitle')}</h4>
      <p>{t('journal.correctionIntro')}</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form">
        <TextAreaField id={fieldIds.body} label={t('journal.correctionBody')} value={body} onChange={change(setBody)} error={errorFor(errors, fieldIds.body)} />
        <TextAreaField
          id={fieldIds.reason}
          label={t('journal.correctionReason')}
          hint={t('journal.correctionReasonHint')}
          value={reason}
          onChange={change(setReason)}
          error={errorFor(errors, fieldIds.reason)}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{t('journal.correctionSubmit')}</button>
          <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
