import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { Link } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { ErrorSummary } from '../ui/error-summary';
import type { FormError } from '../ui/form-errors';
import { PageHeading } from '../ui/page-heading';
import { NewPasswordFields, newPasswordErrors, passwordFailure } from './new-password-fields';

const ids = { password: 'new-password', repeat: 'new-password-repeat' };

/** The link's secret rides in the fragment, which the browser never sends to the server in the address. */
function secretFromAddress(): string {
  return window.location.hash.replace(/^#/, '').trim();
}

/**
 * Choosing a password through a link from the system administrator: for a new account, or after a
 * forgotten password. Works whether or not anyone is signed in in this browser.
 */
export function SetPasswordPage() {
  const { t } = useI18n();
  const [token] = useState(secretFromAddress);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = newPasswordErrors(password, repeat, ids, t);
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await api.post('/auth/password', { token, password });
      // The used secret leaves the address bar and the history entry.
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      setDone(true);
    } catch (error) {
      const failure = asApiError(error);
      setErrors(failure.code === 'link_invalid' || (failure.code === 'validation_failed' && failure.issues.some((issue) => issue.path.endsWith('token')))
        ? [{ message: t('password.linkInvalid') }]
        : passwordFailure(failure, ids, t));
      setBusy(false);
    }
  };

  if (done) {
    return (
      <>
        <PageHeading key="done" title={t('password.setDoneTitle')}>{t('password.setDoneTitle')}</PageHeading>
        <p>{t('password.setDone')}</p>
        <p><Link to={paths.cases}>{t('password.setDoneLogin')}</Link></p>
      </>
    );
  }

  return (
    <>
      <PageHeading key="form" title={t('password.setTitle')}>{t('password.setTitle')}</PageHeading>
      {token.length < 20 ? (
        <p className="notice notice--error">{t('password.linkMissing')}</p>
      ) : (
        <>
          <p>{t('password.setIntro')}</p>
          <ErrorSummary errors={errors} />
          <form onSubmit={submit} noValidate className="form form--narrow">
            <NewPasswordFields ids={ids} password={password} repeat={repeat} onPasswordChange={setPassword} onRepeatChange={setRepeat} errors={errors} />
            <button type="submit" className="button" disabled={busy}>{t('password.set')}</button>
          </form>
        </>
      )}
    </>
  );
}
