import { useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n-context';
import type { Translate } from '../i18n/translate';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, failureMessage, type FormError } from '../ui/form-errors';
import { TextAreaField } from '../ui/text-area-field';

const MIN_REASON = 10;

function refusal(failure: ApiError, t: Translate): FormError[] {
  if (failure.status === 404) return [{ message: t('emergency.notFound') }];
  if (failure.status === 403 && failure.code === 'forbidden') return [{ message: t('emergency.forbidden') }];
  if (failure.code === 'validation_failed') return [{ fieldId: 'emergency-reason', message: t('emergency.reasonTooShort') }];
  return [{ message: failureMessage(failure, t) }];
}

export function EmergencyAccessForm({ caseId, onGranted }: { caseId: string; onGranted: () => void }) {
  const { t, dateTime } = useI18n();
  const announce = useAnnounce();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setErrors([{ fieldId: 'emergency-reason', message: t('emergency.reasonTooShort') }]);
      return;
    }
    setBusy(true);
    try {
      const { expiresAt } = await api.post<{ expiresAt: string }>(`/cases/${caseId}/emergency-access`, { reason: reason.trim() });
      announce(t('emergency.granted', { until: dateTime(expiresAt) }));
      onGranted();
    } catch (error) {
      const failure = asApiError(error);
      setBusy(false);
      if (failure.code === 'already_has_access') onGranted();
      else setErrors(refusal(failure, t));
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} title={t('emergency.refusedTitle')} />
      <form onSubmit={submit} noValidate className="form">
        <TextAreaField
          id="emergency-reason"
          label={t('emergency.reason')}
          hint={t('emergency.reasonHint')}
          value={reason}
          onChange={setReason}
          error={errorFor(errors, 'emergency-reason')}
        />
        <button type="submit" className="button button--danger" disabled={busy}>{t('emergency.submit')}</button>
      </form>
    </>
  );
}
