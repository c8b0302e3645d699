import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { NewPasswordFields, newPasswordErrors, passwordFailure } from '../auth/new-password-fields';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary } from '../ui/error-summary';
import { errorFor, type FormError } from '../ui/form-errors';
import { TextField } from '../ui/text-field';

const ids = { current: 'current-password', password: 'changed-password', repeat: 'changed-password-repeat' };

/** Changing one's own password; the server ends the user's other sessions. */
export function PasswordChangeForm() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = [
      ...(currentPassword === '' ? [{ fieldId: ids.current, message: t('password.currentMissing') }] : []),
      ...newPasswordErrors(password, repeat, ids, t),
    ];
    setErrors(found);
    setChanged(false);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await api.post('/auth/password-change', { currentPassword, newPassword: password });
      setCurrentPassword('');
      setPassword('');
      setRepeat('');
      setChanged(true);
      announce(t('password.changed'));
    } catch (error) {
      const failure = asApiError(error);
      setErrors(failure.code === 'current_password_wrong' ? [{ fieldId: ids.current, message: t('password.currentWrong') }] : passwordFailure(failure, ids, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="password-change-title">
      <h2 id="password-change-title">{t('password.changeTitle')}</h2>
      <p>{t('password.changeIntro')}</p>
      {changed && <p className="notice">{t('password.changed')}</p>}
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate className="form form--narrow">
        <TextField id={ids.current} label={t('password.current')} type="password" autoComplete="current-password" value={currentPassword} onChange={setCurrentPassword}
          error={errorFor(errors, ids.current)} />
        <NewPasswordFields ids={ids} password={password} repeat={repeat} onPasswordChange={setPassword} onRepeatChange={setRepeat} errors={errors} />
        <button type="submit" className="button" disabled={busy}>{t('password.change')}</button>
      </form>
    </section>
  );
}
