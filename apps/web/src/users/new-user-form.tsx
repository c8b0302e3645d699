import type { CreatedStaffUser } from '@utvag/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { useI18n } from '../i18n/i18n-context';
import { ErrorSummary } from '../ui/error-summary';
import type { FormError } from '../ui/form-errors';
import { emptyDraft, newUserBody, userFailure, userFieldIds, type UserDraft } from './user-draft';
import { UserFields } from './user-fields';

const ids = userFieldIds('user-new');

/** A new staff account: who the person is and in which roles; the password is theirs to choose through a link. */
export function NewUserForm({ onCreated, onCancel }: { onCreated: (created: CreatedStaffUser) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const key = useIdempotencyKey();
  const heading = useRef<HTMLHeadingElement>(null);
  const [draft, setDraft] = useState<UserDraft>(emptyDraft);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => { heading.current?.focus(); }, []);

  const set = <K extends keyof UserDraft>(field: K) => (value: UserDraft[K]) => {
    key.reset();
    setDraft((current) => ({ ...current, [field]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const result = newUserBody(draft, ids, t);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const created = await api.post<CreatedStaffUser>('/users', result.body, key.key());
      key.reset();
      onCreated(created);
    } catch (error) {
      setErrors(userFailure(asApiError(error), t, ids));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form panel" aria-labelledby="user-new-heading">
      <h2 id="user-new-heading" ref={heading} tabIndex={-1}>{t('users.formTitleNew')}</h2>
      <p>{t('users.formIntro')}</p>
      <ErrorSummary errors={errors} />
      <UserFields ids={ids} draft={draft} errors={errors} onChange={set} withEmail />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>{t('users.create')}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
