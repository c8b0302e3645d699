import { useState, type FormEvent } from 'react';
import { asApiError } from '../api/client';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, type FormError } from '../ui/form-errors';
import { PageHeading } from '../ui/page-heading';
import { CodeField } from './code-field';
import { codeErrors, codeFailure } from './code-errors';
import { completeSecondFactor } from './second-factor';

interface CodeFormProps {
  onSignedIn: (me: Me) => void;
  onEnrolmentRequired: () => void;
  onRestart: () => void;
}

export function CodeForm({ onSignedIn, onEnrolmentRequired, onRestart }: CodeFormProps) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = codeErrors(code, t);
    setErrors(invalid);
    if (invalid.length > 0) return;
    setBusy(true);
    try {
      onSignedIn(await completeSecondFactor(code));
    } catch (error) {
      const failure = asApiError(error);
      setBusy(false);
      if (failure.code === 'enrolment_required') onEnrolmentRequired();
      else setErrors(codeFailure(failure, t));
    }
  };

  return (
    <>
      <PageHeading title={t('secondFactor.title')}>{t('secondFactor.title')}</PageHeading>
      <p>{t('secondFactor.intro')}</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form form--narrow">
        <CodeField value={code} onChange={setCode} error={errorFor(errors, 'code')} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{t('secondFactor.submit')}</button>
          <button type="button" className="button button--secondary" onClick={onRestart}>{t('secondFactor.otherAccount')}</button>
        </div>
      </form>
    </>
  );
}
