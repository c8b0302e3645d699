import { AgreementForm, type PlanVersionView } from '@utvag/domain';
import { useState } from 'react';
import { api, asApiError } from '../api/client';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { ErrorSummary } from '../ui/error-summary';
import { failureMessage, type FormError } from '../ui/form-errors';
import { RadioGroup } from '../ui/radio-group';
import { TextField } from '../ui/text-field';

const todayInSweden = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** Records how and when the participant agreed to the draft; asks for confirmation, since an agreed version never changes. */
export function PlanAgreeForm({ caseId, plan, onDone }: { caseId: string; plan: PlanVersionView; onDone: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [agreedOn, setAgreedOn] = useState(todayInSweden);
  const [agreementForm, setAgreementForm] = useState<AgreementForm>('in_meeting');
  const [errors, setErrors] = useState<FormError[]>([]);

  const agree = async () => {
    setErrors([]);
    try {
      await api.post<PlanVersionView>(`/cases/${caseId}/plan/versions/${plan.number}/agree`, { version: plan.version, agreedOn, agreementForm });
      announce(t('plan.agreed', { number: plan.number }));
      onDone();
    } catch (error) {
      const failure = asApiError(error);
      if (failure.code === 'stale_version') {
        announce(t('plan.stale'));
        onDone();
        return;
      }
      const message = failure.code === 'plan_incomplete' ? t('plan.agreeIncomplete')
        : failure.code === 'agreed_in_future' ? t('plan.agreeInFuture')
        : failure.code === 'validation_failed' ? t('plan.validation.date')
        : failureMessage(failure, t);
      setErrors([failure.code === 'agreed_in_future' || failure.code === 'validation_failed' ? { fieldId: 'plan-agreed-on', message } : { message }]);
    }
  };

  return (
    <section aria-labelledby="plan-agree-heading" className="panel">
      <h2 id="plan-agree-heading">{t('plan.agreeTitle', { number: plan.number })}</h2>
      <p>{t('plan.agreeIntro')}</p>
      <div className="form">
        <ErrorSummary errors={errors} />
        <TextField id="plan-agreed-on" type="date" label={t('plan.agreeDate')} value={agreedOn} onChange={setAgreedOn}
          error={errors.find((error) => error.fieldId === 'plan-agreed-on')?.message} />
        <RadioGroup
          id="plan-agreement-form"
          legend={t('plan.agreeForm')}
          value={agreementForm}
          onChange={setAgreementForm}
          options={AgreementForm.options.map((form) => ({ value: form, label: t(`plan.agreementForm.${form}`) }))}
        />
        <ConfirmAction
          label={t('plan.agree')}
          question={t('plan.agreeQuestion', { number: plan.number })}
          confirmLabel={t('plan.agreeConfirm')}
          onConfirm={agree}
        />
      </div>
    </section>
  );
}
