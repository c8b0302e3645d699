import type { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n-context';
import type { Translate } from '../i18n/translate';
import { errorFor, failureMessage, type FormError } from '../ui/form-errors';
import { TextField } from '../ui/text-field';

/** The length rules of staff passwords, as the server checks them. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export interface NewPasswordIds { password: string; repeat: string }

interface NewPasswordFieldsProps {
  ids: NewPasswordIds;
  password: string;
  repeat: string;
  onPasswordChange: (value: string) => void;
  onRepeatChange: (value: string) => void;
  errors: readonly FormError[];
}

/** A new password and the same again, with the requirements shown before anyone types. */
export function NewPasswordFields({ ids, password, repeat, onPasswordChange, onRepeatChange, errors }: NewPasswordFieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <TextField id={ids.password} label={t('password.new')} hint={t('password.requirements')} type="password" autoComplete="new-password" value={password}
        onChange={onPasswordChange} error={errorFor(errors, ids.password)} />
      <TextField id={ids.repeat} label={t('password.repeat')} type="password" autoComplete="new-password" value={repeat} onChange={onRepeatChange}
        error={errorFor(errors, ids.repeat)} />
    </>
  );
}

/** What is wrong with the new password before it is sent: missing, too short or long, or not repeated the same. */
export function newPasswordErrors(password: string, repeat: string, ids: NewPasswordIds, t: Translate): FormError[] {
  const errors: FormError[] = [];
  if (password === '') errors.push({ fieldId: ids.password, message: t('password.newMissing') });
  else if (password.length < PASSWORD_MIN_LENGTH) errors.push({ fieldId: ids.password, message: t('password.tooShort') });
  else if (password.length > PASSWORD_MAX_LENGTH) errors.push({ fieldId: ids.password, message: t('password.tooLong') });
  if (repeat === '') errors.push({ fieldId: ids.repeat, message: t('password.repeatMissing') });
  else if (password !== '' && repeat !== password) errors.push({ fieldId: ids.repeat, message: t('password.mismatch') });
  return errors;
}

/** The server's answer about a new password, in the person's words; other codes are left to the caller. */
export function passwordFailure(error: ApiError, ids: NewPasswordIds, t: Translate): FormError[] {
  if (error.code === 'password_too_short') return [{ fieldId: ids.password, message: t('password.tooShort') }];
  if (error.code === 'password_too_long') return [{ fieldId: ids.password, message: t('password.tooLong') }];
  if (error.status === 429) {
    const seconds = Number(error.details.retryAfterSeconds);
    if (seconds > 0) {
      const minutes = Math.ceil(seconds / 60);
      return [{ message: minutes === 1 ? t('password.wait.one') : t('password.wait.other', { minutes }) }];
    }
  }
  return [{ message: failureMessage(error, t) }];
}
