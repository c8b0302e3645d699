import { useState, type FormEvent } from 'react';
import { api, asApiError, setCsrfToken } from '../api/client';
import { useI18n } from '../i18n/i18n-context';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, failureMessage, type FormError } from '../ui/form-errors';
import { PageHeading } from '../ui/page-heading';
import { TextField } from '../ui/text-field';

type Next = 'second_factor' | 'enrol_second_factor';

export function CredentialsForm({ sessionEnded, onVerified }: { sessionEnded: boolean; onVerified: (next: Next) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FormError[] = [
      ...(email.trim() ? [] : [{ fieldId: 'email', message: t('login.emailMissing') }]),
      ...(password ? [] : [{ fieldId: 'password', message: t('login.passwordMissing') }]),
    ];
    setErrors(missing);
    if (missing.length > 0) return;
    setBusy(true);
    try {
      const result = await api.post<{ next: Next; csrfToken: string }>('/auth/login', { email: email.trim(), password });
      setCsrfToken(result.csrfToken);
      onVerified(result.next);
    } catch (error) {
      const failure = asApiError(error);
      setErrors([{ message: failure.code === 'invalid_credentials' ? t('login.invalidCredentials') : failureMessage(failure, t) }]);
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t('login.title')}>{t('login.title')}</PageHeading>
      {sessionEnded && <p className="notice">{t('login.sessionEnded')}</p>}
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form form--narrow">
        <TextField id="email" label={t('login.email')} type="email" autoComplete="username" value={email} onChange={setEmail} error={errorFor(errors, 'email')} spellCheck={false} />
        <TextField id="password" label={t('login.password')} type="password" autoComplete="current-password" value={password} onChange={setPassword} error={errorFor(errors, 'password')} />
        <button type="submit" className="button" disabled={busy}>{t('login.submit')}</button>
      </form>
    </>
  );
}
