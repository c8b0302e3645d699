import type { StaffUser } from '@utvag/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n-context';
import { ErrorSummary } from '../ui/error-summary';
import type { FormError } from '../ui/form-errors';
import { draftOf, userFailure, userFieldIds, userUpdateBody, type UserDraft } from './user-draft';
import { UserFields } from './user-fields';

const ids = userFieldIds('user-edit');

interface UserEditFormProps {
  user: StaffUser;
  onSaved: (user: StaffUser) => void;
  /** Someone else changed the account: the page reloads it and says so. */
  onStale: (error: ApiError) => void;
}

/** Name, title and roles of one account, changed at the version shown; a newer version replaces what the form shows. */
export function UserEditForm({ user, onSaved, onStale }: UserEditFormProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<UserDraft>(() => draftOf(user));
  const [shownVersion, setShownVersion] = useState(user.version);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  // A newer version (saved here, changed by another act or by someone else) is what the form edits from now on.
  if (user.version !== shownVersion) {
    setShownVersion(user.version);
    setDraft(draftOf(user));
  }

  const set = <K extends keyof UserDraft>(field: K) => (value: UserDraft[K]) => setDraft((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const result = userUpdateBody(draft, user.version, ids, t);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      onSaved(await api.put<StaffUser>(`/users/${user.id}`, result.body));
    } catch (error) {
      const failure = asApiError(error);
      if (failure.code === 'stale_version') onStale(failure);
      else setErrors(userFailure(failure, t, ids));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="user-edit-heading">
      <h3 id="user-edit-heading">{t('users.editTitle')}</h3>
      <ErrorSummary errors={errors} />
      <UserFields ids={ids} draft={draft} errors={errors} onChange={set} withEmail={false} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>{t('users.save')}</button>
      </div>
    </form>
  );
}
