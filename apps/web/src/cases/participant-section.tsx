import { useEffect, useRef, useState } from 'react';
import type { CaseView } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { ParticipantDetails } from './participant-details';
import { ParticipantEditForm } from './participant-edit-form';

export function ParticipantSection({ view, onSaved }: { view: CaseView; onSaved: () => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    // Back from the form: focus returns to the button that opened it.
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const close = (saved: boolean) => {
    setEditing(false);
    if (saved) onSaved();
  };

  return (
    <section aria-labelledby="participant-heading">
      <h2 id="participant-heading">{t('participant.title')}</h2>
      {editing
        ? <ParticipantEditForm view={view} onClose={close} />
        : (
          <>
            <ParticipantDetails view={view} />
            {view.access.canEdit && (
              <button type="button" className="button button--secondary" ref={editButton} onClick={() => setEditing(true)}>
                {t('participant.edit')}
              </button>
            )}
          </>
        )}
    </section>
  );
}
