import { useEffect, useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api/client';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, failureMessage, type FormError } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { TextField } from '../ui/text-field';
import { CodeField } from './code-field';
import { codeErrors, codeFailure } from './code-errors';
import { completeSecondFactor } from './second-factor';

interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

interface EnrolmentFormProps {
  onSignedIn: (me: Me) => void;
  onAlreadyEnrolled: () => void;
  onRestart: () => void;
}

/** SVG text → a data: URL the strict CSP allows as an image (img-src data:). */
function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  return `data:image/svg+xml;base64,${btoa(String.fromCharCode(...bytes))}`;
}

export function EnrolmentForm({ onSignedIn, onAlreadyEnrolled, onRestart }: EnrolmentFormProps) {
  const { t } = useI18n();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    api.post<Enrolment>('/auth/second-factor/enrolment').then(
      (result) => { if (current) setEnrolment(result); },
      (error: unknown) => {
        if (!current) return;
        const failure = asApiError(error);
        if (failure.code === 'already_enrolled') onAlreadyEnrolled();
        else setLoadError(failure);
      },
    );
    return () => { current = false; };
  }, [onAlreadyEnrolled]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = codeErrors(code, t);
    setErrors(invalid);
    if (invalid.length > 0) return;
    setBusy(true);
    try {
      onSignedIn(await completeSecondFactor(code));
    } catch (error) {
      setBusy(false);
      setErrors(codeFailure(asApiError(error), t));
    }
  };

  return (
    <>
      <PageHeading title={t('enrol.title')}>{t('enrol.title')}</PageHeading>
      <p>{t('enrol.intro')}</p>
      {loadError && (
        <div className="notice notice--error" role="alert">
          <p>{loadError.status === 401 ? t('secondFactor.startOver') : failureMessage(loadError, t)}</p>
          <button type="button" className="button button--secondary" onClick={onRestart}>{t('secondFactor.otherAccount')}</button>
        </div>
      )}
      {!enrolment && !loadError && <Loading />}
      {enrolment && (
        <>
          <ol className="steps">
            <li>{t('enrol.stepApp')}</li>
            <li>
              {t('enrol.stepScan')}
              <img className="qr" src={svgDataUrl(enrolment.qrSvg)} alt={t('enrol.qrAlt')} width={200} height={200} />
            </li>
            <li>
              {t('enrol.stepManual')}
              <TextField id="totp-secret" label={t('enrol.secret')} value={enrolment.secret} onChange={() => {}} readOnly spellCheck={false} className="input--secret" />
            </li>
            <li>{t('enrol.stepCode')}</li>
          </ol>
          <ErrorSummary errors={errors} />
          <form onSubmit={submit} noValidate className="form form--narrow">
            <CodeField value={code} onChange={setCode} error={errorFor(errors, 'code')} />
            <button type="submit" className="button" disabled={busy}>{t('enrol.submit')}</button>
          </form>
        </>
      )}
    </>
  );
}
