import type { InformationCategory, JournalEntryView } from '@utvag/domain';
import { useRef, useState } from 'react';
import { api, asApiError } from '../api/client';
import { capitalised, categoryPhrase } from '../cases/labels';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { JournalCorrectionForm } from './journal-correction-form';
import { JournalEditForm } from './journal-edit-form';
import { journalFailure, needsReload } from './journal-errors';
import { JournalText } from './journal-text';

interface JournalEntryProps {
  caseId: string;
  entry: JournalEntryView;
  categories: readonly InformationCategory[];
  onChanged: () => void;
}

/** One entry: who wrote it, where and when, its status, its text, and every correction under it. */
export function JournalEntry({ caseId, entry, categories, onChanged }: JournalEntryProps) {
  const { t, dateTime } = useI18n();
  const announce = useAnnounce();
  const [mode, setMode] = useState<'reading' | 'editing' | 'correcting'>('reading');
  const [failure, setFailure] = useState<{ message: string; reload: boolean } | null>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const titleId = `journal-entry-${entry.id}`;

  const done = (message: string) => {
    setMode('reading');
    setFailure(null);
    announce(message);
    onChanged();
    title.current?.focus();
  };

  const sign = async () => {
    setFailure(null);
    try {
      await api.post<JournalEntryView>(`/cases/${caseId}/journal/${entry.id}/sign`, { version: entry.version });
      done(t('journal.signed'));
    } catch (error) {
      const apiError = asApiError(error);
      setFailure({ message: journalFailure(apiError, t), reload: needsReload(apiError) });
    }
  };

  const reload = () => {
    setMode('reading');
    setFailure(null);
    onChanged();
  };

  return (
    <li className="card">
      <h3 className="card__title" id={titleId} ref={title} tabIndex={-1}>
        {t('journal.entryTitle', { category: capitalised(categoryPhrase(t, entry.category)), time: dateTime(entry.createdAt) })}
      </h3>
      <p className={entry.status === 'signed' ? 'tag tag--ok' : 'tag'}>{t(`journal.status.${entry.status}`)}</p>
      <p className="meta">
        {t('journal.writtenBy', { name: entry.author.name, organisation: entry.organisation.name })}
        {entry.signedAt && entry.signedBy && <> {t('journal.signedBy', { time: dateTime(entry.signedAt), name: entry.signedBy.name })}</>}
      </p>
      <JournalText text={entry.body} />
      {entry.corrections.length > 0 && (
        <div className="notice">
          <h4>{t('journal.corrections')}</h4>
          <ol>
            {entry.corrections.map((correction) => (
              <li key={correction.id}>
                <p className="meta">{t('journal.correctedBy', { time: dateTime(correction.correctedAt), name: correction.correctedBy.name })}</p>
                <p>{t('journal.correctionReasonShown', { reason: correction.reason })}</p>
                <JournalText text={correction.body} />
              </li>
            ))}
          </ol>
        </div>
      )}
      {failure && (
        <div className="notice notice--error" role="alert">
          <p>{failure.message}</p>
          {failure.reload && <p><button type="button" className="button button--secondary" onClick={reload}>{t('journal.reload')}</button></p>}
        </div>
      )}
      {mode === 'reading' && (entry.allowed.edit || entry.allowed.sign || entry.allowed.correct) && (
        <div className="actions">
          {entry.allowed.edit && (
            <button type="button" className="button button--secondary" aria-describedby={titleId} onClick={() => setMode('editing')}>{t('journal.edit')}</button>
          )}
          {entry.allowed.sign && (
            <ConfirmAction label={t('journal.sign')} question={t('journal.signQuestion')} confirmLabel={t('journal.signConfirm')} onConfirm={sign} />
          )}
          {entry.allowed.correct && (
            <button type="button" className="button button--secondary" aria-describedby={titleId} onClick={() => setMode('correcting')}>{t('journal.correct')}</button>
          )}
        </div>
      )}
      {mode === 'editing' && (
        <JournalEditForm
          caseId={caseId}
          entry={entry}
          categories={categories}
          onSaved={() => done(t('journal.saved'))}
          onCancel={() => setMode('reading')}
          onReload={reload}
        />
      )}
      {mode === 'correcting' && (
        <JournalCorrectionForm caseId={caseId} entry={entry} onSaved={() => done(t('journal.corrected'))} onCancel={() => setMode('reading')} />
      )}
    </li>
  );
}
