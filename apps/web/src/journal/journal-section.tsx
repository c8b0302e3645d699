import type { InformationCategory, JournalList } from '@utvag/domain';
import { useRef, useState } from 'react';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { JournalEntry } from './journal-entry';
import { JournalEntryForm } from './journal-entry-form';
import { DisclosureButton } from '../ui/disclosure-button';

interface JournalSectionProps {
  caseId: string;
  /** The categories the reader may read in the case (CaseView.access.categories): the ones they may write in. */
  categories: readonly InformationCategory[];
}

/** The case's journal: the entries the reader may read, newest first, and a form to write one. */
export function JournalSection({ caseId, categories }: JournalSectionProps) {
  const { t } = useI18n();
  const [state, reload] = useApiGet<JournalList>(`/cases/${caseId}/journal`);
  const [formOpen, setFormOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);

  const created = () => {
    setFormOpen(false);
    reload();
    toggle.current?.focus();
  };

  return (
    <section aria-labelledby="journal-heading">
      <h2 id="journal-heading">{t('journal.title')}</h2>
      <p>{t('journal.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && state.data.canWrite && categories.length > 0 && (
        <>
          <DisclosureButton open={formOpen} controls="journal-form" buttonRef={toggle} onToggle={() => setFormOpen((open) => !open)}>
            {t('journal.new')}
          </DisclosureButton>
          {formOpen && <JournalEntryForm caseId={caseId} categories={categories} onCreated={created} />}
        </>
      )}
      {state.status === 'ready' && state.data.entries.length === 0 && <p className="empty">{t('journal.empty')}</p>}
      {state.status === 'ready' && state.data.entries.length > 0 && (
        <ul className="cards journal">
          {state.data.entries.map((entry) => <JournalEntry key={entry.id} caseId={caseId} entry={entry} categories={categories} onChanged={reload} />)}
        </ul>
      )}
    </section>
  );
}
