import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import type { CaseView } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary } from '../ui/error-summary';
import { formErrorsFrom, type FormError } from '../ui/form-errors';
import { draftFromView, participantChanges, participantFieldIds, type ParticipantDraft } from './participant-draft';
import { ParticipantFields } from './participant-fields';

/** Edits with the version the user saw: if someone else saved first, the server says 409 and nothing is overwritten. */
export function ParticipantEditForm({ view, onClose }: { view: CaseView; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [original] = useState(() => draftFromView(view.participant));
  const [draft, setDraft] = useState<ParticipantDraft>(original);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.querySelector('input')?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes = participantChanges(original, draft);
    if (Object.keys(changes).length === 0) {
      onClose(false);
      return;
    }
    setBusy(true);
    try {
      await api.patch<CaseView>(`/cases/${view.id}`, { version: view.version, participant: changes });
      announce(t('participant.saved'));
      onClose(true);
    } catch (error) {
      const failure = asApiError(error);
      setBusy(false);
      if (failure.code === 'stale_version') {
        setStale(true);
        setErrors([{ message: t('participant.stale') }]);
      } else {
        setErrors(formErrorsFrom(failure, t, participantFieldIds));
      }
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} />
      {stale && <p><button type="button" className="button" onClick={() => onClose(true)}>{t('participant.reload')}</button></p>}
      <form ref={form} onSubmit={submit} noValidate className="form">
        <ParticipantFields draft={draft} onChange={setDraft} errors={errors} identified />
        <div className="actions">
          <button type="submit" className="button" disabled={busy || stale}>{t('participant.save')}</button>
          <button type="button" className="button button--secondary" onClick={() => onClose(false)}>{t('common.cancel')}</button>
        </div>
      </form>
    </>
  );
}
